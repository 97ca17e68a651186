"""Control of places: as of a day (and a knowledge cut-off), and period by
period.

``control_as_of`` calls the SQL function ``reporting.control_as_of`` rather
than re-implementing the rules, so Python, SQL and BI users get the same
answer by construction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from .places import resolve_place
from .views import ControlPeriod

DISTRICT_KINDS = ("district",)


@dataclass(frozen=True)
class ControlRow:
    """One row of ``reporting.control_as_of``: who controlled a place on the
    day asked, on what basis, how solidly (see the function's comment)."""

    place_id: int
    place_name: str
    place_kind: str
    district: str | None
    controller: str
    controller_code: str
    since: dt.date
    basis: str
    status: str
    claim_id: int
    claimant: str
    claimant_party: str | None
    basis_place_id: int
    basis_place_name: str
    district_id: int | None
    is_settlement: bool
    place_slug: str


CONTROL_COLUMNS: tuple[str, ...] = tuple(field.name for field in fields(ControlRow))

_CONTROL_AS_OF = text(
    f"select {', '.join(CONTROL_COLUMNS)} from reporting.control_as_of(cast(:as_of as date), cast(:known_by as date)) "
    "where (cast(:district_id as integer) is null or district_id = :district_id) "
    "order by district nulls last, place_name, place_id"
)


def district_id_of(session: Session, district: int | str) -> int:
    """A district given by place id or by any spelling of its name (raises
    :class:`~campaign_db.reporting.places.PlaceNotFound` with suggestions,
    or :class:`~campaign_db.reporting.places.AmbiguousPlace`)."""
    if isinstance(district, int):
        return district
    return resolve_place(session, district, kinds=DISTRICT_KINDS, what="district").place_id


def control_as_of(
    session: Session,
    as_of: dt.date,
    known_by: dt.date | None = None,
    district: int | str | None = None,
) -> list[ControlRow]:
    """Every place with a basis of control on ``as_of``, as known on
    ``known_by`` (None: everything known today), optionally only those in
    ``district`` (its place id or name), ordered by district and name."""
    district_id = None if district is None else district_id_of(session, district)
    rows = session.execute(_CONTROL_AS_OF, {"as_of": as_of, "known_by": known_by, "district_id": district_id})
    return [ControlRow(**row._asdict()) for row in rows]


def control_periods(session: Session, place_id: int | None = None) -> list[ControlPeriod]:
    """Control periods with everything known today, for one place or all,
    ordered by place and start."""
    query = select(ControlPeriod).order_by(ControlPeriod.place_id, ControlPeriod.valid_from)
    if place_id is not None:
        query = query.where(ControlPeriod.place_id == place_id)
    return list(session.scalars(query))
