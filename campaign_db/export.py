"""Export the consumer views of ``reporting`` as a citable data release.

``export(url, out, file_format, campaign, as_of)`` writes one file per
consumer view (CSV, JSON or Parquet) or, for GeoJSON, one map layer per
campaign scope, and beside them a Frictionless ``datapackage.json`` that
describes every file: its table schema with the views' column comments and
types, the campaigns' dataset versions and seed SHA-256s, the source
documents and their licences.

Memory stays bounded whatever the size of a view: CSV, JSON and GeoJSON rows
come through a server-side cursor and are written one at a time (by
:mod:`campaign_db.serialise`, exactly as the report commands print them);
Parquet is read with the ADBC PostgreSQL driver (``COPY … TO STDOUT`` in
binary) straight into Arrow record batches of a few megabytes, each written
as it arrives, so its columns keep their SQL types (dates as dates, nullable
integers as nullable integers, booleans as booleans). Every file of one
export reads the same snapshot of the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo
from sqlalchemy.engine import URL

from .database import connect, connection_parameters
from .progress import Progress
from .serialise import CsvWriter, JsonWriter, json_value

if TYPE_CHECKING:
    import pyarrow as pa
    from adbc_driver_postgresql.dbapi import Connection as ArrowConnection

FORMATS = ("csv", "json", "parquet", "geojson")
TABULAR_FORMATS = ("csv", "json", "parquet")
#: The --campaign value (and the campaign column's value) meaning every campaign together.
ALL = "all"
PACKAGE_FILE = "datapackage.json"
#: Rows a server-side cursor fetches at a time.
CURSOR_ROWS = 2_000
#: The size the ADBC driver aims at for each Arrow record batch.
ARROW_BATCH_BYTES = 4 * 1024 * 1024
#: Decimal places of GeoJSON coordinates (RFC 7946 §11.2: about 10 cm).
COORDINATE_DECIMALS = 6

#: Formats whose size and hash go into the standard ``bytes`` and ``hash``
#: properties; Frictionless cannot count the bytes of the others as it reads
#: them (it would report a mismatch), so they carry a ``sha256`` property.
CHECKED_FORMATS = ("csv", "geojson")

MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
    "geojson": "application/geo+json",
}

#: The Frictionless field type of each PostgreSQL type a consumer view may
#: use (design §4: BI-friendly types only). Any other type is refused rather
#: than described wrongly.
FIELD_TYPES = {
    "text": "string",
    "character varying": "string",
    "smallint": "integer",
    "integer": "integer",
    "bigint": "integer",
    "boolean": "boolean",
    "date": "date",
    "double precision": "number",
    "real": "number",
    "numeric": "number",
    "timestamp with time zone": "datetime",
    "timestamp without time zone": "datetime",
}

#: Licences as the seed documents spell them → (SPDX id, address, title).
LICENCES = {
    "CCBYSA4.0": (
        "CC-BY-SA-4.0", "https://creativecommons.org/licenses/by-sa/4.0/",
        "Creative Commons Attribution-ShareAlike 4.0 International",
    ),
    "CCBYSA3.0": (
        "CC-BY-SA-3.0", "https://creativecommons.org/licenses/by-sa/3.0/",
        "Creative Commons Attribution-ShareAlike 3.0 Unported",
    ),
    "CCBY4.0": (
        "CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/", "Creative Commons Attribution 4.0 International"
    ),
    "CC01.0": ("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0 Universal"),
    "ODBL1.0": (
        "ODbL-1.0", "https://opendatacommons.org/licenses/odbl/1-0/", "Open Data Commons Open Database License 1.0"
    ),
}

#: The control_as_of columns a GeoJSON feature carries, under these property names.
GEOJSON_CONTROL_PROPERTIES = (
    ("controller", "controller"),
    ("controller_code", "controller_code"),
    ("controller_side", "controller_side"),
    ("since", "since"),
    ("status", "status"),
    ("evidence", "evidence"),
    ("basis", "basis"),
    ("claim_id", "claim_id"),
    ("claimant", "claimant"),
    ("counter_claim_id", "counter_claim_id"),
    ("counter_claimant", "counter_claimant"),
    ("counter_side", "counter_side"),
    ("counter_kind", "counter_kind"),
    ("share_percent", "share_percent"),
)


#: A statement built with psycopg.sql, every value quoted.
Query = sql.SQL | sql.Composed


class ExportError(ValueError):
    """The export cannot be made as asked (unknown campaign, missing --as-of,
    an empty database, a column type no format can carry)."""


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    description: str | None

    @property
    def field_type(self) -> str:
        try:
            return FIELD_TYPES[self.sql_type]
        except KeyError:
            raise ExportError(
                f"column {self.name} has type {self.sql_type}, which the exports cannot describe"
                " (the reporting views use text, integer, bigint, boolean, date, double precision)"
            ) from None

    def field(self) -> dict[str, Any]:
        """The Frictionless field descriptor."""
        field: dict[str, Any] = {"name": self.name, "type": self.field_type}
        if self.description:
            field["description"] = self.description
        return field


@dataclass(frozen=True)
class Table:
    """Something exported as one file: a view, or control_as_of on one day."""

    name: str
    description: str | None
    columns: tuple[Column, ...]
    query: Query

    def fields(self) -> list[dict[str, Any]]:
        """The Frictionless fields (ExportError for a type they cannot describe)."""
        return [column.field() for column in self.columns]


@dataclass(frozen=True)
class Source:
    """A campaign's source document."""

    campaign: str
    title: str
    url: str | None
    licence: str | None
    publisher: str | None = None
    retrieved_on: dt.date | None = None
    sha256: str | None = None

    def descriptor(self) -> dict[str, Any]:
        source: dict[str, Any] = {"title": self.title}
        if self.url:
            source["path"] = self.url
        source["campaign"] = self.campaign
        for key in ("publisher", "licence", "retrieved_on", "sha256"):
            value = getattr(self, key)
            if value is not None:
                source[key] = json_value(value)
        return source


