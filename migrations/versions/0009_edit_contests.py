"""A one-claim edit rewrites every kind of contest only for the claims that
name the places it changed, and the conflicting-control contests alone for
the other claims of the places it re-derived.

An edit re-derives the control of a district's places (about 100 in the
synthetic war) and with it the conflicting-control contests of every claim
there (about 2 000). Every other kind of contest (denial, repeat claim,
self-contradiction, mutual accusation, date conflict) pairs a claim with
its own evidence or with another claim found by the claims' own places, so
it can change only for the claims naming the edited places (about 150).
Revision 0008 ran every rule for all 2 000.

- ``reporting_int.contested_claims_of(text, integer[], text[])``: the rules
  with the kinds asked for (null: every kind); each rule runs only when its
  kind is asked for. The two-argument function asks it for every kind.
- ``reporting_int.refresh_contest_rows(integer[], text[])``: rewrites the
  rows of some kinds; the one-argument function rewrites every kind.
- ``reporting_int.refresh_derived``: for some places, every kind for the
  claims naming the places its caller named, conflicting control for the
  other claims of the places re-derived.
- ``derived.contested_claims`` gets partial indexes of its
  conflicting-control rows by claim and by counter-claim: the rows of that
  kind of a district's claims are a few hundred among their 150 000.
- ``reporting_int.self_contradictions_of(text, integer[], integer[])``: the
  rule with the claims asked for, reading only the captures that can pair
  with them (those of the places the claims name and of the places inside
  them, listed before the query as one array); the two-argument function
  asks it for every claim, and
  ``reporting_int.contests_self_contradictions`` for its claims.

Every answer is unchanged; the SQL lives in ``0009_edit_contests/``, one
object per file with its grain on top, and the downgrade puts back the text
(and comment) each replaced object had before.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from alembic import op

from campaign_db.migration_guards import comment_in, definition_in, files_in_order, run_sql

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONS = Path(__file__).parent
SQL_FOLDER = VERSIONS / "0009_edit_contests"


class SqlObject(NamedTuple):
    """One object a ``.sql`` file creates or replaces, and the file (under
    ``migrations/versions``) of the text it replaces (None: new here)."""

    file: str
    kind: str  # "table", "view", "index" or "function"
    name: str  # qualified; a function with its argument types
    previous_file: str | None


#: Creation order; the downgrade undoes them in reverse.
OBJECTS: tuple[SqlObject, ...] = (
    SqlObject(
        "01_reporting_int.contested_claims_of.sql", "function",
        "reporting_int.contested_claims_of(text, integer[], text[])", None,
    ),
    SqlObject(
        "02_reporting_int.contested_claims_of.sql", "function", "reporting_int.contested_claims_of(text, integer[])",
        "0007_district_changes/08_reporting_int.contested_claims_of.sql",
    ),
    SqlObject(
        "03_reporting_int.refresh_contest_rows.sql", "function", "reporting_int.refresh_contest_rows(integer[], text[])",
        None,
    ),
    SqlObject(
        "04_reporting_int.refresh_contest_rows.sql", "function", "reporting_int.refresh_contest_rows(integer[])",
        "0007_district_changes/13_reporting_int.refresh_contest_rows.sql",
    ),
    SqlObject(
        "05_reporting_int.refresh_derived.sql", "function", "reporting_int.refresh_derived(text, integer[])",
        "0008_edit_probes/08_reporting_int.refresh_derived.sql",
    ),
    SqlObject(
        "06_derived.contested_claims.sql", "index", "derived.ix_contested_claims_control_claim_id", None,
    ),
    SqlObject(
        "07_derived.contested_claims.sql", "index", "derived.ix_contested_claims_control_counter_claim_id", None,
    ),
    SqlObject(
        "08_reporting_int.self_contradictions_of.sql", "function",
        "reporting_int.self_contradictions_of(text, integer[], integer[])", None,
    ),
    SqlObject(
        "09_reporting_int.self_contradictions_of.sql", "function",
        "reporting_int.self_contradictions_of(text, integer[])",
        "0006_claim_details/14_reporting_int.self_contradictions_of.sql",
    ),
    SqlObject(
        "10_reporting_int.contests_self_contradictions.sql", "function",
        "reporting_int.contests_self_contradictions(text, integer[])",
        "0008_edit_probes/04_reporting_int.contests_self_contradictions.sql",
    ),
)

#: The comments the new texts replace, put back by the downgrade.
PREVIOUS_COMMENTS = (
    (
        "0005_derivation/09_reporting_int.refresh_contest_rows.sql",
        "function reporting_int.refresh_contest_rows(integer[])",
    ),
)


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
    for file, target in PREVIOUS_COMMENTS:
        run_sql(previous_comment(file, target))
