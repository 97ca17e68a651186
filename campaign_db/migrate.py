"""Alembic, driven from Python: used by ``campaign-db up`` and the tests.

The migration scripts live in the repository's top-level ``migrations/``
folder, installed as the package ``campaign_db.migrations`` so that an
installed campaign-db can migrate without the repository.

Every migration run (``campaign-db up``, ``alembic``, the tests) takes
``MIGRATION_LOCK_KEY`` first, so that concurrent runs migrate one after the
other (the later ones find the schema at head), and then a ``lock_timeout``
(``CAMPAIGN_DB_LOCK_TIMEOUT``, default 10s): a migration that waits behind a
long transaction (an open BI session, say) gives up with
``MigrationLockTimeout`` instead of queueing every new query behind its own
lock request.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, text

from .config import ConfigError

#: Key of the advisory lock every migration run holds for its transaction
#: ("cdb_migr" in ASCII; the seed loader's is "cdb_seed").
MIGRATION_LOCK_KEY = int.from_bytes(b"cdb_migr", "big")
LOCK_TIMEOUT_VARIABLE = "CAMPAIGN_DB_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = "10s"
_DURATION = re.compile(r"^\s*\d+\s*(us|ms|s|min|h|d)?\s*$")


class MigrationLockTimeout(CommandError):
    """A migration waited longer than the lock timeout for a lock that
    another transaction holds."""


def lock_timeout() -> str:
    """The lock timeout of migrations: ``CAMPAIGN_DB_LOCK_TIMEOUT`` or 10s."""
    value = os.environ.get(LOCK_TIMEOUT_VARIABLE, "").strip() or DEFAULT_LOCK_TIMEOUT
    if not _DURATION.match(value):
        raise ConfigError(f"{LOCK_TIMEOUT_VARIABLE} must be a duration such as 10s, 500ms or 1min, not {value!r}")
    return value


def lock_for_migrations(connection: Connection) -> None:
    """Take the migration lock for the rest of ``connection``'s transaction
    (it begins one when none is open), then set the lock timeout for the
    statements that follow in it."""
    timeout = lock_timeout()
    connection.execute(text("select pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    connection.execute(text("select set_config('lock_timeout', :timeout, true)"), {"timeout": timeout})


def lock_timeout_message(timeout: str | None = None) -> str:
    return (
        f"the migration waited {timeout or lock_timeout()} (the lock timeout) for a lock on a table or view: "
        "a long transaction holds it (an open BI or psql session?). Nothing was changed. End that transaction "
        "(see pg_stat_activity) and run again, or raise CAMPAIGN_DB_LOCK_TIMEOUT"
    )


def script_location() -> Path:
    # the package campaign_db.migrations is the repository's migrations/ (see pyproject.toml)
    migrations = importlib.import_module(f"{__package__}.migrations")
    return Path(str(migrations.__file__)).parent


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config; with ``connection``, migrations run on it."""
    config = Config()
    config.set_main_option("script_location", str(script_location()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(connection: Connection, revision: str = "head") -> None:
    command.upgrade(alembic_config(connection), revision)


def downgrade(connection: Connection, revision: str, drop_data: bool = False) -> None:
    """Downgrade to ``revision``. A downgrade that would drop loaded data
    refuses (``DataLossRefused``) unless ``drop_data`` is True, the same as
    ``alembic -x drop_data=yes downgrade``."""
    config = alembic_config(connection)
    if drop_data:
        config.cmd_opts = argparse.Namespace(x=["drop_data=yes"])
    command.downgrade(config, revision)


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