@dataclass(frozen=True)
class Release:
    """One campaign's dataset release: its version, seed hash and sources."""

    campaign: str
    title: str
    version: str
    seed_sha256: str | None
    first_day: dt.date
    last_day: dt.date
    sources: tuple[Source, ...]

    def descriptor(self) -> dict[str, Any]:
        return {
            "name": self.campaign,
            "title": self.title,
            "version": self.version,
            "seed_sha256": self.seed_sha256,
            "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
        }


@dataclass(frozen=True)
class ExportedFile:
    """A file written, and the Frictionless resource that describes it."""

    name: str
    path: Path
    file_format: str
    rows: int
    bytes: int
    sha256: str
    seconds: float
    description: str | None
    columns: tuple[Column, ...]

    def resource(self) -> dict[str, Any]:
        resource: dict[str, Any] = {
            "name": self.name,
            "path": self.path.name,
            "format": self.file_format,
            "mediatype": MEDIA_TYPES[self.file_format],
        }
        if self.file_format != "parquet":
            resource["encoding"] = "utf-8"
        if self.description:
            resource["description"] = self.description
        if self.file_format in CHECKED_FORMATS:
            resource["bytes"] = self.bytes
            resource["hash"] = f"sha256:{self.sha256}"
        else:
            resource["sha256"] = self.sha256
        if self.file_format == "geojson":
            resource["profile"] = "data-resource"
            resource["features"] = self.rows
            resource["featureProperties"] = [column.field() for column in self.columns]
        else:
            resource["profile"] = "tabular-data-resource"
            resource["rows"] = self.rows
            resource["schema"] = {"fields": [column.field() for column in self.columns]}
        return resource


@dataclass(frozen=True)
class ExportResult:
    directory: Path
    file_format: str
    campaign: str | None
    as_of: dt.date | None
    files: tuple[ExportedFile, ...]
    package: Path
    releases: tuple[Release, ...]


# -- the database ------------------------------------------------------------


