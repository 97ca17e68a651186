"""The "What the database answers" table of a campaign folder's README: each
row a place, a day, and the answer the account justifies (controlling side,
since, status), so that a test can hold the database to it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

STATUSES = ("contradicted", "contested", "disputed", "denied", "corroborated", "claimed")


@dataclass(frozen=True)
class Expected:
    place: str  # a name the README uses (one place; "(each)" rows are split)
    kind_hint: str | None  # "(city)" after the name
    day: dt.date
    side: str | None  # None: no side holds it ("—", "none", "no answer")
    since: dt.date | None  # None: not stated
    status: str | None  # None: not stated
    line: str

    def describe(self) -> str:
        return f"{self.place} on {self.day}: {self.line.strip()[:140]}"


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def read_table(readme: Path) -> list[Expected]:
    """The rows of the table under "## What the database answers"."""
    text = readme.read_text(encoding="utf-8")
    section = text.split("## What the database answers", 1)[1]
    rows: list[Expected] = []
    for line in section.splitlines():
        if line.startswith("## "):
            break
        if not line.startswith("| ") or line.startswith("| place") or set(line) <= set("|- "):
            continue
        cells = _cells(line)
        if len(cells) < 5 or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", cells[1]):
            continue
        names, day, side, since, status = cells[:5]
        names = names.removesuffix(" (each)")
        kind_hint = None
        match = re.fullmatch(r"(.+?) \((city|town|village)\)", names)
        if match:
            names, kind_hint = match.group(1), match.group(2)
        side_value = None if side.startswith(("—", "none", "no answer")) else side
        since_value = dt.date.fromisoformat(since) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", since) else None
        status_value = next((word for word in STATUSES if word in status), None)
        for name in names.split(", "):
            rows.append(Expected(name, kind_hint, dt.date.fromisoformat(day), side_value, since_value,
                                 status_value, line))
    return rows
