"""Exports: one file per reporting view, same columns and types as the view."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import psycopg
import pyarrow.parquet as pq
import pytest
from sqlalchemy import Engine

from campaign_db.config import to_libpq
from campaign_db.export import consumer_views, export_all, view_columns


@pytest.fixture(scope="module")
def libpq_url(seeded_engine: Engine) -> str:
    return to_libpq(seeded_engine.url, hide_password=False)


@pytest.mark.parametrize("file_format", ["csv", "json", "parquet"])
def test_every_view_is_exported_with_its_columns_and_rows(libpq_url: str, tmp_path: Path, file_format: str) -> None:
    with psycopg.connect(libpq_url) as connection:
        views = consumer_views(connection)
        exported = export_all(connection, tmp_path, file_format)
        assert {e.view for e in exported} == set(views)
        assert "control_daily" in views and "contested_claims" in views
        for e in exported:
            count = connection.execute(f'select count(*) from reporting."{e.view}"').fetchone()[0]
            assert e.rows == count
            names = [name for name, _ in view_columns(connection, e.view)]
            if file_format == "csv":
                with e.path.open(newline="", encoding="utf-8") as handle:
                    rows = list(csv.reader(handle))
                assert rows[0] == names and len(rows) - 1 == count
            elif file_format == "json":
                records = json.loads(e.path.read_text(encoding="utf-8"))
                assert len(records) == count
                assert all(list(record) == names for record in records)
            else:
                table = pq.read_table(e.path)
                assert table.column_names == names and table.num_rows == count


def test_parquet_keeps_dates_and_integers(libpq_url: str, tmp_path: Path) -> None:
    with psycopg.connect(libpq_url) as connection:
        export_all(connection, tmp_path, "parquet")
    schema = pq.read_schema(tmp_path / "control_daily.parquet")
    assert str(schema.field("day").type) == "date32[day]"
    assert str(schema.field("place_id").type) in ("int32", "int64")
