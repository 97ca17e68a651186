"""Migrations: one head, base → head, no drift between models and DDL, a full
round trip leaves nothing behind, and data survives a downgrade/upgrade of
the revisions above the base tables."""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from seed_copies import SEEDS
from sqlalchemy import Connection, text
from sqlalchemy.engine import URL

from campaign_db import migrate
from campaign_db.database import make_engine
from campaign_db.migration_guards import DataLossRefused
from campaign_db.models import metadata
from campaign_db.seeding import default_seed_folders, load_campaigns

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
        source = Path(revision.path).read_text(encoding="utf-8")
        body = source.split("def downgrade() -> None:", 1)[1]
        assert body.strip() != "pass", f"{revision.revision} has an empty downgrade"


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


def downgrade(connection: Connection, revision: str, drop_data: bool = False) -> None:
    """``alembic [-x drop_data=yes] downgrade REVISION`` on ``connection``."""
    config = migrate.alembic_config(connection)
    config.cmd_opts = argparse.Namespace(x=["drop_data=yes"] if drop_data else [])
    command.downgrade(config, revision)


def test_rows_survive_downgrade_and_upgrade_of_the_reporting_layer(seeded_copy: URL) -> None:
    """The reporting revision can be undone and redone with campaigns loaded;
    the rows are still there and the derived tables are rebuilt."""
    engine = make_engine(seeded_copy)
    try:
        with engine.begin() as connection:
            claims = connection.execute(text("select count(*) from core.claims")).scalar_one()
            answers = connection.execute(text("select count(*) from reporting.control_periods")).scalar_one()
            downgrade(connection, "0003")
            assert connection.execute(text("select count(*) from core.claims")).scalar_one() == claims
            migrate.upgrade(connection)
            assert connection.execute(text("select count(*) from reporting.control_periods")).scalar_one() == answers
            assert migrate.current_revision(connection) == migrate.head_revision()
    finally:
        engine.dispose()


def test_a_downgrade_that_would_drop_loaded_data_refuses(seeded_copy: URL) -> None:
    engine = make_engine(seeded_copy)
    try:
        with engine.begin() as connection, pytest.raises(DataLossRefused, match="drop_data=yes"):
            downgrade(connection, "base")
        with engine.begin() as connection:
            assert connection.execute(text("select count(*) from core.campaigns")).scalar_one() == 3
            downgrade(connection, "base", drop_data=True)
            assert connection.execute(text("select to_regclass('core.parties')")).scalar_one() is None
            migrate.upgrade(connection)
            assert connection.execute(text("select count(*) from core.parties")).scalar_one() == 0
    finally:
        engine.dispose()


@pytest.fixture
def seeded_copy(fresh_database_url: URL) -> URL:
    engine = make_engine(fresh_database_url)
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection)
            load_campaigns(connection, default_seed_folders())
    finally:
        engine.dispose()
    return fresh_database_url


ROUND_ONE = Path(__file__).parent / "fixtures" / "round1_aras_valley.sql.gz"


def test_a_round_one_database_upgrades_in_place_and_is_adopted_by_its_folder(fresh_database_url: URL) -> None:
    """A database of the previous round holding aras-valley (a data dump of
    its core tables) upgrades with nothing lost; the next load of the folder
    holding its document adopts it instead of adding a second campaign."""
    engine = make_engine(fresh_database_url)
    dump = gzip.decompress(ROUND_ONE.read_bytes()).decode("utf-8")
    statements = dump  # a data-only pg_dump of the core tables, identity sequences included
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection, "0002")
            connection.execute(text("set local session_replication_role = replica"))  # parents after children
            connection.connection.driver_connection.execute(statements)  # type: ignore[union-attr]
            connection.execute(text("set local session_replication_role = origin"))
            before = {
                table: connection.execute(text(f"select count(*) from core.{table}")).scalar_one()
                for table in ("claims", "claim_places", "denials", "corroborations", "losses", "places", "place_names")
            }
            assert before["claims"] == 61
            migrate.upgrade(connection)
            after = {table: connection.execute(text(f"select count(*) from core.{table}")).scalar_one() for table in before}
            assert after == before
            legacy = connection.execute(text("select slug, version from core.campaigns")).one()
            assert tuple(legacy) == ("aras-valley-campaign", "0.0.0")
            assert connection.execute(
                text("select count(*) from reporting.control_periods where campaign = 'aras-valley-campaign'")
            ).scalar_one() > 100
            (report,) = load_campaigns(connection, [SEEDS / "aras-valley"])
            assert connection.execute(text("select slug from core.campaigns")).scalars().all() == ["aras-valley"]
            assert connection.execute(text("select count(*) from core.claims")).scalar_one() == 61
            assert report.tables["claims"].inserted == 0  # adopted: the same claims, updated where re-read
            (again,) = load_campaigns(connection, [SEEDS / "aras-valley"])
            assert again.changed == 0
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
    # and the ORM maps every one of them to datetime.date
    columns = [
        column
        for table in metadata.tables.values()
        if table.schema == "core"
        for column in table.columns
        if column.name.endswith("_on")
    ]
    assert columns
    assert all(column.type.python_type is dt.date for column in columns), [
        f"{column.table.name}.{column.name}" for column in columns if column.type.python_type is not dt.date
    ]
