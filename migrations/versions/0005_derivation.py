"""Derivation at war scale: the same answers, found faster.

- ``reporting.claims`` looks a claim's report area up per row (one place's
  claims, a timeline, are index probes instead of every place of every
  scope).
- ``derived.control_periods`` gets an index by place (one place's periods
  in every scope).
- ``reporting_int.control_candidates_of`` joins the area claims'
  contradictions on one key (a whole scope is hashed, not rescanned per
  candidate).
- ``reporting_int.refresh_contests`` is told by its callers whether the
  change reached a place two campaigns use (then every 'all' contest is
  rewritten) instead of asking the whole database each time; the statement
  trigger ``reporting_int.claim_rows_changed`` and
  ``reporting_int.refresh_derived`` tell it.

Every object keeps its columns, arguments and results except
``refresh_contests``, which takes that answer as a second argument (a
maintenance function no reader may run). The SQL lives in
``0005_derivation/``, one object per file with its grain on top; the
downgrade puts back revision 0004's text of each object, read from
``0004_reporting/``.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from alembic import op

from campaign_db.migration_guards import run_sql

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
    SqlObject(
        "02_reporting_int.control_candidates_of.sql", "function", "reporting_int.control_candidates_of(text, integer[])",
        "08_reporting_int.control_candidates.sql",
    ),
    SqlObject(
        "03_reporting_int.refresh_contests.sql", "function", "reporting_int.refresh_contests(text[], boolean)", None
    ),
    SqlObject(
        "04_reporting_int.refresh_derived.sql", "function", "reporting_int.refresh_derived(text, integer[])",
        "13d_reporting_int.refresh_derived.sql",
    ),
    SqlObject(
        "05_reporting_int.claim_rows_changed.sql", "function", "reporting_int.claim_rows_changed()",
        "08c_reporting_int.refresh_derived.sql",
    ),
    SqlObject("06_derived.control_periods.sql", "index", "derived.ix_control_periods_place_id", None),
)

#: Revision 0004's refresh_contests, which the new one replaces.
REPLACED_FUNCTION = "reporting_int.refresh_contests(text[])"
REPLACED_FILE = "25d_reporting_int.refresh_contests.sql"


def files() -> list[str]:
    """The SQL files in creation order."""
    return [sql_object.file for sql_object in OBJECTS]


def previous_definition(file: str, kind: str, name: str) -> str:
    """Revision 0004's ``create`` statement of ``name`` in ``file``, as
    ``create or replace`` (its comments, grants and triggers stay as they
    are)."""
    sql = (PREVIOUS_FOLDER / file).read_text(encoding="utf-8")
    bare_name = re.escape(name.split("(")[0])
    end = r"\$function\$;" if kind == "function" else r";\n"
    found = re.search(rf"^create {kind} {bare_name}\b.*?{end}", sql, re.S | re.M)
    if found is None:
        raise LookupError(f"{file} has no `create {kind} {name}`")
    return found.group(0).replace(f"create {kind} ", f"create or replace {kind} ", 1)


def upgrade() -> None:
    for file in files():
        run_sql((SQL_FOLDER / file).read_text(encoding="utf-8"))
    op.execute(f"drop function {REPLACED_FUNCTION}")
    for sql_object in OBJECTS:
        if sql_object.kind == "function" and sql_object.previous_file is None:
            op.execute(f"revoke execute on function {sql_object.name} from public")


def downgrade() -> None:
    old = (PREVIOUS_FOLDER / REPLACED_FILE).read_text(encoding="utf-8")
    run_sql(old[old.index("create function") :])
    op.execute(f"revoke execute on function {REPLACED_FUNCTION} from public")
    for sql_object in reversed(OBJECTS):
        if sql_object.previous_file is None:
            op.execute(f"drop {sql_object.kind} {sql_object.name}")
        else:
            run_sql(previous_definition(sql_object.previous_file, sql_object.kind, sql_object.name))
