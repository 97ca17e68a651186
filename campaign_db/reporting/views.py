"""Read-only ORM classes mapped onto the views of schema ``reporting``.

They live on a MetaData of their own, not on ``campaign_db.models.metadata``:
Alembic's autogenerate and ``alembic check`` compare that one with the
database and would otherwise try to create tables named like the views. The
views themselves are created by the migrations, never by ``create_all``.

The primary keys declared here are what makes a row unique in each view (the
views have no constraints); they let the ORM build identities, nothing more.
Instances are never written: a session that tries to flush one raises.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, Double, Integer, MetaData, Text, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, UOWTransaction, mapped_column

REPORTING_SCHEMA = "reporting"

reporting_metadata = MetaData(schema=REPORTING_SCHEMA)


class ReportingView(DeclarativeBase):
    """Base of the classes mapped onto ``reporting`` views (read-only)."""

    metadata = reporting_metadata


class ReadOnlyViewError(TypeError):
    """Raised when a session is asked to write a reporting view row."""


@event.listens_for(Session, "before_flush")
def _refuse_view_writes(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, ReportingView):
            raise ReadOnlyViewError(
                f"{type(instance).__name__} maps the read-only view {instance.__table__}; "
                "change the core tables (campaign_db.models) instead"
            )

class ControlPeriod(ReportingView):
    """``reporting.control_periods``: one row per campaign scope × place × control period."""

    __tablename__ = "control_periods"

    campaign: Mapped[str] = mapped_column(Text, primary_key=True)
    campaign_title: Mapped[str] = mapped_column(Text)
    place_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_name: Mapped[str] = mapped_column(Text)
    place_kind: Mapped[str] = mapped_column(Text)
    district: Mapped[str | None] = mapped_column(Text)
    controller: Mapped[str | None] = mapped_column(Text)
    controller_code: Mapped[str | None] = mapped_column(Text)
    controller_side: Mapped[str | None] = mapped_column(Text)
    valid_from: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    since: Mapped[dt.date] = mapped_column(Date)
    basis: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)
    claim_id: Mapped[int] = mapped_column(Integer)
    claimant: Mapped[str] = mapped_column(Text)
    claimant_party: Mapped[str | None] = mapped_column(Text)
    basis_place_id: Mapped[int] = mapped_column(Integer)
    basis_place_name: Mapped[str] = mapped_column(Text)
    counter_claim_id: Mapped[int | None] = mapped_column(Integer)
    counter_claimant: Mapped[str | None] = mapped_column(Text)
    counter_side: Mapped[str | None] = mapped_column(Text)
    counter_kind: Mapped[str | None] = mapped_column(Text)
    share_percent: Mapped[float | None] = mapped_column(Double)
    district_id: Mapped[int | None] = mapped_column(Integer)
    is_settlement: Mapped[bool] = mapped_column(Boolean)
    place_slug: Mapped[str] = mapped_column(Text)
    claim_slug: Mapped[str] = mapped_column(Text)


class ControlDay(ReportingView):
    """``reporting.control_daily``: one row per campaign scope × day × place with a basis."""

    __tablename__ = "control_daily"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    campaign: Mapped[str] = mapped_column(Text, primary_key=True)
    campaign_title: Mapped[str] = mapped_column(Text)
    place_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_name: Mapped[str] = mapped_column(Text)
    place_kind: Mapped[str] = mapped_column(Text)
    district: Mapped[str | None] = mapped_column(Text)
    controller: Mapped[str | None] = mapped_column(Text)
    controller_code: Mapped[str | None] = mapped_column(Text)
    controller_side: Mapped[str | None] = mapped_column(Text)
    since: Mapped[dt.date] = mapped_column(Date)
    basis: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)
    claim_id: Mapped[int] = mapped_column(Integer)
    claimant: Mapped[str] = mapped_column(Text)
    claimant_party: Mapped[str | None] = mapped_column(Text)
    basis_place_id: Mapped[int] = mapped_column(Integer)
    basis_place_name: Mapped[str] = mapped_column(Text)
    counter_claim_id: Mapped[int | None] = mapped_column(Integer)
    counter_claimant: Mapped[str | None] = mapped_column(Text)
    counter_side: Mapped[str | None] = mapped_column(Text)
    counter_kind: Mapped[str | None] = mapped_column(Text)
    share_percent: Mapped[float | None] = mapped_column(Double)
    district_id: Mapped[int | None] = mapped_column(Integer)
    is_settlement: Mapped[bool] = mapped_column(Boolean)
    place_slug: Mapped[str] = mapped_column(Text)
    claim_slug: Mapped[str] = mapped_column(Text)


class DistrictProgress(ReportingView):
    """``reporting.district_progress``: one row per campaign scope × day × report area × side."""

    __tablename__ = "district_progress"

    campaign: Mapped[str] = mapped_column(Text, primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    district: Mapped[str] = mapped_column(Text)
    controller_side: Mapped[str | None] = mapped_column(Text, primary_key=True)
    places: Mapped[int] = mapped_column(BigInteger)
    district_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    settlements: Mapped[int] = mapped_column(BigInteger)


class ClaimFact(ReportingView):
    """``reporting.claims``: one row per claim × named place (the flat fact table)."""

    __tablename__ = "claims"

    campaign: Mapped[str] = mapped_column(Text)
    claim_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stated_on: Mapped[dt.date | None] = mapped_column(Date)
    occurred_from: Mapped[dt.date] = mapped_column(Date)
    occurred_to: Mapped[dt.date | None] = mapped_column(Date)
    claimant: Mapped[str] = mapped_column(Text)
    claimant_party: Mapped[str | None] = mapped_column(Text)
    claim_kind: Mapped[str] = mapped_column(Text)
    actor_party: Mapped[str | None] = mapped_column(Text)
    actor_side: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[int | None] = mapped_column(Integer, primary_key=True)
    place_name: Mapped[str | None] = mapped_column(Text)
    place_kind: Mapped[str | None] = mapped_column(Text)
    district: Mapped[str | None] = mapped_column(Text)
    hedge: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text)
    denials: Mapped[int] = mapped_column(BigInteger)
    corroborations: Mapped[int] = mapped_column(BigInteger)
    campaign_title: Mapped[str] = mapped_column(Text)
    claim_slug: Mapped[str] = mapped_column(Text)
    stated_from: Mapped[dt.date] = mapped_column(Date)
    stated_time: Mapped[str | None] = mapped_column(Text)
    occurred_time: Mapped[str | None] = mapped_column(Text)
    place_role: Mapped[str | None] = mapped_column(Text)
    share_percent: Mapped[float | None] = mapped_column(Double)
    claimant_side: Mapped[str | None] = mapped_column(Text)
    target_party: Mapped[str | None] = mapped_column(Text)
    target_side: Mapped[str | None] = mapped_column(Text)
    claimant_party_code: Mapped[str | None] = mapped_column(Text)
    actor_party_code: Mapped[str | None] = mapped_column(Text)
    target_party_code: Mapped[str | None] = mapped_column(Text)
    event_key: Mapped[str | None] = mapped_column(Text)
    same_as: Mapped[str | None] = mapped_column(Text)
    is_control_claim: Mapped[bool] = mapped_column(Boolean)
    district_id: Mapped[int | None] = mapped_column(Integer)
    is_settlement: Mapped[bool | None] = mapped_column(Boolean)
    place_slug: Mapped[str | None] = mapped_column(Text)
    document_title: Mapped[str] = mapped_column(Text)


class ContestedClaim(ReportingView):
    """``reporting.contested_claims``: one row per claim × contest."""

    __tablename__ = "contested_claims"
    __mapper_args__ = {"allow_partial_pks": True}  # noqa: RUF012 - SQLAlchemy's own declaration

    campaign: Mapped[str] = mapped_column(Text, primary_key=True)
    claim_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_date: Mapped[dt.date | None] = mapped_column(Date)
    claimant: Mapped[str] = mapped_column(Text)
    claimant_party: Mapped[str | None] = mapped_column(Text)
    claim_kind: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    places: Mapped[str | None] = mapped_column(Text)
    contest_kind: Mapped[str] = mapped_column(Text, primary_key=True)
    contested_by: Mapped[str] = mapped_column(Text)
    contested_by_party: Mapped[str | None] = mapped_column(Text)
    contested_on: Mapped[dt.date | None] = mapped_column(Date)
    contest_quote: Mapped[str] = mapped_column(Text)
    counter_statement: Mapped[str | None] = mapped_column(Text)
    days_after_claim: Mapped[int | None] = mapped_column(Integer)
    denial_id: Mapped[int | None] = mapped_column(Integer, primary_key=True)
    counter_claim_id: Mapped[int | None] = mapped_column(Integer, primary_key=True)
    counter_claim_kind: Mapped[str | None] = mapped_column(Text)
    counter_side: Mapped[str | None] = mapped_column(Text)
    counter_campaign: Mapped[str | None] = mapped_column(Text)
    actor_side: Mapped[str | None] = mapped_column(Text)
    claim_quote: Mapped[str] = mapped_column(Text)
    claimant_party_code: Mapped[str | None] = mapped_column(Text)
    contested_by_party_code: Mapped[str | None] = mapped_column(Text)
    claim_campaign: Mapped[str] = mapped_column(Text)
    claim_slug: Mapped[str] = mapped_column(Text)
    counter_claim_slug: Mapped[str | None] = mapped_column(Text)


class LossReport(ReportingView):
    """``reporting.losses``: one row per reported loss figure."""

    __tablename__ = "losses"

    campaign: Mapped[str] = mapped_column(Text)
    loss_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    as_of: Mapped[dt.date] = mapped_column(Date)
    reported_by: Mapped[str] = mapped_column(Text)
    reported_by_party: Mapped[str | None] = mapped_column(Text)
    losing_party: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(Text)
    equipment: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(Text)
    quantity: Mapped[int | None] = mapped_column(Integer)
    quantity_low: Mapped[int | None] = mapped_column(Integer)
    quantity_high: Mapped[int | None] = mapped_column(Integer)
    qualifier: Mapped[str] = mapped_column(Text)
    place_name: Mapped[str | None] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text)
    campaign_title: Mapped[str] = mapped_column(Text)
    loss_slug: Mapped[str] = mapped_column(Text)
    reported_by_party_code: Mapped[str | None] = mapped_column(Text)
    losing_party_code: Mapped[str] = mapped_column(Text)
    losing_side: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[int | None] = mapped_column(Integer)
    claim_id: Mapped[int | None] = mapped_column(Integer)


class SourceScore(ReportingView):
    """``reporting.source_scorecard``: one row per campaign scope × source."""

    __tablename__ = "source_scorecard"

    campaign: Mapped[str] = mapped_column(Text, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    party: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Text)
    claims: Mapped[int] = mapped_column(BigInteger)
    denied: Mapped[int] = mapped_column(BigInteger)
    corroborated: Mapped[int] = mapped_column(BigInteger)
    contradicted: Mapped[int] = mapped_column(BigInteger)
    control_claims: Mapped[int] = mapped_column(BigInteger)
    denials_made: Mapped[int] = mapped_column(BigInteger)
    corroborations_made: Mapped[int] = mapped_column(BigInteger)
    source_slug: Mapped[str] = mapped_column(Text, primary_key=True)
    party_code: Mapped[str | None] = mapped_column(Text)


class CampaignSummary(ReportingView):
    """``reporting.campaigns``: one row per campaign."""

    __tablename__ = "campaigns"

    campaign: Mapped[str] = mapped_column(Text, primary_key=True)
    campaign_title: Mapped[str] = mapped_column(Text)
    documents: Mapped[int] = mapped_column(BigInteger)
    licence: Mapped[str | None] = mapped_column(Text)
    first_day: Mapped[dt.date] = mapped_column(Date)
    last_day: Mapped[dt.date] = mapped_column(Date)
    sides: Mapped[str | None] = mapped_column(Text)
    claims: Mapped[int] = mapped_column(BigInteger)
    places: Mapped[int] = mapped_column(BigInteger)
    denials: Mapped[int] = mapped_column(BigInteger)
    corroborations: Mapped[int] = mapped_column(BigInteger)
    losses: Mapped[int] = mapped_column(BigInteger)
    war: Mapped[str | None] = mapped_column(Text)
    version: Mapped[str] = mapped_column(Text)
    report_area_kind: Mapped[str] = mapped_column(Text)
    seed_sha256: Mapped[str | None] = mapped_column(Text)
    document_titles: Mapped[str | None] = mapped_column(Text)
    document_urls: Mapped[str | None] = mapped_column(Text)


class GazetteerPlace(ReportingView):
    """``reporting.places``: one row per place of the shared gazetteer."""

    __tablename__ = "places"

    place_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_slug: Mapped[str] = mapped_column(Text)
    place_name: Mapped[str] = mapped_column(Text)
    place_kind: Mapped[str] = mapped_column(Text)
    names: Mapped[str | None] = mapped_column(Text)
    areas: Mapped[str | None] = mapped_column(Text)
    district: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Double)
    longitude: Mapped[float | None] = mapped_column(Double)
    coordinate_precision: Mapped[str | None] = mapped_column(Text)
    campaigns: Mapped[str | None] = mapped_column(Text)
    is_settlement: Mapped[bool] = mapped_column(Boolean)
    is_mapped: Mapped[bool] = mapped_column(Boolean)
    coordinates_source: Mapped[str | None] = mapped_column(Text)
    district_id: Mapped[int | None] = mapped_column(Integer)


class PlaceCitation(ReportingView):
    """``reporting.place_citations``: one row per gazetteer fact a campaign states about a place."""

    __tablename__ = "place_citations"

    campaign: Mapped[str] = mapped_column(Text, primary_key=True)
    place_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_name: Mapped[str] = mapped_column(Text)
    fact: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text, primary_key=True)
    document_title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    quote: Mapped[str | None] = mapped_column(Text)


class CampaignDocument(ReportingView):
    """``reporting.documents``: one row per source document of a campaign."""

    __tablename__ = "documents"

    campaign: Mapped[str] = mapped_column(Text, primary_key=True)
    document_slug: Mapped[str] = mapped_column(Text, primary_key=True)
    kind: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    licence: Mapped[str | None] = mapped_column(Text)
    retrieved_on: Mapped[dt.date | None] = mapped_column(Date)
    sha256: Mapped[str] = mapped_column(Text)
    characters: Mapped[int] = mapped_column(Integer)
    campaign_version: Mapped[str] = mapped_column(Text)
