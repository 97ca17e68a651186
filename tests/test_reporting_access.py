"""The role campaign_reader: reads every reporting view and function, and
nothing else; writes nothing anywhere. Checked by logging in as a member."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import Engine

from campaign_db.config import to_libpq

READER_ROLE = "campaign_reader"


def admin(engine: Engine) -> psycopg.Connection:
    return psycopg.connect(to_libpq(engine.url, hide_password=False), autocommit=True)


@pytest.fixture
def reader(migrated_engine: Engine) -> Iterator[psycopg.Connection]:
    """A connection as a throwaway login role that is a member of campaign_reader."""
    name = f"reader_test_{uuid.uuid4().hex[:8]}"
    password = uuid.uuid4().hex
    with admin(migrated_engine) as connection:
        connection.execute(f"create role {name} login password '{password}' in role {READER_ROLE}")
    try:
        url = migrated_engine.url.set(username=name, password=password)
        with psycopg.connect(to_libpq(url, hide_password=False), autocommit=True) as connection:
            yield connection
    finally:
        with admin(migrated_engine) as connection:
            connection.execute(f"drop role {name}")


def consumer_objects(engine: Engine) -> tuple[list[str], list[str]]:
    with admin(engine) as connection:
        views = [row[0] for row in connection.execute(
            "select format('%I.%I', schemaname, viewname) from pg_views where schemaname = 'reporting' order by 1"
        )]
        functions = [row[0] for row in connection.execute(
            "select p.oid::regprocedure::text from pg_proc as p inner join pg_namespace as n on n.oid = p.pronamespace "
            "where n.nspname = 'reporting' order by 1"
        )]
    return views, functions


def test_the_role_is_nologin(migrated_engine: Engine) -> None:
    with admin(migrated_engine) as connection:
        row = connection.execute("select rolcanlogin from pg_roles where rolname = %s", (READER_ROLE,)).fetchone()
    assert row == (False,)


def test_a_member_reads_every_view_and_function(migrated_engine: Engine, reader: psycopg.Connection) -> None:
    views, functions = consumer_objects(migrated_engine)
    assert len(views) == 11
    assert functions == [
        "reporting.control_as_of(date,date,text)", "reporting.find_places(text)", "reporting.fold_name(text)"]
    for view in views:
        reader.execute(f"select * from {view} limit 1").fetchall()
    reader.execute("select * from reporting.control_as_of('2020-10-22')").fetchall()
    reader.execute("select * from reporting.control_as_of('2020-10-22', '2020-10-08', 'all')").fetchall()
    assert reader.execute("select reporting.fold_name('FÜZULİ')").fetchone() == ("fuzuli",)
    reader.execute("select * from reporting.find_places('Füzuli')").fetchall()


@pytest.mark.parametrize("table", ["claims", "places", "place_names", "denials", "losses", "parties"])
def test_a_member_cannot_read_the_base_tables(reader: psycopg.Connection, table: str) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        reader.execute(f"select * from core.{table} limit 1")


@pytest.mark.parametrize(
    "statement",
    [
        "select * from reporting_int.control_candidates limit 1",
        "select * from derived.control_candidates limit 1",
        "select * from reporting_int.control_answers(null, null, null) limit 1",
        "select reporting_int.refresh_derived(null, null)",
        "select core.fold_name('x')",
    ],
)
def test_a_member_cannot_reach_the_building_blocks(reader: psycopg.Connection, statement: str) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        reader.execute(statement)


@pytest.mark.parametrize(
    "statement",
    [
        "insert into core.parties (code, name) values ('X', 'X')",
        "create table reporting.mine (i integer)",
        "create view reporting.mine as select 1 as i",
        "create table public.mine (i integer)",
        "create function reporting.mine() returns integer language sql as 'select 1'",
        "create schema mine",
        "comment on view reporting.claims is 'changed'",
    ],
)
def test_a_member_writes_nothing(reader: psycopg.Connection, statement: str) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        reader.execute(statement)


@pytest.mark.parametrize("statement", ["delete from reporting.losses", "update reporting.claims set summary = 'x'"])
def test_the_views_cannot_be_written_through(reader: psycopg.Connection, statement: str) -> None:
    # the views are not updatable at all, whoever asks; the reader would not
    # have the privilege anyway
    with pytest.raises((psycopg.errors.ObjectNotInPrerequisiteState, psycopg.errors.InsufficientPrivilege)):
        reader.execute(statement)


def test_nothing_else_is_granted(migrated_engine: Engine) -> None:
    """Every privilege campaign_reader holds in the database, listed."""
    with admin(migrated_engine) as connection:
        tables = connection.execute(
            "select table_schema, table_name, privilege_type from information_schema.role_table_grants "
            "where grantee = %s order by 1, 2, 3", (READER_ROLE,)
        ).fetchall()
        schemas = connection.execute(
            "select nspname from pg_namespace where has_schema_privilege(%s, oid, 'USAGE') "
            "and nspname not like 'pg\\_%%' and nspname <> 'information_schema' order by 1", (READER_ROLE,)
        ).fetchall()
        executable = connection.execute(
            "select p.oid::regprocedure::text from pg_proc as p inner join pg_namespace as n on n.oid = p.pronamespace "
            "where n.nspname in ('core', 'reporting', 'reporting_int', 'derived') "
            "and has_function_privilege(%s, p.oid, 'EXECUTE') order by 1", (READER_ROLE,)
        ).fetchall()
    assert {(schema, privilege) for schema, _, privilege in tables} == {("reporting", "SELECT")}
    assert [row[0] for row in schemas] == ["public", "reporting"]  # public: PostgreSQL's default for everyone
    # core.fold_name keeps PostgreSQL's default EXECUTE for everyone, and the
    # views' building-block functions are executable because PostgreSQL checks
    # a view's functions as the querying role; without USAGE on their schemas
    # the reader cannot call any of them by name (tested above)
    assert [row[0] for row in executable] == [
        "core.fold_name(text)",
        "reporting.control_as_of(date,date,text)",
        "reporting.find_places(text)",
        "reporting.fold_name(text)",
        "reporting_int.as_known(derived.control_candidates,date)",
        "reporting_int.control_answers(date,date,text,integer[])",
        "reporting_int.control_walk(reporting_int.walk_candidate[])",
        "reporting_int.control_walks(date,date,text,integer[])",
        "reporting_int.evidence_rank(boolean,boolean)",
        "reporting_int.is_better_basis(reporting_int.walk_candidate,reporting_int.walk_candidate)",
        "reporting_int.is_known(derived.control_candidates,date,date)",
        "reporting_int.self_contradictions_of(text,integer[])",
    ]
