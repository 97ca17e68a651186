"""Loading the curated seed files (``seeds/<campaign>/*.yaml``) into ``core``.

``load_campaign(connection, folder)`` reads and checks a campaign folder,
then upserts it on natural keys in one transaction under an advisory lock and
returns a ``LoadReport`` (counts per table, rows the files no longer hold).
Bad files raise ``SeedError``, naming file, entry and field of every problem.
"""

from .errors import SeedError, SeedProblem
from .loader import ADVISORY_LOCK_KEY, campaign_folders, default_seed_folders, load_campaign
from .reading import read_campaign
from .records import Campaign
from .report import TABLES, LoadReport, TableCounts

__all__ = [
    "ADVISORY_LOCK_KEY",
    "TABLES",
    "Campaign",
    "LoadReport",
    "SeedError",
    "SeedProblem",
    "TableCounts",
    "campaign_folders",
    "default_seed_folders",
    "load_campaign",
    "read_campaign",
]
