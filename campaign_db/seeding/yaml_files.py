"""Reading seed YAML strictly and safely.

PyYAML follows YAML 1.1, whose implicit types surprise hand editors: ``NO``
becomes false, ``17:30`` becomes the integer 1050, ``2020-13-45`` crashes the
date constructor, and a key written twice silently keeps the last value. The
loader here keeps dates and times as text (the typed models parse them with
proper messages), recognises only ``true``/``false`` as booleans and plain
decimal numbers as numbers, and rejects duplicate keys.

Seed folders are also untrusted input, so before a file is parsed:

- it must be a regular file inside its folder (a symlink pointing out of the
  folder is refused) and at most ``MAX_FILE_BYTES``;
- anchors and aliases are refused (an alias bomb of a few lines expands to
  gigabytes in whatever walks it), and so is nesting deeper than
  ``MAX_DEPTH`` (the constructor recurses); both are found in one pass over
  the parser's events, before any value is built.

Parsing uses libyaml (the C parser) when PyYAML was built with it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import Problems, shorten

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 24

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_REPLACED_TAGS = {
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}


class StrictLoader(_BaseLoader):  # type: ignore[misc]
    """A safe loader with YAML 1.2-like scalars and no duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark, "a key must be plain text", key_node.start_mark
                )
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark, f"the key {key!r} is written twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


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


class _Refused(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        self.mark = mark
        self.message = message


def _entry_and_field_at(lines: list[str], line_index: int) -> tuple[str, str]:
    """Name the entry (nearest slug or code at or above the line) and the
    field (the key written on the line) where a problem was found."""
    entry = f"at line {line_index + 1}"
    for index in range(min(line_index, len(lines) - 1), -1, -1):
        match = _SLUG_LINE.match(lines[index])
        if match:
            entry = f"{shorten(match.group(1), 80)} (line {line_index + 1})"
            break
    field = "(YAML syntax)"
    if 0 <= line_index < len(lines):
        key = _KEY_LINE.match(lines[line_index])
        if key:
            field = f"{key.group(1)} (YAML syntax)"
    return entry, field


def _screen(text: str) -> None:
    """Refuse anchors, aliases, tags and deep nesting, from the parser's
    events alone (nothing is built yet)."""
    depth = 0
    for event in yaml.parse(text, Loader=StrictLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(event.start_mark, "anchors and aliases (&name, *name) are not allowed in seed files")
        tag = getattr(event, "tag", None)
        if tag and not getattr(event, "implicit", True) and not tag.startswith("tag:yaml.org,2002:"):
            raise _Refused(event.start_mark, f"the tag {shorten(tag, 40)} is not allowed in seed files")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def safe_file(folder: Path, name: str, limit: int, problems: Problems, file_label: str | None = None) -> Path | None:
    """``folder/name`` if it is a regular file inside ``folder`` of at most
    ``limit`` bytes; else ``None`` with the problem recorded."""
    label = file_label or name
    path = folder / name
    try:
        resolved = path.resolve(strict=True)
    except (FileNotFoundError, RuntimeError):
        return None
    if not resolved.is_relative_to(folder.resolve()):
        problems.file(label, f"is a link to {resolved}, outside the campaign folder: copy the file into the folder")
        return None
    if not resolved.is_file():
        problems.file(label, "is not a regular file")
        return None
    size = resolved.stat().st_size
    if size > limit:
        problems.file(label, f"is {size / 1_048_576:.1f} MB; a seed file may be at most {limit / 1_048_576:.0f} MB")
        return None
    return resolved


def read_yaml(folder: Path, name: str, problems: Problems, required: bool = True) -> Any:
    """The content of ``folder/name``; ``None`` (with a problem recorded when
    ``required``) if it is missing, unsafe or not valid YAML."""
    if not (folder / name).exists() and not (folder / name).is_symlink():
        if required:
            problems.file(name, f"missing: every campaign folder needs {name}")
        return None
    path = safe_file(folder, name, MAX_FILE_BYTES, problems)
    if path is None:
        if required and (folder / name).is_symlink() and not (folder / name).exists():
            problems.file(name, "is a broken link")
        return None
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        problems.file(name, f"not UTF-8 text: {error}")
        return None
    if not text.strip():
        problems.file(
            name, "is empty" + ("" if name != "campaign.yaml" else ": it describes the campaign (see seeds/README.md)")
        )
        return None
    lines = text.splitlines()
    try:
        _screen(text)
        content = yaml.load(text, Loader=StrictLoader)  # noqa: S506 - StrictLoader is a safe loader
    except _Refused as refused:
        entry, field = _entry_and_field_at(lines, refused.mark.line)
        problems.add(
            name, entry, field.replace("(YAML syntax)", "(YAML)"), f"line {refused.mark.line + 1}: {refused.message}"
        )
        return None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line_index = mark.line if mark is not None else 0
        entry, field = _entry_and_field_at(lines, line_index)
        problem = getattr(error, "problem", None) or str(error)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problems.add(name, entry, field, f"not valid YAML{where}: {shorten(str(problem), 200)}")
        return None
    except RecursionError:
        problems.file(name, f"nested too deeply to read (more than {MAX_DEPTH} levels)")
        return None
    # read: references into this file are checked against what it declares
    problems.declared.setdefault(name, set())
    return content
