"""Commands about the database itself: ``up``, ``url``, ``stop``."""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

from sqlalchemy import text

from .. import config, embedded, migrate
from ..database import make_engine

UP_HELP = """\
Make the database ready: start the embedded server if DATABASE_URL is not set,
migrate the schema to the latest revision, load the seed files (idempotent:
a second run changes nothing), and print where the database is and what it
holds.

Safe to run several times at once: migrations hold an advisory lock (the
later runs find the schema up to date) and so does the seed loader. A
migration waits at most CAMPAIGN_DB_LOCK_TIMEOUT (default 10s) for a lock
held by another transaction (an open BI session, say), then gives up without
changing anything (exit code 7).
"""


def add_parsers(subparsers: Any) -> None:
    up = subparsers.add_parser(
        "up", help="start (if embedded), migrate to head and load the seeds", description=UP_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    up.add_argument("--no-seed", action="store_true", help="migrate only; do not load the seed files")
    up.set_defaults(handler=run_up)

    url = subparsers.add_parser(
        "url",
        help="print the database URL",
        description="Print the libpq URL of the database (starting the embedded server if needed), "
        "e.g. for a BI tool's connection form. The password is shown as *** unless --show-password "
        "is given (the embedded server's is kept in CAMPAIGN_DB_HOME/superuser-password, readable by "
        "you only); `campaign-db psql` connects without it being typed.",
    )
    url.add_argument("--sqlalchemy", action="store_true", help="print the SQLAlchemy form (postgresql+psycopg://)")
    url.add_argument("--show-password", action="store_true",
                     help="print the password instead of *** (it then shows in your terminal and its history)")
    url.set_defaults(handler=run_url)

    stop = subparsers.add_parser(
        "stop",
        help="stop the embedded server",
        description="Stop the embedded PostgreSQL server in CAMPAIGN_DB_HOME. Its data stays; "
        "the next command starts it again. Does nothing when DATABASE_URL is set.",
    )
    stop.set_defaults(handler=run_stop)


def run_up(arguments: argparse.Namespace) -> int:
    started = time.monotonic()
    target = config.resolve()
    engine = make_engine(target.url)
    try:
        with engine.begin() as connection:
            # concurrent `up`s migrate one after the other: the first migrates, the rest find it done
            migrate.lock_for_migrations(connection)
            before = migrate.current_revision(connection)
            migrate.upgrade(connection)
            after = migrate.current_revision(connection)
            server_version = connection.execute(text("show server_version")).scalar_one()
        print(f"database: {target.libpq_url}  ({target.origin}, PostgreSQL {server_version})")
        if before == after:
            print(f"schema:   at revision {after} (already up to date)")
        else:
            print(f"schema:   migrated {before or 'empty'} -> {after}")
        if not arguments.no_seed:
            _seed(engine)
    finally:
        engine.dispose()
    print(f"ready in {time.monotonic() - started:.1f}s")
    return 0


def _seed(engine: Any) -> None:
    """Load every campaign shipped in the seeds package (see ``seed``)."""
    from . import seed

    seed.load_default_seeds(engine)


def run_url(arguments: argparse.Namespace) -> int:
    target = config.resolve()
    hide = not arguments.show_password
    if arguments.sqlalchemy:
        print(target.url.render_as_string(hide_password=hide))
    else:
        print(config.to_libpq(target.url, hide_password=hide))
    return 0


def run_stop(arguments: argparse.Namespace) -> int:
    if os.environ.get("DATABASE_URL"):
        print("DATABASE_URL is set: there is no embedded server to stop", file=sys.stderr)
        return 0
    home = embedded.home_dir()
    if embedded.stop(home):
        print(f"stopped the embedded server in {home}")
    else:
        print(f"no embedded server was running in {home}")
    return 0
