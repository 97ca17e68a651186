"""Which PostgreSQL server the tests run on, and throwaway databases on it.

Order: an admin URL from ``CAMPAIGN_DB_TEST_URL`` → a testcontainers
PostgreSQL when a Docker engine answers → an embedded server started for this
test run in a temporary home. Every test database is created here with a
unique name and dropped afterwards; nothing relies on leftovers.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import psycopg
from sqlalchemy.engine import URL

from campaign_db import embedded
from campaign_db.config import normalise, to_libpq

TEST_URL_VARIABLE = "CAMPAIGN_DB_TEST_URL"


@dataclass(frozen=True)
class TestServer:
    admin_url: URL  # a superuser connection to a maintenance database
    description: str


def _docker_answers() -> bool:
    try:
        import docker

        client = docker.from_env(timeout=3)
        client.ping()
        return True
    except Exception:
        return False


@cache
def test_server() -> TestServer:
    configured = os.environ.get(TEST_URL_VARIABLE)
    if configured:
        url = normalise(configured)
        return TestServer(url, f"{TEST_URL_VARIABLE} ({to_libpq(url)})")
    if _docker_answers():
        from testcontainers.postgres import PostgresContainer

        container = PostgresContainer("postgres:18", driver="psycopg")
        container.start()
        atexit.register(container.stop)
        return TestServer(normalise(container.get_connection_url()), "testcontainers postgres:18")
    home = Path(tempfile.mkdtemp(prefix="campaign-db-tests-"))
    # the embedded server asks for a password: its URL carries the one kept in the home
    server = embedded.ensure_running(home)

    def stop_and_remove() -> None:
        embedded.stop(home)
        shutil.rmtree(home, ignore_errors=True)

    atexit.register(stop_and_remove)
    return TestServer(normalise(server.url("postgres")), f"embedded server (no Docker engine answered) in {home}")


def _admin_connection() -> psycopg.Connection:
    return psycopg.connect(to_libpq(test_server().admin_url, hide_password=False), autocommit=True)


def create_database(prefix: str = "cdb_test") -> URL:
    """Create an empty database and return its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with _admin_connection() as connection:
        connection.execute(f'create database "{name}"')
    return test_server().admin_url.set(database=name)


def drop_database(url: URL) -> None:
    with _admin_connection() as connection:
        connection.execute(f'drop database if exists "{url.database}" with (force)')
