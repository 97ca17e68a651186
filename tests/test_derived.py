"""The answers kept as tables (schema derived) are exactly the rules computed
from scratch: after loading the shipped campaigns, after a one-claim edit
that re-derives only the places it touches, after an edit by hand (the
triggers), and after removing a campaign."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from campaign_builder import CampaignBuilder
from derived_checks import differences, mutual_accusations_as_before, row_counts, rows_differing
from seed_copies import SEEDS, edit_yaml
from sqlalchemy import Connection, text

from campaign_db.seeding import load_campaigns


def test_the_shipped_campaigns_derive_exactly_what_the_rules_say(seeded_connection: Connection) -> None:
    counts = row_counts(seeded_connection)
    assert all(counts.values()), counts
    assert differences(seeded_connection) == {}


def test_a_one_claim_edit_re_derives_only_what_it_touches(seeded_connection: Connection, tmp_path: Path) -> None:
    folder = tmp_path / "aras-valley"
    shutil.copytree(SEEDS / "aras-valley", folder)

    def move_sirik(claims: list[dict[str, Any]]) -> None:
        claim = next(c for c in claims if c["slug"] == "2020-10-22-az-president-captures-fuzuli-jabrayil-villages")
        claim["occurred"] = ["2020-09-27", "2020-10-21"]

    edit_yaml(folder, "claims.yaml", move_sirik)
    seeded_connection.execute(text("create temporary table periods_before as select * from derived.control_periods"))
    (report,) = load_campaigns(seeded_connection, [folder])
    assert report.tables["claims"].updated == 1
    assert differences(seeded_connection) == {}
    changed_places = seeded_connection.execute(text(
        "select count(distinct place_id) from ("
        "(select place_id, valid_from, status from derived.control_periods where campaign = 'aras-valley' "
        " except select place_id, valid_from, status from periods_before where campaign = 'aras-valley') "
        "union all (select place_id, valid_from, status from periods_before where campaign = 'aras-valley' "
        " except select place_id, valid_from, status from derived.control_periods where campaign = 'aras-valley')"
        ") as changed")).scalar_one()
    assert 0 < changed_places < 30  # the villages of that claim (and its district's), not the campaign


def test_an_edit_by_hand_is_derived_by_the_triggers(seeded_connection: Connection) -> None:
    seeded_connection.execute(text(
        "delete from core.claims where slug = '2020-10-20-az-president-captures-zangilan' "
        "and campaign_id = (select campaign_id from core.campaigns where slug = 'aras-valley')"))
    assert differences(seeded_connection) == {}
    seeded_connection.execute(text(
        "update core.denials set denied_latest_on = denied_latest_on + 1 where campaign_id = "
        "(select campaign_id from core.campaigns where slug = 'aras-valley')"))
    assert differences(seeded_connection) == {}


def test_removing_a_campaign_removes_its_answers(seeded_connection: Connection) -> None:
    seeded_connection.execute(text("delete from core.campaigns where slug = 'deir-ez-zor-2017'"))
    assert differences(seeded_connection) == {}
    left = seeded_connection.execute(
        text("select count(*) from derived.control_periods where campaign = 'deir-ez-zor-2017'")).scalar_one()
    assert left == 0


@pytest.mark.parametrize("known_by", ["2020-10-08", "2022-09-20", None])
def test_answers_under_a_cut_off_come_from_the_same_candidates(seeded_connection: Connection, known_by: str | None) -> None:
    """control_as_of with a cut-off walks derived.control_candidates as known
    then (without one it reads derived.control_periods): on the last day of
    the data, for every scope, it equals the periods the rules compute from
    scratch as known by that cut-off."""
    columns = "place_id, campaign, controller, since, status, basis, claim_id"
    scopes = seeded_connection.execute(text("select scope from reporting_int.scopes")).scalars().all()
    compared = 0
    by_scope: list[Any] = []
    for scope in scopes:
        asked = seeded_connection.execute(text(
            f"select {columns} from reporting.control_as_of('2022-10-24', cast(:k as date), :scope)"),
            {"k": known_by, "scope": scope}).all()
        rules = seeded_connection.execute(text(
            f"select {columns} from reporting_int.control_answers(null, cast(:k as date), :scope) "
            "where valid_from <= '2022-10-24' and (valid_to is null or '2022-10-24' < valid_to)"),
            {"k": known_by, "scope": scope}).all()
        assert sorted(asked) == sorted(rules), (scope, known_by)
        compared += len(asked)
        by_scope += asked
    assert compared > 0
    # every scope at once (campaign null): the same rows as scope by scope
    every = seeded_connection.execute(text(
        f"select {columns} from reporting.control_as_of('2022-10-24', cast(:k as date))"), {"k": known_by}).all()
    assert sorted(every) == sorted(by_scope), known_by

def second_account(places: tuple[str, ...]) -> CampaignBuilder:
    """Another account of the Aras Valley campaign naming some of
    aras-valley's places (shared with it) and a village of its own."""
    builder = (
        CampaignBuilder("aras-second", period=("2020-09-27", "2020-11-10"), dates=("1990-01-01", "2021-12-31"))
        .side("azerbaijan", "Azerbaijan", ("AZ", "Azerbaijan"))
        .side("armenia-artsakh", "Armenia and Artsakh", ("AM", "Armenia"), ("ARTSAKH", "Republic of Artsakh"))
        .source("az-president", "President of Azerbaijan (Ilham Aliyev)", "head_of_state", "AZ")
        .place("second-only-village", "Second Only", "village")
        .claim("own-village-taken", "az-president", "capture", ["second-only-village"], "2020-10-12", actor="AZ")
    )
    if "sirik" in places:
        builder.place("jabrayil-district", "Jabrayil District", "district")
        builder.place("sirik", "Sirik", "village", areas=("jabrayil-district",))
        builder.claim("sirik-taken", "az-president", "capture", ["sirik"], "2020-10-19", actor="AZ")
    if "zangilan" in places:
        builder.place("zangilan", "Zəngilan", "city")
        builder.claim("zangilan-taken", "az-president", "capture", ["zangilan"], "2020-10-24", actor="AZ")
    return builder


