"""Exports: one file per consumer view with a Frictionless datapackage.json,
Parquet that keeps the SQL types, GeoJSON maps, bounded memory, --campaign."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import frictionless
import geojson
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import URL

from campaign_db import export as exporting
from campaign_db import serialise
from campaign_db.cli import main
from campaign_db.cli import output as cli_output

AS_OF = dt.date(2020, 10, 22)
ARAS = "aras-valley"
#: A box round Armenia and Azerbaijan, where every village of the Aras Valley
#: account's districts lies: a feature outside it has its coordinates swapped.
ARAS_LONGITUDES = (43.0, 51.0)
ARAS_LATITUDES = (38.0, 42.0)

#: The Arrow type each PostgreSQL type of the views must keep in Parquet.
ARROW_TYPES = {
    "text": pa.string(),
    "integer": pa.int32(),
    "bigint": pa.int64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "double precision": pa.float64(),
}


# -- fixtures ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def database_url(seeded_engine: Engine) -> URL:
    return seeded_engine.url


@pytest.fixture(scope="module")
def catalogue(seeded_engine: Engine) -> dict[str, list[tuple[str, str, str | None]]]:
    """Each consumer view's (column, type, comment), as the database says."""
    with seeded_engine.connect() as connection:
        rows = connection.execute(
            text(
                """
                select c.relname, a.attname, format_type(a.atttypid, null), col_description(c.oid, a.attnum)
                from pg_class as c
                inner join pg_namespace as n on n.oid = c.relnamespace
                inner join pg_attribute as a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                where n.nspname = 'reporting' and c.relkind in ('v', 'm')
                order by c.relname, a.attnum
                """
            )
        ).all()
    views: dict[str, list[tuple[str, str, str | None]]] = {}
    for view, column, sql_type, comment in rows:
        views.setdefault(view, []).append((column, sql_type, comment))
    return views


def _export(
    tmp_path_factory: pytest.TempPathFactory, url: URL, file_format: str, campaign: str | None = None,
    as_of: dt.date | None = None,
) -> exporting.ExportResult:
    out = tmp_path_factory.mktemp(f"export-{file_format}-{campaign or 'every'}")
    return exporting.export(url, out, file_format, campaign=campaign, as_of=as_of, progress=False)


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory, database_url: URL) -> dict[str, exporting.ExportResult]:
    """A full export in every tabular format, and the GeoJSON maps of AS_OF."""
    result = {
        file_format: _export(tmp_path_factory, database_url, file_format)
        for file_format in exporting.TABULAR_FORMATS
    }
    result["geojson"] = _export(tmp_path_factory, database_url, "geojson", as_of=AS_OF)
    return result


@pytest.fixture(scope="module")
def aras_exports(tmp_path_factory: pytest.TempPathFactory, database_url: URL) -> dict[str, exporting.ExportResult]:
    return {
        file_format: _export(tmp_path_factory, database_url, file_format, campaign=ARAS, as_of=AS_OF)
        for file_format in exporting.FORMATS
    }


def _package(result: exporting.ExportResult) -> dict[str, Any]:
    package: dict[str, Any] = json.loads(result.package.read_text(encoding="utf-8"))
    return package


def _count(connection: Connection, query: str, **parameters: Any) -> int:
    return int(connection.execute(text(query), parameters).scalar_one())


# -- every view, every format --------------------------------------------------------


