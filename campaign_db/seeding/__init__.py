"""Loading the curated seed files (``seeds/<campaign>/*.yaml``) into ``core``.

``read_campaign(folder)`` reads and checks a campaign folder against the typed
seed format (``schema``) without a database. ``load_campaigns(connection,
folders)`` checks every folder, then upserts them on natural keys in one
transaction under an advisory lock and returns a ``LoadReport`` per folder.
Bad files raise ``SeedError`` naming file, entry and field of every problem;
a disagreement with another campaign raises ``ConflictError`` naming both.
"""

from .errors import SeedError, SeedProblem
from .loader import (
    ADVISORY_LOCK_KEY,
    campaign_folders,
    default_seed_folders,
    is_campaign_folder,
    load_campaign,
    load_campaigns,
)
from .reading import CampaignFolder, read_campaign
from .report import TABLES, LoadReport, TableCounts
from .writer import ConflictError

__all__ = [
    "ADVISORY_LOCK_KEY",
    "TABLES",
    "CampaignFolder",
    "ConflictError",
    "LoadReport",
    "SeedError",
    "SeedProblem",
    "TableCounts",
    "campaign_folders",
    "default_seed_folders",
    "is_campaign_folder",
    "load_campaign",
    "load_campaigns",
    "read_campaign",
]
