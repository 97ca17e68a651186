"""Bulk import: a campaign's claims (and places) from tabular files.

A campaign folder says what the campaign is (``campaign.yaml``, its parties,
sides and sources, and any YAML it has); a claims file adds claims in bulk,
one row per claim × place, and a places file adds places. Files are CSV
(with a header) or Parquet, read in batches with Arrow, checked column by
column with vectorised functions, and copied into staging tables with
``COPY``; references and the consistency of each claim's rows are checked
in SQL, set-based; the same upserts as the seed loader then write them
(``seeding.writer``), in one transaction: any problem is reported by file,
row and column, and nothing is written.

Columns of a claims file (``docs``: ``campaign-db import --help``):
``claim`` (slug), ``source`` (slug or ``narrative``), ``kind``,
``stated_from``, ``occurred_from``, ``summary``, ``quote`` are required;
``stated_to``/``occurred_to`` (empty: the same day; ``open``: no end),
``stated_time``, ``occurred_time``, ``actor``, ``target``, ``hedge``,
``event``, ``same_as``, ``place``, ``role`` (default ``subject``),
``share``, ``document``, ``note`` are optional. Columns of a places file:
``place`` (slug), ``name``, ``kind``, ``url`` and ``quote`` (where the place
is stated) are required; ``area``, ``latitude``, ``longitude``,
``precision`` are optional. Columns of a responses file (denials and
corroborations of claims): ``response`` (``denial`` or ``corroboration``),
``slug``, ``claim``, ``source``, ``stated_from``, ``quote`` are required;
``kind`` (required for a corroboration), ``stated_to``, ``place`` (one of
the claim's places), ``counter_statement`` (a denial's), ``document``
(default: the claim's), ``note`` are optional. A claim's ``document``
defaults to the campaign's account document when it has only one. Files are
named in messages and counts by their path as given.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from sqlalchemy import Connection, text

from .import_columns import (
    CLAIM_COLUMNS,
    CLAIM_REQUIRED,
    PLACE_COLUMNS,
    PLACE_REQUIRED,
    RESPONSE_COLUMNS,
    RESPONSE_REQUIRED,
)
from .models.vocabularies import (
    CLAIM_KINDS,
    CONTROL_CLAIM_KINDS,
    COORDINATE_PRECISIONS,
    CORROBORATION_KINDS,
    HEDGES,
    PLACE_KINDS,
    PLACE_ROLES,
    sql_list,
)
from .seeding.errors import SeedProblem, shorten
from .seeding.loader import ADVISORY_LOCK_KEY
from .seeding.quotes import FRAGMENT_SEPARATOR, normalise
from .seeding.reading import CampaignFolder
from .seeding.report import LoadReport
from .seeding.staging import driver
from .seeding.writer import CampaignWriter

#: At most this many problems are listed; the count says how many there were.
MAX_PROBLEMS = 200
BATCH_ROWS = 100_000
SLUG = r"^[a-z0-9][a-z0-9-]*$"
DAY = r"^\d{4}-\d{2}-\d{2}$"


class ImportFilesError(Exception):
    """The files cannot be imported; nothing was written."""

    def __init__(self, problems: list[SeedProblem], total: int) -> None:
        self.problems = problems
        self.total = total
        super().__init__(str(self))

    def __str__(self) -> str:
        heading = f"{self.total} problem{'s' if self.total != 1 else ''} in the imported files; nothing was imported:"
        lines = [
            f"  {problem.file}: {problem.entry}: column {problem.field}: {problem.message}" for problem in self.problems
        ]
        if self.total > len(self.problems):
            lines.append(f"  ... and {self.total - len(self.problems)} more")
        return "\n".join([heading, *lines])


@dataclass
class _Problems:
    items: list[SeedProblem] = field(default_factory=list)
    total: int = 0

    def add(self, file: str, row: int | str, column: str, message: str) -> None:
        self.total += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(SeedProblem(file, f"row {row}" if isinstance(row, int) else row, column, message))


@dataclass(frozen=True)
class ImportReport:
    """What an import did: the load report, the rows read per file (by its
    path as given), and the seconds each phase took (reading, checking,
    writing, deriving)."""

    load: LoadReport
    rows: dict[str, int]
    phases: dict[str, float]


def batches(path: Path, columns: tuple[str, ...]) -> Iterator[pa.RecordBatch]:
    """The file's rows in batches, every column as text (null when empty)."""
    if path.suffix.lower() in (".parquet", ".pq"):
        file = pq.ParquetFile(path)
        for batch in file.iter_batches(batch_size=BATCH_ROWS):
            yield _as_text(batch)
        return
    reader = pa_csv.open_csv(
        path,
        read_options=pa_csv.ReadOptions(block_size=8 << 20),
        convert_options=pa_csv.ConvertOptions(
            column_types={name: pa.string() for name in columns}, strings_can_be_null=True
        ),
    )
    for batch in reader:
        yield _as_text(batch)