def test_a_campaign_sharing_places_and_then_none_derives_what_the_rules_say(
    seeded_connection: Connection, tmp_path: Path
) -> None:
    """Shared places are derived over 'all' from both campaigns; a campaign
    that uses no place of another gets its 'all' answers copied from its own
    scope. The claims whose entries left the files are kept (stale), so the
    places they name stay shared: every step must still equal the rules."""
    for step, places in enumerate((("sirik", "zangilan"), ("zangilan",), ())):
        folder = second_account(places).write(tmp_path / str(step))
        (report,) = load_campaigns(seeded_connection, [folder])
        assert report.changed > 0, places
        assert differences(seeded_connection) == {}, places
        own = seeded_connection.execute(text(
            "select count(*) from derived.control_candidates as candidates "
            "inner join core.places as places using (place_id) "
            "where candidates.scope = 'all' and places.slug = 'second-only-village'")).scalar_one()
        assert own == 1, "the campaign's own village answers over 'all' too"
        if step == 0:
            shared = seeded_connection.execute(text(
                "select count(*) from derived.control_candidates as candidates "
                "inner join core.places as places using (place_id) "
                "where candidates.scope = 'all' and places.slug = 'zangilan' "
                "and candidates.claim_key = 'aras-second/zangilan-taken'")).scalar_one()
            assert shared == 1, "a shared place answers over 'all' from both campaigns' claims"


def shared_town_account(slug: str, claim: str, source: str, kind: str, place: Any, day: str, actor: str) -> CampaignBuilder:
    """An account with one claim about a town other accounts name too."""
    return (
        CampaignBuilder(slug)
        .side("north", "North", ("NN", "North"))
        .side("south", "South", ("SS", "South"))
        .source("n-mod", "North MoD", "ministry_of_defence", "NN")
        .source("s-mod", "South MoD", "ministry_of_defence", "SS")
        .place("shared-town", "Shared Town", "town")
        .claim(claim, source, kind, [place], day, actor=actor)
    )