class Database:
    """One export's view of the database: a read-only, repeatable-read
    transaction, and (for Parquet) an ADBC connection on the same snapshot."""

    def __init__(self, connection: psycopg.Connection[tuple[Any, ...]], conninfo: str, snapshot: str) -> None:
        self.connection = connection
        self._conninfo = conninfo
        self._snapshot = snapshot
        self._arrow: ArrowConnection | None = None

    def rows(self, query: Query, parameters: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        """A small result, whole."""
        return self.connection.execute(query, parameters).fetchall()

    def stream(self, query: Query) -> Iterator[tuple[Any, ...]]:
        """A result of any size, CURSOR_ROWS rows at a time (server-side cursor)."""
        with self.connection.cursor(name="campaign_db_export") as cursor:
            cursor.itersize = CURSOR_ROWS
            cursor.execute(query)
            yield from cursor

    def literal(self, query: Query) -> str:
        """``query`` as text, every value quoted by psycopg (ADBC streams only
        statements without parameters)."""
        return query.as_string(self.connection)

    @contextmanager
    def arrow_batches(self, query: Query) -> Iterator[pa.RecordBatchReader]:
        """A result of any size as a stream of Arrow record batches of about
        ARROW_BATCH_BYTES each, read with ``COPY … TO STDOUT (FORMAT binary)``."""
        cursor = self._arrow_connection().cursor()
        try:
            cursor.adbc_statement.set_options(**{"adbc.postgresql.batch_size_hint_bytes": str(ARROW_BATCH_BYTES)})
            cursor.execute(self.literal(query))
            reader = cursor.fetch_record_batch()
            try:
                yield reader
            finally:
                reader.close()
        finally:
            cursor.close()

    def _arrow_connection(self) -> ArrowConnection:
        if self._arrow is None:
            import adbc_driver_postgresql.dbapi

            arrow = adbc_driver_postgresql.dbapi.connect(self._conninfo, autocommit=True)
            cursor = arrow.cursor()
            cursor.execute("begin transaction isolation level repeatable read read only")
            cursor.execute(f"set transaction snapshot '{self._snapshot}'")
            cursor.close()
            self._arrow = arrow
        return self._arrow

    def close(self) -> None:
        if self._arrow is not None:
            self._arrow.close()
            self._arrow = None


@contextmanager
def open_database(url: URL | str) -> Iterator[Database]:
    """Connect to the database at ``url`` (any spelling campaign_db.config
    accepts) for one export. The only place this module connects: psycopg
    through campaign_db.database (connect timeout, application name, a
    one-line DatabaseUnavailable), ADBC with the same connection parameters."""
    conninfo = make_conninfo(**connection_parameters(url))
    with connect(url) as connection:
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        snapshot = connection.execute("select pg_export_snapshot()").fetchone()
        assert snapshot is not None
        database = Database(connection, conninfo, str(snapshot[0]))
        try:
            yield database
        finally:
            database.close()
            connection.rollback()


# -- what the database holds ---------------------------------------------------


def consumer_views(database: Database) -> list[tuple[str, str | None]]:
    """Every view of schema ``reporting``: (name, comment), by name."""
    rows = database.rows(
        sql.SQL(
            """
            select c.relname, obj_description(c.oid, 'pg_class')
            from pg_class as c
            inner join pg_namespace as n on n.oid = c.relnamespace
            where n.nspname = 'reporting' and c.relkind in ('v', 'm')
            order by c.relname
            """
        )
    )
    return [(str(name), comment) for name, comment in rows]


def view_columns(database: Database, view: str) -> tuple[Column, ...]:
    """The columns of ``reporting.<view>``, in order, with their comments."""
    rows = database.rows(
        sql.SQL(
            """
            select a.attname, format_type(a.atttypid, null), col_description(a.attrelid, a.attnum)
            from pg_attribute as a
            where a.attrelid = format('reporting.%%I', %s::text)::regclass and a.attnum > 0 and not a.attisdropped
            order by a.attnum
            """
        ),
        (view,),
    )
    return tuple(Column(name, sql_type, description) for name, sql_type, description in rows)


def control_as_of_columns(database: Database) -> tuple[str | None, tuple[Column, ...]]:
    """reporting.control_as_of's comment and result columns; a column's
    description is that of control_daily's column of the same name."""
    rows = database.rows(
        sql.SQL(
            """
            select
                obj_description(p.oid, 'pg_proc'),
                a.name,
                format_type(a.type, null),
                col_description('reporting.control_daily'::regclass, (
                    select d.attnum from pg_attribute as d
                    where d.attrelid = 'reporting.control_daily'::regclass and d.attname = a.name
                ))
            from pg_proc as p
            cross join lateral unnest(p.proargnames, p.proallargtypes, p.proargmodes)
                with ordinality as a (name, type, mode, position)
            where p.oid = 'reporting.control_as_of(date, date, text)'::regprocedure and a.mode = 't'
            order by a.position
            """
        )
    )
    comment = rows[0][0] if rows else None
    return comment, tuple(Column(name, sql_type, description) for _, name, sql_type, description in rows)


def campaign_slugs(database: Database) -> list[str]:
    return [str(row[0]) for row in database.rows(sql.SQL("select campaign from reporting.campaigns order by 1"))]


def releases(database: Database, campaign: str | None) -> tuple[Release, ...]:
    """The release of each campaign in the export's scope, with its sources."""
    rows = database.rows(
        sql.SQL(
            """
            select campaign, campaign_title, version, seed_sha256, first_day, last_day,
                licence, document_titles, document_urls
            from reporting.campaigns
            where %s::text is null or campaign = %s::text
            order by campaign
            """
        ),
        (campaign, campaign),
    )
    documents = source_documents(database)
    result = []
    for slug, title, version, seed_sha256, first_day, last_day, licence, titles, urls in rows:
        sources = documents.get(slug) if documents is not None else None
        if sources is None:
            sources = sources_from_campaign_row(slug, licence, titles, urls)
        result.append(Release(slug, title, version, seed_sha256, first_day, last_day, tuple(sources)))
    return tuple(result)


def source_documents(database: Database) -> dict[str, list[Source]]:
    """Each campaign's documents (reporting.documents: readable by a reader login too)."""
    documents: dict[str, list[Source]] = {}
    for row in database.rows(
        sql.SQL(
            """
            select documents.campaign, documents.title, documents.url, documents.licence, documents.publisher,
                documents.retrieved_on, documents.sha256
            from reporting.documents as documents
            order by documents.campaign, documents.document_slug
            """
        )
    ):
        documents.setdefault(row[0], []).append(Source(*row))
    return documents


def sources_from_campaign_row(slug: str, licence: str | None, titles: str | None, urls: str | None) -> list[Source]:
    """Sources as reporting.campaigns lists them ('; '-separated titles; the
    addresses pair with the titles only when every document has one)."""
    title_list = titles.split("; ") if titles else []
    url_list = urls.split("; ") if urls else []
    if len(url_list) != len(title_list):
        url_list = []
    licence_value = licence if licence and "; " not in licence else None
    return [
        Source(slug, title, url_list[index] if url_list else None, licence_value)
        for index, title in enumerate(title_list)
    ]


# -- the data package ----------------------------------------------------------


def licence_descriptor(text: str) -> dict[str, str]:
    """A Frictionless licence for a licence as a document names it."""
    known = LICENCES.get(re.sub(r"[\s_-]+", "", text).upper())
    if known is None:
        return {"name": re.sub(r"[^-a-zA-Z0-9._]+", "-", text.strip()).strip("-") or "unknown", "title": text}
    name, path, title = known
    return {"name": name, "path": path, "title": title}


def package_version(releases_: Sequence[Release]) -> str:
    """The release's version: the campaign's dataset version, or each
    campaign's ("aras-valley 2.0.0, deir-ez-zor-2017 1.0.0") for several."""
    if len(releases_) == 1:
        return releases_[0].version
    return ", ".join(f"{release.campaign} {release.version}" for release in releases_)


def package_metadata(releases_: Sequence[Release], campaign: str | None) -> dict[str, Any]:
    """Everything the data package says besides its resources (also the
    Parquet files' schema metadata)."""
    single = releases_[0] if campaign not in (None, ALL) and len(releases_) == 1 else None
    licences: dict[str, dict[str, str]] = {}
    for release in releases_:
        for source in release.sources:
            if source.licence:
                for part in source.licence.split("; "):
                    descriptor = licence_descriptor(part)
                    licences.setdefault(descriptor["name"], descriptor)
    title = f"campaign-db: {single.title}" if single else "campaign-db: every campaign"
    return {
        "name": f"campaign-db-{single.campaign}" if single else "campaign-db",
        "title": title,
        "description": (
            "Claims made during armed conflicts (who said which place was captured when, who denied it, who"
            " corroborated it, what losses each side reported), each with the verbatim quote it was read from,"
            " and the control of every place inferred from them: the consumer views of the campaign-db"
            " reporting schema. Cite the campaign's dataset version (see CITATION.cff)."
        ),
        "version": package_version(releases_),
        "licenses": list(licences.values()),
        "sources": [source.descriptor() for release in releases_ for source in release.sources],
        "keywords": ["armed conflict", "territorial control", "claims", "OSINT"],
        "campaigns": [release.descriptor() for release in releases_],
        "seed_sha256": {release.campaign: release.seed_sha256 for release in releases_},
    }


def write_package(out: Path, metadata: dict[str, Any], files: Sequence[ExportedFile]) -> Path:
    tabular = all(file.file_format in TABULAR_FORMATS for file in files)
    package = {
        "profile": "tabular-data-package" if tabular else "data-package",
        **metadata,
        "resources": [file.resource() for file in files],
    }
    path = out / PACKAGE_FILE
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


# -- writing files -------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def campaign_filter(columns: Sequence[Column], campaign: str | None) -> Query:
    """The WHERE clause that keeps the rows of ``campaign`` (every row for
    none or 'all'): the campaign column equal to it, or, for the gazetteer,
    the campaign among those naming the place."""
    if campaign in (None, ALL):
        return sql.SQL("")
    names = {column.name for column in columns}
    if "campaign" in names:
        return sql.SQL(" where campaign = {}").format(sql.Literal(campaign))
    if "campaigns" in names:
        return sql.SQL(" where {} = any(string_to_array(campaigns, ', '))").format(sql.Literal(campaign))
    return sql.SQL("")


def ordered(columns: Sequence[Column]) -> Query:
    """ORDER BY every column in order: the same data, the same file."""
    return sql.SQL(" order by ") + sql.SQL(", ").join(sql.Identifier(column.name) for column in columns)


def tables(database: Database, campaign: str | None, as_of: dt.date | None) -> list[Table]:
    """The tables an export writes: every consumer view, and control_as_of
    on ``as_of`` when given."""
    result = []
    for view, comment in consumer_views(database):
        columns = view_columns(database, view)
        query = (
            sql.SQL("select * from reporting.{}").format(sql.Identifier(view))
            + campaign_filter(columns, campaign)
            + ordered(columns)
        )
        result.append(Table(view, comment, columns, query))
    if as_of is not None:
        comment, columns = control_as_of_columns(database)
        query = sql.SQL("select * from reporting.control_as_of({}, null, {})").format(
            sql.Literal(as_of), sql.Literal(campaign)
        ) + ordered(columns)
        description = f"reporting.control_as_of on {as_of.isoformat()}, as known today. {comment or ''}".strip()
        result.append(Table(f"control_as_of-{as_of.isoformat()}", description, columns, query))
    return result


def write_text_table(database: Database, table: Table, path: Path, file_format: str) -> int:
    names = [column.name for column in table.columns]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer: CsvWriter | JsonWriter = (
            CsvWriter(handle, names) if file_format == "csv" else JsonWriter(handle, names)
        )
        for row in database.stream(table.query):
            writer.write(row)
        if isinstance(writer, JsonWriter):
            writer.close()
        return writer.rows


def arrow_metadata(metadata: dict[str, Any], table: Table) -> dict[bytes, bytes]:
    """The data package's metadata as Parquet schema metadata (JSON values)."""
    entries: dict[str, Any] = {
        "name": table.name,
        "description": table.description,
        "version": metadata["version"],
        "licenses": metadata["licenses"],
        "sources": metadata["sources"],
        "campaigns": metadata["campaigns"],
        "seed_sha256": metadata["seed_sha256"],
        "package": metadata["name"],
    }
    return {
        key.encode(): (value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)).encode()
        for key, value in entries.items()
        if value is not None
    }


