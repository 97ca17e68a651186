"""reporting.contested_claims, one contest kind at a time, on small campaigns
built in the test."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from campaign_db.models import Claim, Party, Place, Source
from campaign_db.reporting import ContestedClaim, contested_claims
from reporting_world import World


@dataclass
class Sides:
    world: World
    az: Party
    am: Party
    az_mod: Source
    az_president: Source
    am_mod: Source
    narrative: Source
    district: Place
    village: Place
    other_village: Place


@pytest.fixture
def sides(session: Session) -> Sides:
    world = World(session)
    az, am = world.party("AZ", "Azerbaijan"), world.party("AM", "Armenia")
    district = world.place("Jabrayil District", "district")
    return Sides(
        world=world, az=az, am=am,
        az_mod=world.source("Azerbaijani MoD", az), az_president=world.source("President of Azerbaijan", az, "head_of_state"),
        am_mod=world.source("Armenian MoD", am), narrative=world.source("narrative", None, "narrative"),
        district=district,
        village=world.place("Sirik", "village", district), other_village=world.place("Şıxlar", "village", district),
    )


def contests_of(session: Session, claim: Claim, kind: str | None = None) -> list[ContestedClaim]:
    return [row for row in contested_claims(session, kind) if row.claim_id == claim.claim_id]


def test_denial(sides: Sides, session: Session) -> None:
    s = sides
    claim = s.world.claim(s.az_president, "capture", [s.village, s.other_village], "2020-10-22", actor=s.az)
    denial = s.world.deny(claim, s.am_mod, "2020-10-23", place=s.village, counter="heavy clashes near Qacar")
    (row,) = contests_of(session, claim)
    assert (row.contest_kind, row.contested_by, row.contested_by_party) == ("denial", "Armenian MoD", "Armenia")
    assert (row.denial_id, row.counter_claim_id, row.places) == (denial.denial_id, None, "Sirik")
    assert (row.contested_on.isoformat(), row.days_after_claim) == ("2020-10-23", 1)
    assert row.counter_statement == "heavy clashes near Qacar"
    assert row.claimant == "President of Azerbaijan" and row.claim_kind == "capture"


def test_a_denial_of_the_whole_claim_lists_all_its_places(sides: Sides, session: Session) -> None:
    s = sides
    claim = s.world.claim(s.az_president, "capture", [s.village, s.other_village], "2020-10-22", actor=s.az)
    s.world.deny(claim, s.am_mod, "2020-10-23")
    (row,) = contests_of(session, claim)
    assert row.places == "Sirik, Şıxlar"


class TestMutualAccusation:
    def test_the_same_event_accused_both_ways(self, sides: Sides, session: Session) -> None:
        s = sides
        by_am = s.world.claim(s.am_mod, "accusation", [], ("2020-10-10", "2020-10-14"), actor=s.az, target=s.am, event_key="bombing")
        by_az = s.world.claim(s.az_mod, "accusation", [], ("2020-10-10", "2020-10-14"), actor=s.am, target=s.az, event_key="bombing")
        (row,) = contests_of(session, by_am, "mutual_accusation")
        assert (row.counter_claim_id, row.contested_by, row.contested_by_party) == (by_az.claim_id, "Azerbaijani MoD", "Azerbaijan")
        assert [row.counter_claim_id for row in contests_of(session, by_az)] == [by_am.claim_id]

    def test_without_an_event_key_the_places_and_dates_must_match(self, sides: Sides, session: Session) -> None:
        s = sides
        shelled = s.world.claim(s.am_mod, "shelling", [s.village], "2020-10-05", actor=s.az)
        back = s.world.claim(s.az_mod, "shelling", [s.village], "2020-10-05", actor=s.am)
        s.world.claim(s.az_mod, "shelling", [s.other_village], "2020-10-05", actor=s.am)  # another place
        s.world.claim(s.az_mod, "shelling", [s.village], "2020-10-09", actor=s.am)  # another day
        assert [row.counter_claim_id for row in contests_of(session, shelled)] == [back.claim_id]

    def test_accusing_the_same_side_or_claiming_a_capture_is_not_mutual(self, sides: Sides, session: Session) -> None:
        s = sides
        one = s.world.claim(s.am_mod, "shelling", [], "2020-10-05", actor=s.az)
        s.world.claim(s.narrative, "shelling", [], "2020-10-05", actor=s.am)  # no party: not the accused side speaking
        capture = s.world.claim(s.az_mod, "capture", [s.village], "2020-10-05", actor=s.az)
        s.world.claim(s.am_mod, "capture", [s.village], "2020-10-05", actor=s.am)
        assert contests_of(session, one) == [] and contests_of(session, capture) == []


def test_self_contradiction(sides: Sides, session: Session) -> None:
    s = sides
    area = s.world.claim(s.az_mod, "control", [s.district], "2020-10-07", actor=s.az)
    first = s.world.claim(s.az_president, "capture", [s.village], ("2020-09-27", "2020-10-22"), stated="2020-10-22", actor=s.az)
    second = s.world.claim(s.az_president, "capture", [s.other_village], "2020-10-26", actor=s.az)
    rows = contests_of(session, area, "self_contradiction")
    assert [(row.counter_claim_id, row.contested_by, row.places) for row in rows] == [
        (first.claim_id, "President of Azerbaijan", "Jabrayil District"),
        (second.claim_id, "President of Azerbaijan", "Jabrayil District"),
    ]
    assert rows[0].days_after_claim == 15


class TestRepeatClaim:
    def test_the_same_side_claims_a_place_again(self, sides: Sides, session: Session) -> None:
        s = sides
        first = s.world.claim(s.az_president, "capture", [s.village, s.other_village], "2020-10-20", actor=s.az)
        again = s.world.claim(s.az_mod, "capture", [s.village], "2020-10-28", actor=s.az)
        (row,) = contests_of(session, again)
        assert (row.contest_kind, row.counter_claim_id, row.places) == ("repeat_claim", first.claim_id, "Sirik")
        assert (row.contested_by, row.contested_on.isoformat(), row.days_after_claim) == ("President of Azerbaijan", "2020-10-20", -8)
        assert contests_of(session, first) == []

    def test_the_most_recent_earlier_claim_is_the_one_repeated(self, sides: Sides, session: Session) -> None:
        s = sides
        s.world.claim(s.az_president, "capture", [s.village], "2020-10-20", actor=s.az)
        second = s.world.claim(s.az_president, "control", [s.village], "2020-10-24", actor=s.az)
        third = s.world.claim(s.az_president, "capture", [s.village], "2020-10-28", actor=s.az)
        assert [row.counter_claim_id for row in contests_of(session, third)] == [second.claim_id]

    def test_not_a_repeat(self, sides: Sides, session: Session) -> None:
        s = sides
        s.world.claim(s.az_president, "capture", [s.village], "2020-10-20", actor=s.az)
        other_side = s.world.claim(s.am_mod, "capture", [s.village], "2020-10-22", actor=s.am)
        same_day = s.world.claim(s.az_mod, "capture", [s.village], ("2020-10-19", "2020-10-20"), stated="2020-10-20", actor=s.az)
        independent = s.world.claim(s.narrative, "capture", [s.village], "2020-10-25", actor=s.az)
        for claim in (other_side, same_day, independent):
            assert contests_of(session, claim, "repeat_claim") == []


def test_date_conflict(sides: Sides, session: Session) -> None:
    s = sides
    lead = s.world.claim(s.narrative, "ceasefire", [], "2020-10-09", event_key="ceasefire")
    body = s.world.claim(s.az_mod, "ceasefire", [], "2020-10-10", event_key="ceasefire")
    agreeing = s.world.claim(s.am_mod, "ceasefire", [], ("2020-10-09", "2020-10-10"), event_key="ceasefire")
    assert [row.counter_claim_id for row in contests_of(session, lead, "date_conflict")] == [body.claim_id]
    assert [row.counter_claim_id for row in contests_of(session, body, "date_conflict")] == [lead.claim_id]
    assert contests_of(session, agreeing, "date_conflict") == []
