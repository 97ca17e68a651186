"""The derived tables against the rules computed from scratch: every row of
derived.* must be what the reporting_int views and the control walk say
for the data as it stands, whatever sequence of loads and edits led there."""

from __future__ import annotations

from sqlalchemy import Connection, text

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
        count = connection.execute(
            text(f"""
                with kept as (select {columns} from derived.{table}),
                     ruled as (select {columns} from ({rules}) as rules)
                select count(*) from (
                    (select * from kept except all select * from ruled)
                    union all
                    (select * from ruled except all select * from kept)
                ) as differing
            """)
        ).scalar_one()
        if count:
            found[table] = int(count)
    return found


def row_counts(connection: Connection) -> dict[str, int]:
    return {
        table: int(connection.execute(text(f"select count(*) from derived.{table}")).scalar_one()) for table in CHECKS
    }
