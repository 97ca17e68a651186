"""Who takes part and who speaks: parties and sources, shared by every
campaign, and which campaigns use them."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Identity, Index, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
from .vocabularies import SOURCE_KINDS, one_of


class Party(Base):
    """A belligerent or state, identified by a short stable code."""

    __tablename__ = "parties"

    party_id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    code: Mapped[str] = mapped_column(Text, unique=True)
    name: Mapped[str] = mapped_column(Text, unique=True)


class CampaignParty(Base):
    """A party a campaign names, with the campaign's own note on it."""

    __tablename__ = "campaign_parties"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.campaign_id", ondelete="CASCADE"), primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.party_id"), primary_key=True, index=True)
    note: Mapped[str | None] = mapped_column(Text)


class Source(Base):
    """Who makes statements: a ministry, a head of state, an outlet, an
    analyst, or the narrative voice of one document (``document_id`` set
    exactly for those). No party means independent."""

    __tablename__ = "sources"
    __table_args__ = (
        one_of("kind", SOURCE_KINDS, "kind_known"),
        CheckConstraint("(kind = 'narrative') = (document_id is not null)", name="narrative_has_document"),
        Index("uq_sources_slug", "slug", unique=True, postgresql_where=text("document_id is null")),
        Index("uq_sources_document_id", "document_id", unique=True, postgresql_where=text("document_id is not null")),
    )

    source_id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    slug: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Text)
    party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.party_id"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.document_id", ondelete="CASCADE"))


class CampaignSource(Base):
    """A source a campaign quotes, with the campaign's own note on it."""

    __tablename__ = "campaign_sources"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.campaign_id", ondelete="CASCADE"), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.source_id"), primary_key=True, index=True)
    note: Mapped[str | None] = mapped_column(Text)
