"""Documents: where every fact was read."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Identity, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
from .vocabularies import DOCUMENT_KINDS, one_of


class Document(Base):
    """A source document of one campaign, kept whole so that quotes can be
    checked against it: the account itself, or a gazetteer text cited only for
    place facts.

    The CHECK on ``sha256`` makes a document row whose hash does not match its
    content impossible.
    """

    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint("sha256 = encode(sha256(convert_to(content, 'UTF8')), 'hex')", name="sha256_matches_content"),
        one_of("kind", DOCUMENT_KINDS, "kind_known"),
        UniqueConstraint("campaign_id", "slug"),
    )

    document_id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.campaign_id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    licence: Mapped[str | None] = mapped_column(Text)
    retrieved_on: Mapped[dt.date | None] = mapped_column(Date)
    sha256: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
