"""``campaign-db reader create NAME``: a login for a BI tool or an analyst."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from .. import config, database
from ..readers import (
    DEFAULT_CONNECTION_LIMIT,
    DEFAULT_STATEMENT_TIMEOUT,
    ReaderError,
    ReaderGroupMissing,
    create_reader,
)

PASSWORD_VARIABLE = "CAMPAIGN_DB_READER_PASSWORD"  # noqa: S105 - the name of a variable, not a password

DESCRIPTION = f"""\
Create a login role that can read the reporting views and nothing else: it
is a member of campaign_reader, its search_path is `reporting` (so a BI tool
lists the views by their short names), its transactions are read-only, its
statements time out, its time zone is UTC and it may hold at most
--connection-limit connections at once. Running it again for an existing role
sets a new password (and the limits). Needs the database owner's login.

The password comes from {PASSWORD_VARIABLE} when set, otherwise from a
prompt; it is never echoed, printed or logged (it is hashed before it is sent
to the server).

example:
  campaign-db reader create metabase
  # then connect with user metabase to the host/port of `campaign-db url`
"""


def add_parsers(subparsers: Any) -> None:
    reader = subparsers.add_parser(
        "reader", help="manage read-only logins for BI tools", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = reader.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = actions.add_parser(
        "create", help="create a read-only login role", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    create.add_argument("name", help="the role name (lowercase letters, digits, underscores)")
    create.add_argument("--statement-timeout", default=DEFAULT_STATEMENT_TIMEOUT,
                        help=f"statement timeout of the role (default: {DEFAULT_STATEMENT_TIMEOUT})")
    create.add_argument("--connection-limit", type=int, default=DEFAULT_CONNECTION_LIMIT, metavar="N",
                        help=f"most connections the role may hold at once (default: {DEFAULT_CONNECTION_LIMIT})")
    create.set_defaults(handler=run_create)


def read_password(name: str) -> str:
    from . import CommandError

    password = os.environ.get(PASSWORD_VARIABLE)
    if password:
        return password
    if not sys.stdin.isatty():
        raise CommandError(f"no terminal to ask for the password: set {PASSWORD_VARIABLE}")
    first = getpass.getpass(f"password for {name}: ")
    if first != getpass.getpass("again: "):
        raise CommandError("the two passwords differ")
    return first


def run_create(arguments: argparse.Namespace) -> int:
    from . import CommandError, NotSetUp

    target = config.resolve()
    password = read_password(arguments.name)
    with database.connect(target.url, autocommit=True) as connection:
        try:
            created = create_reader(
                connection, arguments.name, password, arguments.statement_timeout, arguments.connection_limit
            )
        except ReaderGroupMissing as error:
            raise NotSetUp(str(error)) from error
        except ReaderError as error:
            raise CommandError(str(error)) from error
    url = target.url._replace(username=arguments.name, password=None, drivername="postgresql")
    print(
        f"{'created' if created else 'updated'} login {arguments.name} (member of campaign_reader, read-only, "
        f"at most {arguments.connection_limit} connections)"
    )
    print(f"connect with: {url.render_as_string(hide_password=True)}  (host {url.host}, port {url.port}, "
          f"database {url.database})")
    return 0
