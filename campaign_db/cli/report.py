"""``campaign-db report``: the visual campaign report as one HTML file."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

import psycopg

from .. import config
from ..report import build_report, collect_report_data

DESCRIPTION = """\
Write a self-contained HTML report (works offline: no CDN, no remote fonts):
a chart of settlements per district per day by controller over the campaign,
the control table as of the chosen date, the contested claims and the
reported losses. Click a column heading to sort a table.

example:
  campaign-db report --out report.html --as-of 2020-10-22
"""


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: expected YYYY-MM-DD, e.g. 2020-10-22") from None


def add_parsers(subparsers: Any) -> None:
    report = subparsers.add_parser(
        "report", help="write the visual campaign report (one HTML file)", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument("--out", type=Path, default=Path("report.html"), help="file to write (default: report.html)")
    report.add_argument("--as-of", type=parse_date, metavar="DATE",
                        help="date of the control table (default: the last day of the data)")
    report.add_argument("--title", default="Campaign report", help="the page title")
    report.set_defaults(handler=run_report)


def run_report(arguments: argparse.Namespace) -> int:
    target = config.resolve()
    with psycopg.connect(config.to_libpq(target.url, hide_password=False)) as connection:
        data = collect_report_data(connection, arguments.as_of)
    arguments.out.write_text(build_report(data, arguments.title), encoding="utf-8")
    print(
        f"wrote {arguments.out} ({arguments.out.stat().st_size} bytes): control as of {data['as_of']}, "
        f"{len(data['control']['rows'])} places, {len(data['contested']['rows'])} contested claims, "
        f"{len(data['losses']['rows'])} losses"
    )
    return 0
