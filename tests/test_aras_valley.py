"""Aras Valley under the v2 rules: the design's examples, and every answer
of the previous round unchanged except where this round's re-reading
changes it (tests/fixtures/round1_aras_valley_control_periods.csv holds the
previous round's control periods, computed by its own views)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from control_helpers import control
from sqlalchemy import Connection, text

FIXTURES = Path(__file__).parent / "fixtures"
CAMPAIGN = "aras-valley"
FIRST_DAY, LAST_DAY = dt.date(2020, 9, 27), dt.date(2020, 11, 3)
SIDES = {"AZ": "Azerbaijan", "AM": "Armenia and Artsakh", "ARTSAKH": "Armenia and Artsakh"}

#: Claims re-dated this round ("a statement that continues a passage dated by
#: the text takes that day"): their captures now count one day earlier.
REDATED = {
    "2020-10-18-az-president-captures-khodaafarin-bridges-and-dam": dt.date(2020, 10, 18),
    "2020-10-20-az-president-captures-zangilan": dt.date(2020, 10, 20),
    "2020-10-21-az-president-captures-mincivan-and-villages": dt.date(2020, 10, 21),
}


def test_sirik_as_known_then_and_now(seeded_connection: Connection) -> None:
    now = control(seeded_connection, "2020-10-08", campaign=CAMPAIGN)["sirik"]
    then = control(seeded_connection, "2020-10-08", "2020-10-08", CAMPAIGN)["sirik"]
    assert (now["controller"], now["controller_side"], now["basis"]) == (
        "Republic of Artsakh", "Armenia and Artsakh", "inherited")
    assert (then["controller"], then["basis"], then["basis_place_name"]) == ("Azerbaijan", "inherited", "Jabrayil District")
    district = control(seeded_connection, "2020-10-08", campaign=CAMPAIGN)["jabrayil-district"]
    assert (district["controller"], district["status"]) == ("Azerbaijan", "contradicted")


def test_zangilan_is_azerbaijani_since_20_october(seeded_connection: Connection) -> None:
    rows = control(seeded_connection, "2020-11-03", campaign=CAMPAIGN)
    assert (rows["zangilan"]["controller_side"], rows["zangilan"]["since"]) == ("Azerbaijan", dt.date(2020, 10, 20))
    assert rows["zerneli"]["since"] == dt.date(2020, 10, 20)
    assert rows["ucuncu-agali"]["since"] == dt.date(2020, 10, 21)


def test_fuzuli_city_and_mincivan_are_artsakhs_before_their_capture(seeded_connection: Connection) -> None:
    before = control(seeded_connection, "2020-10-01", campaign=CAMPAIGN)
    for slug in ("fuzuli", "mincivan"):
        assert (before[slug]["controller"], before[slug]["basis"]) == ("Republic of Artsakh", "inherited"), slug
    after = control(seeded_connection, "2020-11-03", campaign=CAMPAIGN)
    assert (after["fuzuli"]["controller_side"], after["fuzuli"]["since"]) == ("Azerbaijan", dt.date(2020, 10, 14))
    assert (after["mincivan"]["controller_side"], after["mincivan"]["since"]) == ("Azerbaijan", dt.date(2020, 10, 21))


def _round_one() -> dict[tuple[dt.date, str], str]:
    """(day, place) → the controlling side in the previous round."""
    answers: dict[tuple[dt.date, str], str] = {}
    with (FIXTURES / "round1_aras_valley_control_periods.csv").open(encoding="utf-8") as file:
        for period in csv.DictReader(file):
            start = max(dt.date.fromisoformat(period["valid_from"]), FIRST_DAY)
            end = dt.date.fromisoformat(period["valid_to"]) if period["valid_to"] else LAST_DAY + dt.timedelta(days=1)
            day = start
            while day < end and day <= LAST_DAY:
                answers[(day, period["place_slug"])] = SIDES[period["controller_code"]]
                day += dt.timedelta(days=1)
    return answers


def test_the_previous_rounds_answers_stand_except_the_re_read_ones(seeded_connection: Connection) -> None:
    now = {
        (row.day, row.place_slug): row.controller_side
        for row in seeded_connection.execute(
            text("select day, place_slug, controller_side from reporting.control_daily where campaign = :c"),
            {"c": CAMPAIGN},
        )
    }
    before = _round_one()
    assert len(before) > 4000
    changed = {key for key, side in before.items() if now.get(key) != side}
    redated_places = {
        (day + dt.timedelta(days=shift), row.place_slug)
        for slug, day in REDATED.items()
        for shift in (0, 1)
        for row in seeded_connection.execute(
            text("select place_slug from reporting.claims where campaign = :c and claim_slug = :s and place_role = 'subject'"),
            {"c": CAMPAIGN, "s": slug},
        )
    }
    # only the re-dated captures moved, each by one day, to Azerbaijan
    assert changed and changed <= redated_places
    assert all(now[key] == "Azerbaijan" and before[key] == "Armenia and Artsakh" for key in changed)
    # the only answers new this round: Füzuli city and Mincivan before their
    # capture (their district is cited now), and the re-dated captures' first days
    new = set(now) - set(before)
    assert {place for _, place in new} - {place for _, place in redated_places} <= {"fuzuli", "mincivan"}
    assert {(dt.date(2020, 10, 1), "fuzuli"), (dt.date(2020, 10, 1), "mincivan")} <= new
    assert all(now[key] == "Azerbaijan" for key in new & redated_places)
