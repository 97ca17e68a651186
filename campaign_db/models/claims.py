"""Claims and what answers them: the places a claim names, denials and
corroborations. All belong to one campaign; their slugs are unique within it.

Every date is a range (earliest, latest), equal when the account gives the
exact day, because accounts say "the next day", "soon afterwards" or give no
day at all; the latest end may be open (null: "after the peace deal"). A time
of day is kept (local time, as the account gives it) where stated.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    Double,
    ForeignKey,
    ForeignKeyConstraint,
    Identity,
    Index,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
from .vocabularies import CLAIM_KINDS, CONTROL_CLAIM_KINDS, CORROBORATION_KINDS, HEDGES, PLACE_ROLES, one_of, sql_list


def date_range_check(prefix: str) -> CheckConstraint:
    """``<prefix>_earliest_on <= <prefix>_latest_on`` (an open end is fine)."""
    return CheckConstraint(
        f"{prefix}_latest_on is null or {prefix}_earliest_on <= {prefix}_latest_on", name=f"{prefix}_range_ordered"
    )


def owned_by_claim(table: str) -> ForeignKeyConstraint:
    """A denial or corroboration belongs to the campaign of its claim."""
    return ForeignKeyConstraint(
        ["claim_id", "campaign_id"],
        ["claims.claim_id", "claims.campaign_id"],
        name=f"fk_{table}_claim_campaign_claims",
        ondelete="CASCADE",
    )


def of_a_named_place(table: str) -> ForeignKeyConstraint:
    """A denial or corroboration of one place must name a place of its claim."""
    return ForeignKeyConstraint(
        ["claim_id", "place_id"],
        ["claim_places.claim_id", "claim_places.place_id"],
        name=f"fk_{table}_claim_place_claim_places",
        ondelete="CASCADE",
    )


class Claim(Base):
    """One statement by one source: e.g. "the MoD stated it had taken X".

    ``actor_party_id`` is the party said to act (for control claims: the
    party whose control is claimed); ``target_party_id`` the party acted
    against (for a withdrawal: the party that took over, where the text says).
    Claims of one campaign reporting the same event share an ``event_key``;
    ``same_as_*`` names the same statement in another campaign's account (a
    natural key, so that the link holds whichever campaign is loaded first).
    """

    __tablename__ = "claims"
    __table_args__ = (
        one_of("kind", CLAIM_KINDS, "kind_known"),
        one_of("hedge", HEDGES, "hedge_known"),
        date_range_check("stated"),
        date_range_check("occurred"),
        CheckConstraint(
            "stated_latest_on is null or occurred_earliest_on <= stated_latest_on", name="occurred_not_after_stated"
        ),
        CheckConstraint("(same_as_campaign is null) = (same_as_slug is null)", name="same_as_complete"),
        UniqueConstraint("campaign_id", "slug"),
        UniqueConstraint("claim_id", "campaign_id"),
        Index(
            "ix_claims_control_by_occurred_latest_on",
            "occurred_latest_on",
            postgresql_where=text(f"kind in {sql_list(CONTROL_CLAIM_KINDS)}"),
        ),
        Index("ix_claims_campaign_id_event_key", "campaign_id", "event_key"),
    )

    claim_id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.campaign_id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(Text)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.document_id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.source_id"), index=True)
    kind: Mapped[str] = mapped_column(Text)
    actor_party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.party_id"), index=True)
    target_party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.party_id"), index=True)
    stated_earliest_on: Mapped[dt.date] = mapped_column(Date)
    stated_latest_on: Mapped[dt.date | None] = mapped_column(Date)
    stated_local_time: Mapped[dt.time | None] = mapped_column(Time)
    occurred_earliest_on: Mapped[dt.date] = mapped_column(Date)
    occurred_latest_on: Mapped[dt.date | None] = mapped_column(Date)
    occurred_local_time: Mapped[dt.time | None] = mapped_column(Time)
    hedge: Mapped[str | None] = mapped_column(Text)
    event_key: Mapped[str | None] = mapped_column(Text)
    same_as_campaign: Mapped[str | None] = mapped_column(Text)
    same_as_slug: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class ClaimPlace(Base):
    """A place named by a claim, with its role: the ``subject`` (the place
    taken, shelled, ...), the ``origin`` of fire, a place ``near`` which
    something happened, or the ``target`` of a movement; ``share_percent``
    for a partial-control claim ("90 percent of the city")."""

    __tablename__ = "claim_places"
    __table_args__ = (
        one_of("role", PLACE_ROLES, "role_known"),
        CheckConstraint("share_percent > 0 and share_percent <= 100", name="share_is_percent"),
        Index("ix_claim_places_place_id_claim_id", "place_id", "claim_id"),
    )

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.claim_id", ondelete="CASCADE"), primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.place_id"), primary_key=True)
    role: Mapped[str] = mapped_column(Text)
    share_percent: Mapped[float | None] = mapped_column(Double)


class Denial(Base):
    """A source rejecting a claim (or one place of it), with any
    counter-statement it made instead. An independent analyst disputing a
    claim is a denial by a source of no party."""

    __tablename__ = "denials"
    __table_args__ = (
        date_range_check("denied"),
        owned_by_claim("denials"),
        of_a_named_place("denials"),
        UniqueConstraint("campaign_id", "slug"),
    )

    denial_id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.campaign_id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(Text)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.claim_id", ondelete="CASCADE"), index=True)
    place_id: Mapped[int | None] = mapped_column()
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.document_id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.source_id"), index=True)
    denied_earliest_on: Mapped[dt.date] = mapped_column(Date)
    denied_latest_on: Mapped[dt.date | None] = mapped_column(Date)
    quote: Mapped[str] = mapped_column(Text)
    counter_statement: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class Corroboration(Base):
    """Support for a claim (or one place of it): an independent outlet's
    confirmation, released footage, the adversary's own admission, or an
    independent analyst's assessment."""

    __tablename__ = "corroborations"
    __table_args__ = (
        one_of("kind", CORROBORATION_KINDS, "kind_known"),
        date_range_check("corroborated"),
        owned_by_claim("corroborations"),
        of_a_named_place("corroborations"),
        UniqueConstraint("campaign_id", "slug"),
    )

    corroboration_id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.campaign_id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(Text)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.claim_id", ondelete="CASCADE"), index=True)
    place_id: Mapped[int | None] = mapped_column()
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.document_id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.source_id"), index=True)
    kind: Mapped[str] = mapped_column(Text)
    corroborated_earliest_on: Mapped[dt.date] = mapped_column(Date)
    corroborated_latest_on: Mapped[dt.date | None] = mapped_column(Date)
    quote: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
