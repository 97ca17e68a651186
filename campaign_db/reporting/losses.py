"""Reported losses (``reporting.losses``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .views import LossReport


def losses(session: Session) -> list[LossReport]:
    """Every reported loss figure, by the day it is reported as of."""
    return list(session.scalars(select(LossReport).order_by(LossReport.as_of, LossReport.loss_id)))
