"""``campaign-db export``: the reporting views as a citable data release."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from .. import config
from ..export import FORMATS, PACKAGE_FILE, ExportError, export

DESCRIPTION = f"""\
Write every consumer view of the reporting schema (campaigns, places,
place_citations, claims, contested_claims, control_periods, control_daily,
district_progress, losses, source_scorecard) to one file per view in DIR,
with the views' column names, and beside them {PACKAGE_FILE}: a Frictionless
data package naming each file's columns, types and descriptions, the
campaigns' dataset versions and seed SHA-256s, the source documents and their
licences (cite the dataset version; the data is CC BY-SA 4.0 like its
sources).

csv and json write dates as ISO 8601 (YYYY-MM-DD) and booleans as true/false,
exactly as the report commands print them; parquet keeps the SQL types (dates
as dates, nullable integers as integers) and carries the same metadata in its
schema. --campaign keeps the rows of one campaign (its slug in the campaign
column; in places, the places it names); 'all' or none keeps every row.
--as-of adds control_as_of on that day.

geojson writes a map layer instead: the mapped places with the side that
controlled each on --as-of (required), as an RFC 7946 FeatureCollection per
campaign scope (control-SCOPE-DAY.geojson; without --campaign: each campaign
and 'all').

Rows stream from the server, so memory stays small whatever the size; a
progress bar shows on a terminal.

examples:
  campaign-db export --format parquet --out export/
  campaign-db export --format csv --campaign aras-valley --out aras-valley/
  campaign-db export --format geojson --as-of 2020-10-22 --campaign aras-valley --out maps/
  python -c "import pandas; print(pandas.read_parquet('export/control_daily.parquet', dtype_backend='pyarrow'))"
"""


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_parsers(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export", help="write every reporting view to CSV, JSON, Parquet or GeoJSON files with a datapackage.json",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--format", choices=FORMATS, default="csv", help="file format (default: csv)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="directory to write into (created)")
    parser.add_argument(
        "--campaign", metavar="SLUG", help="only this campaign's rows ('all' or none: every row; geojson: that scope)"
    )
    parser.add_argument(
        "--as-of", type=parse_day, metavar="DATE",
        help="the day of control: required for geojson; csv/json/parquet add control_as_of on that day",
    )
    parser.set_defaults(handler=run_export)


def run_export(arguments: argparse.Namespace) -> int:
    from . import CommandError

    target = config.resolve()
    try:
        result = export(target.url, arguments.out, arguments.format, arguments.campaign, arguments.as_of)
    except ExportError as error:
        raise CommandError(str(error)) from error
    width = max(len(file.name) for file in result.files) if result.files else 0
    unit = "features" if result.file_format == "geojson" else "rows"
    for file in result.files:
        print(f"{file.name:<{width}}  {file.rows:>9} {unit}  {file.bytes:>11} bytes  {file.seconds:6.2f}s  {file.path}")
    total = sum(file.bytes for file in result.files)
    seconds = sum(file.seconds for file in result.files)
    versions = ", ".join(f"{release.campaign} {release.version}" for release in result.releases)
    print(f"{len(result.files)} files, {total} bytes, {seconds:.2f}s; {result.package} ({versions})")
    return 0
