"""What the report shows, read from the ``reporting`` views.

Everything is read with plain SQL on a SQLAlchemy connection (the caller owns
the connection and its transaction, so a test can read inside a transaction it
rolls back). Rows stay dictionaries keyed by column name: the template decides
what a person sees, this module only decides what is fetched.

The one read outside ``reporting`` is the documents' publisher and retrieval
date, which ``reporting.campaigns`` does not carry; a login that cannot read
``core`` (a BI reader) gets the titles, addresses and licence from
``reporting.campaigns`` instead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

Row = dict[str, Any]


@dataclass(frozen=True)
class Document:
    """A source document of a campaign, as the footer cites it."""

    title: str
    publisher: str | None
    url: str | None
    licence: str | None
    retrieved_on: dt.date | None
    kind: str | None


@dataclass(frozen=True)
class Place:
    """A place the campaign's control data covers, with its coordinates if any."""

    place_id: int
    name: str
    kind: str
    district: str | None
    is_settlement: bool
    latitude: float | None
    longitude: float | None
    precision: str | None
    coordinates_source: str | None

    @property
    def is_mapped(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass
class Campaign:
    """One campaign's section of the report."""

    slug: str
    title: str
    war: str | None
    version: str | None
    seed_sha256: str | None
    licence: str | None
    first_day: dt.date
    last_day: dt.date
    area_kind: str | None
    as_of: dt.date
    sides: list[str]
    documents: list[Document] = field(default_factory=list)
    control: list[Row] = field(default_factory=list)
    contested: list[Row] = field(default_factory=list)
    losses: list[Row] = field(default_factory=list)
    progress: list[Row] = field(default_factory=list)
    daily: list[Row] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    mapped_without_control: list[str] = field(default_factory=list)

    @property
    def days(self) -> list[dt.date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + dt.timedelta(days=offset) for offset in range(count)]

    @property
    def mapped_places(self) -> list[Place]:
        return [place for place in self.places if place.is_mapped]

    @property
    def unmapped_settlements(self) -> list[Place]:
        return [place for place in self.places if place.is_settlement and not place.is_mapped]


@dataclass
class ReportData:
    campaigns: list[Campaign]
    requested_as_of: dt.date | None
    generated_at: dt.datetime


class UnknownCampaign(LookupError):
    """The ``--campaign`` slug names no campaign in the database."""


def _rows(connection: Connection, query: str, **params: Any) -> list[Row]:
    return [dict(row) for row in connection.execute(text(query), params).mappings()]


def parse_sides(sides: str | None) -> list[str]:
    """Side names, in the campaign's order, from ``reporting.campaigns.sides``
    ("Azerbaijan (AZ) | Armenia and Artsakh (AM, ARTSAKH)")."""
    if not sides:
        return []
    return [re.sub(r"\s*\([^()]*\)\s*$", "", part).strip() for part in sides.split(" | ") if part.strip()]


def _documents(connection: Connection, campaign: Row) -> list[Document]:
    rows = _rows(
        connection,
        """
        select documents.title, documents.publisher, documents.url, documents.licence,
            documents.retrieved_on, documents.kind
        from reporting.documents as documents
        where documents.campaign = :campaign
        order by documents.kind, documents.document_slug
        """,
        campaign=campaign["campaign"],
    )
    return [Document(**row) for row in rows]


def _places(connection: Connection, slug: str, daily: list[Row]) -> tuple[list[Place], list[str]]:
    rows = _rows(
        connection,
        """
        select place_id, place_name, place_kind, is_settlement, latitude, longitude,
            coordinate_precision, coordinates_source, is_mapped
        from reporting.places
        where :campaign = any(string_to_array(replace(campaigns, ' ', ''), ','))
        order by place_name, place_id
        """,
        campaign=slug,
    )
    districts: dict[int, str | None] = {}
    for row in daily:
        districts.setdefault(row["place_id"], row["district"])
    places = [
        Place(
            place_id=row["place_id"], name=row["place_name"], kind=row["place_kind"],
            district=districts[row["place_id"]], is_settlement=bool(row["is_settlement"]),
            latitude=row["latitude"] if row["is_mapped"] else None,
            longitude=row["longitude"] if row["is_mapped"] else None,
            precision=row["coordinate_precision"], coordinates_source=row["coordinates_source"],
        )
        for row in rows
        if row["place_id"] in districts
    ]
    elsewhere = [row["place_name"] for row in rows if row["is_mapped"] and row["place_id"] not in districts]
    return places, elsewhere


def _campaign(connection: Connection, row: Row, as_of: dt.date | None) -> Campaign:
    slug = row["campaign"]
    campaign = Campaign(
        slug=slug, title=row["campaign_title"], war=row["war"], version=row["version"],
        seed_sha256=row["seed_sha256"], licence=row["licence"], first_day=row["first_day"],
        last_day=row["last_day"], area_kind=row["report_area_kind"], as_of=as_of or row["last_day"],
        sides=parse_sides(row["sides"]),
    )
    campaign.documents = _documents(connection, row)
    campaign.control = _rows(
        connection,
        """
        select place_id, place_name, place_kind, district, controller, controller_side, since, basis,
            basis_place_name, status, claimant, claimant_party, counter_claimant, counter_side, counter_kind,
            share_percent, is_settlement
        from reporting.control_as_of(:as_of, null, :campaign)
        order by district nulls last, place_name, place_id
        """,
        as_of=campaign.as_of, campaign=slug,
    )
    campaign.contested = _rows(
        connection,
        """
        select claim_id, claim_date, claimant, claimant_party, claim_kind, summary, places, contest_kind,
            contested_by, contested_by_party, contested_on, contest_quote, counter_statement
        from reporting.contested_claims
        where campaign = :campaign
        order by claim_date, claim_slug, contested_on, contest_kind, contested_by, counter_claim_slug
        """,
        campaign=slug,
    )
    campaign.losses = _rows(
        connection,
        """
        select loss_id, as_of, reported_by, reported_by_party, losing_party, category, equipment, outcome,
            quantity, quantity_low, quantity_high, qualifier, place_name
        from reporting.losses
        where campaign = :campaign
        order by as_of, loss_slug
        """,
        campaign=slug,
    )
    campaign.progress = _rows(
        connection,
        """
        select day, district, controller_side, places, settlements
        from reporting.district_progress
        where campaign = :campaign
        order by district, day, controller_side nulls last
        """,
        campaign=slug,
    )
    campaign.daily = _rows(
        connection,
        """
        select day, place_id, district, controller, controller_side, status, since, basis, basis_place_name,
            claimant, counter_claimant, counter_side, counter_kind, share_percent
        from reporting.control_daily
        where campaign = :campaign
        order by place_id, day
        """,
        campaign=slug,
    )
    campaign.places, campaign.mapped_without_control = _places(connection, slug, campaign.daily)
    known = set(campaign.sides)
    for side in sorted({r["controller_side"] for r in campaign.daily if r["controller_side"]} - known):
        campaign.sides.append(side)  # a side the campaign row does not list: still gets a colour
    return campaign


def collect_report_data(
    connection: Connection, as_of: dt.date | None = None, campaign: str | None = None
) -> ReportData:
    """Every campaign's data (or ``campaign``'s only), control as of ``as_of``
    (default: each campaign's last day)."""
    rows = _rows(
        connection,
        """
        select campaign, campaign_title, war, version, seed_sha256, licence, first_day, last_day, sides,
            report_area_kind, document_titles, document_urls
        from reporting.campaigns
        where cast(:campaign as text) is null or campaign = :campaign
        order by first_day, campaign
        """,
        campaign=campaign,
    )
    if campaign is not None and not rows:
        known = ", ".join(r["campaign"] for r in _rows(connection, "select campaign from reporting.campaigns"))
        raise UnknownCampaign(f"no campaign {campaign!r} in the database (it holds: {known or 'none'})")
    return ReportData(
        campaigns=[_campaign(connection, row, as_of) for row in rows],
        requested_as_of=as_of,
        generated_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
    )
