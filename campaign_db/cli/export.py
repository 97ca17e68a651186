"""``campaign-db export``: every reporting view to files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import psycopg

from .. import config
from ..export import FORMATS, export_all

DESCRIPTION = """\
Write every consumer view of the reporting schema (claims, contested_claims,
control_periods, control_daily, losses, district_progress, source_scorecard,
...) to one file per view in DIR, with the views' column names. Parquet keeps
the column types; CSV and JSON write dates as ISO 8601 (YYYY-MM-DD). A
progress bar shows on a terminal.

example:
  campaign-db export --format parquet --out export/
  python -c "import pandas; print(pandas.read_parquet('export/control_daily.parquet'))"
"""


def add_parsers(subparsers: Any) -> None:
    export = subparsers.add_parser(
        "export", help="write every reporting view to CSV, JSON or Parquet files", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("--format", choices=FORMATS, default="csv", help="file format (default: csv)")
    export.add_argument("--out", type=Path, required=True, metavar="DIR", help="directory to write into (created)")
    export.set_defaults(handler=run_export)


def run_export(arguments: argparse.Namespace) -> int:
    from . import CommandError

    target = config.resolve()
    with psycopg.connect(config.to_libpq(target.url, hide_password=False)) as connection:
        exported = export_all(connection, arguments.out, arguments.format)
    if not exported:
        raise CommandError("the reporting schema has no views: run `campaign-db up` first")
    width = max(len(e.view) for e in exported)
    for e in exported:
        print(f"{e.view:<{width}}  {e.rows:>8} rows  {e.bytes:>10} bytes  {e.seconds:6.2f}s  {e.path}")
    total = sum(e.bytes for e in exported)
    print(f"{len(exported)} files, {total} bytes, {sum(e.seconds for e in exported):.2f}s")
    return 0
