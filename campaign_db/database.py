"""The one way in: every connection campaign-db opens, an engine's or a raw
psycopg one, goes through this module.

Each connection gets a connect timeout (a server that does not answer is
reported after ``CONNECT_TIMEOUT_SECONDS`` instead of hanging a command) and an
``application_name`` (``campaign-db <command>``, so that a DBA reading
``pg_stat_activity`` knows who holds what). A connection that cannot be opened
raises ``DatabaseUnavailable``: a ``psycopg.OperationalError`` (code catching
that keeps working) whose message is one line that says where and why.
"""

from __future__ import annotations

from typing import Any, Literal

import psycopg
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Dialect
from sqlalchemy.pool import ConnectionPoolEntry

from .config import normalise

#: Seconds a connection attempt may take before it is given up.
CONNECT_TIMEOUT_SECONDS = 5
DEFAULT_APPLICATION_NAME = "campaign-db"

Reason = Literal["unreachable", "timeout", "login_refused", "no_database", "busy", "starting"]

_application_name = DEFAULT_APPLICATION_NAME


def set_application_name(name: str) -> None:
    """The ``application_name`` of the connections opened from now on (the
    command line sets ``campaign-db <command>``)."""
    global _application_name
    _application_name = name[:63]


def application_name() -> str:
    return _application_name


class DatabaseUnavailable(psycopg.OperationalError):
    """A connection could not be opened. ``reason`` says why, in a word:
    ``unreachable`` (refused, no route, unknown host), ``timeout`` (no answer
    within the connect timeout), ``login_refused`` (wrong or missing password,
    no pg_hba entry), ``no_database``, ``busy`` (too many connections) or
    ``starting`` (the server is starting up or shutting down)."""

    def __init__(self, message: str, reason: Reason, where: str) -> None:
        super().__init__(message)
        self.reason: Reason = reason
        self.where = where

    @classmethod
    def from_error(cls, error: psycopg.OperationalError, where: str, timeout: float) -> DatabaseUnavailable:
        reason, detail = _classify(str(error), timeout)
        return cls(f"cannot connect to {where}: {detail}", reason, where)


def _classify(message: str, timeout: float) -> tuple[Reason, str]:
    """Turn libpq's multi-line connection failure into a reason and one line."""
    lowered = message.lower()
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    last = lines[-1] if lines else message
    if "timeout expired" in lowered or "timed out" in lowered or "connection timeout" in lowered:
        return "timeout", f"no answer within {timeout:g} s (the connect timeout): is the server up and reachable?"
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return "login_refused", "the server refused the login (wrong or missing password)"
    if "no pg_hba.conf entry" in lowered:
        return "login_refused", "the server refused the login (no pg_hba.conf entry for this user and address)"
    if "authentication failed" in lowered:
        return "login_refused", "the server refused the login (authentication failed)"
    if "database" in lowered and "does not exist" in lowered:
        return "no_database", _fatal_text(lines) or "the database does not exist"
    if "role" in lowered and "does not exist" in lowered:
        return "login_refused", _fatal_text(lines) or "the login does not exist"
    if "too many connections" in lowered or "remaining connection slots" in lowered:
        limit = "(the login's or the server's connection limit)"
        return "busy", f"{_fatal_text(lines) or 'too many connections'} {limit}"
    if "starting up" in lowered or "shutting down" in lowered or "in recovery mode" in lowered:
        return "starting", _fatal_text(lines) or "the server is starting up or shutting down"
    if "connection refused" in lowered:
        return "unreachable", "connection refused: is the server running on that host and port?"
    if "could not translate host name" in lowered or "name or service not known" in lowered:
        return "unreachable", "unknown host name"
    if "no route to host" in lowered or "network is unreachable" in lowered:
        return "unreachable", "no route to the host"
    return "unreachable", _fatal_text(lines) or last


def _fatal_text(lines: list[str]) -> str:
    for line in lines:
        for marker in ("FATAL:  ", "FATAL: "):
            if marker in line:
                return line.split(marker, 1)[1].strip()
    return ""


def where(url: str | URL) -> str:
    """``host:port/database`` of a URL, for messages (never the password)."""
    parsed = normalise(url)
    host = parsed.host or "localhost"
    port = parsed.port or 5432
    return f"{host}:{port}/{parsed.database or ''}"


def connection_parameters(
    url: str | URL, connect_timeout: float | None = None, application_name: str | None = None
) -> dict[str, Any]:
    """The keyword arguments of ``psycopg.connect`` for ``url``, with the
    connect timeout and application name unless the URL's query sets them."""
    parsed = normalise(url)
    parameters: dict[str, Any] = {
        key: value for key, value in parsed.translate_connect_args(username="user", database="dbname").items()
        if value is not None
    }
    for key, value in parsed.query.items():
        parameters[key] = value if isinstance(value, str) else value[-1]
    parameters.setdefault("connect_timeout", _timeout_value(connect_timeout))
    parameters.setdefault("application_name", application_name or _application_name)
    return parameters


def _timeout_value(connect_timeout: float | None) -> int:
    return max(1, round(connect_timeout if connect_timeout is not None else CONNECT_TIMEOUT_SECONDS))


def connect(
    url: str | URL,
    *,
    autocommit: bool = False,
    connect_timeout: float | None = None,
    application_name: str | None = None,
) -> psycopg.Connection[tuple[Any, ...]]:
    """A psycopg connection to ``url`` (any PostgreSQL URL spelling);
    ``DatabaseUnavailable`` when it cannot be opened."""
    parameters = connection_parameters(url, connect_timeout, application_name)
    try:
        return psycopg.connect(autocommit=autocommit, **parameters)
    except psycopg.OperationalError as error:
        raise DatabaseUnavailable.from_error(error, where(url), float(parameters["connect_timeout"])) from error


def make_engine(
    url: str | URL,
    *,
    connect_timeout: float | None = None,
    application_name: str | None = None,
    **kwargs: Any,
) -> Engine:
    """An engine on ``url`` (any PostgreSQL URL spelling) using psycopg 3.

    Its connections get the connect timeout and application name; one that
    cannot be opened raises ``sqlalchemy.exc.OperationalError`` whose
    ``orig`` is a ``DatabaseUnavailable``.
    """
    parsed = normalise(url)
    engine = create_engine(parsed, **kwargs)
    location = where(parsed)
    timeout = _timeout_value(connect_timeout)

    def open_connection(
        dialect: Dialect, connection_record: ConnectionPoolEntry, cargs: list[Any], cparams: dict[str, Any]
    ) -> Any:
        cparams.setdefault("connect_timeout", timeout)
        cparams.setdefault("application_name", application_name or _application_name)
        try:
            return dialect.connect(*cargs, **cparams)
        except DatabaseUnavailable:
            raise
        except psycopg.OperationalError as error:
            raise DatabaseUnavailable.from_error(error, location, float(cparams["connect_timeout"])) from error

    event.listen(engine, "do_connect", open_connection)
    return engine