@pytest.mark.parametrize("file_format", exporting.TABULAR_FORMATS)
def test_every_view_is_exported_with_its_columns_and_rows(
    exports: dict[str, exporting.ExportResult], catalogue: dict[str, list[tuple[str, str, str | None]]],
    seeded_connection: Connection, file_format: str,
) -> None:
    result = exports[file_format]
    assert {file.name for file in result.files} == set(catalogue)
    assert {"control_daily", "contested_claims", "places", "campaigns"} <= set(catalogue)
    for file in result.files:
        assert file.path == result.directory / f"{file.name}.{file_format}"
        names = [column for column, _, _ in catalogue[file.name]]
        count = _count(seeded_connection, f'select count(*) from reporting."{file.name}"')
        assert file.rows == count > 0, file.name
        if file_format == "csv":
            with file.path.open(newline="", encoding="utf-8") as handle:
                rows = list(csv.reader(handle))
            assert rows[0] == names and len(rows) - 1 == count
        elif file_format == "json":
            records = json.loads(file.path.read_text(encoding="utf-8"))
            assert len(records) == count and all(list(record) == names for record in records)
        else:
            table = pq.read_table(file.path)
            assert table.column_names == names and table.num_rows == count


def test_csv_and_json_write_values_as_the_command_line_prints_them(exports: dict[str, exporting.ExportResult]) -> None:
    with (exports["csv"].directory / "places.csv").open(newline="", encoding="utf-8") as handle:
        places = list(csv.DictReader(handle))
    assert {row["is_settlement"] for row in places} == {"true", "false"}
    assert {row["is_mapped"] for row in places} <= {"true", "false"}
    with (exports["csv"].directory / "control_daily.csv").open(newline="", encoding="utf-8") as handle:
        days = [row["day"] for row in csv.DictReader(handle)]
    assert all(dt.date.fromisoformat(day).isoformat() == day for day in days)
    records = json.loads((exports["json"].directory / "losses.json").read_text(encoding="utf-8"))
    assert all(dt.date.fromisoformat(record["as_of"]) for record in records)
    assert any(record["quantity"] is None for record in records)
    assert all(isinstance(record["loss_id"], int) for record in records)
    # one writer for the report commands and the exports
    assert cli_output.write_csv is serialise.write_csv and cli_output.write_json is serialise.write_json
    assert cli_output.text_value is serialise.text_value


def test_the_json_writer_streams_exactly_what_json_dump_writes() -> None:
    rows: list[dict[str, Any]] = [
        {"day": dt.date(2020, 10, 22), "held": True, "name": "Zəngilan \"city\"", "share": 12.5, "none": None},
        {"day": dt.date(2020, 10, 23), "held": False, "name": "line\nbreak", "share": float("nan"), "none": None},
        {"day": None, "held": None, "name": "", "share": -0.0, "none": {"nested": [1, {"a": dt.date(2020, 1, 2)}]}},
    ]
    columns = list(rows[0])
    streamed = io.StringIO()
    assert serialise.write_json(rows, columns, streamed) == 3
    expected = [{column: serialise.json_value(row[column]) for column in columns} for row in rows]
    dumped = json.dumps(expected, ensure_ascii=False, indent=2, default=serialise.json_value)
    assert streamed.getvalue() == dumped + "\n"
    assert json.loads(streamed.getvalue())[1]["share"] is None
    empty = io.StringIO()
    serialise.write_json([], columns, empty)
    assert json.loads(empty.getvalue()) == []
    table = io.StringIO()
    serialise.write_csv(rows, columns, table)
    assert table.getvalue().splitlines()[1] == '2020-10-22,true,"Zəngilan ""city""",12.5,'


# -- datapackage.json ------------------------------------------------------------------


@pytest.mark.parametrize("file_format", ["csv", "json", "geojson"])
def test_the_data_package_validates_with_frictionless_data_and_metadata(
    exports: dict[str, exporting.ExportResult], file_format: str
) -> None:
    report = frictionless.validate(str(exports[file_format].package))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:10]
    assert len(report.tasks) == len(exports[file_format].files)


