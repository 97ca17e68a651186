"""Campaigns and their sides.

A campaign is one account of a war (one seed folder): it owns its documents,
claims, denials, corroborations and losses, and its own reading of the shared
gazetteer. Sides group a campaign's parties: control changes hands only
between sides (Artsakh handing a town to Armenia's army is not a capture).
A side is identified by its slug across campaigns, so that the answers over
all campaigns can tell whether two accounts' parties fight on one side.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, ForeignKeyConstraint, Identity, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
from .vocabularies import PLACE_KINDS, one_of

SLUG_PATTERN = "^[a-z0-9][a-z0-9-]*$"


class Campaign(Base):
    """One account of a war, loaded from one seed folder.

    ``period_*`` are the campaign's own days (daily views cover them);
    ``earliest_on``/``latest_on`` bound every date its files may hold, so that
    a typo such as 9999-12-31 is refused. ``report_area_kind`` is the place
    kind its reports group by (district, raion, governorate, ...).
    """

    __tablename__ = "campaigns"
    __table_args__ = (
        CheckConstraint(f"slug ~ '{SLUG_PATTERN}' and slug <> 'all'", name="slug_well_formed"),
        CheckConstraint("version ~ '^[0-9]+\\.[0-9]+\\.[0-9]+$'", name="version_semantic"),
        CheckConstraint("period_start_on <= period_end_on", name="period_ordered"),
        CheckConstraint(
            "earliest_on <= period_start_on and period_end_on <= latest_on", name="dates_contain_period"
        ),
        one_of("report_area_kind", PLACE_KINDS, "report_area_kind_known"),
    )

    campaign_id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    slug: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str] = mapped_column(Text)
    war: Mapped[str | None] = mapped_column(Text)
    version: Mapped[str] = mapped_column(Text)
    period_start_on: Mapped[dt.date] = mapped_column(Date)
    period_end_on: Mapped[dt.date] = mapped_column(Date)
    earliest_on: Mapped[dt.date] = mapped_column(Date)
    latest_on: Mapped[dt.date] = mapped_column(Date)
    report_area_kind: Mapped[str] = mapped_column(Text)
    seed_sha256: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class Side(Base):
    """A side of a war (Azerbaijan; Armenia and Artsakh; ISIL), shared by the
    campaigns that name it by its slug."""

    __tablename__ = "sides"
    __table_args__ = (CheckConstraint(f"slug ~ '{SLUG_PATTERN}'", name="slug_well_formed"),)

    side_id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    slug: Mapped[str] = mapped_column(Text, unique=True)
    name: Mapped[str] = mapped_column(Text, unique=True)


class CampaignSide(Base):
    """A side taking part in a campaign, in the order the campaign lists them
    (charts and maps colour sides in this order)."""

    __tablename__ = "campaign_sides"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.campaign_id", ondelete="CASCADE"), primary_key=True)
    side_id: Mapped[int] = mapped_column(ForeignKey("sides.side_id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)


class SideMember(Base):
    """A party fighting on a side in one campaign (Russia is on the Syrian
    government's side in one war and leads its own side in another)."""

    __tablename__ = "side_members"
    __table_args__ = (
        ForeignKeyConstraint(
            ["campaign_id", "side_id"],
            ["campaign_sides.campaign_id", "campaign_sides.side_id"],
            name="fk_side_members_campaign_side_campaign_sides",
            ondelete="CASCADE",
        ),
        ForeignKeyConstraint(
            ["campaign_id", "party_id"],
            ["campaign_parties.campaign_id", "campaign_parties.party_id"],
            name="fk_side_members_campaign_party_campaign_parties",
            ondelete="CASCADE",
        ),
    )

    # the composite foreign keys above check all three columns
    campaign_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_id: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)
    side_id: Mapped[int] = mapped_column(Integer, index=True)
