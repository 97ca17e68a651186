"""Staging tables: a campaign's rows, keyed by natural keys, copied into
temporary tables with ``COPY`` so that every write after it is one set-based
statement per table (the seed loader and the bulk importer share this path).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import psycopg
from sqlalchemy import Connection

#: staging table → its columns and types, in COPY order
STAGING_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "stg_documents": (
        ("slug", "text"),
        ("kind", "text"),
        ("title", "text"),
        ("publisher", "text"),
        ("url", "text"),
        ("licence", "text"),
        ("retrieved_on", "date"),
        ("sha256", "text"),
        ("content", "text"),
        ("note", "text"),
    ),
    "stg_parties": (("code", "text"), ("name", "text"), ("note", "text")),
    "stg_sides": (("slug", "text"), ("name", "text"), ("position", "integer")),
    "stg_side_members": (("side_slug", "text"), ("party_code", "text")),
    "stg_sources": (("slug", "text"), ("name", "text"), ("kind", "text"), ("party_code", "text"), ("note", "text")),
    "stg_places": (
        ("slug", "text"),
        ("name", "text"),
        ("kind", "text"),
        ("note", "text"),
        ("latitude", "double precision"),
        ("longitude", "double precision"),
        ("coordinate_precision", "text"),
        ("coordinates_document", "text"),
        ("coordinates_url", "text"),
        ("coordinates_quote", "text"),
    ),
    "stg_place_names": (
        ("place_slug", "text"),
        ("name", "text"),
        ("document", "text"),
        ("url", "text"),
        ("quote", "text"),
    ),
    "stg_place_areas": (
        ("place_slug", "text"),
        ("area_slug", "text"),
        ("relation", "text"),
        ("document", "text"),
        ("url", "text"),
        ("quote", "text"),
    ),
    "stg_claims": (
        ("slug", "text"),
        ("document", "text"),
        ("source_key", "text"),
        ("kind", "text"),
        ("actor", "text"),
        ("target", "text"),
        ("stated_earliest_on", "date"),
        ("stated_latest_on", "date"),
        ("stated_local_time", "time"),
        ("occurred_earliest_on", "date"),
        ("occurred_latest_on", "date"),
        ("occurred_local_time", "time"),
        ("hedge", "text"),
        ("event_key", "text"),
        ("same_as_campaign", "text"),
        ("same_as_slug", "text"),
        ("summary", "text"),
        ("quote", "text"),
        ("note", "text"),
    ),
    "stg_claim_places": (
        ("claim_slug", "text"),
        ("place_slug", "text"),
        ("role", "text"),
        ("share_percent", "double precision"),
    ),
    "stg_denials": (
        ("slug", "text"),
        ("claim_slug", "text"),
        ("place_slug", "text"),
        ("document", "text"),
        ("source_key", "text"),
        ("earliest_on", "date"),
        ("latest_on", "date"),
        ("quote", "text"),
        ("counter_statement", "text"),
        ("note", "text"),
    ),
    "stg_corroborations": (
        ("slug", "text"),
        ("claim_slug", "text"),
        ("place_slug", "text"),
        ("document", "text"),
        ("source_key", "text"),
        ("kind", "text"),
        ("earliest_on", "date"),
        ("latest_on", "date"),
        ("quote", "text"),
        ("note", "text"),
    ),
    "stg_losses": (
        ("slug", "text"),
        ("document", "text"),
        ("source_key", "text"),
        ("as_of_date", "date"),
        ("losing_party", "text"),
        ("category", "text"),
        ("equipment", "text"),
        ("outcome", "text"),
        ("quantity_low", "integer"),
        ("quantity_high", "integer"),
        ("qualifier", "text"),
        ("place_slug", "text"),
        ("claim_slug", "text"),
        ("quote", "text"),
        ("note", "text"),
    ),
}


def driver(connection: Connection) -> psycopg.Connection[Any]:
    """The psycopg connection under a SQLAlchemy one (same transaction)."""
    raw = connection.connection.driver_connection
    assert isinstance(raw, psycopg.Connection)
    return raw


def create_staging(connection: Connection, tables: Iterable[str] = STAGING_TABLES) -> None:
    """Empty temporary staging tables, dropped at the end of the transaction."""
    raw = driver(connection)
    for table in tables:
        columns = ", ".join(f"{name} {kind}" for name, kind in STAGING_TABLES[table])
        raw.execute(f"drop table if exists pg_temp.{table}")
        raw.execute(f"create temporary table {table} ({columns}) on commit drop")


def copy_rows(connection: Connection, table: str, rows: Iterable[Sequence[Any]]) -> int:
    """``COPY`` rows into a staging table; the number copied."""
    columns = ", ".join(name for name, _ in STAGING_TABLES[table])
    count = 0
    with driver(connection).cursor() as cursor, cursor.copy(f"copy {table} ({columns}) from stdin") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count