def test_the_parquet_data_package_metadata_validates(exports: dict[str, exporting.ExportResult]) -> None:
    """Frictionless reads Parquet through pandas without Arrow types (a
    nullable integer becomes a float NaN), so it checks the descriptor here
    and test_parquet_keeps_every_column_type checks the data against it."""
    report = frictionless.Package.validate_descriptor(str(exports["parquet"].package))
    assert report.valid, report.flatten(["type", "note"])
    package = _package(exports["parquet"])
    for resource in package["resources"]:
        assert resource["format"] == "parquet" and resource["mediatype"] == "application/vnd.apache.parquet"
        table = pq.read_table(exports["parquet"].directory / resource["path"])
        assert table.num_rows == resource["rows"]
        assert [field["name"] for field in resource["schema"]["fields"]] == table.column_names


@pytest.mark.parametrize("file_format", exporting.TABULAR_FORMATS)
def test_the_package_describes_columns_licence_sources_versions_and_seeds(
    exports: dict[str, exporting.ExportResult], catalogue: dict[str, list[tuple[str, str, str | None]]],
    seeded_connection: Connection, file_format: str,
) -> None:
    package = _package(exports[file_format])
    field_types = {
        "text": "string", "integer": "integer", "bigint": "integer", "boolean": "boolean", "date": "date",
        "double precision": "number",
    }
    for resource in package["resources"]:
        assert resource["path"] == f"{resource['name']}.{file_format}"
        assert resource["profile"] == "tabular-data-resource" and resource["description"]
        expected = [
            {"name": column, "type": field_types[sql_type], "description": comment}
            for column, sql_type, comment in catalogue[resource["name"]]
        ]
        assert resource["schema"]["fields"] == expected
        assert all(field["description"] for field in resource["schema"]["fields"])
    assert package["licenses"] == [
        {
            "name": "CC-BY-SA-4.0",
            "path": "https://creativecommons.org/licenses/by-sa/4.0/",
            "title": "Creative Commons Attribution-ShareAlike 4.0 International",
        }
    ]
    campaigns = seeded_connection.execute(
        text("select campaign, version, seed_sha256, document_titles from reporting.campaigns order by campaign")
    ).all()
    assert package["seed_sha256"] == {campaign: seed for campaign, _, seed, _ in campaigns}
    assert all(len(seed) == 64 for _, _, seed, _ in campaigns)
    assert [(entry["name"], entry["version"]) for entry in package["campaigns"]] == [
        (campaign, version) for campaign, version, _, _ in campaigns
    ]
    assert package["version"] == ", ".join(f"{campaign} {version}" for campaign, version, _, _ in campaigns)
    assert "aras-valley 2.0.0" in package["version"]
    titles = {source["title"] for source in package["sources"]}
    assert titles == {title for _, _, _, joined in campaigns for title in joined.split("; ")}
    deir = [source for source in package["sources"] if source["campaign"] == "deir-ez-zor-2017"]
    assert deir and deir[0]["path"].startswith("https://") and deir[0]["licence"] == "CC BY-SA 4.0"


def test_a_campaign_export_is_that_campaigns_release(aras_exports: dict[str, exporting.ExportResult]) -> None:
    package = _package(aras_exports["csv"])
    assert package["name"] == "campaign-db-aras-valley" and package["version"] == "2.0.0"
    assert [entry["name"] for entry in package["campaigns"]] == [ARAS]
    assert {source["campaign"] for source in package["sources"]} == {ARAS}
    assert list(package["seed_sha256"]) == [ARAS]


# -- Parquet ----------------------------------------------------------------------------


def test_parquet_keeps_every_column_type(
    exports: dict[str, exporting.ExportResult], catalogue: dict[str, list[tuple[str, str, str | None]]]
) -> None:
    nullable_integers = 0
    for file in exports["parquet"].files:
        columns = catalogue[file.name]
        schema = pq.read_schema(file.path)
        assert [(field.name, field.type) for field in schema] == [
            (column, ARROW_TYPES[sql_type]) for column, sql_type, _ in columns
        ], file.name
        frame = pd.read_parquet(file.path, dtype_backend="pyarrow")
        same = pq.read_table(file.path).to_pandas(types_mapper=pd.ArrowDtype)
        assert list(frame.dtypes) == list(same.dtypes)
        for column, sql_type, _ in columns:
            dtype = frame[column].dtype
            assert isinstance(dtype, pd.ArrowDtype), (file.name, column, dtype)
            assert dtype.pyarrow_dtype == ARROW_TYPES[sql_type], (file.name, column, dtype)
            values = frame[column].dropna()
            if sql_type == "date" and len(values):
                assert isinstance(values.iloc[0], dt.date) and not isinstance(values.iloc[0], dt.datetime)
            if sql_type in ("integer", "bigint") and frame[column].isna().any():
                nullable_integers += 1
                assert all(isinstance(value, int) for value in values)
    assert nullable_integers >= 5  # e.g. claims.place_id, losses.quantity: integers with nulls stay integers