def test_a_campaign_changes_the_all_contests_between_two_others(connection: Connection, tmp_path: Path) -> None:
    """Loading X re-derives more than the 'all' rows naming X: its capture
    on day 11 comes between Y's (day 10) and Z's partial control (day 12) in
    the 'all' walk at the town they all name, so the contest between Y's and
    Z's claims there changes too."""
    y_takes = shared_town_account("acc-y", "y-north-takes", "n-mod", "capture", "shared-town", "2021-03-10", "NN")
    z_partial = shared_town_account(
        "acc-z", "z-south-partial", "s-mod", "partial", {"place": "shared-town", "share": 30}, "2021-03-12", "SS")
    x_takes = shared_town_account("acc-x", "x-north-takes", "n-mod", "capture", "shared-town", "2021-03-11", "NN")

    def all_contests() -> set[tuple[str, str, str | None]]:
        return {(row.claim_slug, row.contest_kind, row.counter_claim_slug) for row in connection.execute(text(
            "select claim_slug, contest_kind, counter_claim_slug from derived.contested_claims "
            "where campaign = 'all'"))}

    for builder in (y_takes, z_partial):
        load_campaigns(connection, [builder.write(tmp_path)])
    assert differences(connection) == {}
    before = all_contests()
    assert any({claim, counter} == {"y-north-takes", "z-south-partial"} for claim, _, counter in before), before
    load_campaigns(connection, [x_takes.write(tmp_path)])
    assert differences(connection) == {}
    assert all_contests() != before


def beside_account(slug: str, village: str, beside: str) -> CampaignBuilder:
    """An account placing one village beside another ("north of it")."""
    builder = (
        CampaignBuilder(slug)
        .side("north", "North", ("NN", "North"))
        .source("n-mod", "North MoD", "ministry_of_defence", "NN")
        .place(beside, beside.title(), "village")
    )
    builder.place(village, village.title(), "village")
    quote = builder._say(f"{village.title()} lies north of {beside.title()}.")
    builder.places[-1]["areas"] = [{"areas_of": beside, "quote": quote}]
    return builder.claim("village-taken", "n-mod", "capture", [village], "2021-03-10", actor="NN")


def test_two_campaigns_placing_two_villages_beside_each_other_load(connection: Connection, tmp_path: Path) -> None:
    """A 'beside' membership adds no depth: the two campaigns' opposite ones
    make a cycle over 'all' that the lineage walk must leave, not follow."""
    connection.execute(text("set local statement_timeout = '30s'"))
    load_campaigns(connection, [beside_account("acc-p", "vil-x", "vil-y").write(tmp_path)])
    load_campaigns(connection, [beside_account("acc-q", "vil-y", "vil-x").write(tmp_path)])
    assert differences(connection) == {}
    lineage = connection.execute(text(
        "select count(*) from derived.place_lineage as lineage inner join core.places as places using (place_id) "
        "where lineage.scope = 'all' and places.slug in ('vil-x', 'vil-y')")).scalar_one()
    assert lineage == 2, "each village is its own only ancestor: beside makes none"


@pytest.mark.parametrize("claim", ["own-village-taken", "zangilan-taken", "sirik-taken"])
def test_an_edit_beside_a_campaign_sharing_places_derives_what_the_rules_say(
    seeded_connection: Connection, tmp_path: Path, claim: str
) -> None:
    """A one-claim edit of a campaign that shares some places: the 'all' rows
    of a place no other campaign uses (nor any area around it) are copied
    from the campaign's own; those of a shared place, or of one inside a
    shared area, are derived from every campaign's claims."""
    load_campaigns(seeded_connection, [second_account(("sirik", "zangilan")).write(tmp_path)])
    assert differences(seeded_connection) == {}
    seeded_connection.execute(text(
        "update core.claims set occurred_latest_on = occurred_latest_on - 3, "
        "occurred_earliest_on = occurred_earliest_on - 3 "
        "where slug = :claim and campaign_id = (select campaign_id from core.campaigns where slug = 'aras-second')"),
        {"claim": claim})
    assert differences(seeded_connection) == {}, claim


