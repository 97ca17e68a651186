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
    ``campaign`` is the claim's campaign, or the scope of a control period.
    """

    on: dt.date | None
    entry: str
    campaign: str
    kind: str
    party: str | None
    source: str | None
    claim_id: int | None
    detail: str


def timeline(session: Session, place: int | str, campaign: str | None = None) -> list[TimelineEntry]:
    """The timeline of ``place`` (its id, slug or any spelling of its name;
    raises ``PlaceNotFound`` / ``AmbiguousPlace`` otherwise): the claims of
    ``campaign`` (None: every campaign), their contests, and the control
    periods of that scope (None: every campaign together, ``all``)."""
    place_id = place if isinstance(place, int) else resolve_place(session, place).place_id
    entries: list[TimelineEntry] = []
    claims_query = select(ClaimFact).where(ClaimFact.place_id == place_id)
    if campaign is not None and campaign != "all":
        claims_query = claims_query.where(ClaimFact.campaign == campaign)
    claims = session.scalars(claims_query).all()
    for claim in claims:
        role = "" if claim.place_role == "subject" else f" [{claim.place_role}]"
        hedge = f" ({claim.hedge})" if claim.hedge else ""
        entries.append(
            TimelineEntry(
                on=claim.stated_on or claim.stated_from,
                entry="claim",
                campaign=claim.campaign,
                kind=claim.claim_kind + role,
                party=claim.claimant_party,
                source=claim.claimant,
                claim_id=claim.claim_id,
                detail=claim.summary + hedge,
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
                    campaign=contest.campaign,
                    kind=contest.contest_kind,
                    party=contest.contested_by_party,
                    source=contest.contested_by,
                    claim_id=contest.claim_id,
                    detail=contest.counter_statement or contest.contest_quote,
                )
            )
    scope = campaign or "all"
    periods = session.scalars(
        select(ControlPeriod).where(ControlPeriod.place_id == place_id, ControlPeriod.campaign == scope)
    )
    for period in periods:
        via = f" via {period.basis_place_name}" if period.basis == "inherited" else ""
        holder = period.controller_side or "no side"
        counter = f"; contested by {period.counter_claimant} ({period.counter_side})" if period.counter_claimant else ""
        entries.append(
            TimelineEntry(
                on=period.valid_from,
                entry="control",
                campaign=period.campaign,
                kind=period.status,
                party=period.controller,
                source=period.claimant,
                claim_id=period.claim_id,
                detail=f"{holder} holds it since {period.since} ({period.basis}{via}){counter}",
            )
        )
    entries.sort(
        key=lambda entry: (entry.on or dt.date.max, ENTRY_ORDER[entry.entry], entry.campaign, entry.kind, entry.detail)
    )
    return entries