def test_parquet_carries_the_package_metadata(
    exports: dict[str, exporting.ExportResult], catalogue: dict[str, list[tuple[str, str, str | None]]]
) -> None:
    package = _package(exports["parquet"])
    for file in exports["parquet"].files:
        schema = pq.read_schema(file.path)
        metadata = {key.decode(): value.decode() for key, value in (schema.metadata or {}).items()}
        assert metadata["version"] == package["version"]
        assert json.loads(metadata["licenses"]) == package["licenses"]
        assert json.loads(metadata["sources"]) == package["sources"]
        assert json.loads(metadata["seed_sha256"]) == package["seed_sha256"]
        assert metadata["name"] == file.name and metadata["description"]
        for field, (column, _, comment) in zip(schema, catalogue[file.name], strict=True):
            assert field.name == column and (field.metadata or {})[b"description"].decode() == comment


# -- --campaign and --as-of --------------------------------------------------------------


@pytest.mark.parametrize("file_format", exporting.TABULAR_FORMATS)
def test_campaign_keeps_the_rows_of_that_campaign(
    aras_exports: dict[str, exporting.ExportResult], catalogue: dict[str, list[tuple[str, str, str | None]]],
    seeded_connection: Connection, file_format: str,
) -> None:
    result = aras_exports[file_format]
    for file in result.files:
        if file.name.startswith("control_as_of"):
            continue
        columns = [column for column, _, _ in catalogue[file.name]]
        if "campaign" in columns:
            expected = _count(
                seeded_connection, f'select count(*) from reporting."{file.name}" where campaign = :slug', slug=ARAS
            )
        else:
            assert "campaigns" in columns, file.name
            expected = _count(
                seeded_connection,
                f"select count(*) from reporting.\"{file.name}\" where :slug = any(string_to_array(campaigns, ', '))",
                slug=ARAS,
            )
        assert file.rows == expected > 0, file.name
        if file_format == "csv":
            with file.path.open(newline="", encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
            if "campaign" in columns:
                assert {row["campaign"] for row in rows} == {ARAS}
            else:
                assert all(ARAS in row["campaigns"].split(", ") for row in rows)
        elif file_format == "parquet" and "campaign" in columns:
            assert set(pq.read_table(file.path, columns=["campaign"]).column("campaign").to_pylist()) == {ARAS}
    assert frictionless.Package.validate_descriptor(str(result.package)).valid
    if file_format == "csv":
        report = frictionless.validate(str(result.package))
        assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:10]


def test_as_of_adds_control_as_of_on_that_day(
    aras_exports: dict[str, exporting.ExportResult], seeded_connection: Connection
) -> None:
    name = f"control_as_of-{AS_OF.isoformat()}"
    file = next(file for file in aras_exports["parquet"].files if file.name == name)
    expected = _count(
        seeded_connection, "select count(*) from reporting.control_as_of(:day, null, :slug)", day=AS_OF, slug=ARAS
    )
    table = pq.read_table(file.path)
    assert table.num_rows == file.rows == expected > 0
    assert table.schema.field("since").type == pa.date32()
    resource = next(r for r in _package(aras_exports["parquet"])["resources"] if r["name"] == name)
    controller = next(field for field in resource["schema"]["fields"] if field["name"] == "controller")
    assert controller["description"].startswith("The party in control")


