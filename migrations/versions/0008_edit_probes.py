"""Re-derivations that probe by index instead of reading a war: a one-claim
edit of a 100 000-place war, or a seed edit beside it, no longer reads
every claim-place link, the whole lineage, every contest or every place's
report spans.

- ``reporting_int.control_candidates_of``: the places a claim may name
  (the given places and the areas around them) as an array, which reaches
  ``core.claim_places``' index by place; as ``in (subquery)``, every one of
  the 5 000 000 links was tested against the list (0.8 s per edit).
- ``reporting_int.contests_self_contradictions``: the areas around the
  claims' places read from the lineage of the scope asked about, by index
  (joined on the place alone, every scope's lineage was hashed: 0.3 s per
  scope per edit).
- ``derived.control_contests`` gets indexes by claim and by counter-claim:
  the contests of an edit's claims were read by scanning every contest.
- ``derived.report_spans``: the rows of ``reporting_int.report_spans`` (the
  days each scope reports a place on), filled by this upgrade and kept by
  ``reporting_int.refresh_derived`` for a whole scope (the spans change only
  with a campaign's period or its places, and either re-derives a whole
  scope). ``reporting_int.district_changes`` reads it, so the settlement
  counts of an edit's areas probe their places' spans instead of computing
  every place's first (0.15 s for a campaign, 0.3 s for 'all', per edit);
  ``reporting_int.refresh_district_changes`` no longer turns nested loops off.

Every answer is unchanged; the SQL lives in ``0008_edit_probes/``, one
object per file with its grain on top, and the downgrade puts back the text
each replaced object had before (revisions 0006's and 0007's).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from alembic import op

from campaign_db.migration_guards import definition_in, files_in_order, run_sql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONS = Path(__file__).parent
SQL_FOLDER = VERSIONS / "0008_edit_probes"


class SqlObject(NamedTuple):
    """One object a ``.sql`` file creates or replaces, and the file (under
    ``migrations/versions``) of the text it replaces (None: new here)."""

    file: str
    kind: str  # "table", "view", "index" or "function"
    name: str  # qualified; a function with its argument types
    previous_file: str | None


#: Creation order; the downgrade undoes them in reverse.
OBJECTS: tuple[SqlObject, ...] = (
    SqlObject("01_derived.control_contests.sql", "index", "derived.ix_control_contests_claim_id", None),
    SqlObject("02_derived.control_contests.sql", "index", "derived.ix_control_contests_counter_claim_id", None),
    SqlObject(
        "03_reporting_int.control_candidates_of.sql", "function",
        "reporting_int.control_candidates_of(text, integer[])",
        "0006_claim_details/17_reporting_int.control_candidates_of.sql",
    ),
    SqlObject(
        "04_reporting_int.contests_self_contradictions.sql", "function",
        "reporting_int.contests_self_contradictions(text, integer[])",
        "0006_claim_details/13_reporting_int.contests_self_contradictions.sql",
    ),
    SqlObject("05_derived.report_spans.sql", "table", "derived.report_spans", None),
    SqlObject(
        "06_reporting_int.district_changes.sql", "view", "reporting_int.district_changes",
        "0007_district_changes/02_reporting_int.district_changes.sql",
    ),
    SqlObject(
        "07_reporting_int.refresh_district_changes.sql", "function",
        "reporting_int.refresh_district_changes(text, integer[])",
        "0007_district_changes/04_reporting_int.refresh_district_changes.sql",
    ),
    SqlObject(
        "08_reporting_int.refresh_derived.sql", "function", "reporting_int.refresh_derived(text, integer[])",
        "0007_district_changes/05_reporting_int.refresh_derived.sql",
    ),
)

#: The statements that fill the new table, each run after the file that
#: creates it.
FILLS = {
    "05_derived.report_spans.sql": (
        "insert into derived.report_spans (scope, place_id, span_from, span_to) "
        "select campaign, place_id, span_from, span_to from reporting_int.report_spans",
        "analyze derived.report_spans",
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
