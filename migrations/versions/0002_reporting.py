"""Reporting: the public, read-only interface of campaign-db.

Creates the building-block views in the private schema ``reporting_int``, the
consumer views and functions in ``reporting`` (from the ``.sql`` files in this
revision's own folder, ``0002_reporting/``, run in the order listed below; a
later revision that changes a view brings its own folder, so this one keeps
creating exactly what it created), and the role ``campaign_reader``.

``campaign_reader`` (NOLOGIN) gets USAGE on ``reporting``, SELECT on its
views and EXECUTE on its functions; nothing on ``core`` or ``reporting_int``.
Roles belong to the whole server, not to one database: the role is created
only if missing, and the downgrade revokes what this revision granted but
leaves the role, which other databases on the server may still use.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL_FOLDER = Path(__file__).with_name("0002_reporting")
READER_ROLE = "campaign_reader"


class SqlObject(NamedTuple):
    """One view or function, created by the ``.sql`` file of the same name."""

    file: str
    kind: str  # "view" or "function"
    name: str  # qualified; a function with its argument types

    @property
    def is_consumer(self) -> bool:
        return self.name.startswith("reporting.")


#: Creation order; the downgrade drops them in reverse.
OBJECTS: tuple[SqlObject, ...] = (
    SqlObject("01_reporting_int.place_lineage.sql", "view", "reporting_int.place_lineage"),
    SqlObject("02_reporting_int.place_details.sql", "view", "reporting_int.place_details"),
    SqlObject("03_reporting_int.claim_details.sql", "view", "reporting_int.claim_details"),
    SqlObject("04_reporting_int.control_claim_places.sql", "view", "reporting_int.control_claim_places"),
    SqlObject("05_reporting_int.self_contradictions.sql", "view", "reporting_int.self_contradictions"),
    SqlObject("06_reporting_int.control_candidates.sql", "view", "reporting_int.control_candidates"),
    SqlObject("07_reporting.control_periods.sql", "view", "reporting.control_periods"),
    SqlObject("08_reporting.control_as_of.sql", "function", "reporting.control_as_of(date, date)"),
    SqlObject("09_reporting.control_daily.sql", "view", "reporting.control_daily"),
    SqlObject("10_reporting.district_progress.sql", "view", "reporting.district_progress"),
    SqlObject("11_reporting.claims.sql", "view", "reporting.claims"),
    SqlObject("12_reporting.contested_claims.sql", "view", "reporting.contested_claims"),
    SqlObject("13_reporting.losses.sql", "view", "reporting.losses"),
    SqlObject("14_reporting.source_scorecard.sql", "view", "reporting.source_scorecard"),
)

# Roles are server-wide: two databases migrated at once may both find the role
# missing, so losing that race is not an error.
CREATE_READER_ROLE = f"""
do $$
begin
    if not exists (select from pg_catalog.pg_roles where rolname = '{READER_ROLE}') then
        create role {READER_ROLE} nologin;
        comment on role {READER_ROLE} is
            'Read-only access to campaign-db: the views and functions of schema reporting, nothing else. Grant it to a login role for psql or a BI tool.';
    end if;
exception
    when duplicate_object or unique_violation then null;
end
$$
"""

REVOKE_READER_USAGE = f"""
do $$
begin
    if exists (select from pg_catalog.pg_roles where rolname = '{READER_ROLE}') then
        revoke usage on schema reporting from {READER_ROLE};
    end if;
end
$$
"""


def run_sql(sql: str) -> None:
    """Run a script as written: straight to psycopg (no SQLAlchemy bind-parameter
    parsing of ``:`` and no ``%`` escaping), several statements at once."""
    driver_connection = op.get_bind().connection.driver_connection
    assert driver_connection is not None
    driver_connection.execute(sql)


def upgrade() -> None:
    op.execute("create schema reporting_int")
    op.execute(
        "comment on schema reporting_int is 'Building blocks of the reporting views (campaign-db internals: "
        "not a stable interface, not readable by campaign_reader).'"
    )
    run_sql(CREATE_READER_ROLE)
    for sql_object in OBJECTS:
        run_sql((SQL_FOLDER / sql_object.file).read_text(encoding="utf-8"))
    op.execute(f"grant usage on schema reporting to {READER_ROLE}")
    for sql_object in OBJECTS:
        if not sql_object.is_consumer:
            continue
        if sql_object.kind == "view":
            op.execute(f"grant select on {sql_object.name} to {READER_ROLE}")
        else:
            op.execute(f"revoke execute on function {sql_object.name} from public")
            op.execute(f"grant execute on function {sql_object.name} to {READER_ROLE}")


def downgrade() -> None:
    run_sql(REVOKE_READER_USAGE)
    for sql_object in reversed(OBJECTS):
        op.execute(f"drop {sql_object.kind} {sql_object.name}")
    op.execute("drop schema reporting_int")
