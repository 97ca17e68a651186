"""The ``campaign-db`` command line.

Every command reads ``DATABASE_URL`` when it is set, else uses the embedded
PostgreSQL server in ``CAMPAIGN_DB_HOME``. Each command lives in the module
named after it; ``COMMAND_MODULES`` lists them in the order ``--help`` shows.

Errors are turned into messages here and nowhere else: ``main`` prints one
line, ``campaign-db COMMAND: what went wrong``, and exits with one of the
documented ``EXIT_*`` codes; ``--debug`` adds the traceback. Command modules
raise ``CommandError`` (or a subclass naming its exit code) for what they
detect themselves, and let database errors through.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import NoReturn

import psycopg
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from .. import database
from ..config import ConfigError
from ..embedded import EmbeddedServerError
from ..migrate import MigrationLockTimeout
from . import benchmark, export, importing, readers, report, reports, seed, server, shell

COMMAND_MODULES: list[ModuleType] = [server, seed, importing, reports, report, export, shell, readers, benchmark]

#: Exit codes, as documented in ``campaign-db --help`` and README.md.
EXIT_OK = 0
EXIT_BUG = 1
EXIT_USAGE = 2
EXIT_UNREACHABLE = 3
EXIT_NOT_SET_UP = 4
EXIT_PERMISSION = 5
EXIT_CONNECTION_LOST = 6
EXIT_TIMEOUT = 7
EXIT_INTERRUPTED = 130

DEBUG_VARIABLE = "CAMPAIGN_DB_DEBUG"

DESCRIPTION = """\
campaign-db: a PostgreSQL database of the claims made during an armed conflict
(who said which place was captured when, who denied it, who corroborated it,
what losses each side reported) and the views that turn them into control of
every place as of any date.

Where the database is: DATABASE_URL when set (postgresql://user@host/db),
otherwise an embedded PostgreSQL server kept in CAMPAIGN_DB_HOME (default: your
per-user data directory), started on demand and left running.
"""

EPILOG = f"""\
start here:
  campaign-db up            create/upgrade the database and load the seeds
  campaign-db url           print the connection URL (for psql or a BI tool)

exit codes:
  {EXIT_OK}    done
  {EXIT_BUG}    unexpected error (a bug: run again with --debug and report the traceback)
  {EXIT_USAGE}    bad arguments, input or configuration (a date, a name, a seed file, DATABASE_URL, a file path)
  {EXIT_UNREACHABLE}    cannot reach the database: no answer within the connect timeout
       ({database.CONNECT_TIMEOUT_SECONDS} s), connection refused, no such database, too many
       connections, or the embedded server cannot start
  {EXIT_NOT_SET_UP}    nothing loaded yet: the database has no campaign-db schema (run `campaign-db up` first)
  {EXIT_PERMISSION}    permission denied: the login was refused (wrong password), or it may not do this
       (a reader login running a command that needs the database owner)
  {EXIT_CONNECTION_LOST}    the connection was lost mid-command (the server stopped or crashed): nothing
       uncommitted was kept; run the command again
  {EXIT_TIMEOUT}    timed out: a migration waited too long for a lock a long transaction holds
       (CAMPAIGN_DB_LOCK_TIMEOUT), or a query ran past its statement timeout
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C)

