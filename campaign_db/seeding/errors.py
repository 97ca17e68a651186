"""Problems found in seed files.

Every problem names the file, the entry (its slug, or its position when it has
none) and the field, so that an analyst can go straight to the line to fix.
All problems of a load are collected and reported together: fixing one typo
per run would be slow. Values quoted in messages are shortened, so a hostile
or runaway value never floods the terminal.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

#: A folder with more problems than this lists the first ones and a count.
MAX_REPORTED = 200


def shorten(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters, with "…" where it was cut."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(value: Any, limit: int = 60) -> str:
    """A short, safe rendering of a value for a message."""
    if isinstance(value, (dict, list, tuple)):
        kind = "a mapping" if isinstance(value, dict) else "a list"
        return f"{kind} of {len(value)} item{'s' if len(value) != 1 else ''}"
    return repr(shorten(str(value), limit)) if isinstance(value, str) else shorten(repr(value), limit)


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """ "; did you mean 'x'?" for the closest known value, else ""."""
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


@dataclass(frozen=True)
class SeedProblem:
    """One thing wrong with one field of one entry of one seed file."""

    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        if self.entry == "(file)":
            return f"{self.file}: {self.message}"
        return f"{self.file}: entry {self.entry}: field {self.field}: {self.message}"


class SeedError(Exception):
    """The seed files of a campaign cannot be loaded; nothing was written."""

    def __init__(self, folder: Path, problems: list[SeedProblem]) -> None:
        self.folder = folder
        self.problems = problems
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in the seed files of {self.folder}; nothing was loaded:"
        shown = [f"  {problem}" for problem in self.problems[:MAX_REPORTED]]
        if count > MAX_REPORTED:
            shown.append(f"  ... and {count - MAX_REPORTED} more")
        return "\n".join([heading, *shown])


def _field_path(loc: Sequence[int | str]) -> str:
    """``('places', 2, '@place', 'role')`` → ``places[2].role``."""
    path = ""
    for step in loc:
        if isinstance(step, int):
            path += f"[{step}]"
        elif step.startswith("@"):
            continue
        else:
            path += f".{step}" if path else step
    return path or "(entry)"


def _message(error: Any, model_fields: Iterable[str]) -> str:
    kind = error["type"]
    context = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return "required, but missing"
    if kind == "extra_forbidden":
        field = str(error["loc"][-1])
        return f"unknown field{did_you_mean(field, model_fields)}"
    if kind == "literal_error":
        expected = context.get("expected", "")
        options = [option.strip(" '") for option in expected.replace(" or ", ",").split(",")]
        return f"unknown value {describe(value)}; expected one of: {', '.join(options)}" + (
            did_you_mean(str(value), options) if isinstance(value, str) else ""
        )
    if kind == "string_pattern_mismatch":
        return f"{describe(value)} is not well formed (expected {context.get('pattern', '')})"
    if kind in {"value_error", "assertion_error"}:
        return str(context.get("error") or error["msg"]).removeprefix("Value error, ")
    message = str(error["msg"])
    if value is not None and kind not in {"model_type", "dict_type"}:
        message += f" (got {describe(value)})"
    return message


class Problems:
    """A collector of problems, shared by the readers of one campaign folder."""

    def __init__(self) -> None:
        self.items: list[SeedProblem] = []
        #: file → every key (slug or code) its entries declare, good or bad;
        #: a file that could not be read at all has no set. References are
        #: checked against these, so one bad entry (or one unreadable file)
        #: is reported once, not again at every place that refers to it.
        self.declared: dict[str, set[str]] = {}

    def add(self, file: str, entry: str, field: str, message: str) -> None:
        self.items.append(SeedProblem(file, entry, field, message))

    def file(self, file: str, message: str) -> None:
        """A problem with a whole file."""
        self.add(file, "(file)", "(file)", message)

    def declare(self, file: str, key: str) -> None:
        self.declared.setdefault(file, set()).add(key)

    def add_validation(self, file: str, entry: str, error: ValidationError, model_fields: Iterable[str]) -> None:
        """Every problem pydantic found in one entry."""
        fields = list(model_fields)
        for item in error.errors():
            self.add(file, entry, _field_path(item["loc"]), _message(item, fields))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self, folder: Path) -> None:
        if self.items:
            raise SeedError(folder, list(self.items))
