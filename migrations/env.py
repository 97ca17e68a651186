"""Alembic environment.

The connection comes from, in order: a connection handed over by
``campaign_db.migrate`` (``config.attributes["connection"]``), then
``DATABASE_URL``, then the embedded server. Only the ``core`` schema is
compared by autogenerate: the ``reporting`` views are replaceable objects
written by hand in their migrations.

Every run first takes the migration advisory lock and sets a
``lock_timeout`` (``CAMPAIGN_DB_LOCK_TIMEOUT``, default 10s) for its
transaction, so concurrent runs queue instead of colliding, and a run stuck
behind a long transaction gives up with a clear message
(``MigrationLockTimeout``) instead of blocking every new query behind it. A
downgrade that would drop loaded data refuses unless run with
``alembic -x drop_data=yes downgrade ...`` (``migration_guards``).
"""

from __future__ import annotations

import logging

import psycopg
from alembic import context
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from campaign_db.config import resolve
from campaign_db.database import make_engine
from campaign_db.migrate import MigrationLockTimeout, lock_for_migrations, lock_timeout, lock_timeout_message
from campaign_db.migration_guards import guard_downgrades
from campaign_db.models import CORE_SCHEMA, metadata

config = context.config

if "connection" not in config.attributes:
    # the `alembic` command line: say what runs
    logging.basicConfig(format="%(message)s")
    logging.getLogger("alembic").setLevel(logging.INFO)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    if type_ == "schema":
        return name == CORE_SCHEMA
    return True


def run_on(connection: Connection) -> None:
    # begins the transaction every migration of this run shares (Alembic
    # sees it as external and opens none of its own)
    lock_for_migrations(connection)
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_schemas=True,
        include_name=include_name,
        compare_type=True,
        transaction_per_migration=True,
    )
    guard_downgrades(context.get_context())
    try:
        with context.begin_transaction():
            context.run_migrations()
    except (DBAPIError, psycopg.errors.LockNotAvailable) as error:
        cause = error.orig if isinstance(error, DBAPIError) else error
        if isinstance(cause, psycopg.errors.LockNotAvailable):
            raise MigrationLockTimeout(lock_timeout_message(lock_timeout())) from error
        raise


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    engine = make_engine(resolve().url, application_name="campaign-db migrations")
    try:
        with engine.connect() as new_connection:
            run_on(new_connection)
            new_connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("campaign-db migrations run online only (they need the server to check what exists)")
run_migrations_online()
