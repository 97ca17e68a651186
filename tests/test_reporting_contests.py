"""reporting.contested_claims, one contest kind at a time, on small campaigns
written in the seed format and loaded in the test's transaction (through
the Python API, campaign_db.reporting.contested_claims)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from campaign_builder import CampaignBuilder
from control_helpers import load
from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from campaign_db.reporting import ContestedClaim, contested_claims

SLUG = "contests"


def theatre() -> CampaignBuilder:
    """Two sides (Azerbaijan with an ally, Armenia), an independent outlet and
    the narrative voice; a district with two villages."""
    return (
        CampaignBuilder(SLUG, period=("2020-09-27", "2020-11-10"))
        .side("azerbaijan", "Azerbaijani side", ("AZ", "Azerbaijan"), ("TR", "Turkey"))
        .side("armenia", "Armenian side", ("AM", "Armenia"))
        .source("az-mod", "Azerbaijani MoD", "ministry_of_defence", "AZ")
        .source("az-president", "President of Azerbaijan", "head_of_state", "AZ")
        .source("tr-mod", "Turkish MoD", "ministry_of_defence", "TR")
        .source("am-mod", "Armenian MoD", "ministry_of_defence", "AM")
        .source("outlet", "An independent outlet", "news_outlet", None)
        .place("jabrayil", "Jabrayil District", "district")
        .place("sirik", "Sirik", "village", areas=("jabrayil",))
        .place("sixlar", "Şıxlar", "village", areas=("jabrayil",))
    )


def contests_of(session: Session, claim: str, kind: str | None = None) -> list[ContestedClaim]:
    """The contests of the claim with slug ``claim`` (of one kind)."""
    return [row for row in contested_claims(session, kind, campaign=SLUG) if row.claim_slug == claim]


def counters_of(session: Session, claim: str, kind: str | None = None) -> list[str | None]:
    return [row.counter_claim_slug for row in contests_of(session, claim, kind)]


# --- denial -----------------------------------------------------------------------------


def test_denial(connection: Connection, session: Session, tmp_path: Path) -> None:
    campaign = theatre().claim(
        "az-took-both", "az-president", "capture", ["sirik", "sixlar"], "2020-10-22", actor="AZ",
        denials=[{"slug": "am-denies-sirik", "source": "am-mod", "stated": "2020-10-23", "place": "sirik",
                  "counter_statement": "heavy clashes near Qacar"}],
    )
    load(connection, campaign, tmp_path)
    denial_id = connection.execute(text("select denial_id from core.denials where slug = 'am-denies-sirik'")).scalar_one()
    (row,) = contests_of(session, "az-took-both")
    assert (row.contest_kind, row.contested_by, row.contested_by_party) == ("denial", "Armenian MoD", "Armenia")
    assert (row.denial_id, row.counter_claim_id, row.counter_claim_slug, row.places) == (denial_id, None, None, "Sirik")
    assert (row.contested_on, row.days_after_claim) == (dt.date(2020, 10, 23), 1)
    assert row.counter_statement == "heavy clashes near Qacar"
    assert (row.claimant, row.claimant_party, row.claim_kind) == ("President of Azerbaijan", "Azerbaijan", "capture")
    assert (row.campaign, row.claim_campaign, row.contested_by_party_code) == (SLUG, SLUG, "AM")


def test_a_denial_of_the_whole_claim_lists_all_its_places(
    connection: Connection, session: Session, tmp_path: Path
) -> None:
    campaign = theatre().claim(
        "az-took-both", "az-president", "capture", ["sirik", "sixlar"], "2020-10-22", actor="AZ",
        denials=[{"slug": "am-denies-all", "source": "am-mod", "stated": "2020-10-23"}],
    )
    load(connection, campaign, tmp_path)
    (row,) = contests_of(session, "az-took-both")
    assert (row.contest_kind, row.places, row.counter_statement) == ("denial", "Sirik, Şıxlar", None)


# --- mutual accusation ------------------------------------------------------------------


def test_the_same_event_accused_both_ways(connection: Connection, session: Session, tmp_path: Path) -> None:
    days = ("2020-10-10", "2020-10-14")
    campaign = (
        theatre()
        .claim("am-accuses", "am-mod", "accusation", [], "2020-10-14", days, actor="AZ", target="AM", event="bombing")
        .claim("az-accuses", "az-mod", "accusation", [], "2020-10-14", days, actor="AM", target="AZ", event="bombing")
        # overlapping days, but both name their event and it is another one
        .claim("az-accuses-other", "az-mod", "accusation", [], "2020-10-14", days, actor="AM", target="AZ",
               event="another-bombing")
    )
    load(connection, campaign, tmp_path)
    (row,) = contests_of(session, "am-accuses", "mutual_accusation")
    assert (row.counter_claim_slug, row.contested_by, row.contested_by_party) == (
        "az-accuses", "Azerbaijani MoD", "Azerbaijan")
    assert (row.contested_on, row.days_after_claim, row.counter_side) == (dt.date(2020, 10, 14), 0, "Armenian side")
    assert counters_of(session, "az-accuses") == ["am-accuses"]
    assert contests_of(session, "az-accuses-other") == []


def test_shelling_answered_by_return_fire_must_name_the_same_places_and_days(
    connection: Connection, session: Session, tmp_path: Path
) -> None:
    campaign = (
        theatre()
        .claim("am-says-shelled", "am-mod", "shelling", ["sirik"], "2020-10-05", actor="AZ")
        .claim("az-says-shelled", "az-mod", "shelling", ["sirik"], "2020-10-05", actor="AM")
        .claim("another-place", "az-mod", "shelling", ["sixlar"], "2020-10-05", actor="AM")
        .claim("another-day", "az-mod", "shelling", ["sirik"], "2020-10-09", actor="AM")
        .claim("more-places", "az-mod", "shelling", ["sirik", "sixlar"], "2020-10-05", actor="AM")
    )
    load(connection, campaign, tmp_path)
    assert counters_of(session, "am-says-shelled") == ["az-says-shelled"]
    assert counters_of(session, "az-says-shelled") == ["am-says-shelled"]
    for claim in ("another-place", "another-day", "more-places"):
        assert contests_of(session, claim) == [], claim


def test_an_event_key_on_one_claim_only_falls_back_to_places_and_days(
    connection: Connection, session: Session, tmp_path: Path
) -> None:
    campaign = (
        theatre()
        .claim("am-says-shelled", "am-mod", "shelling", ["sirik"], "2020-10-05", actor="AZ", event="sirik-shelling")
        .claim("az-says-shelled", "az-mod", "shelling", ["sirik"], "2020-10-06", ("2020-10-04", "2020-10-06"),
               actor="AM")
    )
    load(connection, campaign, tmp_path)
    assert counters_of(session, "am-says-shelled", "mutual_accusation") == ["az-says-shelled"]
    assert counters_of(session, "az-says-shelled", "mutual_accusation") == ["am-says-shelled"]


def test_no_contest_for_an_own_side_or_unsided_speaker_or_a_capture(
    connection: Connection, session: Session, tmp_path: Path
) -> None:
    campaign = (
        theatre()
        .claim("am-accuses", "am-mod", "shelling", [], "2020-10-05", actor="AZ")
        .claim("told", "narrative", "shelling", [], "2020-10-05", actor="AM")  # no side: not the accused speaking
        .claim("outlet-says", "outlet", "shelling", [], "2020-10-05", actor="AM")  # no side either
        .claim("az-admits", "az-mod", "shelling", [], "2020-10-05", actor="AZ")  # its own side: no accusation
        .claim("az-took", "az-mod", "capture", ["sirik"], "2020-10-05", actor="AZ")
        .claim("am-took", "am-mod", "capture", ["sirik"], "2020-10-05", actor="AM")
    )
    load(connection, campaign, tmp_path)
    assert contested_claims(session, "mutual_accusation", campaign=SLUG) == []
    for claim in ("am-accuses", "told", "outlet-says", "az-admits"):
        assert contests_of(session, claim) == [], claim


# --- self-contradiction -----------------------------------------------------------------


def test_self_contradiction(connection: Connection, session: Session, tmp_path: Path) -> None:
    campaign = (
        theatre()
        .claim("took-sirik-before", "az-mod", "capture", ["sirik"], "2020-10-05", actor="AZ")
        .claim("district-held", "az-mod", "control", ["jabrayil"], "2020-10-07", actor="AZ")
        .claim("took-sirik", "az-president", "capture", ["sirik"], "2020-10-22", ("2020-09-27", "2020-10-22"),
               actor="AZ")
        .claim("took-sixlar", "az-president", "capture", ["sixlar"], "2020-10-26", actor="AZ")
        .claim("am-took-sixlar", "am-mod", "capture", ["sixlar"], "2020-10-24", actor="AM")
    )
    load(connection, campaign, tmp_path)
    rows = contests_of(session, "district-held", "self_contradiction")
    assert [(row.counter_claim_slug, row.contested_by, row.places) for row in rows] == [
        ("took-sirik", "President of Azerbaijan", "Jabrayil District"),
        ("took-sixlar", "President of Azerbaijan", "Jabrayil District"),
    ]
    assert [row.days_after_claim for row in rows] == [15, 19]
    assert [row.claim_slug for row in contested_claims(session, "self_contradiction", campaign=SLUG)] == [
        "district-held", "district-held"]


# --- repeat claim -----------------------------------------------------------------------


def test_the_same_side_claims_a_place_again(connection: Connection, session: Session, tmp_path: Path) -> None:
    campaign = (
        theatre()
        .claim("took-both", "az-president", "capture", ["sirik", "sixlar"], "2020-10-20", actor="AZ")
        .claim("took-sirik-again", "az-mod", "capture", ["sirik"], "2020-10-28", actor="AZ")
    )
    load(connection, campaign, tmp_path)
    (row,) = contests_of(session, "took-sirik-again")
    assert (row.contest_kind, row.counter_claim_slug, row.places) == ("repeat_claim", "took-both", "Sirik")
    assert (row.contested_by, row.contested_on, row.days_after_claim) == (
        "President of Azerbaijan", dt.date(2020, 10, 20), -8)
    assert contests_of(session, "took-both") == []


def test_an_ally_on_the_same_side_repeats_the_claim(connection: Connection, session: Session, tmp_path: Path) -> None:
    campaign = (
        theatre()
        .claim("az-took-sirik", "az-mod", "capture", ["sirik"], "2020-10-20", actor="AZ")
        .claim("tr-says-az-holds", "tr-mod", "control", ["sirik"], "2020-10-23", actor="AZ")
    )
    load(connection, campaign, tmp_path)
    assert counters_of(session, "tr-says-az-holds", "repeat_claim") == ["az-took-sirik"]


def test_the_most_recent_earlier_claim_is_the_one_repeated(
    connection: Connection, session: Session, tmp_path: Path
) -> None:
    campaign = (
        theatre()
        .claim("first", "az-president", "capture", ["sirik"], "2020-10-20", actor="AZ")
        .claim("second", "az-president", "control", ["sirik"], "2020-10-24", actor="AZ")
        .claim("third", "az-president", "capture", ["sirik"], "2020-10-28", actor="AZ")
    )
    load(connection, campaign, tmp_path)
    assert counters_of(session, "third", "repeat_claim") == ["second"]
    assert counters_of(session, "second", "repeat_claim") == ["first"]
    assert counters_of(session, "first", "repeat_claim") == []


def test_a_source_of_no_side_repeats_only_itself(connection: Connection, session: Session, tmp_path: Path) -> None:
    campaign = (
        theatre()
        .claim("told", "narrative", "capture", ["sirik"], "2020-10-20", actor="AZ")
        .claim("told-again", "narrative", "control", ["sirik"], "2020-10-25", actor="AZ")
        .claim("outlet-says", "outlet", "capture", ["sirik"], "2020-10-26", actor="AZ")
    )
    load(connection, campaign, tmp_path)
    assert counters_of(session, "told-again", "repeat_claim") == ["told"]
    assert counters_of(session, "outlet-says", "repeat_claim") == []


def test_not_a_repeat(connection: Connection, session: Session, tmp_path: Path) -> None:
    campaign = (
        theatre()
        .claim("az-took-sirik", "az-president", "capture", ["sirik"], "2020-10-20", actor="AZ")
        .claim("other-side", "am-mod", "capture", ["sirik"], "2020-10-22", actor="AM")
        .claim("same-day", "az-mod", "capture", ["sirik"], ("2020-10-19", "2020-10-20"), actor="AZ")
        .claim("independent", "narrative", "capture", ["sirik"], "2020-10-25", actor="AZ")
        .claim("another-place", "az-mod", "capture", ["sixlar"], "2020-10-26", actor="AZ")
        # the same side's source, for another acting side: an admission, then a claim of its own
        .claim("am-admits", "am-mod", "capture", ["sixlar"], "2020-10-27", actor="AZ")
        .claim("am-retook", "am-mod", "capture", ["sixlar"], "2020-10-30", actor="AM")
        .claim("az-took-sirik-again", "az-mod", "capture", ["sirik"], "2020-10-31", actor="AZ")
    )
    load(connection, campaign, tmp_path)
    for claim in ("az-took-sirik", "other-side", "same-day", "independent", "another-place", "am-admits", "am-retook"):
        assert contests_of(session, claim, "repeat_claim") == [], claim
    # the one repeat: of a latest earlier claim by the same side (two were stated by 20 October; the
    # natural key breaks the tie), never of the other side's, the narrative's or another place's
    assert counters_of(session, "az-took-sirik-again", "repeat_claim") in (["az-took-sirik"], ["same-day"])


# --- date conflict ----------------------------------------------------------------------


def test_date_conflict(connection: Connection, session: Session, tmp_path: Path) -> None:
    campaign = (
        theatre()
        .claim("lead", "narrative", "ceasefire", [], "2020-10-09", event="ceasefire")
        .claim("body", "az-mod", "ceasefire", [], "2020-10-10", event="ceasefire")
        .claim("agreeing", "am-mod", "ceasefire", [], "2020-10-10", ("2020-10-09", "2020-10-10"), event="ceasefire")
        .claim("another-truce", "am-mod", "ceasefire", [], "2020-10-17", event="second-ceasefire")
    )
    load(connection, campaign, tmp_path)
    (row,) = contests_of(session, "lead", "date_conflict")
    assert (row.counter_claim_slug, row.contested_by, row.contested_on) == (
        "body", "Azerbaijani MoD", dt.date(2020, 10, 10))
    assert counters_of(session, "body", "date_conflict") == ["lead"]
    assert contests_of(session, "agreeing", "date_conflict") == []
    assert contests_of(session, "another-truce", "date_conflict") == []


# --- conflicting control ---------------------------------------------------------------


def test_conflicting_control(connection: Connection, session: Session, tmp_path: Path) -> None:
    campaign = (
        theatre()
        .claim("am-held", "narrative", "control", ["sirik", "sixlar"], ("1994-01-01", "1994-12-31"), actor="AM")
        .claim("az-took-sirik", "az-mod", "capture", ["sirik"], "2020-10-20", actor="AZ")
        .claim("am-still-holds", "am-mod", "control", ["sirik"], "2020-10-22", actor="AM",
               denials=[{"slug": "az-denies", "source": "az-mod", "stated": "2020-10-23"}])
        .claim("az-took-sixlar", "az-mod", "capture", ["sixlar"], "2020-10-20", actor="AZ")
    )
    load(connection, campaign, tmp_path)
    rows = contested_claims(session, "conflicting_control", campaign=SLUG)
    # a denied "we still hold it" does not take Sirik back: both claims name each other; Şıxlar simply changed hands
    assert sorted((row.claim_slug, row.counter_claim_slug, row.places) for row in rows) == [
        ("am-still-holds", "az-took-sirik", "Sirik"),
        ("az-took-sirik", "am-still-holds", "Sirik"),
    ]
    (row,) = contests_of(session, "az-took-sirik", "conflicting_control")
    assert (row.contested_by, row.contested_by_party, row.counter_side) == ("Armenian MoD", "Armenia", "Armenian side")
    assert (row.contested_on, row.days_after_claim) == (dt.date(2020, 10, 22), 2)


def test_two_sides_claiming_an_unheld_place_on_the_same_day_conflict(
    connection: Connection, session: Session, tmp_path: Path
) -> None:
    # nobody held Sirik before: at equal rank neither claim takes it (no controller, status contested),
    # and the two sides claimed the same place for the same day, so each claim names the other
    campaign = (
        theatre()
        .claim("az-took-sirik", "az-mod", "capture", ["sirik"], "2020-10-20", actor="AZ")
        .claim("am-holds-sirik", "am-mod", "control", ["sirik"], "2020-10-20", actor="AM")
    )
    load(connection, campaign, tmp_path)
    rows = contested_claims(session, "conflicting_control", campaign=SLUG)
    assert sorted((row.claim_slug, row.counter_claim_slug, row.places) for row in rows) == [
        ("am-holds-sirik", "az-took-sirik", "Sirik"),
        ("az-took-sirik", "am-holds-sirik", "Sirik"),
    ]