def _as_text(batch: pa.RecordBatch) -> pa.RecordBatch:
    arrays = []
    for column in batch.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            arrays.append(pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column.cast(pa.string())))
        elif pa.types.is_date(column.type):
            arrays.append(pc.strftime(column, format="%Y-%m-%d"))
        else:
            arrays.append(column.cast(pa.string()))
    return pa.RecordBatch.from_arrays(arrays, names=batch.schema.names)


class _Checker:
    """Vectorised checks of one batch; problems by row and column."""

    def __init__(self, file: str, problems: _Problems, bounds: tuple[str, str]) -> None:
        self.file = file
        self.problems = problems
        self.bounds = bounds

    def flag(self, batch: pa.RecordBatch, first_row: int, bad: pa.Array, column: str, message: Any) -> None:
        """Record a problem for each row where ``bad`` is true; ``message`` is
        text or a function of the row's value."""
        indices = pc.indices_nonzero(pc.fill_null(bad, False))
        if len(indices) == 0:
            return
        if column in batch.schema.names:
            values = pc.take(batch.column(column), indices).to_pylist()
        else:
            values = [None] * len(indices)
        for index, value in zip(indices.to_pylist(), values, strict=True):
            text_message = message(value) if callable(message) else message
            self.problems.add(self.file, first_row + index, column, text_message)

    def required(self, batch: pa.RecordBatch, first_row: int, columns: tuple[str, ...]) -> None:
        for column in columns:
            if column in batch.schema.names:
                self.flag(batch, first_row, pc.is_null(batch.column(column)), column, "required, but empty")

    def pattern(self, batch: pa.RecordBatch, first_row: int, column: str, regex: str, what: str) -> None:
        if column not in batch.schema.names:
            return
        values = batch.column(column)
        bad = pc.and_(pc.is_valid(values), pc.invert(pc.match_substring_regex(values, regex)))
        self.flag(batch, first_row, bad, column, lambda value: f"{_show(value)} is not {what}")

    def one_of(self, batch: pa.RecordBatch, first_row: int, column: str, vocabulary: tuple[str, ...]) -> None:
        if column not in batch.schema.names:
            return
        values = batch.column(column)
        bad = pc.and_(pc.is_valid(values), pc.invert(pc.is_in(values, value_set=pa.array(vocabulary))))
        self.flag(
            batch,
            first_row,
            bad,
            column,
            lambda value: f"unknown value {_show(value)}; expected one of: {', '.join(vocabulary)}",
        )

    def days(self, batch: pa.RecordBatch, first_row: int, column: str, open_allowed: bool = False) -> None:
        if column not in batch.schema.names:
            return
        values = batch.column(column)
        if open_allowed:
            values = pc.if_else(pc.equal(values, "open"), pa.scalar(None, pa.string()), values)
        present = pc.is_valid(values)
        shaped = pc.match_substring_regex(values, DAY)
        self.flag(
            batch,
            first_row,
            pc.and_(present, pc.invert(shaped)),
            column,
            lambda value: f"{_show(value)} is not a date written YYYY-MM-DD",
        )
        parsed = pc.strptime(
            pc.if_else(shaped, values, pa.scalar(None, pa.string())), format="%Y-%m-%d", unit="s", error_is_null=True
        )
        self.flag(
            batch,
            first_row,
            # strptime rolls a day past the month's end over ("2030-02-30" → 2 March): not a date either
            pc.and_(
                pc.and_(present, shaped),
                pc.fill_null(pc.not_equal(pc.strftime(parsed, format="%Y-%m-%d"), values), True),
            ),
            column,
            lambda value: f"{_show(value)} is not a date of the calendar",
        )
        outside = pc.or_(pc.less(values, self.bounds[0]), pc.greater(values, self.bounds[1]))
        self.flag(
            batch,
            first_row,
            pc.and_(pc.and_(present, shaped), outside),
            column,
            lambda value: f"{value} is outside the campaign's dates [{self.bounds[0]}, {self.bounds[1]}]",
        )


def _show(value: Any) -> str:
    return repr(shorten(str(value), 60))


def _columns_of(
    path: Path, batch: pa.RecordBatch, known: tuple[str, ...], required: tuple[str, ...], problems: _Problems
) -> bool:
    names = batch.schema.names
    file = str(path)
    unknown = [name for name in names if name not in known]
    missing = [name for name in required if name not in names]
    for name in unknown:
        problems.add(file, "header", name, f"unknown column; the columns are: {', '.join(known)}")
    for name in missing:
        problems.add(file, "header", name, "required column missing")
    return not (unknown or missing)


