"""Typed ORM of the base tables (schema ``core``), one module per subject."""

from .base import CORE_SCHEMA, Base, metadata
from .campaigns import Campaign, CampaignSide, Side, SideMember
from .claims import Claim, ClaimPlace, Corroboration, Denial
from .documents import Document
from .losses import Loss
from .parties import CampaignParty, CampaignSource, Party, Source
from .places import CampaignPlace, Place, PlaceArea, PlaceName

__all__ = [
    "CORE_SCHEMA",
    "Base",
    "Campaign",
    "CampaignParty",
    "CampaignPlace",
    "CampaignSide",
    "CampaignSource",
    "Claim",
    "ClaimPlace",
    "Corroboration",
    "Denial",
    "Document",
    "Loss",
    "Party",
    "Place",
    "PlaceArea",
    "PlaceName",
    "Side",
    "SideMember",
    "Source",
    "metadata",
]
