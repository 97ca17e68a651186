"""control_as_of, control_periods and control_daily agree on every day of
every campaign scope, with everything known and with knowledge cut-offs
(the shipped campaigns, and a synthetic campaign with every rule in play);
district_progress counts exactly the settlements control_daily lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from control_helpers import load
from derived_checks import earlier_text, rows_differing
from sqlalchemy import Connection, text
from test_control_rules import _contested_theatre

COLUMNS = (
    "place_id, controller, controller_code, controller_side, since, basis, status, evidence, claim_id, "
    "counter_claim_id, share_percent"
)


def scopes(connection: Connection) -> list[tuple[str, object, object]]:
    return [
        tuple(row)
        for row in connection.execute(
            text(
                "select campaign, first_day, last_day from reporting.campaigns "
                "union all select 'all', min(first_day), max(last_day) from reporting.campaigns order by 1"
            )
        )
    ]


def disagreements_with_daily(connection: Connection, scope: str, first: object, last: object) -> int:
    """Rows where control_as_of(day) and control_daily differ, over the scope's
    days; for 'all', a place's days are those of the campaigns naming it.
    Fails when there was nothing to compare."""
    differences, compared = connection.execute(
            text(f"""
                with days as (
                    select day::date as day from generate_series(cast(:first as date), cast(:last as date), '1 day') as day
                ),
                in_play as (
                    select distinct days.day, links.place_id
                    from days
                    inner join core.campaigns as campaigns
                        on days.day between campaigns.period_start_on and campaigns.period_end_on
                        and (:scope = 'all' or campaigns.slug = :scope)
                    inner join core.campaign_places as links
                        on links.campaign_id = campaigns.campaign_id
                ),
                asked as (
                    select days.day, {COLUMNS}
                    from days
                    cross join lateral reporting.control_as_of(days.day, null, :scope) as answers
                    where exists (
                        select from in_play where in_play.day = days.day and in_play.place_id = answers.place_id
                    )
                ),
                daily as (
                    select day, {COLUMNS} from reporting.control_daily
                    where campaign = :scope and day between cast(:first as date) and cast(:last as date)
                )
                select
                    (select count(*) from (
                        (select * from asked except all select * from daily)
                        union all
                        (select * from daily except all select * from asked)
                    ) as differences),
                    (select count(*) from asked)
            """),
            {"scope": scope, "first": first, "last": last},
        ).one()
    assert compared > 0, f"control_as_of gave no rows for {scope} from {first} to {last}"
    return int(differences)


def disagreements_under_cut_off(
    connection: Connection, scope: str, first: object, last: object, known_by: object
) -> tuple[int, int]:
    """Rows where control_as_of(day, known_by) differs from the period covering
    that day in the periods computed as known by known_by, and how many rows
    control_as_of gave (an early cut-off may leave none)."""
    differences, compared = connection.execute(
            text(f"""
                with days as (
                    select day::date as day from generate_series(cast(:first as date), cast(:last as date), '1 day') as day
                ),
                asked as (
                    select days.day, {COLUMNS}
                    from days
                    cross join lateral reporting.control_as_of(days.day, cast(:known_by as date), :scope) as answers
                ),
                periods as (
                    select days.day, {', '.join('periods.' + c.strip() for c in COLUMNS.split(','))}
                    from days
                    inner join reporting_int.control_answers(null, cast(:known_by as date), :scope) as periods
                        on periods.valid_from <= days.day and (periods.valid_to is null or days.day < periods.valid_to)
                )
                select
                    (select count(*) from (
                        (select * from asked except all select * from periods)
                        union all
                        (select * from periods except all select * from asked)
                    ) as differences),
                    (select count(*) from asked)
            """),
            {"scope": scope, "first": first, "last": last, "known_by": known_by},
        ).one()
    return int(differences), int(compared)


#: control_daily's settlements counted per scope, day, report area and side
#: (with the area's settlements from the place descriptions): district_progress's rows
DAILY_COUNTED = """
    select
        daily.campaign, daily.day, daily.district, daily.controller_side, count(*) as places,
        daily.district_id, sizes.settlements
    from reporting.control_daily as daily
    inner join (
        select scope, district_id, count(*) as settlements
        from reporting_int.place_descriptions
        where is_settlement and district_id is not null
        group by scope, district_id
    ) as sizes
        on sizes.scope = daily.campaign and sizes.district_id = daily.district_id
    where daily.is_settlement and daily.district_id is not null
    group by
        daily.campaign, daily.day, daily.district, daily.controller_side, daily.district_id, sizes.settlements
