"""Claim descriptions kept as tables: every rule that reads a claim reads it
by index, and reporting.claims computes nothing per row.

- ``derived.claim_details``: one row per claim, the rows of the rule
  ``reporting_int.claim_descriptions`` (revision 0004's
  ``reporting_int.claim_details`` under a new name), filled by this
  upgrade and kept by ``reporting_int.refresh_claim_details``.
- ``reporting_int.claim_details`` keeps its name and columns and reads the
  table: one relation instead of eighteen, so the rules that join it (control
  answers, contests, candidates) are planned with it and, asked about a few
  claims, read those claims only.
- ``derived.claim_place_details``: one row per claim × place it names (the
  place, its report area in the claim's campaign, its role, the denials and
  corroborations reaching it), the rows of the rule
  ``reporting_int.claim_place_descriptions``; kept by the same function.
- ``reporting_int.refresh_derived`` rewrites a whole scope's claim
  descriptions after its lineage; the statement trigger on claims and their
  places and evidence (``reporting_int.claim_rows_changed``) rewrites those
  of the claims it changed, and re-derives in their campaign's scope and
  'all' only when they all belong to one campaign.
- Statement triggers on ``core.parties``, ``core.sides`` and
  ``core.places``: their names are part of the descriptions.
- ``derived.place_details``: one row per scope × place, the rows of the
  rule ``reporting_int.place_descriptions`` (0004's
  ``reporting_int.place_details`` under a new name, that view now reading
  the table), rewritten with the lineage: the control answers of a few
  places no longer describe every place of every scope.
- ``reporting_int.answers_copied_to_all``: when 'all' is copied from a
  campaign's own rows (it lists every place considered and no other
  campaign uses any), one test for a whole scope and for some places.
- ``reporting.claims`` reads both tables: one place's claims (a timeline)
  are an index range scan and a key probe per claim, planned on three
  relations instead of sixteen. Same columns and rows.
- ``reporting_int.control_walks`` reads the candidates of the places asked
  for by their primary key (it runs as its owner, is never inlined, and its
  one plan read every candidate).
- A one-claim edit asks whether its 'all' rows can be copied of the places
  it re-derives and the areas around them, not of the whole campaign.
- The rules asked about the claims of an edit read those claims through
  their indexes: the places of the claims (repeat claims) and the places
  inside the areas (self-contradictions) as arrays computed once instead of
  semi-joins planned after every claim was read; the areas around them
  probed one by one for a claim naming them (self-contradictions,
  candidates); partners of an accusation looked for from the claims that
  can be accusations; the contest rows of the claims deleted through the
  index by claim and the index by counter-claim.

The SQL lives in ``0006_claim_details/``, one object per file with its grain
on top; the downgrade puts back the text each replaced object had before
(revision 0004's view, revision 0005's functions).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from alembic import op

from campaign_db.migration_guards import comment_in, definition_in, files_in_order, run_sql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONS = Path(__file__).parent
SQL_FOLDER = VERSIONS / "0006_claim_details"


class SqlObject(NamedTuple):
    """One object a ``.sql`` file creates or replaces, and the file (under
    ``migrations/versions``) of the text it replaces (None: new here)."""

    file: str
    kind: str  # "table", "view", "function" or "trigger"
    name: str  # qualified; a function with its argument types; a trigger "name on table"
    previous_file: str | None


#: Creation order; the downgrade undoes them in reverse.
OBJECTS: tuple[SqlObject, ...] = (
    SqlObject("01_derived.claim_details.sql", "table", "derived.claim_details", None),
    SqlObject("02_reporting_int.claim_descriptions.sql", "view", "reporting_int.claim_descriptions", None),
    SqlObject("03_derived.claim_place_details.sql", "table", "derived.claim_place_details", None),
    SqlObject(
        "04_reporting_int.claim_place_descriptions.sql", "view", "reporting_int.claim_place_descriptions", None
    ),
    SqlObject(
        "05_reporting_int.refresh_claim_details.sql", "function",
        "reporting_int.refresh_claim_details(text, integer[])", None,
    ),
    SqlObject(
        "06_reporting_int.claim_details.sql", "view", "reporting_int.claim_details",
        "0004_reporting/05_reporting_int.claim_details.sql",
    ),
    SqlObject(
        "07a_reporting_int.answers_copied_to_all.sql", "function",
        "reporting_int.answers_copied_to_all(text, integer[])", None,
    ),
    SqlObject(
        "07b_reporting_int.refresh_derived.sql", "function", "reporting_int.refresh_derived(text, integer[])",
        "0005_derivation/11_reporting_int.refresh_derived.sql",
    ),
    SqlObject(
        "08_reporting_int.claim_rows_changed.sql", "function", "reporting_int.claim_rows_changed()",
        "0005_derivation/12_reporting_int.claim_rows_changed.sql",
    ),
    SqlObject("09_reporting_int.base_tables_changed.sql", "trigger", "refresh_derived on core.parties", None),
    SqlObject("09_reporting_int.base_tables_changed.sql", "trigger", "refresh_derived on core.sides", None),
    SqlObject("09_reporting_int.base_tables_changed.sql", "trigger", "refresh_derived on core.places", None),
    SqlObject("10_reporting.claims.sql", "view", "reporting.claims", "0005_derivation/01_reporting.claims.sql"),
    SqlObject(
        "11_reporting_int.control_walks.sql", "function", "reporting_int.control_walks(date, date, text, integer[])",
        "0004_reporting/11_reporting_int.control_walks.sql",
    ),
    SqlObject(
        "12_reporting_int.contests_repeat_claims.sql", "function",
        "reporting_int.contests_repeat_claims(text, integer[])",
        "0005_derivation/07_reporting_int.contests_repeat_claims.sql",
    ),
    SqlObject(
        "13_reporting_int.contests_self_contradictions.sql", "function",
        "reporting_int.contests_self_contradictions(text, integer[])",
        "0005_derivation/06_reporting_int.contests_self_contradictions.sql",
    ),
    SqlObject(
        "14_reporting_int.self_contradictions_of.sql", "function",
        "reporting_int.self_contradictions_of(text, integer[])",
        "0005_derivation/03_reporting_int.self_contradictions_of.sql",
    ),
    SqlObject(
        "15_reporting_int.refresh_contest_rows.sql", "function", "reporting_int.refresh_contest_rows(integer[])",
        "0005_derivation/09_reporting_int.refresh_contest_rows.sql",
    ),
    SqlObject(
        "16_reporting_int.contests_mutual_accusations.sql", "function",
        "reporting_int.contests_mutual_accusations(text, integer[])",
        "0005_derivation/05_reporting_int.contests_mutual_accusations.sql",
    ),
    SqlObject(
        "17_reporting_int.control_candidates_of.sql", "function",
        "reporting_int.control_candidates_of(text, integer[])",
        "0005_derivation/04_reporting_int.control_candidates_of.sql",
    ),
    SqlObject("18_derived.place_details.sql", "table", "derived.place_details", None),
    SqlObject("19_reporting_int.place_descriptions.sql", "view", "reporting_int.place_descriptions", None),
    SqlObject(
        "20_reporting_int.place_details.sql", "view", "reporting_int.place_details",
        "0004_reporting/04_reporting_int.place_details.sql",
    ),
)

#: Comments this revision's text replaces: (the file that set the earlier
#: one, under ``migrations/versions``; the object commented on).
PREVIOUS_COMMENTS = (
    ("0004_reporting/08c_reporting_int.refresh_derived.sql", "function reporting_int.claim_rows_changed()"),
)

#: Functions revision 0004 made run as their owner (``alter function``, not
#: in their text): a downgrade that puts 0004's text back makes them so again.
DEFINER_FUNCTIONS = ("reporting_int.control_walks(date, date, text, integer[])",)

#: The statements that fill the new tables, each run after the file that
#: completes what it reads (the rule, the function writing the table).
FILLS = {
    "05_reporting_int.refresh_claim_details.sql": (
        "select reporting_int.refresh_claim_details(null, null)",
        "analyze derived.claim_details",
        "analyze derived.claim_place_details",
    ),
    "19_reporting_int.place_descriptions.sql": (
        "insert into derived.place_details (scope, place_id, place_slug, place_name, place_kind, district_id, "
        "district_name, is_settlement, latitude, longitude, coordinate_precision) "
        "select scope, place_id, place_slug, place_name, place_kind, district_id, district_name, is_settlement, "
        "latitude, longitude, coordinate_precision from reporting_int.place_descriptions",
        "analyze derived.place_details",
    ),
}


def files() -> list[str]:
    """The SQL files in creation order, each once."""
    return files_in_order(OBJECTS)


def previous_definition(file: str, kind: str, name: str) -> str:
    """The ``create`` statement of ``name`` in ``file`` (under
    ``migrations/versions``), the text it had before this revision, as
    ``create or replace``."""
    return definition_in(VERSIONS / file, kind, name)


def previous_comment(file: str, target: str) -> str:
    """The ``comment on`` statement of ``target`` in ``file`` (under
    ``migrations/versions``)."""
    return comment_in(VERSIONS / file, target)


def upgrade() -> None:
    for file in files():
        run_sql((SQL_FOLDER / file).read_text(encoding="utf-8"))
        for statement in FILLS.get(file, ()):
            op.execute(statement)
    for sql_object in OBJECTS:
        if sql_object.kind == "function" and sql_object.previous_file is None:
            # maintenance functions: no reader may run them
            op.execute(f"revoke execute on function {sql_object.name} from public")


def downgrade() -> None:
    for sql_object in reversed(OBJECTS):
        if sql_object.previous_file is not None:
            run_sql(previous_definition(sql_object.previous_file, sql_object.kind, sql_object.name))
        else:
            op.execute(f"drop {sql_object.kind} {sql_object.name}")
    for function in DEFINER_FUNCTIONS:
        op.execute(f"alter function {function} security definer set search_path = pg_catalog, pg_temp")
    for file, target in PREVIOUS_COMMENTS:
        run_sql(previous_comment(file, target))
