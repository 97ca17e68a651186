"""Engines and sessions."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from .config import normalise


def make_engine(url: str | URL, **kwargs: object) -> Engine:
    """An engine on ``url`` (any PostgreSQL URL spelling) using psycopg 3."""
    return create_engine(normalise(url), **kwargs)  # type: ignore[arg-type]


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
