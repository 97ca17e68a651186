"""Claims and what answers them: the places a claim names, denials and
corroborations.

Every date is a range (earliest, latest), equal when the account gives the
exact day, because accounts say "the next day", "soon afterwards" or give no
day at all. A time of day is kept (local time, as the account gives it) where
stated.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Identity,
    Index,
    Text,
    Time,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .documents import Document
from .parties import Party, Source
from .places import Place
from .vocabularies import CLAIM_KINDS, CONTROL_CLAIM_KINDS, CORROBORATION_KINDS, PLACE_ROLES, one_of


def date_range_check(prefix: str) -> CheckConstraint:
    """``<prefix>_earliest_on <= <prefix>_latest_on``."""
    return CheckConstraint(f"{prefix}_earliest_on <= {prefix}_latest_on", name=f"{prefix}_range_ordered")


class Claim(Base):
    """One statement by one source: e.g. "the MoD stated it had taken X".

    ``actor_party_id`` is the party said to act (for capture and control
    claims: the new controller); ``target_party_id`` the party acted against.
    Claims that report the same event share an ``event_key``, which is how two
    accounts that date one event differently are found.
    """

    __tablename__ = "claims"
    __table_args__ = (
        one_of("kind", CLAIM_KINDS, "kind_known"),
        date_range_check("stated"),
        date_range_check("occurred"),
        CheckConstraint("occurred_earliest_on <= stated_latest_on", name="occurred_not_after_stated"),
        Index(
            "ix_claims_control_by_occurred_latest_on",
            "occurred_latest_on",
            postgresql_where=text("kind in (" + ", ".join(f"'{k}'" for k in CONTROL_CLAIM_KINDS) + ")"),
        ),
    )

    claim_id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    slug: Mapped[str] = mapped_column(Text, unique=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.document_id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.source_id"), index=True)
    kind: Mapped[str] = mapped_column(Text)
    actor_party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.party_id"), index=True)
    target_party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.party_id"), index=True)
    stated_earliest_on: Mapped[dt.date] = mapped_column(Date)
    stated_latest_on: Mapped[dt.date] = mapped_column(Date)
    stated_local_time: Mapped[dt.time | None] = mapped_column(Time)
    occurred_earliest_on: Mapped[dt.date] = mapped_column(Date)
    occurred_latest_on: Mapped[dt.date] = mapped_column(Date)
    occurred_local_time: Mapped[dt.time | None] = mapped_column(Time)
    event_key: Mapped[str | None] = mapped_column(Text, index=True)
    summary: Mapped[str] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document] = relationship()
    source: Mapped[Source] = relationship()
    actor_party: Mapped[Party | None] = relationship(foreign_keys=[actor_party_id])
    target_party: Mapped[Party | None] = relationship(foreign_keys=[target_party_id])
    places: Mapped[list[ClaimPlace]] = relationship(back_populates="claim", cascade="all, delete-orphan")


class ClaimPlace(Base):
    """A place named by a claim, with its role: the ``subject`` (the place
    taken, shelled, ...), the ``origin`` of fire, a place ``near`` which
    something happened, or the ``target`` of a movement."""

    __tablename__ = "claim_places"
    __table_args__ = (
        one_of("role", PLACE_ROLES, "role_known"),
        Index("ix_claim_places_place_id_claim_id", "place_id", "claim_id"),
    )

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.claim_id", ondelete="CASCADE"), primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.place_id"), primary_key=True)
    role: Mapped[str] = mapped_column(Text)

    claim: Mapped[Claim] = relationship(back_populates="places")
    place: Mapped[Place] = relationship()


class Denial(Base):
    """A source rejecting a claim (or one place of it), with any
    counter-statement it made instead."""

    __tablename__ = "denials"
    __table_args__ = (
        date_range_check("denied"),
        ForeignKeyConstraint(
            ["claim_id", "place_id"],
            ["claim_places.claim_id", "claim_places.place_id"],
            name="fk_denials_claim_place_claim_places",
            ondelete="CASCADE",
        ),
    )

    denial_id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    slug: Mapped[str] = mapped_column(Text, unique=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.claim_id", ondelete="CASCADE"), index=True)
    place_id: Mapped[int | None] = mapped_column()
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.document_id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.source_id"), index=True)
    denied_earliest_on: Mapped[dt.date] = mapped_column(Date)
    denied_latest_on: Mapped[dt.date] = mapped_column(Date)
    quote: Mapped[str] = mapped_column(Text)
    counter_statement: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    claim: Mapped[Claim] = relationship()
    source: Mapped[Source] = relationship()


class Corroboration(Base):
    """Support for a claim (or one place of it): an independent outlet's
    confirmation, released footage, or the adversary's own admission."""

    __tablename__ = "corroborations"
    __table_args__ = (
        one_of("kind", CORROBORATION_KINDS, "kind_known"),
        date_range_check("corroborated"),
        ForeignKeyConstraint(
            ["claim_id", "place_id"],
            ["claim_places.claim_id", "claim_places.place_id"],
            name="fk_corroborations_claim_place_claim_places",
            ondelete="CASCADE",
        ),
    )

    corroboration_id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    slug: Mapped[str] = mapped_column(Text, unique=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.claim_id", ondelete="CASCADE"), index=True)
    place_id: Mapped[int | None] = mapped_column()
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.document_id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.source_id"), index=True)
    kind: Mapped[str] = mapped_column(Text)
    corroborated_earliest_on: Mapped[dt.date] = mapped_column(Date)
    corroborated_latest_on: Mapped[dt.date] = mapped_column(Date)
    quote: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    claim: Mapped[Claim] = relationship()
    source: Mapped[Source] = relationship()
