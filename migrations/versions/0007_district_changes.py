"""Settlement counts per report area kept as a table: reporting.district_progress
sums days of change in index order instead of sorting every control period;
the contests of an edit's claims looked up by key, accusations by their
match keys.

- ``derived.district_changes``: one row per scope × report area ×
  controlling side × day on which the number of the area's settlements the
  side holds changes, the rows of the rule ``reporting_int.district_changes``
  (the changes revision 0004 computed inside ``reporting.district_progress``),
  filled by this upgrade.
- ``reporting_int.refresh_derived`` rewrites them after the control periods:
  a whole scope's, or those of the areas of the places it re-derived
  (``reporting_int.refresh_district_changes``), through a new index of the
  control periods by scope and area.
- The contests of a re-derived edit's claims: the conflicting-control rows
  (``reporting_int.contests_conflicting_control_of``, read by
  ``reporting_int.contested_claims_of``) look each claim's description up
  by its key (through the view, a few hundred contests were expected to be
  thousands and joined by reading every description twice).
- ``derived.accusations``: one row per accusation with the keys a
  counter-accusation is matched on (event, places, days), the rows of the
  rule ``reporting_int.accusation_descriptions``, kept by
  ``reporting_int.refresh_claim_details``; mutual accusations pair an edit's
  accusations by two index probes each instead of listing every claim that
  shares a place with them.
- The functions that re-derive an edit (``refresh_derived``,
  ``refresh_claim_details``, ``refresh_district_changes``,
  ``refresh_contest_rows``) plan their statements anew on every call: after
  five calls a session could keep a generic plan, made without knowing the
  scope or the claims, and from the third one-claim edit in one session a
  war's edit took 22 s instead of 1.5 s.
- ``reporting.district_progress`` keeps its columns and rows and reads the
  table: at 100 000 places its year of one campaign sorted every period of
  the scope (897 MB of temporary files, 15 s).

The SQL lives in ``0007_district_changes/``, one object per file with its
grain on top; the downgrade puts back the text each replaced object had
before (revision 0004's views, revision 0005's and 0006's functions).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from alembic import op

from campaign_db.migration_guards import comment_in, definition_in, files_in_order, run_sql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONS = Path(__file__).parent
SQL_FOLDER = VERSIONS / "0007_district_changes"


class SqlObject(NamedTuple):
    """One object a ``.sql`` file creates or replaces, and the file (under
    ``migrations/versions``) of the text it replaces (None: new here)."""

    file: str
    kind: str  # "table", "view", "index" or "function"
    name: str  # qualified; a function with its argument types
    previous_file: str | None


#: Creation order; the downgrade undoes them in reverse.
OBJECTS: tuple[SqlObject, ...] = (
    SqlObject("01_derived.district_changes.sql", "table", "derived.district_changes", None),
    SqlObject("02_reporting_int.district_changes.sql", "view", "reporting_int.district_changes", None),
    SqlObject("03_derived.control_periods.sql", "index", "derived.ix_control_periods_campaign_district_id", None),
    SqlObject(
        "04_reporting_int.refresh_district_changes.sql", "function",
        "reporting_int.refresh_district_changes(text, integer[])", None,
    ),
    SqlObject(
        "05_reporting_int.refresh_derived.sql", "function", "reporting_int.refresh_derived(text, integer[])",
        "0006_claim_details/07b_reporting_int.refresh_derived.sql",
    ),
    SqlObject(
        "06_reporting.district_progress.sql", "view", "reporting.district_progress",
        "0004_reporting/17_reporting.district_progress.sql",
    ),
    SqlObject(
        "07_reporting_int.contests_conflicting_control_of.sql", "function",
        "reporting_int.contests_conflicting_control_of(text, integer[])", None,
    ),
    SqlObject(
        "08_reporting_int.contested_claims_of.sql", "function", "reporting_int.contested_claims_of(text, integer[])",
        "0005_derivation/08_reporting_int.contested_claims_of.sql",
    ),
    SqlObject("09_derived.accusations.sql", "table", "derived.accusations", None),
    SqlObject("10_reporting_int.accusation_descriptions.sql", "view", "reporting_int.accusation_descriptions", None),
    SqlObject(
        "11_reporting_int.refresh_claim_details.sql", "function",
        "reporting_int.refresh_claim_details(text, integer[])",
        "0006_claim_details/05_reporting_int.refresh_claim_details.sql",
    ),
    SqlObject(
        "12_reporting_int.contests_mutual_accusations.sql", "function",
        "reporting_int.contests_mutual_accusations(text, integer[])",
        "0006_claim_details/16_reporting_int.contests_mutual_accusations.sql",
    ),
    SqlObject(
        "13_reporting_int.refresh_contest_rows.sql", "function", "reporting_int.refresh_contest_rows(integer[])",
        "0006_claim_details/15_reporting_int.refresh_contest_rows.sql",
    ),
)

#: Comments this revision's text replaces: (the file that set the earlier
#: one, under ``migrations/versions``; the object commented on).
PREVIOUS_COMMENTS = (
    (
        "0006_claim_details/05_reporting_int.refresh_claim_details.sql",
        "function reporting_int.refresh_claim_details(text, integer[])",
    ),
)

#: The statements that fill the new table, each run after the file that
#: completes what it reads.
FILLS = {
    "02_reporting_int.district_changes.sql": (
        "insert into derived.district_changes (scope, district_id, district, controller_side, day, delta) "
        "select scope, district_id, district, controller_side, day, delta from reporting_int.district_changes",
        "analyze derived.district_changes",
    ),
    "10_reporting_int.accusation_descriptions.sql": (
        "insert into derived.accusations (claim_id, campaign, campaign_id, claim_kind, claimant_side_key, "
        "actor_side_key, occurred_from, occurred_to, event_key, place_set) "
        "select claim_id, campaign, campaign_id, claim_kind, claimant_side_key, actor_side_key, occurred_from, "
        "occurred_to, event_key, place_set from reporting_int.accusation_descriptions",
        "analyze derived.accusations",
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
    for file, target in PREVIOUS_COMMENTS:
        run_sql(previous_comment(file, target))
