"""Shared fixtures.

Ordinary tests run inside a transaction that is rolled back at the end
(SQLAlchemy's "joining a session into an external transaction" recipe with
``join_transaction_mode="create_savepoint"``), on a database migrated once
per run. Migration, load and concurrency tests ask for ``fresh_database_url``
and get a database of their own.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).parent))

from servers import create_database, drop_database, test_server

from campaign_db import migrate
from campaign_db.database import make_engine

REPOSITORY = Path(__file__).resolve().parent.parent


def pytest_report_header(config: pytest.Config) -> str:
    return f"campaign-db test server: {test_server().description}"


@pytest.fixture(scope="session")
def server_description() -> str:
    return test_server().description


@pytest.fixture
def fresh_database_url() -> Iterator[URL]:
    """An empty database of the test's own, dropped afterwards."""
    url = create_database()
    try:
        yield url
    finally:
        drop_database(url)


@pytest.fixture(scope="session")
def migrated_engine() -> Iterator[Engine]:
    """An engine on a database migrated to head (no seeds), shared by the run."""
    url = create_database("cdb_migrated")
    engine = make_engine(url)
    with engine.begin() as connection:
        migrate.upgrade(connection)
    try:
        yield engine
    finally:
        engine.dispose()
        drop_database(url)


@pytest.fixture(scope="session")
def seeded_engine() -> Iterator[Engine]:
    """An engine on a database migrated to head and loaded with every
    shipped campaign, shared by the run."""
    from campaign_db.seeding import default_seed_folders, load_campaign

    url = create_database("cdb_seeded")
    engine = make_engine(url)
    with engine.begin() as connection:
        migrate.upgrade(connection)
        for folder in default_seed_folders():
            load_campaign(connection, folder)
    try:
        yield engine
    finally:
        engine.dispose()
        drop_database(url)


def _rolled_back_connection(engine: Engine) -> Iterator[Connection]:
    connection = engine.connect()
    transaction = connection.begin()
    try:
        yield connection
    finally:
        transaction.rollback()
        connection.close()


@pytest.fixture
def connection(migrated_engine: Engine) -> Iterator[Connection]:
    """A connection to the migrated database inside a transaction that is
    rolled back after the test."""
    yield from _rolled_back_connection(migrated_engine)


@pytest.fixture
def session(connection: Connection) -> Iterator[Session]:
    """An ORM session joined to ``connection``'s outer transaction: commits
    inside the test become savepoints, everything is rolled back."""
    with Session(bind=connection, join_transaction_mode="create_savepoint") as session:
        yield session


@pytest.fixture
def seeded_connection(seeded_engine: Engine) -> Iterator[Connection]:
    yield from _rolled_back_connection(seeded_engine)


@pytest.fixture
def seeded_session(seeded_connection: Connection) -> Iterator[Session]:
    with Session(bind=seeded_connection, join_transaction_mode="create_savepoint") as session:
        yield session
