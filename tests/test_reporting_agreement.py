"""control_as_of, control_periods and control_daily tell the same story:
for every day of the data, the three give the same rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from campaign_db import migrate
from campaign_db.database import make_engine
from campaign_db.reporting import CONTROL_COLUMNS
from campaign_db.synthetic import generate
import pytest

from reporting_world import Theatre, build_theatre, control_rows

#: control_as_of's columns; control_daily has the same, control_periods has
#: valid_from (= since) and valid_to instead of since.
SHARED = tuple(column for column in CONTROL_COLUMNS if column != "since")


def rows_of(session: Session, sql: str) -> list[dict[str, Any]]:
    return [dict(row) for row in session.execute(text(sql)).mappings()]


@pytest.fixture
def theatre(session: Session) -> Theatre:
    return build_theatre(session)


def assert_agreement(session: Session) -> int:
    """Compare the three on every day of control_daily's span and a few days
    around it; return the number of days compared."""
    daily: dict[dt.date, dict[int, dict[str, Any]]] = defaultdict(dict)
    for row in rows_of(session, "select * from reporting.control_daily"):
        daily[row["day"]][row["place_id"]] = row
    periods = rows_of(session, "select * from reporting.control_periods")
    first, last = min(daily), max(daily)
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    around = [first - dt.timedelta(days=30), first - dt.timedelta(days=1), last + dt.timedelta(days=1)]
    for day in days + around:
        as_of = control_rows(session, day)
        from_periods = {
            period["place_id"]: period for period in periods
            if period["valid_from"] <= day and (period["valid_to"] is None or day < period["valid_to"])
        }
        assert set(as_of) == set(from_periods), day
        for place_id, row in as_of.items():
            period = from_periods[place_id]
            assert {c: row[c] for c in SHARED} == {c: period[c] for c in SHARED}, (day, place_id)
            assert row["since"] == period["valid_from"], (day, place_id)
        if first <= day <= last:
            assert set(daily[day]) == set(as_of), day
            for place_id, row in as_of.items():
                assert {c: daily[day][place_id][c] for c in CONTROL_COLUMNS} == row, (day, place_id)
    return len(days)


def assert_periods_are_contiguous(session: Session) -> None:
    by_place: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for period in rows_of(session, "select * from reporting.control_periods order by place_id, valid_from"):
        by_place[period["place_id"]].append(period)
    for place_periods in by_place.values():
        for earlier, later in zip(place_periods, place_periods[1:]):
            assert earlier["valid_to"] == later["valid_from"]
        assert place_periods[-1]["valid_to"] is None


def test_they_agree_on_a_small_campaign(theatre: Theatre, session: Session) -> None:
    t = theatre
    area = t.world.claim(t.az_mod, "control", [t.district], "2020-10-07", actor=t.az)
    t.world.deny(area, t.art_mod, "2020-10-09")
    t.world.claim(t.az_mod, "capture", [t.village], ("2020-09-27", "2020-10-04"), stated="2020-10-04", actor=t.az)
    t.world.claim(t.art_mod, "capture", [t.village], "2020-10-12", actor=t.art)
    t.world.claim(t.az_mod, "capture", [t.other_village], "2020-10-15", actor=t.az)
    retaken = t.world.claim(t.az_mod, "capture", [t.village, t.third_village], "2020-10-20", actor=t.az)
    t.world.corroborate(retaken, t.outlet, "2020-10-21", place=t.third_village)
    assert assert_agreement(session) == 18  # 4 October (first change) to 21 October (last corroboration)
    assert_periods_are_contiguous(session)


def test_they_agree_on_a_synthetic_campaign(fresh_database_url: URL) -> None:
    """A bulk load: in a database of its own, so that the rows it leaves
    behind (even rolled back) do not skew the other tests' plans."""
    engine = make_engine(fresh_database_url)
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection)
            driver_connection = connection.connection.driver_connection
            assert driver_connection is not None
            counts = generate(driver_connection, places=150, claims=1500, days=30, prefix="agree")
        assert counts.claims == 1500
        with Session(engine) as session:
            assert assert_agreement(session) >= 30
            assert_periods_are_contiguous(session)
    finally:
        engine.dispose()
