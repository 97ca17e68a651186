"""Loading campaign folders into the database: every folder checked first,
then all written in one transaction, one loader at a time."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from sqlalchemy import Connection, text

from .reading import CampaignFolder, read_campaign
from .report import LoadReport
from .writer import CampaignWriter

#: Key of the transaction-level advisory lock every loader (and `up`'s
#: migrations) takes first, so two loaders started together run one after
#: the other: the second sees the first's rows as unchanged instead of racing
#: it on the unique keys. The value is "cdb_seed" in ASCII.
ADVISORY_LOCK_KEY = int.from_bytes(b"cdb_seed", "big")

CAMPAIGN_FILE = "campaign.yaml"
#: A table gets fresh statistics when a load inserts or deletes at least this
#: many of its rows (an edit of a few rows does not move them; ANALYZE of a
#: war's claims would cost more than the edit).
ANALYZE_AFTER_ROWS = 200


def load_campaign(connection: Connection, folder: Path | CampaignFolder) -> LoadReport:
    """Load one campaign folder and say what changed (see ``load_campaigns``)."""
    return load_campaigns(connection, [folder])[0]


def load_campaigns(connection: Connection, folders: Iterable[Path | CampaignFolder]) -> list[LoadReport]:
    """Load campaign folders and say what changed in each.

    Every folder is read and checked completely before the database is
    touched; a problem in any raises ``SeedError`` and nothing is written. The
    writes run in one transaction (a savepoint when ``connection`` is already
    in one, so the caller can add more work atomically): a conflict with
    another campaign (``ConflictError``) or any error halfway leaves the
    database exactly as it was.
    """
    campaigns = [item if isinstance(item, CampaignFolder) else read_campaign(Path(item)) for item in folders]
    transaction = connection.begin_nested() if connection.in_transaction() else connection.begin()
    reports: list[LoadReport] = []
    with transaction:
        connection.execute(text("select pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
        # the derived tables are rewritten once, after the writes, not after each statement
        connection.execute(text("set local campaign_db.defer_refresh = 'on'"))
        # no JIT: the loader's statements run once, on plans whose estimated
        # cost is large; compiling them costs seconds, running them less
        connection.execute(text("set local jit = off"))
        writers = [CampaignWriter(connection, campaign) for campaign in campaigns]
        for writer in writers:
            reports.append(writer.write())
        changed = [writer for writer in writers if writer.report.changed]
        # Fresh statistics for what changed, before the derivation reads it:
        # the rules join these tables several levels deep, and on tables whose
        # statistics predate the load the planner guesses row counts that turn
        # a 10 ms query into a nested loop of minutes.
        changes: dict[str, int] = {}
        for report in reports:
            for table, counts in report.tables.items():
                changes[table] = changes.get(table, 0) + counts.inserted + counts.deleted
        for table in analysis_due(connection, changes):
            connection.execute(text(f"analyze core.{table}"))
        if len(changed) == 1:
            # one campaign: its scope and 'all', only for the places it touched when it can tell
            changed[0].refresh_derived()
        elif changed:
            connection.execute(text("select reporting_int.refresh_derived(null, null)"))
        connection.execute(text("set local campaign_db.defer_refresh = 'off'"))
        if sum(changes.values()) >= ANALYZE_AFTER_ROWS:
            for table in ("place_lineage", "control_candidates", "control_periods", "control_contests",
                          "contested_claims"):
                connection.execute(text(f"analyze derived.{table}"))
    return reports


def analysis_due(connection: Connection, changes: dict[str, int]) -> list[str]:
    """The core tables whose statistics a load's changes (rows inserted or
    deleted, by report table) make stale: never analysed, or changed by at
    least ANALYZE_AFTER_ROWS rows and a tenth of their size."""
    changed = {table for table, rows in changes.items() if rows > 0}
    tables = sorted(_analysed_tables(changed))
    rows = connection.execute(
        text(
            "select relname, reltuples from pg_class "
            "where relnamespace = 'core'::regnamespace and relname = any(:tables)"
        ),
        {"tables": tables},
    ).all()
    sizes = {str(row.relname): float(row.reltuples) for row in rows}
    due = []
    for table in tables:
        changed_rows = changes.get(table, max(changes.values(), default=0))
        size = sizes.get(table, -1.0)
        if size < 0 or (changed_rows >= ANALYZE_AFTER_ROWS and changed_rows >= size / 10):
            due.append(table)
    return due


def _analysed_tables(changed: set[str]) -> set[str]:
    tables = set(changed) - {"links", "sides"}
    if "links" in changed:
        tables |= {"campaign_parties", "campaign_sources", "campaign_places", "campaign_sides", "side_members"}
    if "sides" in changed:
        tables |= {"sides", "campaign_sides", "side_members"}
    return tables


def is_campaign_folder(folder: Path) -> bool:
    return folder.is_dir() and (folder / CAMPAIGN_FILE).is_file()


def campaign_folders(path: Path) -> list[Path]:
    """``path`` itself when it is a campaign folder, else its campaign sub-folders."""
    path = Path(path)
    if is_campaign_folder(path):
        return [path]
    if not path.is_dir():
        return []
    return sorted(child for child in path.iterdir() if is_campaign_folder(child))


def default_seed_folders() -> list[Path]:
    """The campaigns shipped with campaign-db (the package ``campaign_db.seeds``,
    the repository's top-level ``seeds/``)."""
    return campaign_folders(Path(str(resources.files("campaign_db.seeds"))))
