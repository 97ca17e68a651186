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

from sqlalchemy import BigInteger, Boolean, Date, Integer, MetaData, Text, event
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
    """``reporting.control_periods``: one row per place × period of one basis."""

    __tablename__ = "control_periods"

    place_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_name: Mapped[str] = mapped_column(Text)
    place_kind: Mapped[str] = mapped_column(Text)
    district: Mapped[str | None] = mapped_column(Text)
    controller: Mapped[str] = mapped_column(Text)
    controller_code: Mapped[str] = mapped_column(Text)
    valid_from: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    basis: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text)
    claim_id: Mapped[int] = mapped_column(Integer)
    claimant: Mapped[str] = mapped_column(Text)
    claimant_party: Mapped[str | None] = mapped_column(Text)
    basis_place_id: Mapped[int] = mapped_column(Integer)
    basis_place_name: Mapped[str] = mapped_column(Text)
    district_id: Mapped[int | None] = mapped_column(Integer)
    is_settlement: Mapped[bool] = mapped_column(Boolean)
    place_slug: Mapped[str] = mapped_column(Text)


class ControlDay(ReportingView):
    """``reporting.control_daily``: one row per day × place with a basis."""

    __tablename__ = "control_daily"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    place_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_name: Mapped[str] = mapped_column(Text)
    place_kind: Mapped[str] = mapped_column(Text)
    district: Mapped[str | None] = mapped_column(Text)
    controller: Mapped[str] = mapped_column(Text)
    controller_code: Mapped[str] = mapped_column(Text)
    since: Mapped[dt.date] = mapped_column(Date)
    basis: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text)
    claim_id: Mapped[int] = mapped_column(Integer)
    claimant: Mapped[str] = mapped_column(Text)
    claimant_party: Mapped[str | None] = mapped_column(Text)
    basis_place_id: Mapped[int] = mapped_column(Integer)
    basis_place_name: Mapped[str] = mapped_column(Text)
    district_id: Mapped[int | None] = mapped_column(Integer)
    is_settlement: Mapped[bool] = mapped_column(Boolean)
    place_slug: Mapped[str] = mapped_column(Text)


class DistrictProgress(ReportingView):
    """``reporting.district_progress``: one row per day × district × controller."""

    __tablename__ = "district_progress"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    district: Mapped[str] = mapped_column(Text)
    controller: Mapped[str] = mapped_column(Text)
    places: Mapped[int] = mapped_column(BigInteger)
    controller_code: Mapped[str] = mapped_column(Text, primary_key=True)
    district_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    settlements: Mapped[int] = mapped_column(BigInteger)


class ClaimFact(ReportingView):
    """``reporting.claims``: one row per claim × named place (the flat fact table)."""

    __tablename__ = "claims"

    claim_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stated_on: Mapped[dt.date] = mapped_column(Date)
    occurred_from: Mapped[dt.date] = mapped_column(Date)
    occurred_to: Mapped[dt.date] = mapped_column(Date)
    claimant: Mapped[str] = mapped_column(Text)
    claimant_party: Mapped[str | None] = mapped_column(Text)
    claim_kind: Mapped[str] = mapped_column(Text)
    actor_party: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[int | None] = mapped_column(Integer, primary_key=True)
    place_name: Mapped[str | None] = mapped_column(Text)
    place_kind: Mapped[str | None] = mapped_column(Text)
    district: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text)
    denials: Mapped[int] = mapped_column(BigInteger)
    corroborations: Mapped[int] = mapped_column(BigInteger)
    claim_slug: Mapped[str] = mapped_column(Text)
    stated_from: Mapped[dt.date] = mapped_column(Date)
    stated_time: Mapped[str | None] = mapped_column(Text)
    occurred_time: Mapped[str | None] = mapped_column(Text)
    place_role: Mapped[str | None] = mapped_column(Text)
    target_party: Mapped[str | None] = mapped_column(Text)
    claimant_party_code: Mapped[str | None] = mapped_column(Text)
    actor_party_code: Mapped[str | None] = mapped_column(Text)
    target_party_code: Mapped[str | None] = mapped_column(Text)
    event_key: Mapped[str | None] = mapped_column(Text)
    is_control_claim: Mapped[bool] = mapped_column(Boolean)
    district_id: Mapped[int | None] = mapped_column(Integer)
    is_settlement: Mapped[bool | None] = mapped_column(Boolean)


class ContestedClaim(ReportingView):
    """``reporting.contested_claims``: one row per claim × contest.

    A contest is identified by its kind and by the denial (``denial_id``) or
    the counter-claim (``counter_claim_id``) that makes it.
    """

    __tablename__ = "contested_claims"
    __mapper_args__ = {"allow_partial_pks": True}

    claim_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_date: Mapped[dt.date] = mapped_column(Date)
    claimant: Mapped[str] = mapped_column(Text)
    claimant_party: Mapped[str | None] = mapped_column(Text)
    claim_kind: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    places: Mapped[str | None] = mapped_column(Text)
    contest_kind: Mapped[str] = mapped_column(Text, primary_key=True)
    contested_by: Mapped[str] = mapped_column(Text)
    contested_by_party: Mapped[str | None] = mapped_column(Text)
    contested_on: Mapped[dt.date] = mapped_column(Date)
    contest_quote: Mapped[str] = mapped_column(Text)
    counter_statement: Mapped[str | None] = mapped_column(Text)
    days_after_claim: Mapped[int] = mapped_column(Integer)
    denial_id: Mapped[int | None] = mapped_column(Integer, primary_key=True)
    counter_claim_id: Mapped[int | None] = mapped_column(Integer, primary_key=True)
    claim_quote: Mapped[str] = mapped_column(Text)
    claimant_party_code: Mapped[str | None] = mapped_column(Text)
    contested_by_party_code: Mapped[str | None] = mapped_column(Text)


class LossReport(ReportingView):
    """``reporting.losses``: one row per reported loss figure."""

    __tablename__ = "losses"

    loss_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    as_of: Mapped[dt.date] = mapped_column(Date)
    reported_by: Mapped[str] = mapped_column(Text)
    reported_by_party: Mapped[str | None] = mapped_column(Text)
    losing_party: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(Text)
    equipment: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(Text)
    quantity: Mapped[int | None] = mapped_column(Integer)
    qualifier: Mapped[str] = mapped_column(Text)
    place_name: Mapped[str | None] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text)
    losing_party_code: Mapped[str] = mapped_column(Text)
    reported_by_party_code: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[int | None] = mapped_column(Integer)
    claim_id: Mapped[int | None] = mapped_column(Integer)
    loss_slug: Mapped[str] = mapped_column(Text)


class SourceScore(ReportingView):
    """``reporting.source_scorecard``: one row per source."""

    __tablename__ = "source_scorecard"

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
    party_code: Mapped[str | None] = mapped_column(Text)
    source_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_slug: Mapped[str] = mapped_column(Text)
