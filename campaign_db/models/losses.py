"""Reported losses: who reports, as of which date, who lost what."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Identity, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
from .vocabularies import LOSS_CATEGORIES, LOSS_OUTCOMES, LOSS_QUALIFIERS, one_of

#: Which of quantity_low / quantity_high each qualifier fills (like UCDP's low/high).
QUANTITY_SHAPE = (
    "case qualifier"
    " when 'exact' then quantity_low = quantity_high"
    " when 'approximately' then quantity_low = quantity_high"
    " when 'at_least' then quantity_low is not null and quantity_high is null"
    " when 'up_to' then quantity_low is null and quantity_high is not null"
    " when 'between' then quantity_low < quantity_high"
    " else quantity_low is null and quantity_high is null end"
)


class Loss(Base):
    """One reported loss figure ("at least 7 tanks destroyed", "between 1,300
    and 1,700 killed").

    ``quantity_low``/``quantity_high`` hold the figure as a range, equal when
    exact or approximate; ``at_least`` has only a low end, ``up_to`` only a
    high end, ``unspecified`` ("captured many tanks") neither.
    """

    __tablename__ = "losses"
    __table_args__ = (
        one_of("category", LOSS_CATEGORIES, "category_known"),
        one_of("outcome", LOSS_OUTCOMES, "outcome_known"),
        one_of("qualifier", LOSS_QUALIFIERS, "qualifier_known"),
        CheckConstraint("quantity_low >= 0 and quantity_high >= 0", name="quantity_not_negative"),
        CheckConstraint(QUANTITY_SHAPE, name="quantity_matches_qualifier"),
        UniqueConstraint("campaign_id", "slug"),
    )

    loss_id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.campaign_id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(Text)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.document_id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.source_id"), index=True)
    as_of_date: Mapped[dt.date] = mapped_column(Date)
    losing_party_id: Mapped[int] = mapped_column(ForeignKey("parties.party_id"), index=True)
    category: Mapped[str] = mapped_column(Text)
    equipment: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(Text)
    quantity_low: Mapped[int | None] = mapped_column(Integer)
    quantity_high: Mapped[int | None] = mapped_column(Integer)
    qualifier: Mapped[str] = mapped_column(Text)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.place_id"), index=True)
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.claim_id", ondelete="SET NULL"), index=True)
    quote: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
