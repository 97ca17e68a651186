"""Who takes part and who speaks: parties (sides and states) and sources."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Identity, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .vocabularies import SOURCE_KINDS, one_of


class Party(Base):
    """A side or state of the conflict, identified by a short stable code."""

    __tablename__ = "parties"

    party_id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    code: Mapped[str] = mapped_column(Text, unique=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    note: Mapped[str | None] = mapped_column(Text)


class Source(Base):
    """Who makes statements: a ministry, a head of state, an outlet, the
    account's own narrative voice. No party means independent."""

    __tablename__ = "sources"
    __table_args__ = (one_of("kind", SOURCE_KINDS, "kind_known"),)

    source_id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    slug: Mapped[str] = mapped_column(Text, unique=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Text)
    party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.party_id"), index=True)
    note: Mapped[str | None] = mapped_column(Text)

    party: Mapped[Party | None] = relationship()