def test_a_claim_naming_a_place_its_campaign_does_not_list_derives_what_the_rules_say(
    seeded_connection: Connection,
) -> None:
    """A place a campaign names in a claim but does not list (as a claim kept
    after its place left the files) has an 'all' lineage and none in the
    campaign's scope: its 'all' rows are derived, not copied from the
    campaign's (where it has none). A place renamed by hand is renamed in
    every description of it."""
    seeded_connection.execute(text(
        "insert into core.places (slug, name, kind) values ('unlisted-hamlet', 'Unlisted Hamlet', 'village')"))
    assert differences(seeded_connection) == {}
    seeded_connection.execute(text(
        "insert into core.claim_places (claim_id, place_id, role) "
        "select claims.claim_id, places.place_id, 'subject' from core.claims as claims, core.places as places "
        "where claims.slug = '2020-10-20-az-president-captures-zangilan' and places.slug = 'unlisted-hamlet'"))
    assert differences(seeded_connection) == {}
    seeded_connection.execute(text("update core.places set name = 'Hamlet Renamed' where slug = 'unlisted-hamlet'"))
    assert differences(seeded_connection) == {}
    names = seeded_connection.execute(text(
        "select distinct place_name from reporting.claims where place_slug = 'unlisted-hamlet'")).scalars().all()
    assert names == ["Hamlet Renamed"]


def test_a_new_campaign_title_alone_reaches_every_description(seeded_connection: Connection, tmp_path: Path) -> None:
    folder = tmp_path / "aras-valley"
    shutil.copytree(SEEDS / "aras-valley", folder)
    campaign_file = folder / "campaign.yaml"
    campaign_file.write_text(
        campaign_file.read_text(encoding="utf-8").replace(
            "title: Aras Valley campaign (2020)", "title: Aras Valley campaign (2020, renamed)"
        ),
        encoding="utf-8",
    )
    (report,) = load_campaigns(seeded_connection, [folder])
    assert report.tables["campaigns"].updated == 1
    assert differences(seeded_connection) == {}
    titles = seeded_connection.execute(text(
        "select distinct campaign_title from reporting.claims where campaign = 'aras-valley'")).scalars().all()
    assert titles == ["Aras Valley campaign (2020, renamed)"]


def test_a_new_campaign_period_alone_reaches_the_district_counts(seeded_connection: Connection, tmp_path: Path) -> None:
    """The period is the days the counts are clipped to: a campaign.yaml that
    changes it alone rewrites them (the claims and periods stay as they were)."""
    folder = tmp_path / "aras-valley"
    shutil.copytree(SEEDS / "aras-valley", folder)
    campaign_file = folder / "campaign.yaml"
    campaign_file.write_text(
        campaign_file.read_text(encoding="utf-8").replace(
            "period: [2020-09-27, 2020-11-03]", "period: [2020-09-27, 2020-10-20]"
        ),
        encoding="utf-8",
    )
    (report,) = load_campaigns(seeded_connection, [folder])
    assert report.tables["campaigns"].updated == 1
    assert differences(seeded_connection) == {}
    last_days = seeded_connection.execute(text(
        "select max(day) from reporting.district_progress where campaign = 'aras-valley'")).scalar_one()
    assert str(last_days) == "2020-10-20"