"""
PROGRESS = (
    "select campaign, day, district, controller_side, places, district_id, settlements "
    "from reporting.district_progress"
)


def disagreements_of_district_counts(connection: Connection) -> tuple[int, int]:
    """Rows where reporting.district_progress differs from control_daily's
    settlements counted, and how many rows district_progress has."""
    return rows_differing(connection, PROGRESS, DAILY_COUNTED, {})


def test_shipped_campaigns_count_their_districts_as_the_daily_view_lists_them(seeded_connection: Connection) -> None:
    differences, compared = disagreements_of_district_counts(seeded_connection)
    assert compared > 0 and differences == 0


def test_district_progress_gives_the_rows_of_its_earlier_text(seeded_connection: Connection) -> None:
    """Summed from derived.district_changes (revision 0007), the counts are
    row for row those of revision 0004's view, which sorted the periods."""
    earlier = earlier_text(
        seeded_connection, "0004_reporting/17_reporting.district_progress.sql", "view", "reporting.district_progress"
    )
    differing, compared = rows_differing(
        seeded_connection, "select * from reporting.district_progress", f"select * from {earlier}", {}
    )
    assert compared > 0 and differing == 0


def test_shipped_campaigns_agree_on_every_day(seeded_connection: Connection) -> None:
    checked = 0
    campaigns = [scope for scope in scopes(seeded_connection) if scope[0] != "all"]
    for scope, first, last in campaigns:
        assert disagreements_with_daily(seeded_connection, scope, first, last) == 0, scope
        # every campaign's days in the 'all' scope too
        assert disagreements_with_daily(seeded_connection, "all", first, last) == 0, ("all", scope)
        checked += 1
    assert checked >= 3


def test_shipped_campaigns_agree_under_knowledge_cut_offs(seeded_connection: Connection) -> None:
    answered = 0
    for scope, first, last in scopes(seeded_connection):
        if scope == "all":
            continue  # its whole span is years; each campaign's days are checked in 'all' below
        middle = seeded_connection.execute(
            text("select cast(:first as date) + (cast(:last as date) - cast(:first as date)) / 2"),
            {"first": first, "last": last},
        ).scalar_one()
        for known_by in (first, middle, last):
            # the campaign's scope, and its days in the 'all' scope
            for asked in (scope, "all"):
                differences, compared = disagreements_under_cut_off(
                    seeded_connection, asked, first, last, known_by
                )
                assert differences == 0, (asked, scope, known_by)
                answered += compared
    assert answered > 0, "control_as_of under a cut-off gave no rows at all"


@pytest.mark.parametrize("known_by", [None, "2021-03-05", "2021-03-08"])
def test_a_synthetic_campaign_agrees_on_every_day(connection: Connection, tmp_path: Path, known_by: str | None) -> None:
    slug = load(connection, _contested_theatre("agreement"), tmp_path)
    assert disagreements_with_daily(connection, slug, "2021-03-01", "2021-03-31") == 0
    differences, compared = disagreements_under_cut_off(connection, slug, "2021-03-01", "2021-03-31", known_by)
    assert differences == 0 and compared > 0
    differences, compared = disagreements_of_district_counts(connection)
    assert compared > 0 and differences == 0
    earlier = earlier_text(
        connection, "0004_reporting/17_reporting.district_progress.sql", "view", "reporting.district_progress"
    )
    assert rows_differing(connection, "select * from reporting.district_progress", f"select * from {earlier}", {}) == (
        0, compared
    )
    # the daily view covers every day of the period for every place with a basis
    days = connection.execute(
        text("select count(distinct day) from reporting.control_daily where campaign = :slug"), {"slug": slug}
    ).scalar_one()
    assert days == 31
