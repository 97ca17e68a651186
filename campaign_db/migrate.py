"""Alembic, driven from Python: used by ``campaign-db up`` and the tests.

The migration scripts live in the repository's top-level ``migrations/``
folder, installed as the package ``campaign_db.migrations`` so that an
installed campaign-db can migrate without the repository.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection


def script_location() -> Path:
    from . import migrations

    return Path(migrations.__file__).parent


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config; with ``connection``, migrations run on it."""
    config = Config()
    config.set_main_option("script_location", str(script_location()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(connection: Connection, revision: str = "head") -> None:
    command.upgrade(alembic_config(connection), revision)


def downgrade(connection: Connection, revision: str) -> None:
    command.downgrade(alembic_config(connection), revision)


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
