"""Reading seed YAML strictly.

PyYAML follows YAML 1.1, whose implicit types surprise hand editors: ``NO``
becomes false, ``17:30`` becomes the integer 1050, ``2020-13-45`` crashes the
date constructor, and a key written twice silently keeps the last value. The
loader here keeps dates and times as text (the field readers parse them with
proper messages), recognises only ``true``/``false`` as booleans and plain
decimal numbers as numbers, and rejects duplicate keys.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import Problems

_REPLACED_TAGS = {
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}


class StrictLoader(yaml.SafeLoader):
    """A safe loader with YAML 1.2-like scalars and no duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark, f"the key {key!r} is written twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _REPLACED_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)

_SLUG_LINE = re.compile(r"^\s*-?\s*\{?\s*(?:slug|code)\s*:\s*['\"]?([^,'\"}\s]+)")
_KEY_LINE = re.compile(r"^\s*-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*:")


def _entry_and_field_at(lines: list[str], line_index: int) -> tuple[str, str]:
    """Name the entry (nearest slug or code at or above the line) and the
    field (the key written on the line) where a syntax error was found."""
    entry = f"at line {line_index + 1}"
    for index in range(min(line_index, len(lines) - 1), -1, -1):
        match = _SLUG_LINE.match(lines[index])
        if match:
            entry = f"{match.group(1)} (line {line_index + 1})"
            break
    field = "(YAML syntax)"
    if 0 <= line_index < len(lines):
        key = _KEY_LINE.match(lines[line_index])
        if key:
            field = f"{key.group(1)} (YAML syntax)"
    return entry, field


def read_yaml(folder: Path, name: str, problems: Problems, required: bool = True) -> Any:
    """The content of ``folder/name``; ``None`` (with a problem recorded when
    ``required``) if it is missing or not valid YAML."""
    path = folder / name
    if not path.is_file():
        if required:
            problems.add(name, "(file)", "(file)", f"missing: every campaign folder needs {name}")
        return None
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        problems.add(name, "(file)", "(file)", f"not UTF-8 text: {error}")
        return None
    try:
        content = yaml.load(text, Loader=StrictLoader)  # noqa: S506 - StrictLoader is a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line_index = mark.line if mark is not None else 0
        entry, field = _entry_and_field_at(text.splitlines(), line_index)
        problem = getattr(error, "problem", None) or str(error)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problems.add(name, entry, field, f"not valid YAML{where}: {problem}")
        return None
    problems.declared.setdefault(name, set())
    return content