def test_an_unknown_campaign_or_a_map_without_a_day_is_refused(database_url: URL, tmp_path: Path) -> None:
    with pytest.raises(exporting.ExportError, match="unknown campaign 'atlantis'"):
        exporting.export(database_url, tmp_path, "csv", campaign="atlantis", progress=False)
    with pytest.raises(exporting.ExportError, match="--as-of is required"):
        exporting.export(database_url, tmp_path, "geojson", progress=False)
    assert not (tmp_path / exporting.PACKAGE_FILE).exists()


# -- GeoJSON -----------------------------------------------------------------------------


def test_geojson_is_one_valid_feature_collection_per_scope(
    exports: dict[str, exporting.ExportResult], seeded_connection: Connection
) -> None:
    slugs = list(seeded_connection.execute(text("select campaign from reporting.campaigns order by 1")).scalars())
    result = exports["geojson"]
    assert [file.path.name for file in result.files] == [
        f"control-{scope}-{AS_OF.isoformat()}.geojson" for scope in [*slugs, "all"]
    ]
    places = {
        row.place_slug: row
        for row in seeded_connection.execute(
            text("select place_slug, latitude, longitude, campaigns from reporting.places where is_mapped")
        )
    }
    for file, scope in zip(result.files, [*slugs, "all"], strict=True):
        collection = geojson.loads(file.path.read_text(encoding="utf-8"))
        assert collection.is_valid, collection.errors()
        assert collection["type"] == "FeatureCollection" and "crs" not in collection
        assert collection["campaign"] == scope and collection["as_of"] == AS_OF.isoformat()
        expected = {slug for slug, row in places.items() if scope == "all" or scope in row.campaigns.split(", ")}
        assert {feature["id"] for feature in collection["features"]} == expected
        assert len(collection["features"]) == file.rows
        for feature in collection["features"]:
            assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
            longitude, latitude = feature["geometry"]["coordinates"]
            assert -180 <= longitude <= 180 and -90 <= latitude <= 90
            place = places[feature["id"]]
            assert (longitude, latitude) == (round(place.longitude, 6), round(place.latitude, 6))
            properties = feature["properties"]
            assert properties["campaign"] == scope and properties["as_of"] == AS_OF.isoformat()
            for key in (
                "place", "kind", "controller", "controller_side", "since", "status", "basis", "claimant",
                "counter_claimant", "coordinate_precision", "coordinates_source",
            ):
                assert key in properties
            assert properties["coordinate_precision"] in ("exact", "settlement", "approximate")


def test_the_aras_valley_map_shows_who_held_each_place(
    aras_exports: dict[str, exporting.ExportResult], seeded_connection: Connection
) -> None:
    result = aras_exports["geojson"]
    assert [file.path.name for file in result.files] == [f"control-{ARAS}-{AS_OF.isoformat()}.geojson"]
    collection = json.loads(result.files[0].path.read_text(encoding="utf-8"))
    assert geojson.GeoJSON.to_instance(collection).is_valid
    control = {
        row.place_slug: row
        for row in seeded_connection.execute(
            text("select * from reporting.control_as_of(:day, null, :slug)"), {"day": AS_OF, "slug": ARAS}
        )
    }
    held = villages = 0
    for feature in collection["features"]:
        longitude, latitude = feature["geometry"]["coordinates"]
        properties = feature["properties"]
        if properties["kind"] == "village" and properties["district"] is not None:
            villages += 1
            assert ARAS_LONGITUDES[0] <= longitude <= ARAS_LONGITUDES[1], feature["id"]
            assert ARAS_LATITUDES[0] <= latitude <= ARAS_LATITUDES[1], feature["id"]
        answer = control.get(feature["id"])
        if answer is None:
            assert properties["controller_side"] is None and properties["status"] is None
            continue
        held += 1
        assert properties["controller_side"] == answer.controller_side
        assert properties["status"] == answer.status and properties["claimant"] == answer.claimant
        assert properties["since"] == (answer.since.isoformat() if answer.since else None)
        assert properties["counter_claimant"] == answer.counter_claimant
    assert held > 50 and villages > 50
    assert {f["properties"]["controller_side"] for f in collection["features"]} >= {"Azerbaijan"}
    package = _package(result)
    assert package["version"] == "2.0.0"
    assert package["resources"][0]["mediatype"] == "application/geo+json"
    assert frictionless.validate(str(result.package)).valid