def write_parquet_table(database: Database, table: Table, path: Path, metadata: dict[str, Any]) -> int:
    with database.arrow_batches(table.query) as reader:
        return write_arrow_stream(reader, table, path, metadata)


def write_arrow_stream(reader: pa.RecordBatchReader, table: Table, path: Path, metadata: dict[str, Any]) -> int:
    """Write the record batches of ``reader`` to a Parquet file one at a
    time, with the column descriptions and the package metadata in its schema."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    descriptions = {column.name: column.description for column in table.columns}
    fields = []
    for field in reader.schema:
        if isinstance(field.type, pa.ExtensionType):
            raise ExportError(
                f"{table.name}.{field.name}: Arrow reads its PostgreSQL type as {field.type}; cast it in the view"
            )
        field_metadata = dict(field.metadata or {})
        description = descriptions.get(field.name)
        if description:
            field_metadata[b"description"] = description.encode()
        fields.append(field.with_metadata(field_metadata))
    schema = pa.schema(fields, metadata=arrow_metadata(metadata, table))
    rows = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for batch in reader:
            writer.write_batch(batch)
            rows += batch.num_rows
    return rows


def finished(
    name: str, path: Path, file_format: str, rows: int, started: float, description: str | None,
    columns: tuple[Column, ...],
) -> ExportedFile:
    return ExportedFile(
        name, path, file_format, rows, path.stat().st_size, sha256_of(path), time.monotonic() - started,
        description, columns,
    )


# -- GeoJSON ---------------------------------------------------------------------

#: Each GeoJSON property: its name, and the view column it is (its type and
#: description come from there); None for the properties of the export itself.
GEOJSON_PROPERTIES: tuple[tuple[str, str | None, str | None], ...] = (
    ("place_id", "places", "place_id"),
    ("place_slug", "places", "place_slug"),
    ("place", "places", "place_name"),
    ("kind", "places", "place_kind"),
    ("district", "control_daily", "district"),
    ("campaign", "control_daily", "campaign"),
    ("as_of", None, None),
    *((name, "control_daily", column) for column, name in GEOJSON_CONTROL_PROPERTIES),
    ("coordinate_precision", "places", "coordinate_precision"),
    ("coordinates_source", "places", "coordinates_source"),
)
AS_OF_PROPERTY = Column("as_of", "date", "The day whose control the feature shows, as known today.")


def geojson_columns(database: Database) -> tuple[Column, ...]:
    """The features' properties, described by the view columns they come from."""
    views = {
        view: {column.name: column for column in view_columns(database, view)} for view in ("places", "control_daily")
    }
    columns = []
    for name, view, column in GEOJSON_PROPERTIES:
        if view is None or column is None:
            columns.append(AS_OF_PROPERTY)
        else:
            source = views[view][column]
            columns.append(Column(name, source.sql_type, source.description))
    return tuple(columns)


