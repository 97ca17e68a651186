"""Migrations: one head, base → head, no drift between models and DDL, a full
round trip leaves nothing behind, and data survives a downgrade/upgrade of
the revisions above the base tables."""

from __future__ import annotations

import datetime as dt

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text
from sqlalchemy.engine import URL

from campaign_db import migrate
from campaign_db.database import make_engine
from campaign_db.models import metadata

# Everything a migration could create, outside the system schemas.
CATALOG_SNAPSHOT = text(
    """
    select 'schema ' || nspname as object
    from pg_namespace
    where nspname not like 'pg\\_%' and nspname <> 'information_schema'
    union all
    select 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text
    from pg_class as c
    inner join pg_namespace as n on n.oid = c.relnamespace
    where n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
    union all
    select 'routine ' || n.nspname || '.' || p.proname
    from pg_proc as p
    inner join pg_namespace as n on n.oid = p.pronamespace
    where n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
    union all
    select 'type ' || n.nspname || '.' || t.typname
    from pg_type as t
    inner join pg_namespace as n on n.oid = t.typnamespace
    where n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
        and t.typrelid = 0 and t.typelem = 0
    union all
    select 'constraint ' || conname
    from pg_constraint as co
    inner join pg_namespace as n on n.oid = co.connamespace
    where n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
    order by 1
    """
)

ALEMBIC_OBJECTS = {
    "relation public.alembic_version r",
    "relation public.alembic_version_pkc i",
    "constraint alembic_version_pkc",
    "constraint alembic_version_version_num_not_null",  # PostgreSQL 18 lists NOT NULL constraints
}


def snapshot(connection: Connection) -> set[str]:
    return {row.object for row in connection.execute(CATALOG_SNAPSHOT)} - ALEMBIC_OBJECTS


def test_one_head() -> None:
    heads = ScriptDirectory.from_config(migrate.alembic_config()).get_heads()
    assert len(heads) == 1, f"several heads: {heads}"


def test_every_revision_has_a_downgrade() -> None:
    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    for revision in scripts.walk_revisions():
        source = open(revision.path).read()
        body = source.split("def downgrade() -> None:", 1)[1]
        assert "pass" != body.strip(), f"{revision.revision} has an empty downgrade"


def test_base_to_head_and_no_drift(fresh_database_url: URL) -> None:
    engine = make_engine(fresh_database_url)
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection)
            assert migrate.current_revision(connection) == migrate.head_revision()
            context = MigrationContext.configure(
                connection,
                opts={
                    "include_schemas": True,
                    "include_name": lambda name, type_, parents: type_ != "schema" or name == "core",
                    "compare_type": True,
                },
            )
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_round_trip_leaves_nothing_behind(fresh_database_url: URL) -> None:
    engine = make_engine(fresh_database_url)
    try:
        with engine.begin() as connection:
            empty = snapshot(connection)
            migrate.upgrade(connection)
            at_head = snapshot(connection)
            migrate.downgrade(connection, "base")
            after_downgrade = snapshot(connection)
            migrate.upgrade(connection)
            again_at_head = snapshot(connection)
        assert at_head - empty, "the migrations created nothing"
        assert "schema core" in at_head and "schema reporting" in at_head
        assert after_downgrade == empty, f"left behind: {sorted(after_downgrade - empty)}"
        assert again_at_head == at_head
    finally:
        engine.dispose()


def test_rows_survive_downgrade_and_upgrade_above_the_base_tables(fresh_database_url: URL) -> None:
    """Every revision after the one that creates the base tables can be
    undone and redone with data present, and the data is still there."""
    engine = make_engine(fresh_database_url)
    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    first = [r.revision for r in scripts.walk_revisions() if r.down_revision is None][0]
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection)
            connection.execute(text("insert into core.parties (code, name) values ('XA', 'Party A')"))
            connection.execute(
                text(
                    "insert into core.places (slug, name, kind) values ('p1', 'Füzuli', 'city');"
                    "insert into core.place_names (place_id, name) select place_id, 'Füzuli' from core.places"
                )
            )
            migrate.downgrade(connection, first)
            assert connection.execute(text("select count(*) from core.parties")).scalar_one() == 1
            migrate.upgrade(connection)
            assert connection.execute(text("select name from core.parties")).scalar_one() == "Party A"
            assert connection.execute(text("select folded_name from core.place_names")).scalar_one() == "fuzuli"
            assert migrate.current_revision(connection) == migrate.head_revision()
    finally:
        engine.dispose()


def test_downgrade_to_base_with_rows_present_drops_them_cleanly(fresh_database_url: URL) -> None:
    engine = make_engine(fresh_database_url)
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection)
            connection.execute(text("insert into core.parties (code, name) values ('XA', 'Party A')"))
            migrate.downgrade(connection, "base")
            assert connection.execute(text("select to_regclass('core.parties')")).scalar_one() is None
            migrate.upgrade(connection)
            assert connection.execute(text("select count(*) from core.parties")).scalar_one() == 0
    finally:
        engine.dispose()


def test_dates_are_plain_dates(connection: Connection) -> None:
    """Date ranges are two date columns, never a range type (BI tools)."""
    types = connection.execute(
        text(
            "select distinct data_type from information_schema.columns "
            "where table_schema = 'core' and column_name like '%\\_on' "
        )
    ).scalars().all()
    assert set(types) == {"date"}
    assert dt.date  # the ORM maps them to datetime.date
