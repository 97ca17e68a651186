"""Where the database is: ``DATABASE_URL`` when set, else the embedded server.

The URL a command gets carries the password (the embedded server's comes from
its secret file in ``CAMPAIGN_DB_HOME``), so nobody types it; anything shown
to the user renders it hidden (``***``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError


class ConfigError(ValueError):
    """The configured database URL cannot be used."""


@dataclass(frozen=True)
class Target:
    """The database a command works on, and how it was chosen."""

    url: URL
    origin: str  # "DATABASE_URL" or "embedded server in <home>"

    @property
    def libpq_url(self) -> str:
        """The URL as libpq (psql, pg_dump, BI tools) spells it, password hidden."""
        return to_libpq(self.url)


def normalise(url: str | URL) -> URL:
    """Accept ``postgresql://``, ``postgres://`` or ``postgresql+psycopg://``
    and return a SQLAlchemy URL that uses psycopg 3."""
    try:
        parsed = make_url(url.replace("postgres://", "postgresql://", 1) if isinstance(url, str) else url)
    except (ArgumentError, ValueError) as error:  # ValueError: e.g. a port that is not a number
        raise ConfigError(f"cannot parse the database URL: {error}") from error
    if parsed.get_backend_name() != "postgresql":
        raise ConfigError(f"DATABASE_URL is not a PostgreSQL URL: {parsed.render_as_string(hide_password=True)}")
    return parsed.set(drivername="postgresql+psycopg")


def to_libpq(url: URL, hide_password: bool = True) -> str:
    """``postgresql://user:password@host:port/db``; the password as ``***``
    unless ``hide_password`` is False."""
    return url.set(drivername="postgresql").render_as_string(hide_password=hide_password)


def resolve(start_embedded: bool = True) -> Target:
    """The target database: ``DATABASE_URL`` if set, else the embedded server
    (started when ``start_embedded``)."""
    configured = os.environ.get("DATABASE_URL")
    if configured:
        return Target(url=normalise(configured), origin="DATABASE_URL")
    from . import embedded

    home = embedded.home_dir()
    if start_embedded:
        server = embedded.ensure_running(home)
    else:
        found = embedded.running_server(home)
        if found is None:
            raise embedded.EmbeddedServerError(
                f"no embedded server is running in {home}; run `campaign-db up` first"
            )
        server = found
    return Target(url=server.url(), origin=f"embedded server in {home}")
