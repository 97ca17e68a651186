"""``campaign-db psql``: psql on the current database, reporting first."""

from __future__ import annotations

import argparse
import os
import shutil
from typing import Any

import psycopg

from .. import config, embedded

DESCRIPTION = """\
Open psql on the current database (DATABASE_URL or the embedded server) with
search_path set to `reporting`, so the reporting views answer to their
short names: `select * from control_as_of('2020-10-22')`. Uses the psql that
ships with the embedded server when there is no psql on PATH. Arguments after
`--` go to psql, e.g. `campaign-db psql -- -c 'table contested_claims'`.
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


def reporting_objects(url: str) -> list[str]:
    with psycopg.connect(url) as connection:
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


def run_psql(arguments: argparse.Namespace) -> int:
    target = config.resolve()
    url = config.to_libpq(target.url, hide_password=False)
    objects = reporting_objects(url)
    print(f"reporting: {', '.join(objects) if objects else '(no views yet: run campaign-db up)'}")
    extra = [a for a in arguments.psql_arguments if a != "--"]
    environment = dict(os.environ, PGOPTIONS="-c search_path=reporting")
    executable = psql_executable()
    os.execve(executable, [executable, url, *extra], environment)
    return 0  # not reached
