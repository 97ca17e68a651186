"""``campaign-db psql``: psql on the current database, reporting first."""

from __future__ import annotations

import argparse
import os
import shutil
from typing import Any

from sqlalchemy.engine import URL

from .. import config, database, embedded

DESCRIPTION = """\
Open psql on the current database (DATABASE_URL or the embedded server) with
search_path set to `reporting`, so the reporting views answer to their
short names: `select * from control_as_of('2020-10-22')`. Uses the psql that
ships with the embedded server when there is no psql on PATH. Arguments after
`--` go to psql, e.g. `campaign-db psql -- -c 'table contested_claims'`.

The password (the embedded server's, or the one in DATABASE_URL) reaches psql
through its environment (PGPASSWORD), never its command line, so it does not
show in the process list.
"""


def add_parsers(subparsers: Any) -> None:
    shell = subparsers.add_parser(
        "psql", help="open psql on the database, reporting views first", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    shell.add_argument("psql_arguments", nargs=argparse.REMAINDER, help="arguments passed to psql after --")
    shell.set_defaults(handler=run_psql)


def psql_executable() -> str:
    bundled = embedded.bin_dir() / "psql"
    if bundled.exists():
        return str(bundled)
    found = shutil.which("psql")
    if found is None:
        from . import CommandError

        raise CommandError("no psql found (neither the embedded server's nor one on PATH)")
    return found


def reporting_objects(url: str | URL) -> list[str]:
    with database.connect(url) as connection:
        rows = connection.execute(
            """
            select c.relname from pg_class as c
            inner join pg_namespace as n on n.oid = c.relnamespace
            where n.nspname = 'reporting' and c.relkind in ('v', 'm')
            union all
            select p.proname || '()' from pg_proc as p
            inner join pg_namespace as n on n.oid = p.pronamespace
            where n.nspname = 'reporting'
            order by 1
            """
        ).fetchall()
    return [row[0] for row in rows]


def psql_command(url: URL, extra: list[str]) -> tuple[list[str], dict[str, str]]:
    """psql's argument list (the URL without its password) and environment
    (the password in PGPASSWORD)."""
    executable = psql_executable()
    environment = dict(
        os.environ,
        PGOPTIONS="-c search_path=reporting",
        PGAPPNAME="campaign-db psql",
        PGCONNECT_TIMEOUT=str(database.CONNECT_TIMEOUT_SECONDS),
    )
    password = url.password or url.query.get("password")
    if password:
        environment["PGPASSWORD"] = str(password if isinstance(password, str) else password[-1])
    without_password = config.to_libpq(
        url._replace(password=None).difference_update_query(["password"]), hide_password=False
    )
    return [executable, without_password, *extra], environment


def run_psql(arguments: argparse.Namespace) -> int:
    target = config.resolve()
    objects = reporting_objects(target.url)
    print(f"reporting: {', '.join(objects) if objects else '(no views yet: run campaign-db up)'}", flush=True)
    extra = [a for a in arguments.psql_arguments if a != "--"]
    command, environment = psql_command(target.url, extra)
    os.execve(command[0], command, environment)  # noqa: S606 - psql replaces us, with our arguments
    return 0  # not reached
