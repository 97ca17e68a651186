"""Contested claims: denials, mutual accusations, self-contradictions,
repeat claims, date conflicts and conflicting control
(``reporting.contested_claims``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .views import ContestedClaim

CONTEST_KINDS = (
    "denial",
    "mutual_accusation",
    "self_contradiction",
    "repeat_claim",
    "date_conflict",
    "conflicting_control",
)


def contested_claims(
    session: Session, contest_kind: str | None = None, campaign: str | None = None
) -> list[ContestedClaim]:
    """Every contest of every claim (or of one kind, of one campaign), in the
    order they were raised: by the contested claim's date, then the contest's
    date; ties by natural keys."""
    if contest_kind is not None and contest_kind not in CONTEST_KINDS:
        raise ValueError(f"contest_kind must be one of {', '.join(CONTEST_KINDS)}, not {contest_kind!r}")
    query = select(ContestedClaim).order_by(
        ContestedClaim.campaign,
        ContestedClaim.claim_date,
        ContestedClaim.claim_slug,
        ContestedClaim.contested_on,
        ContestedClaim.contest_kind,
        ContestedClaim.counter_claim_slug,
        ContestedClaim.contested_by,
    )
    if contest_kind is not None:
        query = query.where(ContestedClaim.contest_kind == contest_kind)
    if campaign is not None:
        query = query.where(ContestedClaim.campaign == campaign)
    return list(session.scalars(query))
