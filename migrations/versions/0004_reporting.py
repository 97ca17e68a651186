"""Reporting v2: every answer per campaign and over all campaigns, control
inference by sides and evidence (design rules 1-5, written once in
``reporting_int.control_walk``), one building block per contest kind, and
the new consumer objects ``campaigns``, ``places``, ``place_citations`` and
``find_places``.

The SQL of this revision lives in its own folder, ``0004_reporting/``, one
object per file with its grain on top, run in the order listed below; a
later revision that changes an object brings its own folder, so this one
keeps creating exactly what it created.

``campaign_reader`` gets USAGE on ``reporting``, SELECT on its views and
EXECUTE on its functions, and EXECUTE on the building-block functions the
views call (PostgreSQL checks a view's functions as the querying role);
those that read tables run as their owner (security definer), so the role
still has no privilege on ``core`` or on the building blocks' schema.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from alembic import op

from campaign_db.migration_guards import run_sql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL_FOLDER = Path(__file__).with_name("0004_reporting")
READER_ROLE = "campaign_reader"


class SqlObject(NamedTuple):
    """One object created by a ``.sql`` file (a file may create several)."""

    file: str
    kind: str  # "view", "function" or "type"
    name: str  # qualified; a function with its argument types


#: Creation order; the downgrade drops them in reverse.
OBJECTS: tuple[SqlObject, ...] = (
    SqlObject("01_reporting_int.scopes.sql", "view", "reporting_int.scopes"),
    SqlObject("02_reporting_int.party_sides.sql", "view", "reporting_int.party_sides"),
    SqlObject("03_reporting_int.place_lineage.sql", "view", "reporting_int.place_lineage"),
    SqlObject("03b_derived.place_lineage.sql", "table", "derived.place_lineage"),
    SqlObject("04_reporting_int.place_details.sql", "view", "reporting_int.place_details"),
    SqlObject("05_reporting_int.claim_details.sql", "view", "reporting_int.claim_details"),
    SqlObject("06_reporting_int.control_claim_places.sql", "view", "reporting_int.control_claim_places"),
    SqlObject(
        "07_reporting_int.self_contradictions.sql", "function", "reporting_int.self_contradictions_of(text, integer[])"
    ),
    SqlObject("07_reporting_int.self_contradictions.sql", "view", "reporting_int.self_contradictions"),
    SqlObject(
        "08_reporting_int.control_candidates.sql", "function", "reporting_int.control_candidates_of(text, integer[])"
    ),
    SqlObject("08_reporting_int.control_candidates.sql", "view", "reporting_int.control_candidates"),
    SqlObject("08b_derived.control_candidates.sql", "table", "derived.control_candidates"),
    SqlObject("08c_reporting_int.refresh_derived.sql", "function", "reporting_int.base_tables_changed()"),
    SqlObject("08c_reporting_int.refresh_derived.sql", "function", "reporting_int.claim_rows_changed()"),
    SqlObject("09_reporting_int.control_walk.sql", "type", "reporting_int.walk_candidate"),
    SqlObject("09_reporting_int.control_walk.sql", "type", "reporting_int.walk_step"),
    SqlObject("09_reporting_int.control_walk.sql", "function", "reporting_int.evidence_rank(boolean, boolean)"),
    SqlObject(
        "09_reporting_int.control_walk.sql", "function",
        "reporting_int.is_better_basis(reporting_int.walk_candidate, reporting_int.walk_candidate)",
    ),
    SqlObject(
        "09_reporting_int.control_walk.sql", "function",
        "reporting_int.control_walk(reporting_int.walk_candidate[])",
    ),
    SqlObject(
        "10_reporting_int.known_candidates.sql", "function",
        "reporting_int.is_known(derived.control_candidates, date, date)",
    ),
    SqlObject(
        "10_reporting_int.known_candidates.sql", "function",
        "reporting_int.as_known(derived.control_candidates, date)",
    ),
    SqlObject(
        "11_reporting_int.control_walks.sql", "function", "reporting_int.control_walks(date, date, text, integer[])"
    ),
    SqlObject("12_reporting_int.side_names.sql", "view", "reporting_int.side_names"),
    SqlObject(
        "13_reporting_int.control_answers.sql", "function", "reporting_int.control_answers(date, date, text, integer[])"
    ),
    SqlObject("13b_derived.control_periods.sql", "table", "derived.control_periods"),
    SqlObject("13c_derived.control_contests.sql", "table", "derived.control_contests"),
    SqlObject("13cc_reporting_int.campaign_place_uses.sql", "view", "reporting_int.campaign_place_uses"),
    SqlObject(
        "13d_reporting_int.refresh_derived.sql", "function", "reporting_int.refresh_derived(text, integer[])"
    ),
    SqlObject("14_reporting.control_periods.sql", "view", "reporting.control_periods"),
    SqlObject("15_reporting.control_as_of.sql", "function", "reporting.control_as_of(date, date, text)"),
    SqlObject("15b_reporting_int.report_spans.sql", "view", "reporting_int.report_spans"),
    SqlObject("16_reporting.control_daily.sql", "view", "reporting.control_daily"),
    SqlObject("17_reporting.district_progress.sql", "view", "reporting.district_progress"),
    SqlObject("18_reporting.claims.sql", "view", "reporting.claims"),
    SqlObject("19_reporting_int.contests_denials.sql", "view", "reporting_int.contests_denials"),
    SqlObject(
        "20_reporting_int.contests_mutual_accusations.sql",
        "function",
        "reporting_int.contests_mutual_accusations(text)",
    ),
    SqlObject(
        "21_reporting_int.contests_self_contradictions.sql",
        "function",
        "reporting_int.contests_self_contradictions(text)",
    ),
    SqlObject("22_reporting_int.contests_repeat_claims.sql", "function", "reporting_int.contests_repeat_claims(text)"),
    SqlObject("23_reporting_int.contests_date_conflicts.sql", "view", "reporting_int.contests_date_conflicts"),
    SqlObject(
        "24_reporting_int.contests_conflicting_control.sql", "view", "reporting_int.contests_conflicting_control"
    ),
    SqlObject("25_reporting_int.contested_claims.sql", "function", "reporting_int.contested_claims(text)"),
    SqlObject("25b_derived.contested_claims.sql", "table", "derived.contested_claims"),
    SqlObject("25c_reporting.contested_claims.sql", "view", "reporting.contested_claims"),
    SqlObject(
        "25d_reporting_int.refresh_contests.sql", "function", "reporting_int.refresh_contests(text[])"
    ),
    SqlObject("26_reporting.losses.sql", "view", "reporting.losses"),
    SqlObject("27_reporting.source_scorecard.sql", "view", "reporting.source_scorecard"),
    SqlObject("28_reporting.campaigns.sql", "view", "reporting.campaigns"),
    SqlObject("29_reporting.places.sql", "view", "reporting.places"),
    SqlObject("30_reporting.place_citations.sql", "view", "reporting.place_citations"),
    SqlObject("31_reporting.find_places.sql", "function", "reporting.fold_name(text)"),
    SqlObject("31_reporting.find_places.sql", "function", "reporting.find_places(text)"),
    SqlObject("32_reporting.documents.sql", "view", "reporting.documents"),
)

#: Base tables whose statements refresh the derived tables (08c_...sql).
TRIGGERED_TABLES = (
    "campaigns", "claims", "claim_places", "denials", "corroborations", "sources", "place_areas",
    "campaign_places", "campaign_parties", "campaign_sides", "side_members",
)
#: Of those, the tables whose statements re-derive only the places their rows name.
CLAIM_ROW_TABLES = ("claims", "claim_places", "denials", "corroborations")

#: Functions campaign_reader may not run (they write the derived tables).
MAINTENANCE_FUNCTIONS = (
    "reporting_int.refresh_derived(text, integer[])",
    "reporting_int.base_tables_changed()",
    "reporting_int.claim_rows_changed()",
    "reporting_int.refresh_contests(text[])",
)
#: The rules behind derived.contested_claims: run only to derive it, never by a view.
DERIVATION_FUNCTIONS = (
    "reporting_int.control_candidates_of(text, integer[])",
    "reporting_int.contests_self_contradictions(text)",
    "reporting_int.contests_mutual_accusations(text)",
    "reporting_int.contests_repeat_claims(text)",
    "reporting_int.contested_claims(text)",
)

#: Building-block functions that read tables: they run as their owner.
DEFINER_FUNCTIONS = (
    "reporting_int.self_contradictions_of(text, integer[])",
    "reporting_int.control_walks(date, date, text, integer[])",
    "reporting_int.control_answers(date, date, text, integer[])",
)


def files() -> list[str]:
    """The SQL files in creation order, each once."""
    seen: list[str] = []
    for sql_object in OBJECTS:
        if sql_object.file not in seen:
            seen.append(sql_object.file)
    return seen


def upgrade() -> None:
    for file in files():
        run_sql((SQL_FOLDER / file).read_text(encoding="utf-8"))
    for function in DEFINER_FUNCTIONS:
        op.execute(f"alter function {function} security definer set search_path = pg_catalog, pg_temp")
    for sql_object in OBJECTS:
        if sql_object.kind == "view" and sql_object.name.startswith("reporting."):
            op.execute(f"grant select on {sql_object.name} to {READER_ROLE}")
        elif sql_object.kind == "function":
            op.execute(f"revoke execute on function {sql_object.name} from public")
            if sql_object.name not in MAINTENANCE_FUNCTIONS + DERIVATION_FUNCTIONS:
                op.execute(f"grant execute on function {sql_object.name} to {READER_ROLE}")
    # derive from what the database already holds (a round-1 database upgraded in place)
    op.execute("select reporting_int.refresh_derived(null, null)")


def downgrade() -> None:
    for table in TRIGGERED_TABLES:
        op.execute(f"drop trigger refresh_derived on core.{table}")
    for table in CLAIM_ROW_TABLES:
        for event in ("insert", "update", "delete"):
            op.execute(f"drop trigger refresh_derived_{event} on core.{table}")
    for sql_object in reversed(OBJECTS):
        op.execute(f"drop {sql_object.kind} {sql_object.name}")
    op.execute("drop schema derived")