--debug (or {DEBUG_VARIABLE}=1) prints the traceback of an error as well.
Run `campaign-db COMMAND --help` for the details of a command.
"""


class CommandError(Exception):
    """An error to show the user as one message; ``exit_code`` says which
    (bad arguments or input by default)."""

    exit_code = EXIT_USAGE


class NotSetUp(CommandError):
    """The database has no campaign-db schema (or not all of it) yet."""

    exit_code = EXIT_NOT_SET_UP


class PermissionDenied(CommandError):
    """The login may not do what the command needs."""

    exit_code = EXIT_PERMISSION


@dataclass(frozen=True)
class Failure:
    """What to tell the user about an exception, and the exit code."""

    message: str
    exit_code: int


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (with where to find the
    usage) and exit with ``EXIT_USAGE``."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: {message} (see `{self.prog} --help`)", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="campaign-db",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--debug", action="store_true",
        help="on an error, print the traceback too (also accepted after the command)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMAND_MODULES:
        module.add_parsers(subparsers)
    return parser


def _split_debug(argv: Sequence[str]) -> tuple[list[str], bool]:
    """Take ``--debug`` from anywhere before a ``--`` (what follows ``--``
    belongs to psql)."""
    arguments = list(argv)
    end = arguments.index("--") if "--" in arguments else len(arguments)
    debug = "--debug" in arguments[:end]
    kept = [a for a in arguments[:end] if a != "--debug"] + arguments[end:]
    return kept, debug


def main(argv: Sequence[str] | None = None) -> int:
    arguments_given, debug = _split_debug(sys.argv[1:] if argv is None else argv)
    debug = debug or os.environ.get(DEBUG_VARIABLE, "").lower() in {"1", "yes", "true"}
    parser = build_parser()
    arguments = parser.parse_args(arguments_given)
    command = " ".join(filter(None, (arguments.command, getattr(arguments, "action", None))))
    database.set_application_name(f"campaign-db {command}")
    try:
        return int(arguments.handler(arguments) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # output piped into `head` and the like: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except SystemExit:
        raise
    except Exception as error:  # noqa: BLE001 - one place for every failure: a message, never a bare traceback
        failure = describe(error, target_user())
        if debug:
            traceback.print_exc()
        print(f"campaign-db {command}: {failure.message}", file=sys.stderr)
        if failure.exit_code == EXIT_BUG and not debug:
            print("(this looks like a bug: run again with --debug and report the traceback)", file=sys.stderr)
        return failure.exit_code


def target_user() -> str | None:
    """The login the command used, for messages (None when unknown)."""
    from ..config import normalise

    configured = os.environ.get("DATABASE_URL")
    if not configured:
        return None
    try:
        return normalise(configured).username
    except ConfigError:
        return None


def _one_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return lines[0] if lines else ""


def describe(error: BaseException, user: str | None = None) -> Failure:
    """The message and exit code for ``error``."""
    if isinstance(error, CommandError):
        message = str(error)
        if error.exit_code == EXIT_USAGE and "`campaign-db up` first" in message:
            # raised as a plain CommandError by modules that predate NotSetUp
            return Failure(message, EXIT_NOT_SET_UP)
        return Failure(message, error.exit_code)
    if isinstance(error, ConfigError):
        return Failure(str(error), EXIT_USAGE)
    if isinstance(error, MigrationLockTimeout):
        return Failure(str(error), EXIT_TIMEOUT)
    if isinstance(error, EmbeddedServerError):
        return Failure(str(error), EXIT_UNREACHABLE)
    if isinstance(error, DBAPIError) and error.orig is not None:
        return _describe_database_error(error.orig, user, invalidated=error.connection_invalidated)
    if isinstance(error, psycopg.Error):
        return _describe_database_error(error, user, invalidated=False)
    if isinstance(error, OSError):
        where = f": {error.filename}" if error.filename else ""
        return Failure(f"{error.strerror or error}{where}", EXIT_USAGE)
    if isinstance(error, SQLAlchemyError):
        return Failure(f"unexpected database error: {_one_line(str(error))}", EXIT_BUG)
    return Failure(f"unexpected error: {type(error).__name__}: {_one_line(str(error))}", EXIT_BUG)


#: SQLSTATEs of a missing schema, table or function: nothing migrated yet.
NOT_SET_UP_STATES = {"3F000", "42P01", "42883"}
#: SQLSTATEs of a connection ended by the server (administrator, crash, shutdown).
CONNECTION_LOST_STATES = {"57P01", "57P02", "57P03", "08000", "08003", "08006", "08007"}


def _describe_database_error(error: BaseException, user: str | None, invalidated: bool) -> Failure:
    if isinstance(error, database.DatabaseUnavailable):
        if error.reason == "login_refused":
            return Failure(str(error), EXIT_PERMISSION)
        return Failure(str(error), EXIT_UNREACHABLE)
    state = getattr(error, "sqlstate", None)
    text = _one_line(str(error))
    if state in NOT_SET_UP_STATES:
        return Failure(
            f"the database has no campaign-db schema yet ({text}): run `campaign-db up` first", EXIT_NOT_SET_UP
        )
    if state == "42501" or state == "25006":  # insufficient privilege; write in a read-only transaction
        who = f"the login {user}" if user else "this login"
        return Failure(
            f"permission denied ({text}): {who} may not do this; a reader login can only read the reporting "
            "views: run this command with the database owner's login",
            EXIT_PERMISSION,
        )
    if state == "55P03":
        return Failure(f"{text}: a long transaction holds a lock this command needs; end it and run again",
                       EXIT_TIMEOUT)
    if state == "57014":
        return Failure(f"{text} (the login's statement_timeout)", EXIT_TIMEOUT)
    if (
        invalidated
        or state in CONNECTION_LOST_STATES
        or (isinstance(error, psycopg.OperationalError) and state is None)
        or isinstance(error, psycopg.InterfaceError)
    ):
        return Failure(
            f"lost the connection to the database mid-command ({text or 'the server closed it'}): the server "
            "stopped or crashed; what this command had not committed was rolled back; run it again",
            EXIT_CONNECTION_LOST,
        )
    if state is not None and state[:2] in {"22", "23"}:  # data exceptions, integrity violations
        return Failure(f"the database refused a value: {text}", EXIT_USAGE)
    return Failure(f"unexpected database error: {text}", EXIT_BUG)


if __name__ == "__main__":
    sys.exit(main())