def geojson_scopes(database: Database, campaign: str | None) -> list[str]:
    """One map per scope: the campaign asked for, or each campaign and 'all'."""
    if campaign is None:
        return [*campaign_slugs(database), ALL]
    return [campaign]


def geojson_query(scope: str, as_of: dt.date) -> Query:
    control = ", ".join(f"control.{column}" for column, _ in GEOJSON_CONTROL_PROPERTIES)
    where = (
        sql.SQL("")
        if scope == ALL
        else sql.SQL(" and {} = any(string_to_array(places.campaigns, ', '))").format(sql.Literal(scope))
    )
    return sql.SQL(
        "select places.place_id, places.place_slug, places.place_name, places.place_kind,"
        " coalesce(control.district, places.district), places.longitude, places.latitude,"
        " places.coordinate_precision, places.coordinates_source, " + control
        + " from reporting.places as places"
        " left join reporting.control_as_of({as_of}, null, {scope}) as control on control.place_id = places.place_id"
        " where places.is_mapped and places.latitude is not null and places.longitude is not null"
    ).format(as_of=sql.Literal(as_of), scope=sql.Literal(scope)) + where + sql.SQL(
        " order by places.place_id, control.claim_id"
    )


def feature(row: Sequence[Any], scope: str, as_of: dt.date) -> dict[str, Any]:
    """A GeoJSON Feature: the place's point and who held it on as_of."""
    place_id, slug, name, kind, district, longitude, latitude, precision, coordinates_source = row[:9]
    if not (-180 <= longitude <= 180 and -90 <= latitude <= 90) or not (math.isfinite(longitude + latitude)):
        raise ExportError(f"place {slug}: coordinates ({latitude}, {longitude}) are out of range")
    properties: dict[str, Any] = {
        "place_id": place_id,
        "place_slug": slug,
        "place": name,
        "kind": kind,
        "district": district,
        "campaign": scope,
        "as_of": as_of.isoformat(),
    }
    for (_, key), value in zip(GEOJSON_CONTROL_PROPERTIES, row[9:], strict=True):
        properties[key] = json_value(value)
    properties["coordinate_precision"] = precision
    properties["coordinates_source"] = coordinates_source
    return {
        "type": "Feature",
        "id": slug,
        "geometry": {
            "type": "Point",
            "coordinates": [round(float(longitude), COORDINATE_DECIMALS), round(float(latitude), COORDINATE_DECIMALS)],
        },
        "properties": properties,
    }


