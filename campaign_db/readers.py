"""Login roles for BI tools and analysts, members of ``campaign_reader``.

The password is hashed (SCRAM-SHA-256) on the client by libpq, so neither the
statement the server receives nor its log ever holds the plain password.
Each login gets ``search_path = reporting`` (views by their short names),
read-only transactions, JIT off, a statement timeout, a connection limit and
``timezone = 'UTC'``, so a dashboard cannot write, hold the server with a
runaway query or a connection storm, or shift every day by its own time zone.
What the login may read is the business of the ``campaign_reader`` group
(revision 0002/0004's grants): the ``reporting`` views and functions, nothing else.
"""

from __future__ import annotations

import re
from typing import Any

import psycopg
from psycopg import sql

READER_GROUP = "campaign_reader"
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
DURATION = re.compile(r"^\d+\s*(us|ms|s|min|h|d)?$")
DEFAULT_CONNECTION_LIMIT = 10
DEFAULT_STATEMENT_TIMEOUT = "60s"


class ReaderError(ValueError):
    """The login role cannot be created as asked."""


class ReaderGroupMissing(ReaderError):
    """The database has no ``campaign_reader`` group or no ``reporting``
    schema: it was never migrated (the group is the server's, the schema the
    database's: another database on the server may have made the group)."""


def create_reader(
    connection: psycopg.Connection[Any],
    name: str,
    password: str,
    statement_timeout: str = DEFAULT_STATEMENT_TIMEOUT,
    connection_limit: int = DEFAULT_CONNECTION_LIMIT,
) -> bool:
    """Create (or, when it exists, update) the login role ``name``.

    Returns True when the role was created, False when it existed and was
    updated.
    """
    if not ROLE_NAME.match(name):
        raise ReaderError(
            f"{name!r} is not a plain role name: use lowercase letters, digits and underscores, starting with a letter"
        )
    if not password:
        raise ReaderError("the password is empty")
    if not DURATION.match(statement_timeout.strip()):
        raise ReaderError(f"the statement timeout {statement_timeout!r} is not a duration such as 60s or 5min")
    if not 1 <= connection_limit <= 1000:
        raise ReaderError(f"the connection limit must be between 1 and 1000, not {connection_limit}")
    group = connection.execute("select 1 from pg_roles where rolname = %s", (READER_GROUP,)).fetchone()
    if group is None:
        raise ReaderGroupMissing(f"role {READER_GROUP} does not exist: run `campaign-db up` first")
    schema = connection.execute("select to_regnamespace('reporting')").fetchone()
    if schema is None or schema[0] is None:
        raise ReaderGroupMissing("this database has no reporting views for a reader: run `campaign-db up` first")
    existing = connection.execute("select rolsuper from pg_roles where rolname = %s", (name,)).fetchone()
    if existing is not None and existing[0]:
        raise ReaderError(f"{name} is a superuser; refusing to turn it into a reader")
    user = name.encode()
    hashed = connection.pgconn.encrypt_password(password.encode(), user, b"scram-sha-256").decode()
    role = sql.Identifier(name)
    verb = sql.SQL("alter" if existing else "create")
    with connection.transaction():
        connection.execute(
            sql.SQL("{} role {} login password {} connection limit {}").format(
                verb, role, sql.Literal(hashed), sql.Literal(connection_limit)
            )
        )
        connection.execute(sql.SQL("grant {} to {}").format(sql.Identifier(READER_GROUP), role))
        connection.execute(sql.SQL("alter role {} set search_path = reporting").format(role))
        connection.execute(sql.SQL("alter role {} set default_transaction_read_only = on").format(role))
        # dashboards send many small queries: JIT compilation costs more than it saves on them
        connection.execute(sql.SQL("alter role {} set jit = off").format(role))
        connection.execute(
            sql.SQL("alter role {} set statement_timeout = {}").format(role, sql.Literal(statement_timeout.strip()))
        )
        # BI tools group by day in the session's time zone: UTC, whatever the server's or the host's
        connection.execute(sql.SQL("alter role {} set timezone = 'UTC'").format(role))
    return existing is None