def _copy_batch(
    connection: Connection, table: str, columns: tuple[str, ...], batch: pa.RecordBatch, first_row: int
) -> None:
    """COPY a batch (every column as text) into a staging table, with row numbers."""
    full = pa.RecordBatch.from_arrays(
        [pa.array(range(first_row, first_row + batch.num_rows), pa.int64())]
        + [
            batch.column(name) if name in batch.schema.names else pa.nulls(batch.num_rows, pa.string())
            for name in columns
        ],
        names=["row_number", *columns],
    )
    buffer = io.BytesIO()
    pa_csv.write_csv(full, buffer, write_options=pa_csv.WriteOptions(include_header=False))
    with (
        driver(connection).cursor() as cursor,
        cursor.copy(f"copy {table} (row_number, {', '.join(columns)}) from stdin (format csv)") as copy,
    ):
        copy.write(buffer.getvalue())


class Importer:
    """One import: a campaign folder and its tabular files, in the caller's
    transaction (a savepoint when it is in one)."""

    def __init__(
        self,
        connection: Connection,
        folder: CampaignFolder,
        claims: list[Path],
        places: list[Path],
        responses: list[Path],
        check_quotes: bool = True,
        on_phase: Callable[[str, float], None] | None = None,
    ) -> None:
        self.connection = connection
        self.folder = folder
        self.claims = claims
        self.places = places
        self.responses = responses
        self.check_quotes = check_quotes
        self.problems = _Problems()
        #: the files by the path as given; the staging tables' ``file`` is a position in it
        self.files: list[str] = []
        self.rows: dict[str, int] = {}
        self.phases: dict[str, float] = {}
        self.on_phase = on_phase
        self._clock = time.perf_counter()
        assert folder.campaign.dates.latest is not None
        self.bounds = (folder.campaign.dates.earliest.isoformat(), folder.campaign.dates.latest.isoformat())
        accounts = folder.account_documents()
        #: a row's document when neither it nor its claim names one: the only
        #: account document (as the YAML loader's ``document_of``), else none
        self.default_document = accounts[0] if len(accounts) == 1 else None

    def _file(self, path: Path) -> tuple[int, str]:
        """A file's number in the staging tables and its name in messages and
        counts: the path as given, so two files of the same name differ."""
        self.files.append(str(path))
        self.rows.setdefault(str(path), 0)
        return len(self.files) - 1, str(path)

    def _stored_documents(self, connection: Connection, batch: pa.RecordBatch, table: str) -> pa.Array:
        """The document of each row of a claims or responses batch: its quote
        is looked up in it and it is stored with it (and a narrative's voice
        is its). The row's ``document``; else, for a response, its claim's
        (the claims files' first row of the claim, else claims.yaml's); else
        the campaign's only account document. Null when none can be said
        (the claim is unknown, or the campaign has several account documents:
        reported with the references). The YAML loader's rule: ``document_of``
        in ``seeding.checks``."""
        named = batch.column("document") if "document" in batch.schema.names else pa.nulls(batch.num_rows, pa.string())
        candidates = [named]
        if table == "stg_import_responses":
            claims = batch.column("claim")
            found = connection.execute(
                text("""
                select distinct on (slug) slug, document from (
                    select claim as slug, stored_document as document, 0 as precedence, row_number
                    from stg_import_claims where claim = any(:slugs)
                    union all
                    select slug, document, 1, 0 from stg_claims where slug = any(:slugs)
                ) as claims
                order by slug, precedence, row_number
            """),
                {"slugs": pc.unique(pc.drop_null(claims)).to_pylist()},
            ).all()
            slugs = pa.array([slug for slug, _ in found], pa.string())
            documents = pa.array([document for _, document in found], pa.string())
            candidates.append(pc.take(documents, pc.index_in(claims, value_set=slugs)))
        candidates.append(pa.scalar(self.default_document, pa.string()))
        return pc.coalesce(*candidates)

    def _stage(
        self,
        connection: Connection,
        table: str,
        columns: tuple[str, ...],
        batch: pa.RecordBatch,
        first_row: int,
        number: int,
    ) -> None:
        """COPY a checked batch of file ``number`` into its staging table."""
        _copy_batch(
            connection,
            table,
            ("file", *columns),
            batch.append_column("file", pa.repeat(pa.scalar(number, pa.int32()), batch.num_rows)),
            first_row,
        )

    def _count_rows(self, connection: Connection) -> None:
        """The rows read per file: those its staging table holds (none when
        its header was refused)."""
        for table in ("stg_import_places", "stg_import_claims", "stg_import_responses"):
            for number, rows in connection.execute(text(f"select file, count(*) from {table} group by file")):
                self.rows[self.files[number]] += int(rows)

    # --- reading the files --------------------------------------------------------------------

    def _stage_places(self, connection: Connection) -> None:
        raw = driver(connection)
        raw.execute("drop table if exists pg_temp.stg_import_places")
        raw.execute(
            "create temporary table stg_import_places (row_number bigint, file integer, "
            + ", ".join(f"{name} text" for name in PLACE_COLUMNS)
            + ") on commit drop"
        )
        for path in self.places:
            number, name = self._file(path)
            checker = _Checker(name, self.problems, self.bounds)
            row = 1
            for batch in batches(path, PLACE_COLUMNS):
                if row == 1 and not _columns_of(path, batch, PLACE_COLUMNS, PLACE_REQUIRED, self.problems):
                    break
                checker.required(batch, row, PLACE_REQUIRED)
                checker.pattern(batch, row, "place", SLUG, "a slug (lowercase letters, digits and -)")
                checker.pattern(batch, row, "area", SLUG, "a slug (lowercase letters, digits and -)")
                checker.one_of(batch, row, "kind", PLACE_KINDS)
                checker.one_of(batch, row, "precision", COORDINATE_PRECISIONS)
                checker.pattern(batch, row, "url", r"^https?://\S+$", "an address (http:// or https://)")
                for column, low, high in (("latitude", -90, 90), ("longitude", -180, 180)):
                    if column in batch.schema.names:
                        values = batch.column(column)
                        ok = pc.match_substring_regex(values, r"^-?\d+(\.\d+)?$")
                        checker.flag(
                            batch,
                            row,
                            pc.and_(pc.is_valid(values), pc.invert(ok)),
                            column,
                            lambda value: f"{_show(value)} is not a number",
                        )
                        number = pc.cast(pc.if_else(ok, values, pa.scalar(None, pa.string())), pa.float64())
                        outside = pc.or_(pc.less(number, low), pc.greater(number, high))
                        checker.flag(
                            batch,
                            row,
                            outside,
                            column,
                            lambda value, lo=low, hi=high: f"{value} is not between {lo} and {hi}",
                        )
                self._stage(connection, "stg_import_places", PLACE_COLUMNS, batch, row, number)
                row += batch.num_rows
        connection.execute(text("analyze stg_import_places"))

    def _stage_claims(self, connection: Connection) -> None:
        raw = driver(connection)
        raw.execute("drop table if exists pg_temp.stg_import_claims")
        raw.execute(
            "create temporary table stg_import_claims (row_number bigint, file integer, stored_document text, "
            + ", ".join(f"{name} text" for name in CLAIM_COLUMNS)
            + ") on commit drop"
        )
        documents = {slug: document.text.text for slug, document in self.folder.documents.items()}
        for path in self.claims:
            number, name = self._file(path)
            checker = _Checker(name, self.problems, self.bounds)
            row = 1
            for batch in batches(path, CLAIM_COLUMNS):
                if row == 1 and not _columns_of(path, batch, CLAIM_COLUMNS, CLAIM_REQUIRED, self.problems):
                    break
                checker.required(batch, row, CLAIM_REQUIRED)
                for column in ("claim", "place", "event"):
                    checker.pattern(batch, row, column, SLUG, "a slug (lowercase letters, digits and -)")
                checker.pattern(
                    batch, row, "source", r"^[a-z0-9][a-z0-9-]*(:[a-z0-9][a-z0-9-]*)?$", "a source slug or narrative"
                )
                checker.pattern(
                    batch, row, "same_as", r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$", "<campaign>/<claim slug>"
                )
                for column in ("actor", "target"):
                    checker.pattern(batch, row, column, r"^[A-Z][A-Z0-9_]*$", "a party code")
                checker.one_of(batch, row, "kind", CLAIM_KINDS)
                checker.one_of(batch, row, "hedge", HEDGES)
                checker.one_of(batch, row, "role", PLACE_ROLES)
                for column in ("stated_time", "occurred_time"):
                    checker.pattern(batch, row, column, r"^([01]\d|2[0-3]):[0-5]\d$", "a time written HH:MM")
                checker.pattern(batch, row, "share", r"^\d+(\.\d+)?$", "a percentage")
                checker.days(batch, row, "stated_from")
                checker.days(batch, row, "occurred_from")
                checker.days(batch, row, "stated_to", open_allowed=True)
                checker.days(batch, row, "occurred_to", open_allowed=True)
                batch = batch.append_column(
                    "stored_document", self._stored_documents(connection, batch, "stg_import_claims")
                )
                if self.check_quotes:
                    self._quotes(name, batch, row, documents)
                self._stage(connection, "stg_import_claims", ("stored_document", *CLAIM_COLUMNS), batch, row, number)
                row += batch.num_rows
        connection.execute(text("create index on stg_import_claims (claim)"))
        connection.execute(text("analyze stg_import_claims"))

    def _stage_responses(self, connection: Connection) -> None:
        raw = driver(connection)
        raw.execute("drop table if exists pg_temp.stg_import_responses")
        raw.execute(
            "create temporary table stg_import_responses (row_number bigint, file integer, stored_document text, "
            + ", ".join(f"{name} text" for name in RESPONSE_COLUMNS)
            + ") on commit drop"
        )
        documents = {slug: document.text.text for slug, document in self.folder.documents.items()}
        for path in self.responses:
            number, name = self._file(path)
            checker = _Checker(name, self.problems, self.bounds)
            row = 1
            for batch in batches(path, RESPONSE_COLUMNS):
                if row == 1 and not _columns_of(path, batch, RESPONSE_COLUMNS, RESPONSE_REQUIRED, self.problems):
                    break
                checker.required(batch, row, RESPONSE_REQUIRED)
                checker.one_of(batch, row, "response", ("denial", "corroboration"))
                for column in ("slug", "claim", "place"):
                    checker.pattern(batch, row, column, SLUG, "a slug (lowercase letters, digits and -)")
                checker.pattern(
                    batch, row, "source", r"^[a-z0-9][a-z0-9-]*(:[a-z0-9][a-z0-9-]*)?$", "a source slug or narrative"
                )
                checker.one_of(batch, row, "kind", CORROBORATION_KINDS)
                checker.days(batch, row, "stated_from")
                checker.days(batch, row, "stated_to", open_allowed=True)
                batch = batch.append_column(
                    "stored_document", self._stored_documents(connection, batch, "stg_import_responses")
                )
                if self.check_quotes:
                    self._quotes(name, batch, row, documents)
                self._stage(
                    connection, "stg_import_responses", ("stored_document", *RESPONSE_COLUMNS), batch, row, number
                )
                row += batch.num_rows
        connection.execute(text("analyze stg_import_responses"))

    def _quotes(self, file: str, batch: pa.RecordBatch, first_row: int, documents: dict[str, str]) -> None:
        """Every quote is in its document (the one it is stored with), fragments
        in order; each distinct (document, quote) pair of the batch is looked
        up once."""
        pairs = pa.table({"document": batch.column("stored_document"), "quote": batch.column("quote")})
        failed: dict[tuple[str, str], str] = {}
        for pair in pairs.group_by(["document", "quote"]).aggregate([]).to_pylist():
            document, quote = pair["document"], pair["quote"]
            content = documents.get(document) if document is not None else None
            if quote is None or content is None:
                continue  # an empty quote is reported as required, an unknown or no document with the references
            position = 0
            for fragment in str(quote).split(FRAGMENT_SEPARATOR):
                found = content.find(normalise(fragment), position)
                if found < 0:
                    failed[(document, quote)] = fragment
                    break
                position = found + len(normalise(fragment))
        if not failed:
            return
        for index, pair in enumerate(pairs.to_pylist()):
            missing = failed.get((pair["document"], pair["quote"]))
            if missing is not None:
                self.problems.add(
                    file, first_row + index, "quote", f"{_show(missing)} is not in the document (in this order)"
                )

    # --- checks needing more than one row -------------------------------------------------------------

    def _references(self, connection: Connection) -> None:
        checks = [
            (
                "place",
                "unknown place: it is in no places file and not in places.yaml",
                "select row_number, file, place from stg_import_claims where place is not null "
                "and not exists (select from stg_places as known where known.slug = stg_import_claims.place) "
                "and not exists (select from stg_import_places as known where known.place = stg_import_claims.place)",
            ),
            *self._source_checks("stg_import_claims"),
            (
                "actor",
                "unknown party: it is not in parties.yaml",
                "select row_number, file, actor from stg_import_claims where actor is not null "
                "and actor not in (select code from stg_parties)",
            ),
            (
                "target",
                "unknown party: it is not in parties.yaml",
                "select row_number, file, target from stg_import_claims where target is not null "
                "and target not in (select code from stg_parties)",
            ),
            (
                "document",
                "unknown document: it is not in campaign.yaml",
                "select row_number, file, coalesce(document, '(none)') from stg_import_claims "
                "where stored_document is null or stored_document not in (select slug from stg_documents)",
            ),
            (
                "claim",
                "the claim is also in claims.yaml",
                "select row_number, file, claim from stg_import_claims where claim in (select slug from stg_claims)",
            ),
            (
                "place",
                "the claim names this place twice",
                "select row_number, file, place from (select row_number, file, place, "
                "count(*) over (partition by claim, place) as copies from stg_import_claims "
                "where place is not null) as counted where copies > 1",
            ),
            (
                "actor",
                "a control claim needs a party on a side of campaign.yaml",
                f"select row_number, file, coalesce(actor, '(none)') from stg_import_claims "
                f"where kind in {sql_list(CONTROL_CLAIM_KINDS)} and (actor is null or actor not in "
                f"(select party_code from stg_side_members))",
            ),
            (
                "stated_to",
                "the statement's range ends before it starts",
                "select row_number, file, stated_to from stg_import_claims "
                "where stated_to is not null and stated_to <> 'open' and stated_to < stated_from",
            ),
            (
                "occurred_to",
                "the event's range ends before it starts",
                "select row_number, file, occurred_to from stg_import_claims "
                "where occurred_to is not null and occurred_to <> 'open' and occurred_to < occurred_from",
            ),
            (
                "occurred_from",
                "the event cannot start after the statement",
                "select row_number, file, occurred_from from stg_import_claims "
                "where occurred_from > coalesce(nullif(stated_to, 'open'), stated_from, '9999-12-31') "
                "and stated_to is distinct from 'open'",
            ),
            (
                "share",
                "a share is given only for a partial claim, and is at most 100",
                "select row_number, file, share from stg_import_claims where share is not null "
                "and (kind <> 'partial' or share::double precision > 100 or share::double precision <= 0)",
            ),
            (
                "place",
                "a control claim needs at least one subject place",
                f"select min(row_number), min(file), claim from stg_import_claims "
                f"where kind in {sql_list(CONTROL_CLAIM_KINDS)} group by claim "
                f"having count(*) filter (where place is not null and coalesce(role, 'subject') = 'subject') = 0",
            ),
            (
                "claim",
                "unknown claim: it is in no claims file and not in claims.yaml",
                "select row_number, file, claim from stg_import_responses "
                "where not exists (select from stg_import_claims as claims "
                "where claims.claim = stg_import_responses.claim) "
                "and not exists (select from stg_claims as claims where claims.slug = stg_import_responses.claim)",
            ),
            (
                "place",
                "not one of the claim's places",
                "select row_number, file, place from stg_import_responses as responses where place is not null "
                "and not exists (select from stg_import_claims as claims "
                "where claims.claim = responses.claim and claims.place = responses.place) "
                "and not exists (select from stg_claim_places as places "
                "where places.claim_slug = responses.claim and places.place_slug = responses.place)",
            ),
            *self._source_checks("stg_import_responses"),
            (
                "document",
                "unknown document: it is not in campaign.yaml",
                "select row_number, file, document from stg_import_responses "
                "where document is not null and document not in (select slug from stg_documents)",
            ),
            (
                "kind",
                "a corroboration needs a kind; a denial has none",
                "select row_number, file, coalesce(kind, '(none)') from stg_import_responses "
                "where (response = 'corroboration') <> (kind is not null)",
            ),
            (
                "counter_statement",
                "only a denial has a counter-statement",
                "select row_number, file, counter_statement from stg_import_responses "
                "where response = 'corroboration' and counter_statement is not null",
            ),
            (
                "slug",
                "the slug is used twice (responses files and claims.yaml share one list)",
                "select row_number, file, slug from (select row_number, file, slug, "
                "count(*) over (partition by slug) as copies from stg_import_responses) as counted "
                "where copies > 1 or slug in (select slug from stg_denials union all select slug "
                "from stg_corroborations)",
            ),
            (
                "stated_to",
                "the statement's range ends before it starts",
                "select row_number, file, stated_to from stg_import_responses "
                "where stated_to is not null and stated_to <> 'open' and stated_to < stated_from",
            ),
            (
                "stated_from",
                "a response cannot come before the claim",
                "select responses.row_number, responses.file, responses.stated_from "
                "from stg_import_responses as responses "
                "join (select distinct on (claim) claim, stated_from from stg_import_claims "
                "order by claim, row_number) as claims on claims.claim = responses.claim "
                "where coalesce(nullif(responses.stated_to, 'open'), responses.stated_from) < claims.stated_from",
            ),
            (
                "area",
                "unknown area: it is in no places file and not in places.yaml",
                "select row_number, file, area from stg_import_places where area is not null "
                "and not exists (select from stg_places as known where known.slug = stg_import_places.area) "
                "and not exists (select from stg_import_places as known where known.place = stg_import_places.area)",
            ),
            (
                "place",
                "the place is also in places.yaml or twice in the places files",
                "select row_number, file, place from (select row_number, file, place, "
                "count(*) over (partition by place) as copies from stg_import_places) as counted "
                "where copies > 1 or place in (select slug from stg_places)",
            ),
        ]
        for column, message, query in checks:
            for row_number, file, value in connection.execute(text(query)):
                self.problems.add(self.files[file], int(row_number), column, f"{_show(value)}: {message}")
        # each claim's rows agree on what the claim says (compared with its first row)
        claim_columns = [c for c in CLAIM_COLUMNS if c not in ("claim", "place", "role", "share")]
        differing = ", ".join(f"case when rows.{c} is distinct from firsts.{c} then '{c}' end" for c in claim_columns)
        query = f"""
            with firsts as (
                select distinct on (claim) * from stg_import_claims order by claim, row_number
            )
            select rows.row_number, rows.file, rows.claim, array_remove(array[{differing}], null) as columns
            from stg_import_claims as rows
            inner join firsts on firsts.claim = rows.claim
            where ({", ".join("rows." + c for c in claim_columns)})
                is distinct from ({", ".join("firsts." + c for c in claim_columns)})
            order by rows.row_number
            limit {MAX_PROBLEMS + 1}
        """
        for row_number, file, claim, columns in connection.execute(text(query)):
            for column in columns:
                self.problems.add(
                    self.files[file],
                    int(row_number),
                    column,
                    f"the rows of claim {_show(claim)} disagree on {column}: one value per claim "
                    f"(this row differs from the claim's first row)",
                )

    @staticmethod
    def _source_checks(table: str) -> list[tuple[str, str, str]]:
        """A row's source is ``narrative`` (the voice of its document, an
        account), ``narrative:<document>`` naming an account document, or a
        source of sources.yaml; as the YAML loader's ``source`` check, so no
        row is dropped by the writer for want of its source."""
        return [
            (
                "source",
                "unknown source: it is not in sources.yaml",
                f"select row_number, file, source from {table} where source <> 'narrative' "
                f"and source not like 'narrative:%' and source not in (select slug from stg_sources)",
            ),
            (
                "source",
                "not an account document of campaign.yaml (narrative:DOCUMENT names one)",
                f"select row_number, file, split_part(source, ':', 2) from {table} where source like 'narrative:%' "
                f"and split_part(source, ':', 2) not in (select slug from stg_documents where kind = 'account')",
            ),
            (
                "source",
                "a gazetteer text has no narrative voice: name the source, or an account document",
                f"select row_number, file, 'narrative of ' || stored_document from {table} "
                f"where source = 'narrative' "
                f"and stored_document in (select slug from stg_documents where kind <> 'account')",
            ),
        ]

    def _to_staging(self, connection: Connection) -> None:
        """The checked rows as the writer's staging rows (one per claim, one per claim × place)."""
        connection.execute(
            text("""
            insert into stg_claims (
                slug, document, source_key, kind, actor, target, stated_earliest_on, stated_latest_on,
                stated_local_time, occurred_earliest_on, occurred_latest_on, occurred_local_time, hedge, event_key,
                same_as_campaign, same_as_slug, summary, quote, note
            )
            select distinct on (claim)
                claim,
                stored_document,
                case when source = 'narrative' then 'narrative:' || stored_document else source end,
                kind, actor, target,
                stated_from::date,
                case when stated_to = 'open' then null else coalesce(stated_to, stated_from)::date end,
                stated_time::time,
                occurred_from::date,
                case when occurred_to = 'open' then null else coalesce(occurred_to, occurred_from)::date end,
                occurred_time::time,
                hedge, event, split_part(same_as, '/', 1), nullif(split_part(same_as, '/', 2), ''), summary,
                quote, note
            from stg_import_claims
            order by claim, row_number
        """)
        )
        connection.execute(
            text("""
            insert into stg_claim_places (claim_slug, place_slug, role, share_percent)
            select claim, place, coalesce(role, 'subject'), share::double precision
            from stg_import_claims
            where place is not null
        """)
        )
        connection.execute(
            text("""
            insert into stg_places (slug, name, kind, note, latitude, longitude, coordinate_precision,
                coordinates_document, coordinates_url, coordinates_quote)
            select place, name, kind, null, latitude::double precision, longitude::double precision,
                case when latitude is not null then coalesce(precision, 'settlement') end, null,
                case when latitude is not null then url end, case when latitude is not null then quote end
            from stg_import_places
        """)
        )
        connection.execute(
            text("""
            insert into stg_place_names (place_slug, name, document, url, quote)
            select place, name, null, url, quote from stg_import_places
        """)
        )
        connection.execute(
            text("""
            insert into stg_place_areas (place_slug, area_slug, relation, document, url, quote)
            select place, area, 'in', null, url, quote from stg_import_places where area is not null
        """)
        )
        for response, table in (("denial", "stg_denials"), ("corroboration", "stg_corroborations")):
            kind = "kind, " if response == "corroboration" else ""
            extra = "" if response == "corroboration" else "counter_statement, "
            connection.execute(
                text(f"""
                insert into {table} (slug, claim_slug, place_slug, document, source_key, {kind}earliest_on,
                    latest_on, quote, {extra}note)
                select responses.slug, responses.claim, responses.place, responses.stored_document,
                    case when responses.source = 'narrative' then 'narrative:' || responses.stored_document
                        else responses.source end,
                    {kind.replace("kind", "responses.kind")}responses.stated_from::date,
                    case when responses.stated_to = 'open' then null
                        else coalesce(responses.stated_to, responses.stated_from)::date end,
                    responses.quote, {extra.replace("counter_statement", "responses.counter_statement")}responses.note
                from stg_import_responses as responses
                where responses.response = :response
            """),
                {"response": response},
            )
        for table in (
            "stg_claims",
            "stg_claim_places",
            "stg_places",
            "stg_place_names",
            "stg_place_areas",
            "stg_denials",
            "stg_corroborations",
        ):
            connection.execute(text(f"analyze {table}"))

    def _phase(self, name: str) -> None:
        """Close the running phase under ``name`` (its seconds are kept and reported)."""
        now = time.perf_counter()
        self.phases[name] = self.phases.get(name, 0.0) + now - self._clock
        self._clock = now
        if self.on_phase is not None:
            self.on_phase(name, self.phases[name])

    def _stage_files(self, connection: Connection, writer: CampaignWriter) -> None:
        self._phase("staging the campaign folder")
        self._stage_places(connection)
        self._stage_claims(connection)
        self._stage_responses(connection)
        self._count_rows(connection)
        self._phase("reading and checking the files (COPY into staging)")
        if self.problems.total == 0:
            self._references(connection)
        if self.problems.total:
            raise ImportFilesError(self.problems.items, self.problems.total)
        self._phase("checking references and claims across rows")
        self._to_staging(connection)
        self._phase("claims and places as staging rows")
        counts = writer.report.tables
        counts["claims"].in_files += int(
            connection.execute(text("select count(distinct claim) from stg_import_claims")).scalar_one()
        )
        counts["claim_places"].in_files += int(
            connection.execute(text("select count(*) from stg_import_claims where place is not null")).scalar_one()
        )
        counts["places"].in_files += int(
            connection.execute(text("select count(*) from stg_import_places")).scalar_one()
        )
        for response, table in (("denial", "denials"), ("corroboration", "corroborations")):
            counts[table].in_files += int(
                connection.execute(
                    text("select count(*) from stg_import_responses where response = :response"), {"response": response}
                ).scalar_one()
            )

    def run(self) -> ImportReport:
        self._clock = time.perf_counter()
        transaction = self.connection.begin_nested() if self.connection.in_transaction() else self.connection.begin()
        with transaction:
            self.connection.execute(text("select pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            self.connection.execute(text("set local campaign_db.defer_refresh = 'on'"))
            # sorts and hashes of a bulk import in memory, for this transaction only
            self.connection.execute(text("set local work_mem = '256MB'"))
            # and no JIT: each statement runs once, compiling its plan costs more
            self.connection.execute(text("set local jit = off"))
            writer = CampaignWriter(self.connection, self.folder, after_staging=self._stage_files)
            report = writer.write()
            self._phase("writing (set-based upserts)")
            if report.changed:
                # statistics first: the rules join these tables, and a plan made
                # on the row counts before a bulk import can be a nested loop of hours
                for table in ("claims", "claim_places", "places", "place_names", "place_areas", "campaign_places",
                              "denials", "corroborations"):
                    self.connection.execute(text(f"analyze core.{table}"))
                writer.refresh_derived()
                for table in ("place_lineage", "control_candidates", "control_periods", "control_contests"):
                    self.connection.execute(text(f"analyze derived.{table}"))
                self._phase("deriving control and contests")
            self.connection.execute(text("set local campaign_db.defer_refresh = 'off'"))
        self._phase("committing")
        return ImportReport(report, dict(self.rows), dict(self.phases))


def import_files(
    connection: Connection,
    folder: CampaignFolder,
    claims: list[Path] | None = None,
    places: list[Path] | None = None,
    responses: list[Path] | None = None,
    check_quotes: bool = True,
    on_phase: Callable[[str, float], None] | None = None,
) -> ImportReport:
    """Import tabular claims (and places) into the campaign of ``folder``
    (see the module's docstring for the columns); raises ``ImportFilesError``
    listing every problem by file, row and column, with nothing written."""
    return Importer(connection, folder, claims or [], places or [], responses or [], check_quotes, on_phase).run()


__all__ = ["CLAIM_COLUMNS", "PLACE_COLUMNS", "ImportFilesError", "ImportReport", "import_files"]
