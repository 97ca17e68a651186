"""Export every consumer view of ``reporting`` to CSV, JSON or Parquet files.

Column names are the views' own; Parquet keeps the views' column types
(dates as dates, integers as integers), CSV and JSON write ISO dates, so the
files open in pandas or a spreadsheet the way the views read in SQL.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from .progress import Progress

FORMATS = ("csv", "json", "parquet")


@dataclass(frozen=True)
class ExportedFile:
    view: str
    path: Path
    rows: int
    bytes: int
    seconds: float


def consumer_views(connection: psycopg.Connection) -> list[str]:
    """Every view of schema ``reporting``, by name."""
    rows = connection.execute(
        """
        select c.relname
        from pg_class as c
        inner join pg_namespace as n on n.oid = c.relnamespace
        where n.nspname = 'reporting' and c.relkind in ('v', 'm')
        order by c.relname
        """
    ).fetchall()
    return [row[0] for row in rows]


def view_columns(connection: psycopg.Connection, view: str) -> list[tuple[str, str]]:
    """(column, PostgreSQL type) of ``reporting.<view>``, in order."""
    rows = connection.execute(
        """
        select a.attname, format_type(a.atttypid, a.atttypmod)
        from pg_attribute as a
        where a.attrelid = format('reporting.%%I', %s::text)::regclass and a.attnum > 0 and not a.attisdropped
        order by a.attnum
        """,
        (view,),
    ).fetchall()
    return [(name, pg_type) for name, pg_type in rows]


def _json_value(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def _arrow_type(pg_type: str) -> Any:
    import pyarrow as pa

    mapping = {
        "text": pa.string(),
        "integer": pa.int32(),
        "bigint": pa.int64(),
        "smallint": pa.int16(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "double precision": pa.float64(),
        "real": pa.float32(),
        "timestamp with time zone": pa.timestamp("us", tz="UTC"),
        "timestamp without time zone": pa.timestamp("us"),
        "numeric": pa.float64(),
    }
    return mapping.get(pg_type, pa.string())


def export_view(connection: psycopg.Connection, view: str, out: Path, file_format: str) -> ExportedFile:
    started = time.monotonic()
    columns = view_columns(connection, view)
    names = [name for name, _ in columns]
    path = out / f"{view}.{file_format}"
    query = f'select * from reporting."{view}"'
    rows = 0
    if file_format == "csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(names)
            for row in connection.execute(query):
                writer.writerow([_json_value(value) for value in row])
                rows += 1
    elif file_format == "json":
        records = [dict(zip(names, (_json_value(v) for v in row))) for row in connection.execute(query)]
        rows = len(records)
        path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    elif file_format == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        fetched = connection.execute(query).fetchall()
        rows = len(fetched)
        schema = pa.schema([(name, _arrow_type(pg_type)) for name, pg_type in columns])
        arrays = [
            pa.array(
                [float(r[i]) if isinstance(r[i], decimal.Decimal) else r[i] for r in fetched], type=schema.field(i).type
            )
            for i in range(len(columns))
        ]
        pq.write_table(pa.Table.from_arrays(arrays, schema=schema), path)
    else:
        raise ValueError(f"unknown format {file_format!r}: expected one of {', '.join(FORMATS)}")
    return ExportedFile(view, path, rows, path.stat().st_size, time.monotonic() - started)


def export_all(connection: psycopg.Connection, out: Path, file_format: str) -> list[ExportedFile]:
    """Write one file per consumer view into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    views = consumer_views(connection)
    progress = Progress(len(views), f"exporting {file_format}")
    exported = []
    for view in views:
        exported.append(export_view(connection, view, out, file_format))
        progress.step(view)
    return exported
