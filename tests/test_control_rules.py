"""Control inference (design §3), rule by rule and status by status, on small
campaigns written in the seed format and loaded in the test's transaction:
given these claims, the views answer this."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from campaign_builder import CampaignBuilder, worked_example
from control_helpers import control, load, periods
from sqlalchemy import Connection, text


def theatre(slug: str = "rules") -> CampaignBuilder:
    """Two sides (the defender with an ally), a neutral state, an analyst;
    a district with two villages, a town; the ally holds the district since
    1994 (the narrative voice)."""
    return (
        CampaignBuilder(slug)
        .side("attackers", "Attackers", ("ATT", "Attacker state"))
        .side("defenders", "Defenders", ("DEF", "Defender state"), ("ALLY", "Defender's ally"))
        .party("NEUTRAL", "Neutral state")
        .source("att-mod", "Attacker MoD", "ministry_of_defence", "ATT")
        .source("att-president", "Attacker president", "head_of_state", "ATT")
        .source("def-mod", "Defender MoD", "ministry_of_defence", "DEF")
        .source("ally-gov", "Ally government", "government", "ALLY")
        .source("analyst", "An analyst", "independent_analyst", None)
        .source("neutral-gov", "Neutral government", "government", "NEUTRAL")
        .place("region", "The Region", "region")
        .place("district", "The District", "district", areas=("region",))
        .place("v1", "Village One", "village", areas=("district",))
        .place("v2", "Village Two", "village", areas=("district",))
        .place("t", "The Town", "town")
        .claim("baseline", "narrative", "control", ["district", "t"], ("1994-01-01", "1994-12-31"), actor="ALLY")
    )


# --- the worked example of design §3 ---------------------------------------------------


def test_the_worked_example_day_by_day(connection: Connection, tmp_path: Path) -> None:
    slug = load(connection, worked_example(), tmp_path)
    expected: dict[int, tuple[str, str, str]] = {}
    for day in range(1, 9):
        expected[day] = ("Side B", "1992-12-31", "corroborated")
    for day in range(9, 15):
        expected[day] = ("Side B", "1992-12-31", "contested")
    expected[15] = ("Side A", "2021-03-15", "corroborated")
    for day in range(16, 21):
        expected[day] = ("Side A", "2021-03-15", "contested")
    answers = {}
    for day in expected:
        row = control(connection, f"2021-03-{day:02d}", campaign=slug)["t"]
        answers[day] = (row["controller_side"], row["since"].isoformat(), row["status"])
    assert answers == expected
    # no change of hands on day 10: the independent outlet's "B holds it" only becomes the basis
    day_ten = control(connection, "2021-03-10", campaign=slug)["t"]
    assert (day_ten["claim_slug"], day_ten["since"]) == ("outlet-b-holds", dt.date(1992, 12, 31))
    # the daily view and the periods say the same
    daily = connection.execute(
        text(
            "select day, controller_side, since, status from reporting.control_daily "
            "where campaign = :slug and place_slug = 't' and day between '2021-03-01' and '2021-03-20' order by day"
        ),
        {"slug": slug},
    ).all()
    assert {row.day.day: (row.controller_side, row.since.isoformat(), row.status) for row in daily} == expected
    sides = [(p["controller_side"], p["valid_from"].isoformat(), p["status"]) for p in periods(connection, slug, "t")]
    assert [side for side, *_ in sides] == ["Side B", "Side B", "Side B", "Side B", "Side A", "Side A"]


# --- rule 1: candidates ------------------------------------------------------------------


def test_a_claim_counts_once_its_event_is_certainly_over(connection: Connection, tmp_path: Path) -> None:
    campaign = theatre().claim("took-v1", "att-mod", "capture", ["v1"], "2021-03-10", ("2021-03-05", "2021-03-10"),
                                actor="ATT")
    slug = load(connection, campaign, tmp_path)
    assert control(connection, "2021-03-09", campaign=slug)["v1"]["controller_side"] == "Defenders"
    taken = control(connection, "2021-03-10", campaign=slug)["v1"]
    assert (taken["controller_side"], taken["since"]) == ("Attackers", dt.date(2021, 3, 10))


def test_an_area_claim_reaches_every_place_inside_it_at_any_depth(connection: Connection, tmp_path: Path) -> None:
    campaign = theatre().claim("region-held", "att-mod", "control", ["region"], "2021-03-05", actor="ATT")
    slug = load(connection, campaign, tmp_path)
    rows = control(connection, "2021-03-06", campaign=slug)
    village = rows["v1"]
    assert (village["controller_side"], village["basis"], village["basis_place_name"]) == (
        "Attackers", "inherited", "The Region")
    assert rows["district"]["controller_side"] == "Attackers"
    assert rows["t"]["controller_side"] == "Defenders"  # the town is in no area of the region
    assert "region" in rows  # the region's own row


def test_only_statements_certainly_made_by_the_cut_off_count(connection: Connection, tmp_path: Path) -> None:
    campaign = theatre().claim("took-v1", "att-mod", "capture", ["v1"], ("2021-03-05", "2021-03-07"),
                                "2021-03-05", actor="ATT")
    slug = load(connection, campaign, tmp_path)
    assert control(connection, "2021-03-08", "2021-03-06", slug)["v1"]["controller_side"] == "Defenders"
    assert control(connection, "2021-03-08", "2021-03-07", slug)["v1"]["controller_side"] == "Attackers"
    assert control(connection, "2021-03-08", None, slug)["v1"]["controller_side"] == "Attackers"


# --- rule 2: self-contradiction -----------------------------------------------------------


def test_an_area_claim_its_own_side_contradicts_is_not_inherited(connection: Connection, tmp_path: Path) -> None:
    campaign = (
        theatre()
        .claim("district-held", "att-mod", "control", ["district"], "2021-03-07", actor="ATT")
        .claim("took-v1-later", "att-mod", "capture", ["v1"], "2021-03-22", ("2021-03-01", "2021-03-22"), actor="ATT")
    )
    slug = load(connection, campaign, tmp_path)
    everything = control(connection, "2021-03-08", campaign=slug)
    assert everything["v1"]["controller_side"] == "Defenders"
    assert everything["v2"]["controller_side"] == "Defenders"
    district = everything["district"]
    assert (district["controller_side"], district["basis"], district["status"]) == (
        "Attackers", "direct", "contradicted")
    known_then = control(connection, "2021-03-08", "2021-03-08", slug)
    assert (known_then["v1"]["controller_side"], known_then["v1"]["basis"], known_then["v1"]["status"]) == (
        "Attackers", "inherited", "claimed")
    assert known_then["district"]["status"] == "claimed"
    contest = connection.execute(
        text(
            "select claim_slug, counter_claim_slug, places from reporting.contested_claims "
            "where campaign = :slug and contest_kind = 'self_contradiction'"
        ),
        {"slug": slug},
    ).one()
    assert tuple(contest) == ("district-held", "took-v1-later", "The District")


def test_only_a_later_capture_by_the_same_side_contradicts(connection: Connection, tmp_path: Path) -> None:
    campaign = (
        theatre()
        .claim("took-v1-before", "att-mod", "capture", ["v1"], "2021-03-04", actor="ATT")
        .claim("district-held", "att-mod", "control", ["district"], "2021-03-07", actor="ATT")
        .claim("neutral-says-v2", "neutral-gov", "capture", ["v2"], "2021-03-20", actor="ATT")
    )
    slug = load(connection, campaign, tmp_path)
    rows = control(connection, "2021-03-08", campaign=slug)
    assert rows["district"]["status"] != "contradicted"
    assert rows["v2"]["controller_side"] == "Attackers"  # inherited from the uncontradicted district claim


# --- rule 3: evidence ranks ----------------------------------------------------------------


def test_evidence_ranks(connection: Connection, tmp_path: Path) -> None:
    campaign = (
        theatre()
        .place("p-claimed", "Plain", "village").place("p-narrative", "Told", "village")
        .place("p-admitted", "Admitted", "village").place("p-analyst", "Assessed", "village")
        .place("p-denied", "Denied", "village").place("p-disputed", "Disputed", "village")
        .place("p-own-denial", "Own denial", "village").place("p-neutral", "Neutral said", "village")
        .claim("claimed", "att-mod", "capture", ["p-claimed"], "2021-03-05", actor="ATT")
        .claim("told", "narrative", "capture", ["p-narrative"], "2021-03-05", actor="ATT")
        .claim("admitted", "def-mod", "capture", ["p-admitted"], "2021-03-05", actor="ATT")
        .claim("neutral", "neutral-gov", "capture", ["p-neutral"], "2021-03-05", actor="ATT")
        .claim("assessed", "att-mod", "capture", ["p-analyst"], "2021-03-05", actor="ATT",
               corroborations=[{"slug": "isw-agrees", "source": "analyst", "kind": "analyst_assessment",
                                "stated": "2021-03-08"}])
        .claim("denied", "att-mod", "capture", ["p-denied"], "2021-03-05", actor="ATT",
               denials=[{"slug": "def-denies", "source": "def-mod", "stated": "2021-03-06"}])
        .claim("disputed", "att-mod", "capture", ["p-disputed"], "2021-03-05", actor="ATT",
               denials=[{"slug": "analyst-disputes", "source": "analyst", "stated": "2021-03-06"}],
               corroborations=[{"slug": "ally-admits", "source": "ally-gov", "kind": "adversary_admission",
                                "stated": "2021-03-07"}])
        .claim("own-denial", "att-mod", "capture", ["p-own-denial"], "2021-03-05", actor="ATT",
               denials=[{"slug": "president-denies", "source": "att-president", "stated": "2021-03-06"}])
    )
    slug = load(connection, campaign, tmp_path)
    rows = control(connection, "2021-03-10", campaign=slug)
    evidence = {place: (rows[place]["evidence"], rows[place]["status"]) for place in rows if place.startswith("p-")}
    assert evidence == {
        "p-claimed": ("claimed", "claimed"),
        "p-narrative": ("confirmed", "corroborated"),
        "p-admitted": ("confirmed", "corroborated"),
        "p-neutral": ("confirmed", "corroborated"),
        "p-analyst": ("confirmed", "corroborated"),
        "p-denied": ("denied", "denied"),
        "p-disputed": ("confirmed", "disputed"),
        "p-own-denial": ("claimed", "claimed"),
    }
    early = control(connection, "2021-03-10", "2021-03-06", slug)
    assert (early["p-analyst"]["evidence"], early["p-disputed"]["evidence"]) == ("claimed", "denied")
    assert early["p-disputed"]["status"] == "denied"


# --- rule 4: changes of hands --------------------------------------------------------------


def test_a_claim_of_the_same_side_keeps_the_side_and_its_since(connection: Connection, tmp_path: Path) -> None:
    # Armenia's army taking over a town from Artsakh's is not a capture: the
    # side and `since` stay; the strongest, then latest, claim is the basis
    campaign = (
        theatre()
        .claim("def-mod-holds-t", "def-mod", "control", ["t"], "2021-03-05", actor="DEF")
        .claim("analyst-def-holds-t", "analyst", "control", ["t"], "2021-03-08", actor="DEF")
    )
    slug = load(connection, campaign, tmp_path)
    before = control(connection, "2021-03-04", campaign=slug)["t"]
    weaker = control(connection, "2021-03-05", campaign=slug)["t"]
    stronger = control(connection, "2021-03-08", campaign=slug)["t"]
    assert (before["controller_code"], before["controller_side"]) == ("ALLY", "Defenders")
    assert (weaker["controller_code"], weaker["claim_slug"], weaker["since"]) == ("ALLY", "baseline", before["since"])
    assert (stronger["controller_code"], stronger["controller_side"], stronger["claim_slug"], stronger["since"]) == (
        "DEF", "Defenders", "analyst-def-holds-t", before["since"])
    assert [p["controller_side"] for p in periods(connection, slug, "t")] == ["Defenders", "Defenders"]


def test_a_capture_takes_the_place_over_whatever_its_rank(connection: Connection, tmp_path: Path) -> None:
    campaign = theatre().claim("took-t", "att-mod", "capture", ["t"], "2021-03-05", actor="ATT",
                               denials=[{"slug": "no", "source": "def-mod", "stated": "2021-03-05"}])
    slug = load(connection, campaign, tmp_path)
    row = control(connection, "2021-03-06", campaign=slug)["t"]
    assert (row["controller_side"], row["since"], row["status"], row["evidence"]) == (
        "Attackers", dt.date(2021, 3, 5), "denied", "denied")


def test_we_still_hold_it_takes_over_only_at_the_basis_rank(connection: Connection, tmp_path: Path) -> None:
    campaign = (
        theatre()
        .claim("analyst-att-took-t", "analyst", "capture", ["t"], "2021-03-05", actor="ATT")
        .claim("def-still-holds", "def-mod", "control", ["t"], "2021-03-06", actor="DEF")
        .claim("analyst-def-holds", "analyst", "control", ["t"], "2021-03-09", actor="DEF")
    )
    slug = load(connection, campaign, tmp_path)
    sixth = control(connection, "2021-03-07", campaign=slug)["t"]
    assert (sixth["controller_side"], sixth["status"], sixth["counter_claim_id"] is not None) == (
        "Attackers", "contested", True)
    assert sixth["counter_side"] == "Defenders"
    ninth = control(connection, "2021-03-09", campaign=slug)["t"]
    assert (ninth["controller_side"], ninth["since"]) == ("Defenders", dt.date(2021, 3, 9))


def test_a_control_claim_by_a_side_that_never_held_the_place_changes_hands(
    connection: Connection, tmp_path: Path
) -> None:
    campaign = theatre().claim("att-controls-t", "att-mod", "control", ["t"], "2021-03-05", actor="ATT")
    slug = load(connection, campaign, tmp_path)
    row = control(connection, "2021-03-05", campaign=slug)["t"]
    assert (row["controller_side"], row["since"], row["status"]) == ("Attackers", dt.date(2021, 3, 5), "claimed")


def test_a_withdrawal_leaves_no_controller_until_a_later_candidate(connection: Connection, tmp_path: Path) -> None:
    campaign = (
        theatre()
        .claim("def-left-t", "def-mod", "withdrawal", ["t"], "2021-03-05", actor="DEF")
        .claim("att-entered-t", "att-mod", "capture", ["t"], "2021-03-08", actor="ATT")
    )
    slug = load(connection, campaign, tmp_path)
    left = control(connection, "2021-03-06", campaign=slug)["t"]
    assert (left["controller"], left["controller_side"], left["since"], left["claim_slug"]) == (
        None, None, dt.date(2021, 3, 5), "def-left-t")
    taken = control(connection, "2021-03-08", campaign=slug)["t"]
    assert (taken["controller_side"], taken["since"]) == ("Attackers", dt.date(2021, 3, 8))


def test_a_withdrawal_that_names_who_took_over_hands_the_place_over(connection: Connection, tmp_path: Path) -> None:
    campaign = theatre().claim("def-left-to-att", "def-mod", "withdrawal", ["t"], "2021-03-05", actor="DEF",
                               target="ATT")
    slug = load(connection, campaign, tmp_path)
    row = control(connection, "2021-03-05", campaign=slug)["t"]
    assert (row["controller_code"], row["controller_side"], row["since"]) == ("ATT", "Attackers", dt.date(2021, 3, 5))


def test_presence_contests_but_never_takes_over(connection: Connection, tmp_path: Path) -> None:
    campaign = theatre().claim("att-entered-t", "att-mod", "presence", ["t"], "2021-03-05", actor="ATT")
    slug = load(connection, campaign, tmp_path)
    row = control(connection, "2021-03-05", campaign=slug)["t"]
    assert (row["controller_side"], row["status"], row["counter_side"], row["counter_kind"]) == (
        "Defenders", "contested", "Attackers", "presence")
    assert row["since"] == dt.date(1994, 12, 31)


def test_partial_control_contests_and_shows_its_share(connection: Connection, tmp_path: Path) -> None:
    campaign = theatre().claim("att-holds-most-of-t", "att-mod", "partial",
                               [{"place": "t", "share": 90}], "2021-03-05", actor="ATT")
    slug = load(connection, campaign, tmp_path)
    row = control(connection, "2021-03-05", campaign=slug)["t"]
    assert (row["controller_side"], row["status"], row["counter_kind"], row["share_percent"]) == (
        "Defenders", "contested", "partial", 90.0)


def test_on_the_same_day_the_higher_rank_wins(connection: Connection, tmp_path: Path) -> None:
    campaign = (
        theatre()
        .claim("att-took-t", "att-mod", "capture", ["t"], "2021-03-05", actor="ATT")
        .claim("analyst-def-holds-t", "analyst", "control", ["t"], "2021-03-05", actor="DEF")
        .claim("att-took-v1", "analyst", "capture", ["v1"], "2021-03-05", actor="ATT")
        .claim("def-holds-v1", "def-mod", "control", ["v1"], "2021-03-05", actor="DEF")
    )
    slug = load(connection, campaign, tmp_path)
    rows = control(connection, "2021-03-05", campaign=slug)
    assert (rows["t"]["controller_side"], rows["t"]["status"]) == ("Defenders", "contested")
    assert (rows["v1"]["controller_side"], rows["v1"]["status"], rows["v1"]["since"]) == (
        "Attackers", "contested", dt.date(2021, 3, 5))


def test_on_the_same_day_an_equal_rank_leaves_the_place_with_its_holder(
    connection: Connection, tmp_path: Path
) -> None:
    campaign = (
        theatre()
        .claim("att-took-t", "att-mod", "capture", ["t"], "2021-03-05", actor="ATT")
        .claim("def-holds-t", "def-mod", "control", ["t"], "2021-03-05", actor="DEF")
    )
    slug = load(connection, campaign, tmp_path)
    row = control(connection, "2021-03-05", campaign=slug)["t"]
    assert (row["controller_side"], row["status"], row["counter_claimant"]) == (
        "Defenders", "contested", "Attacker MoD")
    conflicts = connection.execute(
        text(
            "select claim_slug, counter_claim_slug from reporting.contested_claims "
            "where campaign = :slug and contest_kind = 'conflicting_control' order by 1"
        ),
        {"slug": slug},
    ).all()
    assert [tuple(row) for row in conflicts] == [("att-took-t", "baseline"), ("baseline", "att-took-t")]


def test_since_is_the_first_day_of_unbroken_control(connection: Connection, tmp_path: Path) -> None:
    campaign = (
        theatre()
        .claim("took-t", "att-president", "capture", ["t"], "2021-03-20", actor="ATT")
        .claim("took-t-again", "att-mod", "capture", ["t"], "2021-03-21", actor="ATT")
        .claim("still-ours", "att-mod", "control", ["t"], "2021-03-28", actor="ATT")
    )
    slug = load(connection, campaign, tmp_path)
    row = control(connection, "2021-03-30", campaign=slug)["t"]
    assert (row["controller_side"], row["since"]) == ("Attackers", dt.date(2021, 3, 20))
    repeat = connection.execute(
        text(
            "select claim_slug, counter_claim_slug from reporting.contested_claims "
            "where campaign = :slug and contest_kind = 'repeat_claim' order by 1"
        ),
        {"slug": slug},
    ).all()
    # each repeat names the latest earlier claim only, never every pair
    assert [tuple(r) for r in repeat] == [("still-ours", "took-t-again"), ("took-t-again", "took-t")]


@pytest.mark.parametrize("status", ["claimed", "corroborated", "denied", "disputed", "contested", "contradicted"])
def test_every_status_is_reachable(connection: Connection, tmp_path: Path, status: str) -> None:
    by_status = {
        "claimed": theatre().claim("c", "att-mod", "capture", ["t"], "2021-03-05", actor="ATT"),
        "corroborated": theatre().claim("c", "analyst", "capture", ["t"], "2021-03-05", actor="ATT"),
        "denied": theatre().claim("c", "att-mod", "capture", ["t"], "2021-03-05", actor="ATT",
                                  denials=[{"slug": "d", "source": "def-mod", "stated": "2021-03-05"}]),
        "disputed": theatre().claim("c", "analyst", "capture", ["t"], "2021-03-05", actor="ATT",
                                    denials=[{"slug": "d", "source": "def-mod", "stated": "2021-03-05"}]),
        "contested": theatre().claim("c", "att-mod", "presence", ["t"], "2021-03-05", actor="ATT"),
        "contradicted": theatre()
        .claim("c", "att-mod", "control", ["t"], "2021-03-05", actor="ATT")
        .place("inside-t", "Inside", "city_district", areas=("t",))
        .claim("later", "att-mod", "capture", ["inside-t"], "2021-03-09", actor="ATT"),
    }
    slug = load(connection, by_status[status], tmp_path)
    assert control(connection, "2021-03-06", campaign=slug)["t"]["status"] == status


# --- order independence ---------------------------------------------------------------------


def _answers(connection: Connection, slug: str) -> list[tuple[object, ...]]:
    rows = connection.execute(
        text(
            "select place_slug, valid_from, valid_to, controller_code, controller_side, since, basis, status, "
            "evidence, claim_slug, counter_claimant, counter_side, share_percent "
            "from reporting.control_periods where campaign = :slug order by 1, 2"
        ),
        {"slug": slug},
    ).all()
    contests = connection.execute(
        text(
            "select claim_slug, contest_kind, counter_claim_slug, places, contested_on from reporting.contested_claims "
            "where campaign = :slug order by 1, 2, 3, 4"
        ),
        {"slug": slug},
    ).all()
    return [tuple(row) for row in rows] + [tuple(row) for row in contests]


def _contested_theatre(slug: str) -> CampaignBuilder:
    return (
        theatre(slug)
        .claim("att-took-t", "att-mod", "capture", ["t"], "2021-03-05", actor="ATT")
        .claim("def-holds-t", "def-mod", "control", ["t"], "2021-03-05", actor="DEF")
        .claim("ally-holds-t", "ally-gov", "control", ["t"], "2021-03-05", actor="ALLY")
        .claim("att-took-v1", "att-mod", "capture", ["v1"], "2021-03-05", actor="ATT")
        .claim("analyst-v1", "analyst", "control", ["v1"], "2021-03-05", actor="DEF")
        .claim("district-held", "att-mod", "control", ["district"], "2021-03-06", actor="ATT")
        .claim("took-v2", "att-mod", "capture", ["v2"], "2021-03-09", actor="ATT")
        .claim("entered-t", "att-president", "presence", ["t"], "2021-03-07", actor="ATT")
    )


def test_no_answer_depends_on_the_order_of_entries(connection: Connection, tmp_path: Path) -> None:
    original = _contested_theatre("in-order")
    reversed_ = _contested_theatre("reversed")
    reversed_.claims.reverse()
    reversed_.places.reverse()
    reversed_.sources.reverse()
    shuffled = _contested_theatre("shuffled")
    random.Random(7).shuffle(shuffled.claims)
    random.Random(8).shuffle(shuffled.places)
    answers = []
    for builder in (original, reversed_, shuffled):
        slug = load(connection, builder, tmp_path)
        answers.append(_answers(connection, slug))
    assert answers[0] == answers[1] == answers[2]
    assert any(row[7] == "contested" for row in answers[0] if len(row) == 13)
