"""Reported losses (``reporting.losses``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .views import LossReport


def losses(session: Session, campaign: str | None = None) -> list[LossReport]:
    """Every reported loss figure (of one campaign), by campaign and the day
    it is reported as of."""
    query = select(LossReport).order_by(LossReport.campaign, LossReport.as_of, LossReport.loss_slug)
    if campaign is not None:
        query = query.where(LossReport.campaign == campaign)
    return list(session.scalars(query))
