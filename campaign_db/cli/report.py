"""``campaign-db report``: the visual campaign report as one HTML file."""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from .. import config, database
from ..report import UnknownCampaign, build_report, collect_report_data

DESCRIPTION = """\
Write a self-contained HTML report (works offline: it loads nothing from the
network), per campaign: a map of every place with coordinates coloured by the
side holding it, with a day slider that replays the campaign; settlements by
side per district (raion, governorate), day by day; control as of the chosen
date; the contested claims with who made them and who contested them; the
reported losses; the settlements not mapped yet; and the sources, licences
and dataset versions.

examples:
  campaign-db report --out report.html --as-of 2020-10-22
  campaign-db report --out aras.html --campaign aras-valley
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
                        help="date of the control table and of the map's first view "
                             "(default: each campaign's last day)")
    report.add_argument("--campaign", metavar="SLUG",
                        help="one campaign only (default: every campaign, each a section)")
    report.add_argument("--title", help="the page title (default: the campaign's title, or 'Campaign report')")
    report.set_defaults(handler=run_report)


@contextmanager
def connect() -> Iterator[Connection]:
    """The report's one way to the database: ``DATABASE_URL`` or the embedded server, read-only use."""
    engine = database.make_engine(config.resolve().url)
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def run_report(arguments: argparse.Namespace) -> int:
    from . import CommandError

    started = time.perf_counter()
    with connect() as connection:
        try:
            data = collect_report_data(connection, arguments.as_of, arguments.campaign)
        except UnknownCampaign as error:
            raise CommandError(str(error)) from None
    if not data.campaigns:
        raise CommandError("the database holds no campaign: run `campaign-db up` (or `campaign-db seed`) first")
    page = build_report(data, arguments.title)
    arguments.out.write_text(page, encoding="utf-8")
    elapsed = time.perf_counter() - started
    print(f"wrote {arguments.out} ({arguments.out.stat().st_size:,} bytes) in {elapsed:.1f}s")
    for campaign in data.campaigns:
        print(
            f"  {campaign.slug}: control as of {campaign.as_of}, {len(campaign.control)} places "
            f"({len(campaign.mapped_places)} on the map, {len(campaign.unmapped_settlements)} settlements not mapped), "
            f"{len(campaign.contested)} contested claims, {len(campaign.losses)} losses"
        )
    return 0