def test_the_contests_of_some_claims_are_the_rules_rows_that_name_them(seeded_connection: Connection) -> None:
    """The rules asked about some claims (as an edit asks) give exactly the
    rows of the rules asked about every claim in which one of them is
    contested or contests, in every scope, every kind of contest included
    (an area claim contradicted by a capture inside it too)."""
    scopes = seeded_connection.execute(text("select scope from reporting_int.scopes order by scope")).scalars().all()
    kinds: set[str] = set()
    for scope, parity in ((scope, parity) for scope in scopes for parity in (0, 1)):
        # every other claim that is in a contest row, as one edit's claims
        claims = seeded_connection.execute(
            text(
                "select array_agg(distinct claim_id) from ("
                " select claim_id from reporting_int.contested_claims_of(:scope, null)"
                " union select counter_claim_id from reporting_int.contested_claims_of(:scope, null)"
                ") as named where claim_id % 2 = :parity"
            ),
            {"scope": scope, "parity": parity},
        ).scalar_one()
        if not claims:
            continue
        differing, asked = rows_differing(
            seeded_connection,
            "select * from reporting_int.contested_claims_of(:scope, :claims)",
            "select * from reporting_int.contested_claims_of(:scope, null) "
            "where claim_id = any(:claims) or counter_claim_id = any(:claims)",
            {"scope": scope, "claims": claims},
        )
        assert differing == 0, scope
        assert asked > 0, scope
        kinds.update(
            seeded_connection.execute(
                text("select distinct contest_kind from reporting_int.contested_claims_of(:scope, :claims)"),
                {"scope": scope, "claims": claims},
            ).scalars()
        )
    assert {"conflicting_control", "denial", "repeat_claim", "self_contradiction", "mutual_accusation"} <= kinds, kinds


def test_an_area_claims_contradictions_are_found_when_its_campaign_does_not_list_the_area(
    seeded_connection: Connection,
) -> None:
    """An area claim's own contests are looked up through the areas its
    claims name, not only through the areas its campaign lists: with the
    area taken off the campaign's list (its places stay, inside it), asking
    about the area claim alone still finds every capture that contradicts
    it."""
    found = seeded_connection.execute(
        text(
            "select contradictions.scope, contradictions.claim_id, contradictions.place_id "
            "from reporting_int.self_contradictions_of(null, null) as contradictions "
            "where contradictions.scope <> 'all' "
            "order by contradictions.scope, contradictions.claim_id, contradictions.place_id limit 1"
        )
    ).one()
    scope, claim_id, area_id = found
    unlisted = seeded_connection.execute(
        text(
            "delete from core.campaign_places as listed using core.campaigns as campaigns "
            "where campaigns.campaign_id = listed.campaign_id and campaigns.slug = :scope "
            "and listed.place_id = :area"
        ),
        {"scope": scope, "area": area_id},
    ).rowcount
    assert unlisted == 1
    assert seeded_connection.execute(
        text("select count(*) from derived.place_lineage where scope = :scope and place_id = :area"),
        {"scope": scope, "area": area_id},
    ).scalar_one() == 0
    differing, asked = rows_differing(
        seeded_connection,
        "select * from reporting_int.contested_claims_of(:scope, :claims) where contest_kind = 'self_contradiction'",
        "select * from reporting_int.contested_claims_of(:scope, null) "
        "where contest_kind = 'self_contradiction' and (claim_id = any(:claims) or counter_claim_id = any(:claims))",
        {"scope": scope, "claims": [claim_id]},
    )
    assert differing == 0
    assert asked > 0


def test_mutual_accusations_read_from_their_table_are_those_of_the_earlier_text(
    seeded_connection: Connection,
) -> None:
    campaigns: list[str | None] = list(
        seeded_connection.execute(text("select slug from core.campaigns order by slug")).scalars()
    )
    every, some = mutual_accusations_as_before(seeded_connection, [*campaigns, None])
    assert every > 0 and some > 0


def test_the_functions_that_re_derive_an_edit_are_planned_anew_on_every_call(connection: Connection) -> None:
    """A session keeps a generic plan of a PL/pgSQL statement after five
    runs when it looks no worse; made without the scope, places or claims,
    the contests of a war's third edit in one session took 20 s instead of
    1.5 s. Each function that re-derives an edit says to plan every call."""
    functions = (
        "reporting_int.refresh_derived(text, integer[])",
        "reporting_int.refresh_claim_details(text, integer[])",
        "reporting_int.refresh_district_changes(text, integer[])",
        "reporting_int.refresh_contest_rows(integer[], text[])",
    )
    for function in functions:
        settings = connection.execute(
            text("select proconfig from pg_proc where oid = cast(:function as regprocedure)"), {"function": function}
        ).scalar_one()
        assert "plan_cache_mode=force_custom_plan" in (settings or []), function
