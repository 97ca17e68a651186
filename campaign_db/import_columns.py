"""The columns of ``campaign-db import``'s files (claims, places, responses):
what the importer reads and ``--help`` lists, kept apart from the importer
so that the command line starts without loading Arrow."""

from __future__ import annotations

CLAIM_COLUMNS = (
    "claim",
    "source",
    "kind",
    "actor",
    "target",
    "stated_from",
    "stated_to",
    "stated_time",
    "occurred_from",
    "occurred_to",
    "occurred_time",
    "hedge",
    "event",
    "same_as",
    "place",
    "role",
    "share",
    "summary",
    "quote",
    "document",
    "note",
)
CLAIM_REQUIRED = ("claim", "source", "kind", "stated_from", "occurred_from", "summary", "quote")
PLACE_COLUMNS = ("place", "name", "kind", "area", "latitude", "longitude", "precision", "url", "quote")
PLACE_REQUIRED = ("place", "name", "kind", "url", "quote")
RESPONSE_COLUMNS = (
    "response",
    "slug",
    "claim",
    "source",
    "kind",
    "stated_from",
    "stated_to",
    "place",
    "quote",
    "counter_statement",
    "document",
    "note",
)
RESPONSE_REQUIRED = ("response", "slug", "claim", "source", "stated_from", "quote")

__all__ = [
    "CLAIM_COLUMNS",
    "CLAIM_REQUIRED",
    "PLACE_COLUMNS",
    "PLACE_REQUIRED",
    "RESPONSE_COLUMNS",
    "RESPONSE_REQUIRED",
]