# -- as a reader login ----------------------------------------------------------------------


@pytest.fixture
def reader_url(seeded_engine: Engine) -> Iterator[URL]:
    """A reader login (campaign_reader: the reporting views only), dropped afterwards."""
    import uuid

    import psycopg

    from campaign_db.config import to_libpq
    from campaign_db.readers import create_reader

    name, password = f"reader_{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    admin_url = to_libpq(seeded_engine.url, hide_password=False)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        create_reader(connection, name, password)
    try:
        yield seeded_engine.url.set(username=name, password=password)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'drop role if exists "{name}"')


def test_a_reader_login_exports_a_release(reader_url: URL, tmp_path: Path) -> None:
    """A reader sees no base table: the sources come from reporting.campaigns."""
    result = exporting.export(reader_url, tmp_path, "csv", campaign="deir-ez-zor-2017", as_of=dt.date(2017, 10, 1),
                              progress=False)
    report = frictionless.validate(str(result.package))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:10]
    package = _package(result)
    assert package["version"] == "1.0.0" and package["licenses"][0]["name"] == "CC-BY-SA-4.0"
    [source] = package["sources"]
    assert source["title"].startswith("Deir ez-Zor offensive") and source["path"].startswith("https://")


# -- the command line ----------------------------------------------------------------------


@pytest.fixture
def database_environment(database_url: URL, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url.render_as_string(hide_password=False))


