"""Control inference (design §3), rule by rule, on small campaigns built in
the test: given these claims, control_as_of returns these rows."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from reporting_world import Theatre, build_theatre, control_rows


@pytest.fixture
def theatre(session: Session) -> Theatre:
    return build_theatre(session)


def test_a_village_inherits_its_districts_control(theatre: Theatre, session: Session) -> None:
    rows = control_rows(session, "2020-10-01")
    village = rows[theatre.village.place_id]
    assert (village["controller_code"], village["basis"], village["basis_place_name"]) == ("ART", "inherited", "Jabrayil District")
    assert village["district"] == "Jabrayil District"
    assert village["since"].isoformat() == "1994-12-31"
    district = rows[theatre.district.place_id]
    assert (district["controller_code"], district["basis"], district["district"]) == ("ART", "direct", "Jabrayil District")


def test_a_place_no_claim_covers_has_no_row(theatre: Theatre, session: Session) -> None:
    lonely = theatre.world.place("Khodaafarin Bridges", "bridge")
    rows = control_rows(session, "2020-10-01")
    assert lonely.place_id not in rows
    assert theatre.country.place_id not in rows  # the baseline names the district, not the country
    assert control_rows(session, "1994-06-01") == {}  # the baseline counts from 31 December 1994


def test_a_self_contradicted_area_claim_is_not_inherited(theatre: Theatre, session: Session) -> None:
    t = theatre
    t.world.claim(t.az_mod, "control", [t.district], "2020-10-07", actor=t.az)
    t.world.claim(t.az_mod, "capture", [t.village], ("2020-09-27", "2020-10-22"), stated="2020-10-22", actor=t.az)

    everything = control_rows(session, "2020-10-08")
    assert everything[t.village.place_id]["controller_code"] == "ART"
    assert everything[t.other_village.place_id]["controller_code"] == "ART"
    district = everything[t.district.place_id]
    assert (district["controller_code"], district["basis"], district["status"]) == ("AZ", "direct", "contradicted")

    known_then = control_rows(session, "2020-10-08", known_by="2020-10-08")
    village = known_then[t.village.place_id]
    assert (village["controller_code"], village["basis"], village["status"]) == ("AZ", "inherited", "claimed")
    assert known_then[t.district.place_id]["status"] == "claimed"


def test_only_a_later_capture_by_the_same_side_contradicts(theatre: Theatre, session: Session) -> None:
    t = theatre
    t.world.claim(t.az_mod, "capture", [t.village], "2020-10-04", actor=t.az)  # announced before
    t.world.claim(t.az_mod, "control", [t.district], "2020-10-07", actor=t.az)
    t.world.claim(t.narrative, "capture", [t.other_village], "2020-10-20", actor=t.az)  # not the same party
    t.world.claim(t.az_mod, "control", [t.third_village], "2020-10-21", actor=t.az)  # a state, not a capture
    rows = control_rows(session, "2020-10-08")
    assert rows[t.district.place_id]["status"] == "claimed"
    assert rows[t.third_village.place_id]["controller_code"] == "AZ"
    assert rows[t.third_village.place_id]["basis"] == "inherited"


def test_a_ranged_date_counts_from_its_latest_day(theatre: Theatre, session: Session) -> None:
    t = theatre
    t.world.claim(t.az_mod, "capture", [t.village], ("2020-10-01", "2020-10-05"), stated="2020-10-05", actor=t.az)
    assert control_rows(session, "2020-10-04")[t.village.place_id]["controller_code"] == "ART"
    row = control_rows(session, "2020-10-05")[t.village.place_id]
    assert (row["controller_code"], row["since"].isoformat()) == ("AZ", "2020-10-05")


def test_knowledge_cut_off_ignores_later_statements(theatre: Theatre, session: Session) -> None:
    t = theatre
    t.world.claim(t.az_mod, "capture", [t.village], "2020-10-04", stated=("2020-10-04", "2020-10-06"), actor=t.az)
    assert control_rows(session, "2020-10-05", known_by="2020-10-05")[t.village.place_id]["controller_code"] == "ART"
    assert control_rows(session, "2020-10-05", known_by="2020-10-06")[t.village.place_id]["controller_code"] == "AZ"
    assert control_rows(session, "2020-10-05")[t.village.place_id]["controller_code"] == "AZ"


class TestTieBreaks:
    def test_the_latest_event_wins_whoever_spoke_last(self, theatre: Theatre, session: Session) -> None:
        t = theatre
        captured = t.world.claim(t.az_mod, "capture", [t.village], "2020-10-05", actor=t.az)
        t.world.claim(t.art_mod, "control", [t.village], "2020-10-03", stated="2020-10-10", actor=t.art)
        assert control_rows(session, "2020-10-10")[t.village.place_id]["claim_id"] == captured.claim_id

    def test_on_the_same_day_a_claim_naming_the_place_beats_an_area_claim(
        self, theatre: Theatre, session: Session
    ) -> None:
        t = theatre
        direct = t.world.claim(t.az_mod, "capture", [t.village], "2020-10-05", actor=t.az)
        t.world.claim(t.art_mod, "control", [t.district], "2020-10-05", stated="2020-10-06", actor=t.art)
        row = control_rows(session, "2020-10-06")[t.village.place_id]
        assert (row["claim_id"], row["basis"], row["controller_code"]) == (direct.claim_id, "direct", "AZ")

    def test_then_the_later_statement_wins(self, theatre: Theatre, session: Session) -> None:
        t = theatre
        t.world.claim(t.az_mod, "capture", [t.village], "2020-10-05", stated="2020-10-06", actor=t.az)
        later = t.world.claim(t.art_mod, "control", [t.village], "2020-10-05", stated="2020-10-08", actor=t.art)
        assert control_rows(session, "2020-10-08")[t.village.place_id]["claim_id"] == later.claim_id
        # as known on the 7th, the later statement was not yet made
        assert control_rows(session, "2020-10-08", known_by="2020-10-07")[t.village.place_id]["controller_code"] == "AZ"


class TestStatuses:
    def test_claimed(self, theatre: Theatre, session: Session) -> None:
        t = theatre
        t.world.claim(t.az_mod, "capture", [t.village], "2020-10-05", actor=t.az)
        assert control_rows(session, "2020-10-05")[t.village.place_id]["status"] == "claimed"

    @pytest.mark.parametrize("kind", ["independent_confirmation", "footage", "adversary_admission"])
    def test_corroborated(self, theatre: Theatre, session: Session, kind: str) -> None:
        t = theatre
        claim = t.world.claim(t.az_mod, "capture", [t.village], "2020-10-05", actor=t.az)
        t.world.corroborate(claim, t.outlet, "2020-10-07", kind)
        assert control_rows(session, "2020-10-05")[t.village.place_id]["status"] == "corroborated"
        assert control_rows(session, "2020-10-05", known_by="2020-10-06")[t.village.place_id]["status"] == "claimed"

    def test_denied(self, theatre: Theatre, session: Session) -> None:
        t = theatre
        claim = t.world.claim(t.az_mod, "capture", [t.village, t.other_village], "2020-10-05", actor=t.az)
        t.world.deny(claim, t.art_mod, "2020-10-06", place=t.village, counter="clashes continue near it")
        rows = control_rows(session, "2020-10-05")
        assert rows[t.village.place_id]["status"] == "denied"
        assert rows[t.other_village.place_id]["status"] == "claimed"  # the denial names one place
        assert control_rows(session, "2020-10-05", known_by="2020-10-05")[t.village.place_id]["status"] == "claimed"

    def test_disputed(self, theatre: Theatre, session: Session) -> None:
        t = theatre
        claim = t.world.claim(t.az_mod, "capture", [t.village], "2020-10-05", actor=t.az)
        t.world.deny(claim, t.art_mod, "2020-10-06")
        t.world.corroborate(claim, t.outlet, "2020-10-08", "independent_confirmation")
        assert control_rows(session, "2020-10-05")[t.village.place_id]["status"] == "disputed"
        assert control_rows(session, "2020-10-05", known_by="2020-10-07")[t.village.place_id]["status"] == "denied"

    def test_contradicted_outranks_everything(self, theatre: Theatre, session: Session) -> None:
        t = theatre
        area = t.world.claim(t.az_mod, "control", [t.district], "2020-10-07", actor=t.az)
        t.world.deny(area, t.art_mod, "2020-10-07")
        t.world.corroborate(area, t.outlet, "2020-10-07")
        t.world.claim(t.az_mod, "capture", [t.village], "2020-10-12", actor=t.az)
        assert control_rows(session, "2020-10-08")[t.district.place_id]["status"] == "contradicted"
        assert control_rows(session, "2020-10-08", known_by="2020-10-11")[t.district.place_id]["status"] == "disputed"

    def test_an_inherited_basis_takes_the_status_of_the_area_claim(self, theatre: Theatre, session: Session) -> None:
        t = theatre
        area = t.world.claim(t.az_mod, "control", [t.district], "2020-10-07", actor=t.az)
        t.world.deny(area, t.art_mod, "2020-10-08", place=t.district)
        row = control_rows(session, "2020-10-08")[t.village.place_id]
        assert (row["basis"], row["status"]) == ("inherited", "denied")
