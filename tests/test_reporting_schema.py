"""The shape of the reporting interface: the migration's SQL files, comments
on every consumer view, function and column, BI-friendly types, the ORM
classes matching the views, and a clean downgrade."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from campaign_db import migrate
from campaign_db.database import make_engine
from campaign_db.models import metadata as core_metadata
from campaign_db.reporting import ControlPeriod, ReadOnlyViewError, ReportingView, reporting_metadata

BI_TYPES = {"text", "integer", "bigint", "boolean", "date", "timestamp with time zone", "double precision"}
VERSIONS = migrate.script_location() / "versions"
#: The revisions whose SQL lives in a folder of its own, one object per file.
SQL_MIGRATIONS = (
    "0004_reporting.py",
    "0005_derivation.py",
    "0006_claim_details.py",
    "0007_district_changes.py",
    "0008_edit_probes.py",
    "0009_edit_contests.py",
)
#: The revisions that replace objects of earlier ones.
REPLACING_MIGRATIONS = (
    "0005_derivation.py",
    "0006_claim_details.py",
    "0007_district_changes.py",
    "0008_edit_probes.py",
    "0009_edit_contests.py",
)


def load_migration(file: str = "0004_reporting.py") -> ModuleType:
    spec = importlib.util.spec_from_file_location(file.removesuffix(".py"), VERSIONS / file)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sql_files() -> list[Path]:
    return sorted(path for file in SQL_MIGRATIONS for path in load_migration(file).SQL_FOLDER.glob("*.sql"))


@pytest.mark.parametrize("file", SQL_MIGRATIONS)
def test_the_migration_creates_exactly_the_files_of_its_folder(file: str) -> None:
    migration = load_migration(file)
    assert migration.files() == sorted(path.name for path in migration.SQL_FOLDER.glob("*.sql"))
    for sql_file in migration.files():
        # the file is named after the object it holds (a few hold its helpers and types too)
        main_object = sql_file.split("_", 1)[1].removesuffix(".sql")
        names = [sql_object.name.split("(")[0] for sql_object in migration.OBJECTS if sql_object.file == sql_file]
        # (an index file is named after the table it indexes, a trigger file
        # after the function its triggers run)
        sql = (migration.SQL_FOLDER / sql_file).read_text(encoding="utf-8")
        indexed = f" on {main_object} (" in sql
        triggered = f"execute function {main_object}()" in sql
        assert (
            main_object in names
            or main_object.startswith(("reporting_int.known", "reporting_int.refresh"))
            or indexed
            or triggered
        ), sql_file


@pytest.mark.parametrize("file", REPLACING_MIGRATIONS)
def test_a_later_revision_puts_back_what_it_replaced(file: str) -> None:
    """A revision's downgrade restores the earlier text of every object it
    replaced: each is found in the file an earlier revision created it from,
    and differs from the new one."""
    migration = load_migration(file)
    for sql_object in migration.OBJECTS:
        if sql_object.previous_file is not None:
            statement = migration.previous_definition(sql_object.previous_file, sql_object.kind, sql_object.name)
            name = sql_object.name.split("(")[0]
            assert statement.startswith(f"create or replace {sql_object.kind} {name}")
            assert statement.endswith("$function$;" if sql_object.kind == "function" else ";\n")
            replacement = (migration.SQL_FOLDER / sql_object.file).read_text(encoding="utf-8")
            assert f"create or replace {sql_object.kind} {name}" in replacement
            assert statement not in replacement, f"{sql_object.file} changes nothing"
    for file_of_comment, target in getattr(migration, "PREVIOUS_COMMENTS", ()):
        # a comment the new text replaces is put back too
        comment = migration.previous_comment(file_of_comment, target)
        assert comment.startswith(f"comment on {target} is\n'")
        assert not any(
            comment in (migration.SQL_FOLDER / sql_file).read_text(encoding="utf-8") for sql_file in migration.files()
        )


@pytest.mark.parametrize("path", sql_files(), ids=lambda path: path.name)
def test_each_file_states_its_grain_and_keeps_the_house_style(path: Path) -> None:
    sql = path.read_text(encoding="utf-8")
    assert sql.startswith("-- grain: "), "a file opens with its grain"
    assert "one row per" in sql.split("\n\n")[0], "the grain says what one row is"
    code = re.sub(r"'(?:[^']|'')*'", "''", sql)  # string literals out
    code = re.sub(r"--[^\n]*", "", code)  # comments out
    assert not re.search(r"\b(SELECT|FROM|WHERE|JOIN|GROUP BY|ORDER BY|CREATE|AS)\b", code), "lowercase keywords"
    assert "select *" not in code, "explicit column lists"
    assert "\t" not in sql and not re.search(r"^(?: {4})* {1,3}\S", sql, re.M), "4-space indents"
    assert not re.search(
        r"\b(?:from|join)\s+(?!lateral\b)[a-z_.]+\s+(?!as\b|on\b|where\b|inner\b|left\b|cross\b|group\b|order\b|union\b|offset\b)[a-z_]+\b",
        code,
    ), "`as` on every alias"
    assert not re.search(r"(?<!inner )(?<!left )(?<!cross )\bjoin\b", code), "explicit join types"


def consumer_views(connection: Connection) -> list[str]:
    return list(connection.execute(text("select viewname from pg_views where schemaname = 'reporting' order by 1")).scalars())


def test_every_consumer_view_and_column_has_a_comment(connection: Connection) -> None:
    views = consumer_views(connection)
    assert views == [
        "campaigns", "claims", "contested_claims", "control_daily", "control_periods", "district_progress", "documents",
        "losses", "place_citations", "places", "source_scorecard",
    ]
    missing = connection.execute(text(
        """
        select c.relname || coalesce('.' || a.attname, '')
        from pg_class as c
        inner join pg_namespace as n on n.oid = c.relnamespace
        left join pg_attribute as a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = 'reporting' and c.relkind = 'v'
            and (obj_description(c.oid, 'pg_class') is null
                 or (a.attnum is not null and col_description(c.oid, a.attnum) is null))
        """
    )).scalars().all()
    assert missing == []
    comment = connection.execute(
        text("select obj_description('reporting.control_as_of(date, date, text)'::regprocedure, 'pg_proc')")
    ).scalar_one()
    assert comment and "known_by" in comment and "campaign" in comment
    functions = connection.execute(
        text(
            "select p.oid::regprocedure::text from pg_proc as p where p.pronamespace = 'reporting'::regnamespace "
            "and obj_description(p.oid, 'pg_proc') is null"
        )
    ).scalars().all()
    assert functions == []


def test_columns_have_bi_friendly_types(connection: Connection) -> None:
    view_types = list(connection.execute(text(
        "select table_name || '.' || column_name, data_type from information_schema.columns "
        "where table_schema = 'reporting'"
    )).all())
    function_types = list(connection.execute(text(
        "select p.proname || '.' || name, format_type(type, null) from pg_proc as p "
        "inner join pg_namespace as n on n.oid = p.pronamespace "
        "cross join lateral unnest(p.proallargtypes, p.proargnames, p.proargmodes) as arguments(type, name, mode) "
        "where n.nspname = 'reporting' and mode = 't'"
    )).all())
    assert len(function_types) >= 30
    assert [(column, kind) for column, kind in view_types + function_types if kind not in BI_TYPES] == []


def test_the_orm_classes_match_the_views(connection: Connection) -> None:
    assert reporting_metadata is not core_metadata
    assert all(table.schema == "reporting" for table in reporting_metadata.tables.values())
    mapped = {mapper.class_.__table__.name: mapper.class_ for mapper in ReportingView.registry.mappers}
    assert sorted(mapped) == consumer_views(connection)
    for view, cls in mapped.items():
        columns = connection.execute(text(
            "select column_name from information_schema.columns where table_schema = 'reporting' "
            "and table_name = :view order by ordinal_position"
        ), {"view": view}).scalars().all()
        assert list(cls.__table__.columns.keys()) == columns, view


def test_view_rows_cannot_be_written(session: Session) -> None:
    session.add(ControlPeriod(campaign="all", place_id=1, valid_from=dt.date(2020, 10, 1)))
    with pytest.raises(ReadOnlyViewError):
        session.flush()


def test_downgrade_removes_what_it_created_and_upgrade_runs_again(fresh_database_url: URL) -> None:
    engine = make_engine(fresh_database_url)
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection)
            migrate.downgrade(connection, "0001")
            left = connection.execute(text(
                "select n.nspname || '.' || c.relname from pg_class as c inner join pg_namespace as n "
                "on n.oid = c.relnamespace where n.nspname in ('reporting', 'reporting_int', 'derived') "
                "union all select 'function ' || proname from pg_proc where pronamespace = 'reporting'::regnamespace "
                "union all select 'schema ' || nspname from pg_namespace where nspname in ('reporting_int', 'derived')"
            )).scalars().all()
            assert left == []
            usage = connection.execute(
                text("select has_schema_privilege('campaign_reader', 'reporting', 'USAGE')")
            ).scalar_one()
            assert usage is False  # revoked; the role itself stays (it belongs to the server)
            migrate.upgrade(connection)  # the role exists already: created only if missing
            assert connection.execute(text("select count(*) from reporting.control_as_of(current_date)")).scalar_one() == 0
            assert connection.execute(text("select count(*) from reporting.campaigns")).scalar_one() == 0
    finally:
        engine.dispose()


def test_the_building_blocks_that_read_tables_run_as_their_owner_at_0004_and_at_head(fresh_database_url: URL) -> None:
    """A later revision that replaces one of them, or a downgrade that puts
    0004's text back, keeps it running as its owner: campaign_reader reads
    the views built on them and may not read the tables."""
    definers = load_migration().DEFINER_FUNCTIONS
    engine = make_engine(fresh_database_url)

    def invokers(connection: Connection) -> list[str]:
        return [
            function for function in definers
            if not connection.execute(
                text("select prosecdef from pg_proc where oid = cast(:function as regprocedure)"),
                {"function": function},
            ).scalar_one()
        ]

    try:
        with engine.begin() as connection:
            migrate.upgrade(connection)
            assert invokers(connection) == []
            migrate.downgrade(connection, "0004")
            assert invokers(connection) == []
            migrate.upgrade(connection)
            assert invokers(connection) == []
    finally:
        engine.dispose()
