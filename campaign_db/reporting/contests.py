"""Contested claims: denials, mutual accusations, self-contradictions,
repeat claims and date conflicts (``reporting.contested_claims``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .views import ContestedClaim

CONTEST_KINDS = ("denial", "mutual_accusation", "self_contradiction", "repeat_claim", "date_conflict")


def contested_claims(session: Session, contest_kind: str | None = None) -> list[ContestedClaim]:
    """Every contest of every claim (or of one kind), in the order they were
    raised: by the contested claim's date, then the contest's date."""
    if contest_kind is not None and contest_kind not in CONTEST_KINDS:
        raise ValueError(f"contest_kind must be one of {', '.join(CONTEST_KINDS)}, not {contest_kind!r}")
    query = select(ContestedClaim).order_by(
        ContestedClaim.claim_date,
        ContestedClaim.claim_id,
        ContestedClaim.contested_on,
        ContestedClaim.contest_kind,
        ContestedClaim.denial_id,
        ContestedClaim.counter_claim_id,
    )
    if contest_kind is not None:
        query = query.where(ContestedClaim.contest_kind == contest_kind)
    return list(session.scalars(query))
