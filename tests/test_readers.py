"""``campaign-db reader create``: a login in campaign_reader, read-only, with
search_path = reporting, a statement timeout, a connection limit and UTC; the
password is stored hashed and never printed."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import Engine

from campaign_db.config import to_libpq


@pytest.fixture
def role_name(seeded_engine: Engine) -> Iterator[str]:
    name = f"reader_{uuid.uuid4().hex[:8]}"
    yield name
    with psycopg.connect(to_libpq(seeded_engine.url, hide_password=False), autocommit=True) as connection:
        connection.execute(f'drop role if exists "{name}"')


def create(url: str, name: str, password: str, *options: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, DATABASE_URL=url, CAMPAIGN_DB_READER_PASSWORD=password)
    return subprocess.run(
        [sys.executable, "-m", "campaign_db", "reader", "create", name, *options],
        env=environment, check=False, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )


def test_reader_login_reads_reporting_only(seeded_engine: Engine, role_name: str) -> None:
    url = to_libpq(seeded_engine.url, hide_password=False)
    password = "pw-" + uuid.uuid4().hex
    result = create(url, role_name, password)
    assert result.returncode == 0, result.stderr
    assert password not in result.stdout + result.stderr
    assert f"created login {role_name}" in result.stdout

    with psycopg.connect(url, autocommit=True) as admin:
        stored = admin.execute("select rolpassword from pg_authid where rolname = %s", (role_name,)).fetchone()[0]
        assert stored.startswith("SCRAM-SHA-256$") and password not in stored
        member = admin.execute(
            "select pg_has_role(%s, 'campaign_reader', 'member')", (role_name,)
        ).fetchone()[0]
        assert member is True
        limit = admin.execute("select rolconnlimit from pg_roles where rolname = %s", (role_name,)).fetchone()[0]
        assert limit == 10

    reader_url = seeded_engine.url.set(username=role_name, password=password)
    with psycopg.connect(to_libpq(reader_url, hide_password=False)) as reader:
        assert reader.execute("show search_path").fetchone()[0] == "reporting"
        assert reader.execute("show default_transaction_read_only").fetchone()[0] == "on"
        assert reader.execute("show statement_timeout").fetchone()[0] == "1min"
        assert reader.execute("show jit").fetchone()[0] == "off"
        assert reader.execute("show timezone").fetchone()[0] == "UTC"
        assert reader.execute("select count(*) from contested_claims").fetchone()[0] > 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            reader.execute("select count(*) from core.claims")
        reader.rollback()
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            reader.execute("create table reporting.x (i int)")


def test_running_it_again_updates_the_password_and_the_limit(seeded_engine: Engine, role_name: str) -> None:
    url = to_libpq(seeded_engine.url, hide_password=False)
    assert create(url, role_name, "first-password").returncode == 0
    again = create(url, role_name, "second-password", "--connection-limit", "2")
    assert again.returncode == 0 and f"updated login {role_name}" in again.stdout
    assert "at most 2 connections" in again.stdout
    reader_url = to_libpq(seeded_engine.url.set(username=role_name, password="second-password"), hide_password=False)
    with (
        psycopg.connect(reader_url),
        psycopg.connect(reader_url),
        pytest.raises(psycopg.OperationalError, match="too many connections"),
    ):
        psycopg.connect(reader_url)
    if server_checks_passwords(seeded_engine):
        with pytest.raises(psycopg.OperationalError, match="password"):
            psycopg.connect(to_libpq(seeded_engine.url.set(username=role_name, password="first-password"),
                                     hide_password=False))


def server_checks_passwords(engine: Engine) -> bool:
    """False for a test server that trusts every connection (a CI
    PostgreSQL with trust in pg_hba.conf); the embedded server never does."""
    with psycopg.connect(to_libpq(engine.url, hide_password=False)) as admin:
        rules = admin.execute(
            "select auth_method from pg_hba_file_rules where type in ('host', 'hostssl', 'hostnossl')"
        ).fetchall()
    return bool(rules) and all(rule[0] != "trust" for rule in rules)


def test_bad_names_and_missing_password_are_refused(seeded_engine: Engine) -> None:
    url = to_libpq(seeded_engine.url, hide_password=False)
    bad = create(url, "Robert'); drop table", "x")
    assert bad.returncode == 2 and "not a plain role name" in bad.stderr
    bad_timeout = create(url, "someone", "x", "--statement-timeout", "1s'; drop role x; --")
    assert bad_timeout.returncode == 2 and "not a duration" in bad_timeout.stderr
    environment = dict(os.environ, DATABASE_URL=url)
    environment.pop("CAMPAIGN_DB_READER_PASSWORD", None)
    missing = subprocess.run(
        [sys.executable, "-m", "campaign_db", "reader", "create", "someone"],
        env=environment, check=False, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert missing.returncode == 2 and "CAMPAIGN_DB_READER_PASSWORD" in missing.stderr
