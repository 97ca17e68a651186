"""Loading campaign folders into the database: one transaction, one at a time."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sqlalchemy import Connection, text

from .reading import read_campaign
from .report import LoadReport
from .stale import stale_rows
from .writer import CampaignWriter

#: Key of the transaction-level advisory lock every loader takes first, so two
#: loaders started together (two `campaign-db up`, a test run beside a shell)
#: run one after the other: the second sees the first's rows as unchanged
#: instead of racing it on the unique keys. The value is "cdb_seed" in ASCII.
ADVISORY_LOCK_KEY = int.from_bytes(b"cdb_seed", "big")


def load_campaign(connection: Connection, folder: Path) -> LoadReport:
    """Load the campaign in ``folder`` and say what changed.

    The files are read and checked completely before the database is touched;
    any problem raises ``SeedError`` and nothing is written. The writes run in
    one transaction (a savepoint when ``connection`` is already in one, so the
    caller can load several campaigns atomically): an error halfway leaves the
    database exactly as it was.
    """
    campaign = read_campaign(Path(folder))
    transaction = connection.begin_nested() if connection.in_transaction() else connection.begin()
    with transaction:
        connection.execute(text("select pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
        writer = CampaignWriter(connection, campaign)
        report = writer.write()
        other_folders = [*default_seed_folders(), *campaign_folders(campaign.folder.parent)]
        report.stale = stale_rows(connection, campaign, writer.document_id, other_folders)
        # Fresh statistics for what changed: the reporting views join these
        # tables several levels deep, and on never-analysed tables the planner
        # guesses row counts that turn a 10 ms query into a nested loop of seconds.
        for table, counts in report.tables.items():
            if counts.changed:
                connection.execute(text(f"analyze core.{table}"))
    return report


def is_campaign_folder(folder: Path) -> bool:
    return folder.is_dir() and (folder / "document.yaml").is_file()


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
