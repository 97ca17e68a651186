"""Derivation at war scale: the same answers, found faster.

- ``reporting_int.self_contradictions_of`` reads only the captures inside
  the areas it is asked about.
- ``reporting.claims`` looks a claim's report area up per row (one place's
  claims, a timeline, are index probes instead of every place of every
  scope).
- ``derived.control_periods`` gets an index by place (one place's periods
  in every scope).
- ``reporting_int.control_candidates_of`` joins the area claims'
  contradictions on one key (a whole scope is hashed, not rescanned per
  candidate).
- The contested claims of a change of some places or claims are rewritten
  for the claims involved only (``reporting_int.refresh_contest_rows``,
  from the contest rules asked for some claims:
  ``reporting_int.contested_claims_of`` and the building blocks
  ``contests_mutual_accusations``, ``contests_self_contradictions`` and
  ``contests_repeat_claims``, which take the claims as a second argument):
  a one-claim edit of a war no longer recomputes its every contest.
  ``reporting_int.refresh_derived`` and the statement trigger
  ``reporting_int.claim_rows_changed`` call it.
- ``reporting_int.refresh_contests`` (a campaign's whole scope) is told by
  ``refresh_derived`` whether the campaign shares a place with another (then
  every 'all' contest is rewritten) instead of asking the whole database.

Every reader-facing object keeps its columns, arguments and results; the
functions whose arguments changed are maintenance and derivation functions
no reader may run, and ``reporting_int.contested_claims(text)`` reads
``contested_claims_of`` for all claims. The SQL lives in
``0005_derivation/``, one object per file with its grain on top; the
downgrade puts back revision 0004's text of each object, read from
``0004_reporting/``.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from alembic import op

from campaign_db.migration_guards import definition_in, files_in_order, run_sql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL_FOLDER = Path(__file__).with_name("0005_derivation")
PREVIOUS_FOLDER = Path(__file__).with_name("0004_reporting")


class SqlObject(NamedTuple):
    """One object a ``.sql`` file creates or replaces, and where revision
    0004 defined it (None: new in this revision)."""

    file: str
    kind: str  # "view", "function" or "index"
    name: str  # qualified; a function with its argument types
    previous_file: str | None


#: Creation order; the downgrade undoes them in reverse.
OBJECTS: tuple[SqlObject, ...] = (
    SqlObject("01_reporting.claims.sql", "view", "reporting.claims", "18_reporting.claims.sql"),
    SqlObject("02_derived.control_periods.sql", "index", "derived.ix_control_periods_place_id", None),
    SqlObject(
        "03_reporting_int.self_contradictions_of.sql", "function",
        "reporting_int.self_contradictions_of(text, integer[])", "07_reporting_int.self_contradictions.sql",
    ),
    SqlObject(
        "04_reporting_int.control_candidates_of.sql", "function", "reporting_int.control_candidates_of(text, integer[])",
        "08_reporting_int.control_candidates.sql",
    ),
    SqlObject(
        "05_reporting_int.contests_mutual_accusations.sql", "function",
        "reporting_int.contests_mutual_accusations(text, integer[])", None,
    ),
    SqlObject(
        "06_reporting_int.contests_self_contradictions.sql", "function",
        "reporting_int.contests_self_contradictions(text, integer[])", None,
    ),
    SqlObject(
        "07_reporting_int.contests_repeat_claims.sql", "function", "reporting_int.contests_repeat_claims(text, integer[])",
        None,
    ),
    SqlObject(
        "08_reporting_int.contested_claims_of.sql", "function", "reporting_int.contested_claims_of(text, integer[])",
        None,
    ),
    SqlObject(
        "08_reporting_int.contested_claims_of.sql", "function", "reporting_int.contested_claims(text)",
        "25_reporting_int.contested_claims.sql",
    ),
    SqlObject(
        "09_reporting_int.refresh_contest_rows.sql", "function", "reporting_int.refresh_contest_rows(integer[])", None
    ),
    SqlObject(
        "09_reporting_int.refresh_contest_rows.sql", "function",
        "reporting_int.refresh_placeless_contests(integer[])", None,
    ),
    SqlObject(
        "10_reporting_int.refresh_contests.sql", "function", "reporting_int.refresh_contests(text[], boolean)", None
    ),
    SqlObject(
        "11_reporting_int.refresh_derived.sql", "function", "reporting_int.refresh_derived(text, integer[])",
        "13d_reporting_int.refresh_derived.sql",
    ),
    SqlObject(
        "12_reporting_int.claim_rows_changed.sql", "function", "reporting_int.claim_rows_changed()",
        "08c_reporting_int.refresh_derived.sql",
    ),
)

#: Revision 0004's functions whose arguments changed: dropped, and put back
#: by the downgrade from the file 0004 created them from.
REPLACED_FUNCTIONS = (
    ("reporting_int.refresh_contests(text[])", "25d_reporting_int.refresh_contests.sql"),
    ("reporting_int.contests_mutual_accusations(text)", "20_reporting_int.contests_mutual_accusations.sql"),
    ("reporting_int.contests_self_contradictions(text)", "21_reporting_int.contests_self_contradictions.sql"),
    ("reporting_int.contests_repeat_claims(text)", "22_reporting_int.contests_repeat_claims.sql"),
)


#: Functions revision 0004 made run as their owner (``alter function``, not
#: in their text): a downgrade that puts 0004's text back makes them so again.
DEFINER_FUNCTIONS = ("reporting_int.self_contradictions_of(text, integer[])",)


def files() -> list[str]:
    """The SQL files in creation order, each once."""
    return files_in_order(OBJECTS)


def previous_definition(file: str, kind: str, name: str) -> str:
    """Revision 0004's ``create`` statement of ``name`` in ``file``, as
    ``create or replace`` (its comments, grants and triggers stay as they
    are)."""
    return definition_in(PREVIOUS_FOLDER / file, kind, name)


def upgrade() -> None:
    for file in files():
        run_sql((SQL_FOLDER / file).read_text(encoding="utf-8"))
    for function, _ in REPLACED_FUNCTIONS:
        op.execute(f"drop function {function}")
    for sql_object in OBJECTS:
        if sql_object.kind == "function" and sql_object.previous_file is None:
            op.execute(f"revoke execute on function {sql_object.name} from public")


def downgrade() -> None:
    for function, file in REPLACED_FUNCTIONS:
        # the function and its comment, as 0004 created them
        old = (PREVIOUS_FOLDER / file).read_text(encoding="utf-8")
        run_sql(old[old.index("create function") :])
        op.execute(f"revoke execute on function {function} from public")
    for sql_object in reversed(OBJECTS):
        if sql_object.previous_file is None:
            op.execute(f"drop {sql_object.kind} {sql_object.name}")
        else:
            run_sql(previous_definition(sql_object.previous_file, sql_object.kind, sql_object.name))
    for function in DEFINER_FUNCTIONS:
        op.execute(f"alter function {function} security definer set search_path = pg_catalog, pg_temp")
