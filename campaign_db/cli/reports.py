"""The report commands: ``control``, ``contested``, ``timeline``, ``losses``.

Each reads the ``reporting`` views through :mod:`campaign_db.reporting` and
prints them with :mod:`campaign_db.cli.output`, so the command line shows
exactly the rows a SQL or Python user gets.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session

from .. import config, reporting
from ..database import make_engine
from ..reporting.views import ContestedClaim, LossReport
from .output import Column, add_format_argument, render
from .report import parse_date

CONTROL_HELP = """\
Who controlled each place on a day, according to the claims: the controlling
party, since when, on what basis (a claim naming the place: direct; a claim
about an area containing it: inherited) and how solid that basis is
(contradicted, disputed, denied, corroborated or claimed). --known-by
answers with only what had been said by that day.

examples:
  campaign-db control --as-of 2020-10-22
  campaign-db control --as-of 2020-10-08 --known-by 2020-10-08 --district Jabrayil
  campaign-db control --as-of 2020-10-22 --format csv > control.csv
"""

CONTESTED_HELP = """\
Every claim that was contested, with the counter-statement: denials, mutual
accusations, self-contradictions (a side's later captures inside an area it
said it held), repeat claims and date conflicts.
"""

TIMELINE_HELP = """\
The story of one place in date order: the claims naming it, how they were
contested, and who held it when. PLACE is any spelling of its name, with or
without accents (Füzuli, Fuzuli, FUZULI) or its slug; when several places
share the name, they are listed so you can pick one.
"""

LOSSES_HELP = """\
Every reported loss figure: who reported it, as of which day, which party
lost what, and the qualifier of the number (exact, at least, unspecified).
"""

CONTROL_TABLE = (
    Column("place_name", "place", wraps=True),
    Column("district", wraps=True),
    Column("controller_code", "controller"),
    Column("since"),
    Column("basis"),
    Column("status"),
    Column("claim_id", "claim"),
)
CONTESTED_TABLE = (
    Column("claim_id", "claim"),
    Column("claim_date", "claimed"),
    Column("contest_kind", "contest"),
    Column("contested_by", "by", wraps=True),
    Column("contested_on", "on"),
    Column("places", wraps=True),
)
TIMELINE_TABLE = (
    Column("on"),
    Column("entry"),
    Column("kind", wraps=True),
    Column("source", wraps=True),
    Column("claim_id", "claim"),
    Column("detail", wraps=True),
)
LOSSES_TABLE = (
    Column("as_of", "as of"),
    Column("reported_by", "reported by", wraps=True),
    Column("losing_party_code", "lost by"),
    Column("category", wraps=True),
    Column("equipment", wraps=True),
    Column("outcome"),
    Column("quantity", "qty"),
    Column("qualifier"),
)
TIMELINE_COLUMNS = tuple(field.name for field in dataclasses.fields(reporting.TimelineEntry))


def add_parsers(subparsers: Any) -> None:
    def add(name: str, summary: str, description: str, handler: Callable[[argparse.Namespace], int]) -> Any:
        parser = subparsers.add_parser(
            name, help=summary, description=description, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        parser.set_defaults(handler=handler)
        return parser

    control = add("control", "who controlled each place on a day, and how solidly", CONTROL_HELP, run_control)
    control.add_argument("--as-of", type=parse_date, required=True, metavar="DATE", help="the day (YYYY-MM-DD)")
    control.add_argument(
        "--known-by", type=parse_date, metavar="DATE",
        help="count only statements certainly made by this day (default: everything known)",
    )
    control.add_argument("--district", metavar="NAME", help="only the places of this district (any spelling)")
    add_format_argument(control)

    contested = add("contested", "every contested claim, with the counter-statement", CONTESTED_HELP, run_contested)
    add_format_argument(contested)

    timeline = add("timeline", "the story of one place, in date order", TIMELINE_HELP, run_timeline)
    timeline.add_argument("place", metavar="PLACE", help="the place: any spelling of its name, or its slug")
    add_format_argument(timeline)

    losses = add("losses", "every reported loss figure", LOSSES_HELP, run_losses)
    add_format_argument(losses)


@contextmanager
def reporting_session() -> Iterator[Session]:
    """A session on the target database, for reading only; a database
    without the reporting views is reported as not set up yet."""
    from . import CommandError

    engine = make_engine(config.resolve().url)
    try:
        with Session(engine) as session:
            try:
                yield session
            except ProgrammingError as error:
                if getattr(error.orig, "sqlstate", None) in ("42P01", "42883", "3F000"):
                    raise CommandError(
                        "this database has no reporting views yet: run `campaign-db up` first"
                    ) from error
                raise
            finally:
                session.rollback()
    finally:
        engine.dispose()


def run_control(arguments: argparse.Namespace) -> int:
    from . import CommandError

    with reporting_session() as session:
        try:
            rows = reporting.control_as_of(session, arguments.as_of, arguments.known_by, arguments.district)
        except reporting.PlaceLookupError as error:
            raise CommandError(f"--district: {error}") from error
    print_rows([dataclasses.asdict(row) for row in rows], reporting.CONTROL_COLUMNS, CONTROL_TABLE, arguments)
    return 0


def run_contested(arguments: argparse.Namespace) -> int:
    with reporting_session() as session:
        rows = [view_row(row) for row in reporting.contested_claims(session)]
    print_rows(rows, view_columns(ContestedClaim), CONTESTED_TABLE, arguments)
    return 0


def run_timeline(arguments: argparse.Namespace) -> int:
    from . import CommandError

    with reporting_session() as session:
        try:
            entries = reporting.timeline(session, arguments.place)
        except reporting.PlaceLookupError as error:
            raise CommandError(f"{error}") from error
    print_rows([dataclasses.asdict(entry) for entry in entries], TIMELINE_COLUMNS, TIMELINE_TABLE, arguments)
    return 0


def run_losses(arguments: argparse.Namespace) -> int:
    with reporting_session() as session:
        rows = [view_row(row) for row in reporting.losses(session)]
    print_rows(rows, view_columns(LossReport), LOSSES_TABLE, arguments)
    return 0


def view_columns(view: type[reporting.ReportingView]) -> tuple[str, ...]:
    """The view's columns, in the view's order."""
    return tuple(view.__table__.columns.keys())


def view_row(row: reporting.ReportingView) -> dict[str, Any]:
    return {column: getattr(row, column) for column in view_columns(type(row))}


def print_rows(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], table: Sequence[Column], arguments: argparse.Namespace
) -> None:
    render(rows, columns, table, arguments.format, sys.stdout)