@pytest.mark.usefixtures("database_environment")
def test_the_export_command_writes_files_and_the_package(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "release"
    assert main(["export", "--format", "csv", "--campaign", ARAS, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "control_daily" in printed and "datapackage.json (aras-valley 2.0.0)" in printed
    assert (out / "control_daily.csv").exists() and (out / exporting.PACKAGE_FILE).exists()
    assert main(["export", "--format", "geojson", "--as-of", "2020-10-22", "--campaign", ARAS, "--out", str(out)]) == 0
    assert (out / "control-aras-valley-2020-10-22.geojson").exists()


@pytest.mark.usefixtures("database_environment")
def test_the_export_command_explains_what_is_wrong_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "geojson", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "campaign-db export: --as-of is required with --format geojson (the day whose control the map shows)"
    ]
    assert main(["export", "--campaign", "atlantis", "--out", str(tmp_path)]) == 2
    assert "unknown campaign 'atlantis'" in capsys.readouterr().err


# -- bounded memory --------------------------------------------------------------------------

#: Rows of the generated result the memory test exports (about 270 bytes each).
BIG_ROWS = 250_000
MEMORY_SCRIPT = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    from psycopg import sql
    from campaign_db import export as exporting

    url, file_format, out, rows = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
    columns = (
        exporting.Column("n", "integer", "row number"),
        exporting.Column("day", "date", "a day"),
        exporting.Column("held", "boolean", "a flag"),
        exporting.Column("quote", "text", "a long text"),
    )
    query = sql.SQL(
        "select n, date '2020-01-01' + n % 1000 as day, n % 3 = 0 as held, repeat(md5(n::text), 8) as quote"
        " from generate_series(1, {}) as n"
    ).format(sql.Literal(rows))
    table = exporting.Table("big", "generated", columns, query)
    path = out / f"big.{file_format}"
    metadata = exporting.package_metadata((), None)
    with exporting.open_database(url) as database:
        # warm up (libraries loaded, connections open) before measuring
        small = exporting.Table("small", None, columns, query + sql.SQL(" limit 10"))
        if file_format == "parquet":
            exporting.write_parquet_table(database, small, path, metadata)
        else:
            exporting.write_text_table(database, small, path, file_format)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if file_format == "parquet":
            written = exporting.write_parquet_table(database, table, path, metadata)
        else:
            written = exporting.write_text_table(database, table, path, file_format)
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(written, path.stat().st_size, (after - before) * 1024)
    """
)


@pytest.mark.parametrize("file_format", exporting.TABULAR_FORMATS)
def test_a_large_result_streams_in_bounded_memory(database_url: URL, tmp_path: Path, file_format: str) -> None:
    """400 000 rows of about 150 bytes (60 MB as CSV, more as JSON or as
    Python objects): the export's peak memory grows by a small fraction of
    that, because rows come through a server-side cursor (CSV, JSON) or as
    Arrow record batches (Parquet) and are written as they come."""
    completed = subprocess.run(
        [sys.executable, "-c", MEMORY_SCRIPT, database_url.render_as_string(hide_password=False), file_format,
         str(tmp_path), str(BIG_ROWS)],
        check=False, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
    )
    assert completed.returncode == 0, completed.stderr
    written, size, growth = (int(value) for value in completed.stdout.split())
    assert written == BIG_ROWS
    assert growth < 48 * 1024 * 1024, f"peak memory grew by {growth} bytes for a {size}-byte file"
    if file_format == "parquet":
        assert pq.ParquetFile(tmp_path / "big.parquet").metadata.num_row_groups > 5
    else:
        assert size > 50 * 1024 * 1024


def test_exports_read_through_a_server_side_cursor(
    database_url: URL, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """control_daily is read through a cursor declared on the server, never
    fetched whole: while its rows are written the cursor is open."""
    open_cursors: list[int] = []

    with exporting.open_database(database_url) as database:

        class WatchingWriter(serialise.CsvWriter):
            def write(self, values: Any) -> None:
                if self.rows % 5000 == 0:
                    query = "select count(*) from pg_cursors where name = 'campaign_db_export' and not is_holdable"
                    row = database.connection.execute(query).fetchone()
                    open_cursors.append(row[0] if row else 0)
                super().write(values)

        monkeypatch.setattr(exporting, "CsvWriter", WatchingWriter)
        table = next(table for table in exporting.tables(database, None, None) if table.name == "control_daily")
        rows = exporting.write_text_table(database, table, tmp_path / "control_daily.csv", "csv")
        left_open = database.connection.execute("select count(*) from pg_cursors").fetchone()
    assert rows > 10_000 and len(open_cursors) >= 3 and set(open_cursors) == {1}
    assert left_open == (0,)


# -- citing a release ---------------------------------------------------------------------

REPOSITORY = Path(__file__).resolve().parents[1]


def test_citation_and_changelog_name_every_campaigns_dataset_version() -> None:
    citation = yaml.safe_load((REPOSITORY / "CITATION.cff").read_text(encoding="utf-8"))
    changelog = (REPOSITORY / "CHANGELOG.md").read_text(encoding="utf-8")
    assert citation["cff-version"] == "1.2.0" and citation["license"] == "MIT"
    assert {"message", "title", "authors"} <= set(citation)
    data = {reference["title"]: reference for reference in citation["references"] if reference["type"] == "data"}
    for folder in sorted((REPOSITORY / "seeds").glob("*/campaign.yaml")):
        campaign = yaml.safe_load(folder.read_text(encoding="utf-8"))
        reference = data[f"campaign-db dataset: {campaign['title']}"]
        assert str(reference["version"]) == campaign["version"] and reference["license"] == "CC-BY-SA-4.0"
        section = changelog.split(f"\n## {campaign['slug']}\n", 1)[1].split("\n## ", 1)[0]
        assert f"### {campaign['version']}\n" in section, campaign["slug"]
