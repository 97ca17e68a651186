"""Typed records of a campaign's seed files, as read and checked.

The records hold slugs and codes, not database ids: resolving references is
the writer's job, and keeping ids out lets the whole campaign be validated
before the database is touched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DateRange:
    """A day, or a range of days when the account is vague; equal ends when exact."""

    earliest: dt.date
    latest: dt.date


@dataclass(frozen=True)
class DocumentRecord:
    slug: str
    title: str
    publisher: str | None
    url: str | None
    licence: str | None
    retrieved_on: dt.date | None
    file: str
    sha256: str
    content: str


@dataclass(frozen=True)
class PartyRecord:
    code: str
    name: str
    note: str | None


@dataclass(frozen=True)
class SourceRecord:
    slug: str
    name: str
    kind: str
    party: str | None
    note: str | None


@dataclass(frozen=True)
class PlaceRecord:
    slug: str
    name: str
    kind: str
    parent: str | None
    names: tuple[str, ...]
    note: str | None
    latitude: float | None
    longitude: float | None
    coordinate_precision: str | None


@dataclass(frozen=True)
class ClaimPlaceRecord:
    place: str
    role: str


@dataclass(frozen=True)
class DenialRecord:
    slug: str
    claim: str
    source: str
    stated: DateRange
    place: str | None
    quote: str
    counter_statement: str | None
    note: str | None


@dataclass(frozen=True)
class CorroborationRecord:
    slug: str
    claim: str
    source: str
    kind: str
    stated: DateRange
    place: str | None
    quote: str
    note: str | None


@dataclass(frozen=True)
class ClaimRecord:
    slug: str
    source: str
    kind: str
    actor: str | None
    target: str | None
    stated: DateRange
    stated_time: dt.time | None
    occurred: DateRange
    occurred_time: dt.time | None
    event: str | None
    places: tuple[ClaimPlaceRecord, ...]
    summary: str
    quote: str
    note: str | None
    denials: tuple[DenialRecord, ...]
    corroborations: tuple[CorroborationRecord, ...]


@dataclass(frozen=True)
class LossRecord:
    slug: str
    reported_by: str
    as_of: dt.date
    losing_party: str
    category: str
    equipment: str | None
    outcome: str
    quantity: int | None
    qualifier: str
    place: str | None
    claim: str | None
    quote: str
    note: str | None


@dataclass(frozen=True)
class Campaign:
    """Everything one campaign folder holds, checked and ready to write."""

    folder: Path
    document: DocumentRecord
    parties: tuple[PartyRecord, ...]
    sources: tuple[SourceRecord, ...]
    places: tuple[PlaceRecord, ...]
    claims: tuple[ClaimRecord, ...]
    losses: tuple[LossRecord, ...]

    @property
    def denials(self) -> tuple[DenialRecord, ...]:
        return tuple(denial for claim in self.claims for denial in claim.denials)

    @property
    def corroborations(self) -> tuple[CorroborationRecord, ...]:
        return tuple(corroboration for claim in self.claims for corroboration in claim.corroborations)
