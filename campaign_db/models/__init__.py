"""Typed ORM of the base tables (schema ``core``)."""

from .base import CORE_SCHEMA, Base, metadata
from .claims import Claim, ClaimPlace, Corroboration, Denial
from .documents import Document
from .losses import Loss
from .parties import Party, Source
from .places import Place, PlaceName

__all__ = [
    "CORE_SCHEMA",
    "Base",
    "metadata",
    "Claim",
    "ClaimPlace",
    "Corroboration",
    "Denial",
    "Document",
    "Loss",
    "Party",
    "Source",
    "Place",
    "PlaceName",
]
