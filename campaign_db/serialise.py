"""Rows as CSV and JSON, the same way everywhere.

The report commands (``--format csv|json``) and ``campaign-db export`` write
rows through this module, so that a value reads the same in every output:
dates and times in ISO 8601, booleans ``true``/``false``, null as an empty
CSV cell or JSON ``null``. The writers stream: each row is written as it
comes, so an export of millions of rows holds one row at a time.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, Any

#: How a JSON record is indented (two spaces, records one level in).
JSON_INDENT = 2


def text_value(value: Any) -> str:
    """A value as CSV or table text: ISO dates, true/false, empty for null."""
    if type(value) is str:  # the common case first: exports write millions of cells
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value)


def json_value(value: Any) -> Any:
    """A value as JSON: ISO date strings, numbers as numbers (a non-finite
    float, which JSON cannot write, as null)."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            return None
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


_encode_string: Callable[[str], str] = json.encoder.encode_basestring
_encoder = json.JSONEncoder(ensure_ascii=False)


def _json_text(value: Any, indent: str) -> str:
    """``value`` (already through json_value) as JSON text inside a record
    written with JSON_INDENT: what json.dumps writes, faster for scalars."""
    kind = type(value)
    if kind is str:
        return _encode_string(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        return float.__repr__(value)
    if isinstance(value, (dict, list)) and value:
        nested = json.dumps(value, ensure_ascii=False, indent=JSON_INDENT, default=json_value)
        return nested.replace("\n", "\n" + indent)
    return _encoder.encode(value)


class CsvWriter:
    """CSV rows with a header line: ``CsvWriter(stream, columns)`` writes the
    header, ``write(values)`` one row (values in the order of ``columns``)."""

    def __init__(self, stream: IO[str], columns: Sequence[str]) -> None:
        self._writer = csv.writer(stream, lineterminator="\n")
        self._writer.writerow(columns)
        self.rows = 0

    def write(self, values: Sequence[Any]) -> None:
        self._writer.writerow([text_value(value) for value in values])
        self.rows += 1


class JsonWriter:
    """A JSON array of records, written one record at a time; ``close()``
    ends the array. The text is exactly ``json.dump(records, indent=2)``
    followed by a newline."""

    def __init__(self, stream: IO[str], columns: Sequence[str]) -> None:
        self._stream = stream
        self._keys = [json.dumps(column, ensure_ascii=False) for column in columns]
        self._record_indent = " " * JSON_INDENT
        self._field_indent = " " * (2 * JSON_INDENT)
        self.rows = 0

    def write(self, values: Sequence[Any]) -> None:
        # json.dumps with an indent runs the pure-Python encoder; each value
        # dumped alone runs the C one, several times faster for the same text.
        if len(values) != len(self._keys):
            raise ValueError(f"{len(values)} values for {len(self._keys)} columns")
        self._stream.write("[\n" if self.rows == 0 else ",\n")
        if not self._keys:
            self._stream.write(self._record_indent + "{}")
        else:
            fields = ",\n".join(
                f"{self._field_indent}{key}: {_json_text(json_value(value), self._field_indent)}"
                for key, value in zip(self._keys, values, strict=True)
            )
            self._stream.write(f"{self._record_indent}{{\n{fields}\n{self._record_indent}}}")
        self.rows += 1

    def close(self) -> None:
        self._stream.write("[]\n" if self.rows == 0 else "\n]\n")


def write_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], stream: IO[str]) -> int:
    """Write ``rows`` (mappings holding every one of ``columns``) as CSV;
    return how many rows were written."""
    writer = CsvWriter(stream, columns)
    for row in rows:
        writer.write([row[column] for column in columns])
    return writer.rows


def write_json(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], stream: IO[str]) -> int:
    """Write ``rows`` as a JSON array of records with ``columns``; return how
    many rows were written."""
    writer = JsonWriter(stream, columns)
    for row in rows:
        writer.write([row[column] for column in columns])
    writer.close()
    return writer.rows
