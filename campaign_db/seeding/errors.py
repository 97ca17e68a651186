"""Problems found in seed files.

Every problem names the file, the entry (its slug, or its position when it has
none) and the field, so that an analyst can go straight to the line to fix.
All problems of a load are collected and reported together: fixing one typo
per run would be slow.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SeedProblem:
    """One thing wrong with one field of one entry of one seed file."""

    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
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
        return "\n".join([heading, *(f"  {problem}" for problem in self.problems)])


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

    def declare(self, file: str, key: str) -> None:
        self.declared.setdefault(file, set()).add(key)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self, folder: Path) -> None:
        if self.items:
            raise SeedError(folder, list(self.items))
