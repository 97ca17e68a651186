"""The ``campaign-db`` command line.

Every command reads ``DATABASE_URL`` when it is set, else uses the embedded
PostgreSQL server in ``CAMPAIGN_DB_HOME``. Each command lives in the module
named after it; ``COMMAND_MODULES`` lists them in the order ``--help`` shows.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from ..config import ConfigError
from ..embedded import EmbeddedServerError
from . import benchmark, export, readers, report, reports, seed, server, shell

COMMAND_MODULES: list[ModuleType] = [server, seed, reports, report, export, shell, readers, benchmark]

DESCRIPTION = """\
campaign-db: a PostgreSQL database of the claims made during an armed conflict
(who said which place was captured when, who denied it, who corroborated it,
what losses each side reported) and the views that turn them into control of
every place as of any date.

Where the database is: DATABASE_URL when set (postgresql://user@host/db),
otherwise an embedded PostgreSQL server kept in CAMPAIGN_DB_HOME (default: your
per-user data directory), started on demand and left running.
"""

EPILOG = """\
start here:
  campaign-db up            create/upgrade the database and load the seeds
  campaign-db url           print the connection URL (for psql or a BI tool)

Run `campaign-db COMMAND --help` for the details of a command.
"""


class CommandError(Exception):
    """An error to show the user as one message, with exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="campaign-db",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMAND_MODULES:
        module.add_parsers(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        return int(arguments.handler(arguments) or 0)
    except (CommandError, ConfigError, EmbeddedServerError) as error:
        print(f"campaign-db {arguments.command}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # output piped into `head` and the like: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
