"""What a load did: counts per table and the rows the files no longer hold."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

#: The tables a campaign writes, in the order they are reported. "links" are
#: the campaign's links to shared rows (which parties, sides, sources and
#: places it uses, with its own notes and coordinates).
TABLES = (
    "campaigns",
    "documents",
    "parties",
    "sides",
    "sources",
    "places",
    "links",
    "place_names",
    "place_areas",
    "claims",
    "claim_places",
    "denials",
    "corroborations",
    "losses",
)


@dataclass
class TableCounts:
    """Rows of one table that the files hold, and what the load did to them.

    ``deleted`` only ever counts rows that belong to an entry still in the
    files (a spelling removed from a place's ``names``, a place removed from a
    claim's ``places``) or the campaign's own links; entries removed from the
    files are never deleted, they are listed in ``LoadReport.stale``.
    """

    table: str
    in_files: int = 0
    inserted: int = 0
    updated: int = 0
    deleted: int = 0

    @property
    def changed(self) -> int:
        return self.inserted + self.updated + self.deleted


@dataclass
class LoadReport:
    """The result of loading one campaign folder."""

    folder: Path
    campaign: str
    tables: dict[str, TableCounts] = field(default_factory=lambda: {name: TableCounts(name) for name in TABLES})
    #: table → keys of rows the campaign's files no longer hold. They are
    #: kept, so the views still use them: delete them by hand once the
    #: removal is confirmed. Shared rows other campaigns still use are listed
    #: under "<table> (still used by other campaigns)" with their users.
    stale: dict[str, list[str]] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return sum(counts.changed for counts in self.tables.values())

    def lines(self) -> list[str]:
        """The report as the command line prints it."""
        lines = [f"{'table':<16}{'rows':>7}{'inserted':>10}{'updated':>9}{'deleted':>9}"]
        for counts in self.tables.values():
            if not (counts.in_files or counts.changed):
                continue
            lines.append(
                f"{counts.table:<16}{counts.in_files:>7}{counts.inserted:>10}{counts.updated:>9}{counts.deleted:>9}"
            )
        if self.changed:
            inserted = sum(c.inserted for c in self.tables.values())
            updated = sum(c.updated for c in self.tables.values())
            deleted = sum(c.deleted for c in self.tables.values())
            lines.append(f"changes: {self.changed} rows ({inserted} inserted, {updated} updated, {deleted} deleted)")
        else:
            lines.append("changes: none (the database already held these files)")
        for table, keys in self.stale.items():
            lines.append(
                f"not in the files any more (kept in the database; delete by hand if intended): "
                f"{table}: {', '.join(keys)}"
            )
        return lines
