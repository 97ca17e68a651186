"""Printing report rows as a table, CSV or JSON.

CSV and JSON carry every column, named as in the views, for scripts and
spreadsheets; they are written by :mod:`campaign_db.serialise`, exactly as
``campaign-db export`` writes its files (ISO dates, true/false). The table
shows the columns a reader needs and must stay readable in an 80-column
terminal, so wide text wraps within its column (long cells are cut after a
few lines, with "…").
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

from ..serialise import json_value, text_value, write_csv, write_json

__all__ = [
    "FORMATS",
    "Column",
    "add_format_argument",
    "json_value",
    "render",
    "terminal_width",
    "text_value",
    "write_csv",
    "write_json",
    "write_table",
]

FORMATS = ("table", "csv", "json")

#: Narrowest a column is squeezed to before the table gives up fitting.
MIN_COLUMN_WIDTH = 6
#: Lines a wrapped cell may take; the rest is cut with an ellipsis.
MAX_CELL_LINES = 3
COLUMN_GAP = "  "


@dataclass(frozen=True)
class Column:
    """A column of the table format: the row key it shows, its heading, and
    whether it may wrap (names and free text) or keeps its width (dates,
    ids, codes, vocabulary words)."""

    key: str
    heading: str | None = None
    wraps: bool = False

    @property
    def title(self) -> str:
        return self.heading or self.key


def add_format_argument(parser: Any) -> None:
    parser.add_argument(
        "--format", choices=FORMATS, default="table",
        help="table (default; fits the terminal), csv or json (every column, named as in the view)",
    )


def render(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    table_columns: Sequence[Column],
    output_format: str,
    stream: IO[str],
    width: int | None = None,
) -> None:
    """Write ``rows`` to ``stream``: all ``columns`` for csv/json, the
    ``table_columns`` for the table."""
    if output_format == "csv":
        write_csv(rows, columns, stream)
    elif output_format == "json":
        write_json(rows, columns, stream)
    elif output_format == "table":
        write_table(rows, table_columns, stream, width or terminal_width())
    else:
        raise ValueError(f"unknown format {output_format!r}; expected one of {', '.join(FORMATS)}")


def terminal_width() -> int:
    """The terminal's width; 80 when the output is not a terminal."""
    return shutil.get_terminal_size((80, 24)).columns


def write_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[Column], stream: IO[str], width: int) -> None:
    cells = [[text_value(row[column.key]) for column in columns] for row in rows]
    widths = fit_widths(
        [max([len(column.title), *(len(cell[index]) for cell in cells)]) for index, column in enumerate(columns)],
        [column.wraps for column in columns],
        width - len(COLUMN_GAP) * (len(columns) - 1),
    )
    print_row(stream, [column.title for column in columns], widths)
    print_lines(stream, [["-" * column_width for column_width in widths]], widths)
    for row_cells in cells:
        print_row(stream, row_cells, widths)
    stream.write(f"({len(rows)} row{'' if len(rows) == 1 else 's'})\n")


def print_row(stream: IO[str], cells: Sequence[str], widths: Sequence[int]) -> None:
    """One row of cells, each wrapped within its column's width."""
    wrapped = [wrap(cell, column_width) for cell, column_width in zip(cells, widths, strict=True)]
    height = max(len(lines) for lines in wrapped)
    print_lines(stream, [[lines[n] if n < len(lines) else "" for lines in wrapped] for n in range(height)], widths)


def fit_widths(natural: Sequence[int], wraps: Sequence[bool], available: int) -> list[int]:
    """Shrink the widest wrapping column, one character at a time, until the
    table fits ``available`` characters (or every wrapping column is at the
    minimum: then the terminal wraps the lines)."""
    widths = list(natural)
    shrinkable = [index for index, wrapping in enumerate(wraps) if wrapping]
    while shrinkable and sum(widths) > available:
        widest = max(shrinkable, key=lambda index: widths[index])
        if widths[widest] <= MIN_COLUMN_WIDTH:
            break
        widths[widest] -= 1
    return widths


def wrap(cell: str, width: int) -> list[str]:
    """``cell`` on at most MAX_CELL_LINES lines of ``width`` characters."""
    if len(cell) <= width:
        return [cell]
    lines = textwrap.wrap(cell, width, break_long_words=True, break_on_hyphens=False) or [""]
    if len(lines) > MAX_CELL_LINES:
        lines = lines[:MAX_CELL_LINES]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def print_lines(stream: IO[str], lines: Sequence[Sequence[str]], widths: Sequence[int]) -> None:
    for line in lines:
        cells = (cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        stream.write(COLUMN_GAP.join(cells).rstrip() + "\n")
