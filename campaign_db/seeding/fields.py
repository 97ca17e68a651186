"""Reading the fields of one seed entry, with a problem per bad field.

Each reader returns the parsed value, or ``None`` after recording a problem
that names the file, the entry and the field. Callers build a record only when
the entry had no problem, so a half-read entry never reaches the database.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .errors import Problems
from .records import DateRange

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9_]*$")
TIME_PATTERN = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")

MISSING = object()


class Entry:
    """One mapping of a seed file, read field by field."""

    def __init__(
        self,
        problems: Problems,
        file: str,
        position: str,
        value: Any,
        allowed: Iterable[str],
        required: Iterable[str],
        key_field: str = "slug",
        context: str | None = None,
    ) -> None:
        self.problems = problems
        self.file = file
        self.had_problem = False
        self.data: Mapping[str, Any] = value if isinstance(value, Mapping) else {}
        key = self.data.get(key_field)
        if isinstance(key, str) and key.strip():
            if context is None:
                problems.declare(file, key.strip())
            self.name = f"{key.strip()} ({context})" if context else key.strip()
        else:
            self.name = position
        if not isinstance(value, Mapping):
            self.fail("(entry)", f"expected a mapping of fields (key: value), got {_describe(value)}")
            return
        allowed_set = set(allowed)
        for unknown in sorted(set(map(str, self.data)) - allowed_set):
            self.fail(unknown, f"unknown field; the fields of this file are: {', '.join(sorted(allowed_set))}")
        for name in required:
            if self.data.get(name) is None:
                self.fail(name, "required")

    def fail(self, field: str, message: str) -> None:
        self.had_problem = True
        self.problems.add(self.file, self.name, field, message)

    def raw(self, field: str) -> Any:
        return self.data.get(field)

    def text(self, field: str, required: bool = True) -> str | None:
        value = self.data.get(field)
        if value is None:
            return None  # a missing required field is reported by __init__
        if not isinstance(value, str):
            self.fail(field, f"expected text, got {_describe(value)} (write it in quotes)")
            return None
        value = value.strip()
        if not value:
            self.fail(field, "empty text")
            return None
        return value

    def slug(self, field: str = "slug") -> str | None:
        value = self.text(field)
        if value is not None and not SLUG_PATTERN.match(value):
            self.fail(field, f"{value!r} is not a slug: use lowercase letters, digits and single hyphens")
            return None
        return value

    def code(self, field: str = "code") -> str | None:
        value = self.text(field)
        if value is not None and not CODE_PATTERN.match(value):
            self.fail(field, f"{value!r} is not a party code: use capital letters, digits and underscores")
            return None
        return value

    def choice(self, field: str, vocabulary: Iterable[str]) -> str | None:
        value = self.text(field)
        allowed = tuple(vocabulary)
        if value is not None and value not in allowed:
            self.fail(field, f"unknown {field} {value!r}; expected one of: {', '.join(allowed)}")
            return None
        return value

    def day(self, field: str, value: Any = MISSING) -> dt.date | None:
        if value is MISSING:
            value = self.data.get(field)
        if value is None:
            return None
        parsed = parse_day(value)
        if parsed is None:
            self.fail(field, f"{value!r} is not a date: expected YYYY-MM-DD, e.g. 2020-10-22")
        return parsed

    def date_range(self, field: str) -> DateRange | None:
        """A date (``2020-10-22``) or a range (``[2020-10-20, 2020-10-22]``)."""
        value = self.data.get(field)
        if value is None:
            return None
        if isinstance(value, list):
            if len(value) != 2:
                self.fail(field, f"a date range is [earliest, latest]; got {len(value)} values")
                return None
            earliest, latest = parse_day(value[0]), parse_day(value[1])
            if earliest is None or latest is None:
                self.fail(field, f"{value!r} is not a date range: expected [YYYY-MM-DD, YYYY-MM-DD]")
                return None
            if earliest > latest:
                self.fail(field, f"reversed range: earliest {earliest} is after latest {latest}")
                return None
            return DateRange(earliest, latest)
        day = parse_day(value)
        if day is None:
            self.fail(field, f"{value!r} is not a date: expected YYYY-MM-DD or [earliest, latest]")
            return None
        return DateRange(day, day)

    def time(self, field: str) -> dt.time | None:
        value = self.data.get(field)
        if value is None:
            return None
        match = TIME_PATTERN.match(value) if isinstance(value, str) else None
        if match is None:
            self.fail(field, f"{value!r} is not a time of day: expected \"HH:MM\" in quotes, e.g. \"17:30\"")
            return None
        return dt.time(int(match.group(1)), int(match.group(2)))

    def integer(self, field: str) -> int | None:
        value = self.data.get(field)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(field, f"expected a whole number of 0 or more, got {_describe(value)}")
            return None
        return value

    def number(self, field: str) -> float | None:
        value = self.data.get(field)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(field, f"expected a number, got {_describe(value)}")
            return None
        return float(value)

    def text_list(self, field: str) -> list[str] | None:
        value = self.data.get(field)
        if value is None:
            return None
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(field, f"expected a list, got {_describe(value)}")
            return None
        items: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{field}[{index}]", f"expected non-empty text, got {_describe(item)} (write it in quotes)")
                return None
            items.append(item)
        return items

    def entries(self, field: str) -> list[Any]:
        """A nested list of entries (``denials``, ``corroborations``)."""
        value = self.data.get(field)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(field, f"expected a list of entries, got {_describe(value)}")
            return []
        return value


def parse_day(value: Any) -> dt.date | None:
    """A ``YYYY-MM-DD`` text (or a date object) as a date; ``None`` if it is not one."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {value}"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"
