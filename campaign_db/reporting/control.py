"""Control of places: as of a day (and a knowledge cut-off), and period by
period, per campaign scope.

``control_as_of`` calls the SQL function ``reporting.control_as_of`` rather
than re-implementing the rules, so Python, SQL and BI users get the same
answer by construction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from .places import AmbiguousPlace, PlaceNotFound, find_places, suggest_places
from .views import ControlPeriod


@dataclass(frozen=True)
class ControlRow:
    """One row of ``reporting.control_as_of``: who controlled a place on the
    day asked, on what basis, how solidly (see the function's comment)."""

    campaign: str
    campaign_title: str
    place_id: int
    place_name: str
    place_kind: str
    district: str | None
    controller: str | None
    controller_code: str | None
    controller_side: str | None
    since: dt.date
    basis: str
    status: str
    evidence: str
    claim_id: int
    claimant: str
    claimant_party: str | None
    basis_place_id: int
    basis_place_name: str
    counter_claim_id: int | None
    counter_claimant: str | None
    counter_side: str | None
    counter_kind: str | None
    share_percent: float | None
    district_id: int | None
    is_settlement: bool
    place_slug: str
    claim_slug: str


CONTROL_COLUMNS: tuple[str, ...] = tuple(field.name for field in fields(ControlRow))

_CONTROL_AS_OF = text(
    f"select {', '.join(CONTROL_COLUMNS)} "
    "from reporting.control_as_of(cast(:as_of as date), cast(:known_by as date), cast(:campaign as text)) "
    "where (cast(:district_id as integer) is null or district_id = :district_id) "
    "order by campaign = 'all', campaign, district nulls last, place_name, place_id"
)


def district_id_of(session: Session, district: int | str) -> int:
    """A report area (the district column: a district, raion, governorate,
    ...) given by place id or by any spelling of its name. Only places that
    are some place's report area count, so "Jabrayil" means Jabrayil
    District, not the city; raises
    :class:`~campaign_db.reporting.places.PlaceNotFound` with suggestions,
    or :class:`~campaign_db.reporting.places.AmbiguousPlace`."""
    if isinstance(district, int):
        return district
    areas = set(
        session.scalars(text("select distinct district_id from reporting.places where district_id is not null")).all()
    )
    matches = [match for match in find_places(session, district) if match.place_id in areas]
    if len(matches) == 1:
        return matches[0].place_id
    if matches:
        raise AmbiguousPlace(district, matches, what="report area")
    area_kinds = session.scalars(text("select distinct report_area_kind from reporting.campaigns")).all()
    raise PlaceNotFound(district, suggest_places(session, district, kinds=list(area_kinds)), what="report area")


def control_as_of(
    session: Session,
    as_of: dt.date,
    known_by: dt.date | None = None,
    district: int | str | None = None,
    campaign: str | None = None,
) -> list[ControlRow]:
    """Every place with a basis of control on ``as_of``, as known on
    ``known_by`` (None: everything known today), in the scope ``campaign`` (a
    campaign's slug or ``"all"``; None: every scope), optionally only those
    in ``district`` (its place id or name), ordered by scope, district and
    name."""
    district_id = None if district is None else district_id_of(session, district)
    rows = session.execute(
        _CONTROL_AS_OF, {"as_of": as_of, "known_by": known_by, "campaign": campaign, "district_id": district_id}
    )
    return [ControlRow(**row._asdict()) for row in rows]


def control_periods(
    session: Session, place_id: int | None = None, campaign: str | None = None
) -> list[ControlPeriod]:
    """Control periods with everything known today, for one place or all, in
    one scope or all, ordered by scope, place and start."""
    query = select(ControlPeriod).order_by(ControlPeriod.campaign, ControlPeriod.place_id, ControlPeriod.valid_from)
    if place_id is not None:
        query = query.where(ControlPeriod.place_id == place_id)
    if campaign is not None:
        query = query.where(ControlPeriod.campaign == campaign)
    return list(session.scalars(query))
