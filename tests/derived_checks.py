"""The derived tables against the rules computed from scratch: every row of
derived.* must be what the reporting_int views and the control walk say
for the data as it stands, whatever sequence of loads and edits led there."""

from __future__ import annotations

from sqlalchemy import Connection, text

from campaign_db import migrate
from campaign_db.migration_guards import definition_in

#: derived table → (the same rows computed from scratch by the rules, the columns compared)
CHECKS = {
    "claim_details": (
        "select * from reporting_int.claim_descriptions",
        "claim_id, claim_slug, campaign, campaign_id, campaign_title, claim_key, claim_kind, is_control_claim, "
        "document_id, source_id, claimant, claimant_kind, claimant_party_id, claimant_party, claimant_party_code, "
        "claimant_side_key, claimant_side, is_independent_source, actor_party_id, actor_party, actor_party_code, "
        "actor_side_key, actor_side, target_party_id, target_party, target_party_code, target_side_key, target_side, "
        "stated_from, stated_on, stated_time, occurred_from, occurred_to, occurred_time, hedge, event_key, "
        "same_as_campaign, same_as_slug, summary, quote, note",
    ),
    "claim_place_details": (
        "select * from reporting_int.claim_place_descriptions",
        "claim_id, place_id, place_name, place_kind, place_slug, is_settlement, place_role, share_percent, district, "
        "district_id, denials, corroborations",
    ),
    "place_details": (
        "select * from reporting_int.place_descriptions",
        "scope, place_id, place_slug, place_name, place_kind, district_id, district_name, is_settlement, latitude, "
        "longitude, coordinate_precision",
    ),
    "place_lineage": (
        "select scope, place_id, ancestor_id, depth from reporting_int.place_lineage",
        "scope, place_id, ancestor_id, depth",
    ),
    "report_spans": (
        "select campaign as scope, place_id, span_from, span_to from reporting_int.report_spans",
        "scope, place_id, span_from, span_to",
    ),
    "control_candidates": (
        "select * from reporting_int.control_candidates",
        "scope, place_id, claim_id, claim_key, basis_place_id, depth, claim_kind, actor_party_id, actor_side_key, "
        "target_party_id, target_side_key, occurred_to, stated_on, share_percent, confirmed_on, denied_on, "
        "corroborated_on, contradicted_on",
    ),
    "control_periods": (
        "select answers.* from reporting_int.scopes as scopes "
        "cross join lateral reporting_int.control_answers(null, null, scopes.scope) as answers",
        "campaign, place_id, valid_from, valid_to, controller, controller_code, controller_side, since, basis, "
        "status, evidence, claim_id, counter_claim_id, share_percent, district, place_name, claimant",
    ),
    "control_contests": (
        "select walks.scope, walks.place_id, walks.day, walks.claim_id, walks.counter_claim_id "
        "from reporting_int.scopes as scopes "
        "cross join lateral reporting_int.control_walks(null, null, scopes.scope) as walks "
        "where walks.event = 'contest'",
        "scope, place_id, day, claim_id, counter_claim_id",
    ),
    "accusations": (
        "select * from reporting_int.accusation_descriptions",
        "claim_id, campaign, campaign_id, claim_kind, claimant_side_key, actor_side_key, occurred_from, occurred_to, "
        "event_key, place_set",
    ),
    "district_changes": (
        "select * from reporting_int.district_changes",
        "scope, district_id, district, controller_side, day, delta",
    ),
    "contested_claims": (
        "select * from reporting_int.contested_claims(null)",
        "campaign, claim_id, claim_date, claimant, claimant_party, claim_kind, summary, places, contest_kind, "
        "contested_by, contested_by_party, contested_on, contest_quote, counter_statement, days_after_claim, "
        "denial_id, counter_claim_id, counter_claim_kind, counter_side, counter_campaign, actor_side, claim_quote, "
        "claimant_party_code, contested_by_party_code, claim_campaign, claim_slug, counter_claim_slug",
    ),
}


def differences(connection: Connection) -> dict[str, int]:
    """Rows that differ between each derived table and its rules (both
    directions, duplicates counted); empty when everything agrees."""
    found: dict[str, int] = {}
    for table, (rules, columns) in CHECKS.items():
        count, _ = rows_differing(
            connection, f"select {columns} from derived.{table}", f"select {columns} from ({rules}) as rules", {}
        )
        if count:
            found[table] = count
    return found


def row_counts(connection: Connection) -> dict[str, int]:
    return {
        table: int(connection.execute(text(f"select count(*) from derived.{table}")).scalar_one()) for table in CHECKS
    }


def earlier_text(connection: Connection, file: str, kind: str, name: str) -> str:
    """Create the text an earlier revision gave ``name`` (a view, or a
    function with its argument types; ``file`` under migrations/versions) as
    a temporary object, and return the name to call or read it by: a rule
    rewritten for speed is compared with its earlier text on the same data."""
    bare = name.split("(")[0]
    temporary = f"pg_temp.{bare.split('.')[1]}_earlier"
    sql = definition_in(migrate.script_location() / "versions" / file, kind, name)
    sql = sql.replace(f"create or replace {kind} {bare}", f"create or replace {kind} {temporary}", 1)
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(sql)
    return temporary


def rows_differing(connection: Connection, first: str, second: str, parameters: dict[str, object]) -> tuple[int, int]:
    """Rows that differ between two queries (both directions, duplicates
    counted), and how many rows the first gave."""
    differing, compared = connection.execute(
        text(f"""
            with first as ({first}), second as ({second})
            select
                (select count(*) from (
                    (select * from first except all select * from second)
                    union all
                    (select * from second except all select * from first)
                ) as differences),
                (select count(*) from first)
        """),
        parameters,
    ).one()
    return int(differing), int(compared)


def mutual_accusations_as_before(connection: Connection, scopes: list[str | None]) -> tuple[int, int]:
    """Check reporting_int.contests_mutual_accusations (revision 0007, read
    from derived.accusations) against revision 0006's text, for each scope
    (None: every campaign), asked about every claim, about every other
    accusation of the database, and about every other claim of any kind,
    campaign or place (control claims, claims naming no place) as an edit
    asks; return how many rows were compared for every claim and for some."""
    earlier = earlier_text(
        connection,
        "0006_claim_details/16_reporting_int.contests_mutual_accusations.sql",
        "function",
        "reporting_int.contests_mutual_accusations(text, integer[])",
    )
    some_accusations = connection.execute(
        text("select array_agg(claim_id) from derived.accusations where claim_id % 2 = 0")
    ).scalar_one() or []
    some_claims = connection.execute(
        text("select array_agg(claim_id) from core.claims where claim_id % 2 = 1")
    ).scalar_one() or []
    every, some = 0, 0
    for scope in scopes:
        for asked in (None, some_accusations, some_claims):
            differing, rows = rows_differing(
                connection,
                "select * from reporting_int.contests_mutual_accusations(:scope, :claims)",
                f"select * from {earlier}(:scope, :claims)",
                {"scope": scope, "claims": asked},
            )
            assert differing == 0, (scope, asked is not None and len(asked))
            if asked is None:
                every += rows
            else:
                some += rows
    return every, some
