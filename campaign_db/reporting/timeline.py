"""The story of one place, in date order: who held it when, the claims that
name it, and how those claims were contested."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .places import resolve_place
from .views import ClaimFact, ContestedClaim, ControlPeriod

#: Order of entries of the same day: what was claimed, how it was contested,
#: then the control that results.
ENTRY_ORDER = {"claim": 0, "contest": 1, "control": 2}


@dataclass(frozen=True)
class TimelineEntry:
    """One dated line of a place's timeline.

    ``entry`` is ``claim`` (a claim naming the place: ``on`` is the day it was
    stated), ``contest`` (a denial or counter-claim of such a claim: the day
    it was made) or ``control`` (a new period of control: the day it starts).
    """

    on: dt.date
    entry: str
    kind: str
    party: str | None
    source: str | None
    claim_id: int | None
    detail: str


def timeline(session: Session, place: int | str) -> list[TimelineEntry]:
    """The timeline of ``place`` (its id, slug or any spelling of its name;
    raises ``PlaceNotFound`` / ``AmbiguousPlace`` otherwise)."""
    place_id = place if isinstance(place, int) else resolve_place(session, place).place_id
    entries: list[TimelineEntry] = []
    claims = session.scalars(select(ClaimFact).where(ClaimFact.place_id == place_id)).all()
    for claim in claims:
        role = "" if claim.place_role == "subject" else f" [{claim.place_role}]"
        entries.append(
            TimelineEntry(
                on=claim.stated_on,
                entry="claim",
                kind=claim.claim_kind + role,
                party=claim.claimant_party,
                source=claim.claimant,
                claim_id=claim.claim_id,
                detail=claim.summary,
            )
        )
    claim_ids = {claim.claim_id for claim in claims}
    if claim_ids:
        contests = session.scalars(select(ContestedClaim).where(ContestedClaim.claim_id.in_(claim_ids)))
        for contest in contests:
            entries.append(
                TimelineEntry(
                    on=contest.contested_on,
                    entry="contest",
                    kind=contest.contest_kind,
                    party=contest.contested_by_party,
                    source=contest.contested_by,
                    claim_id=contest.claim_id,
                    detail=contest.counter_statement or contest.contest_quote,
                )
            )
    periods = session.scalars(select(ControlPeriod).where(ControlPeriod.place_id == place_id))
    for period in periods:
        via = f" via {period.basis_place_name}" if period.basis == "inherited" else ""
        entries.append(
            TimelineEntry(
                on=period.valid_from,
                entry="control",
                kind=period.status,
                party=period.controller,
                source=period.claimant,
                claim_id=period.claim_id,
                detail=f"{period.controller} holds it ({period.basis}{via})",
            )
        )
    entries.sort(key=lambda entry: (entry.on, ENTRY_ORDER[entry.entry], entry.claim_id or 0, entry.kind))
    return entries