def attribution(releases_: Sequence[Release]) -> str:
    parts = []
    for release in releases_:
        documents = "; ".join(
            f"{source.title} ({source.licence})" if source.licence else source.title for source in release.sources
        )
        parts.append(f"{release.title}, dataset version {release.version}: {documents}")
    return " | ".join(parts)


def write_geojson(
    database: Database, scope: str, as_of: dt.date, path: Path, releases_: Sequence[Release]
) -> int:
    """An RFC 7946 FeatureCollection, one Point feature per mapped place,
    streamed feature by feature."""
    scoped = [release for release in releases_ if scope in (ALL, release.campaign)]
    header = {
        "type": "FeatureCollection",
        "name": f"control-{scope}-{as_of.isoformat()}",
        "campaign": scope,
        "as_of": as_of.isoformat(),
        "version": package_version(scoped) if scoped else None,
        "attribution": attribution(scoped),
    }
    rows = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "features": [')
        for row in database.stream(geojson_query(scope, as_of)):
            handle.write(("\n" if rows == 0 else ",\n") + json.dumps(feature(row, scope, as_of), ensure_ascii=False))
            rows += 1
        handle.write("\n]}\n")
    return rows


# -- the export --------------------------------------------------------------------


def export(
    url: URL | str,
    out: Path,
    file_format: str,
    campaign: str | None = None,
    as_of: dt.date | None = None,
    progress: bool = True,
) -> ExportResult:
    """Export the database at ``url`` into directory ``out`` (created): one
    file per consumer view (``file_format`` csv, json or parquet; the rows of
    ``campaign`` only when given, 'all' or None for every row; plus
    control_as_of on ``as_of`` when given), or for geojson one map per scope
    on ``as_of``; then ``datapackage.json``."""
    if file_format not in FORMATS:
        raise ExportError(f"unknown format {file_format!r}: expected one of {', '.join(FORMATS)}")
    if file_format == "geojson" and as_of is None:
        raise ExportError("--as-of is required with --format geojson (the day whose control the map shows)")
    with open_database(url) as database:
        slugs = campaign_slugs(database)
        if not slugs:
            raise ExportError("the database holds no campaign: run `campaign-db up` first")
        if campaign is not None and campaign != ALL and campaign not in slugs:
            raise ExportError(f"unknown campaign {campaign!r}: expected one of {', '.join([*slugs, ALL])}")
        scope_releases = releases(database, None if campaign in (None, ALL) else campaign)
        metadata = package_metadata(scope_releases, campaign)
        out.mkdir(parents=True, exist_ok=True)
        files: list[ExportedFile] = []
        if file_format == "geojson":
            assert as_of is not None
            scopes = geojson_scopes(database, campaign)
            properties = geojson_columns(database)
            bar = Progress(len(scopes), "exporting geojson") if progress else None
            for scope in scopes:
                started = time.monotonic()
                name = f"control-{scope}-{as_of.isoformat()}"
                path = out / f"{name}.geojson"
                count = write_geojson(database, scope, as_of, path, scope_releases)
                description = (
                    f"Mapped places{'' if scope == ALL else f' of {scope}'} with their controlling side on"
                    f" {as_of.isoformat()} as known today (scope {scope}): an RFC 7946 FeatureCollection of"
                    " Points [longitude, latitude] (WGS 84)."
                )
                files.append(finished(name, path, file_format, count, started, description, properties))
                if bar:
                    bar.step(name)
        else:
            to_write = tables(database, campaign, as_of)
            bar = Progress(len(to_write), f"exporting {file_format}") if progress else None
            for table in to_write:
                started = time.monotonic()
                path = out / f"{table.name}.{file_format}"
                table.fields()  # refuses a column type the package cannot describe, before writing
                if file_format == "parquet":
                    count = write_parquet_table(database, table, path, metadata)
                else:
                    count = write_text_table(database, table, path, file_format)
                files.append(
                    finished(table.name, path, file_format, count, started, table.description, table.columns)
                )
                if bar:
                    bar.step(table.name)
        package = write_package(out, metadata, files)
    return ExportResult(out, file_format, campaign, as_of, tuple(files), package, scope_releases)
