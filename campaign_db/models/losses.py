"""Reported losses: who reports, as of which date, who lost what."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Identity, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .parties import Party, Source
from .vocabularies import LOSS_CATEGORIES, LOSS_OUTCOMES, LOSS_QUALIFIERS, one_of


class Loss(Base):
    """One reported loss figure ("at least 7 tanks destroyed").

    ``quantity`` is null exactly when the qualifier is ``unspecified``
    ("captured many tanks").
    """

    __tablename__ = "losses"
    __table_args__ = (
        one_of("category", LOSS_CATEGORIES, "category_known"),
        one_of("outcome", LOSS_OUTCOMES, "outcome_known"),
        one_of("qualifier", LOSS_QUALIFIERS, "qualifier_known"),
        CheckConstraint("quantity >= 0", name="quantity_not_negative"),
        CheckConstraint("(quantity is null) = (qualifier = 'unspecified')", name="quantity_matches_qualifier"),
    )

    loss_id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    slug: Mapped[str] = mapped_column(Text, unique=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.document_id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.source_id"), index=True)
    as_of_date: Mapped[dt.date] = mapped_column(Date)
    losing_party_id: Mapped[int] = mapped_column(ForeignKey("parties.party_id"), index=True)
    category: Mapped[str] = mapped_column(Text)
    equipment: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(Text)
    quantity: Mapped[int | None] = mapped_column(Integer)
    qualifier: Mapped[str] = mapped_column(Text)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.place_id"), index=True)
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.claim_id", ondelete="SET NULL"), index=True)
    quote: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    source: Mapped[Source] = relationship()
    losing_party: Mapped[Party] = relationship()
