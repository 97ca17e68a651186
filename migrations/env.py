"""Alembic environment.

The connection comes from, in order: a connection handed over by
``campaign_db.migrate`` (``config.attributes["connection"]``), then
``DATABASE_URL``, then the embedded server. Only the ``core`` schema is
compared by autogenerate: the ``reporting`` views are replaceable objects
written by hand in their migrations.
"""

from __future__ import annotations

import logging

from alembic import context
from sqlalchemy import Connection

from campaign_db.config import resolve
from campaign_db.database import make_engine
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
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_schemas=True,
        include_name=include_name,
        compare_type=True,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    engine = make_engine(resolve().url)
    try:
        with engine.connect() as new_connection:
            run_on(new_connection)
            new_connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("campaign-db migrations run online only (they need the server to check what exists)")
run_migrations_online()
