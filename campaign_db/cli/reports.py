"""The report commands: ``control``, ``contested``, ``timeline``, ``losses``.

Each reads the ``reporting`` views through :mod:`campaign_db.reporting` and
prints them with :mod:`campaign_db.cli.output`, so the command line shows
exactly the rows a SQL or Python user gets.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session

from .. import config, reporting
from ..database import make_engine
from ..reporting.views import ContestedClaim, LossReport
from .output import Column, add_format_argument, render, terminal_width
from .report import parse_date

CONTROL_HELP = """\
Who controlled each place on a day, according to the claims: the controlling
side and party, since when (the first day of the side's unbroken control), on
what basis (a claim naming the place: direct; a claim about an area containing
it: inherited) and how solid the answer is: contradicted, contested (another
side claimed it and did not take it over; the counter-claim is shown),
disputed, denied, corroborated or claimed. --known-by answers with only what
had been said by that day.

Without --campaign every scope is listed: each campaign (its own account's
claims) and 'all' (every campaign together).

examples:
  campaign-db control --as-of 2020-10-22 --campaign aras-valley
  campaign-db control --as-of 2020-10-08 --known-by 2020-10-08 --district "Jabrayil District"
  campaign-db control --as-of 2022-09-12 --campaign eastern-ukraine-2022 --format csv > control.csv
"""

CONTESTED_HELP = """\
Every claim that was contested, with the counter-statement: denials, mutual
accusations, self-contradictions (a side's later captures inside an area it
said it held), repeat claims, date conflicts, and conflicting control (two
sides claiming the same place for the same days).

examples:
  campaign-db contested --campaign aras-valley
  campaign-db contested --kind conflicting_control --format csv
"""

TIMELINE_HELP = """\
The story of one place in date order: the claims naming it, how they were
contested, and who held it when. PLACE is any spelling of its name, with or
without accents (Füzuli, Fuzuli, FUZULI; Kupiansk, Kupyansk) or its slug.
When several places share the name (a city and its district), each one's
story is shown in turn, headed by which place it is.

examples:
  campaign-db timeline Sirik
  campaign-db timeline fuzuli --campaign aras-valley
  campaign-db timeline jabrayil-district
"""

LOSSES_HELP = """\
Every reported loss figure: who reported it, as of which day, which party
lost what, and the figure with its qualifier (exact, approximately, at least,
up to, between low and high, unspecified).

examples:
  campaign-db losses --campaign deir-ez-zor-2017
"""

CAMPAIGNS_HELP = """\
The campaigns the database holds: each account with its days, sides,
documents, licence, dataset version and how many claims, places, denials,
corroborations and losses it holds, then, for each, its places by kind and
its claims by kind and by voice.

examples:
  campaign-db campaigns
  campaign-db campaigns --format json
"""

CONTROL_TABLE = (
    Column("campaign", wraps=True),
    Column("place_name", "place", wraps=True),
    Column("district", wraps=True),
    Column("controller_side", "side", wraps=True),
    Column("since"),
    Column("status"),
    Column("claimant", "basis claimed by", wraps=True),
    Column("counter_claimant", "contested by", wraps=True),
)
CONTESTED_TABLE = (
    Column("campaign", wraps=True),
    Column("claim_date", "claimed"),
    Column("claimant", "claimed by", wraps=True),
    Column("contest_kind", "contest"),
    Column("contested_by", "by", wraps=True),
    Column("contested_on", "on"),
    Column("places", wraps=True),
)
TIMELINE_TABLE = (
    Column("on"),
    Column("entry"),
    Column("campaign", wraps=True),
    Column("kind", wraps=True),
    Column("source", wraps=True),
    Column("detail", wraps=True),
)
LOSSES_TABLE = (
    Column("campaign", wraps=True),
    Column("as_of", "as of"),
    Column("reported_by", "reported by", wraps=True),
    Column("losing_party_code", "lost by"),
    Column("category", wraps=True),
    Column("outcome"),
    Column("figure"),
)
CAMPAIGNS_TABLE = (
    Column("campaign", wraps=True),
    Column("first_day", "from"),
    Column("last_day", "to"),
    Column("version"),
    Column("claims"),
    Column("places"),
    Column("denials"),
    Column("losses"),
)
TIMELINE_COLUMNS = tuple(field.name for field in dataclasses.fields(reporting.TimelineEntry))


def add_campaign_argument(parser: Any) -> None:
    parser.add_argument(
        "--campaign", metavar="SLUG",
        help="only this campaign (its slug, see `campaign-db campaigns`), or 'all' for every campaign together",
    )


def add_parsers(subparsers: Any) -> None:
    def add(name: str, summary: str, description: str, handler: Callable[[argparse.Namespace], int]) -> Any:
        parser = subparsers.add_parser(
            name, help=summary, description=description, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        parser.set_defaults(handler=handler)
        return parser

    campaigns = add("campaigns", "the campaigns the database holds", CAMPAIGNS_HELP, run_campaigns)
    add_format_argument(campaigns)

    control = add("control", "who controlled each place on a day, and how solidly", CONTROL_HELP, run_control)
    control.add_argument("--as-of", type=parse_date, required=True, metavar="DATE", help="the day (YYYY-MM-DD)")
    control.add_argument(
        "--known-by", type=parse_date, metavar="DATE",
        help="count only statements certainly made by this day (default: everything known)",
    )
    control.add_argument(
        "--district", metavar="NAME",
        help="only the places of this report area (district, raion, governorate: any spelling)",
    )
    add_campaign_argument(control)
    add_format_argument(control)

    contested = add("contested", "every contested claim, with the counter-statement", CONTESTED_HELP, run_contested)
    contested.add_argument("--kind", choices=reporting.CONTEST_KINDS, help="only contests of this kind")
    add_campaign_argument(contested)
    add_format_argument(contested)

    timeline = add("timeline", "the story of one place, in date order", TIMELINE_HELP, run_timeline)
    timeline.add_argument("place", metavar="PLACE", help="the place: any spelling of its name, or its slug")
    add_campaign_argument(timeline)
    add_format_argument(timeline)

    losses = add("losses", "every reported loss figure", LOSSES_HELP, run_losses)
    add_campaign_argument(losses)
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


def _campaign(session: Session, arguments: argparse.Namespace) -> str | None:
    from . import CommandError

    try:
        return reporting.check_campaign(session, getattr(arguments, "campaign", None))
    except reporting.UnknownCampaign as error:
        raise CommandError(f"--campaign: {error}") from error


def run_campaigns(arguments: argparse.Namespace) -> int:
    with reporting_session() as session:
        rows = [view_row(row) for row in reporting.campaigns(session)]
        breakdowns = reporting_breakdowns(session) if arguments.format == "table" else {}
    print_rows(rows, view_columns(reporting.CampaignSummary), CAMPAIGNS_TABLE, arguments)
    width = terminal_width()
    for campaign, lines in breakdowns.items():
        print(f"\n{campaign}:")
        for line in lines:
            print(textwrap.fill(line, width=width, initial_indent="  ", subsequent_indent="    "))
    return 0


def reporting_breakdowns(session: Session) -> dict[str, list[str]]:
    """Per campaign: places by kind, claims by kind and by voice (from the
    reporting views, so a reader login sees the same)."""
    from sqlalchemy import text

    out: dict[str, list[str]] = {}
    for row in session.execute(text(
        "select campaign, campaign_title, sides, denials, corroborations, losses, licence "
        "from reporting.campaigns order by campaign"
    )):
        out[row.campaign] = [
            f"{row.campaign_title}; sides: {row.sides}; licence: {row.licence}",
            f"denials {row.denials}, corroborations {row.corroborations}, losses {row.losses}",
        ]
    queries = (
        ("places by kind", "select campaign, place_kind as key, count(*) as n from ("
         "select distinct claims.campaign, places.place_id, places.place_kind from reporting.places as places "
         "cross join lateral unnest(string_to_array(places.campaigns, ', ')) as claims(campaign)) as named "
         "group by 1, 2 order by 1, 3 desc, 2"),
        ("claims by kind", "select campaign, claim_kind as key, count(distinct claim_id) as n "
         "from reporting.claims group by 1, 2 order by 1, 3 desc, 2"),
        ("claims by voice", "select campaign, claimant as key, count(distinct claim_id) as n "
         "from reporting.claims group by 1, 2 order by 1, 3 desc, 2"),
    )
    for title, query in queries:
        grouped: dict[str, list[str]] = {}
        for row in session.execute(text(query)):
            grouped.setdefault(row.campaign, []).append(f"{row.key} {row.n}")
        for campaign, items in grouped.items():
            out.setdefault(campaign, []).append(f"{title}: " + ", ".join(items))
    return out


def run_control(arguments: argparse.Namespace) -> int:
    from . import CommandError

    with reporting_session() as session:
        campaign = _campaign(session, arguments)
        try:
            rows = reporting.control_as_of(session, arguments.as_of, arguments.known_by, arguments.district, campaign)
        except reporting.PlaceLookupError as error:
            raise CommandError(f"--district: {error}") from error
    print_rows([dataclasses.asdict(row) for row in rows], reporting.CONTROL_COLUMNS, CONTROL_TABLE, arguments)
    return 0


def run_contested(arguments: argparse.Namespace) -> int:
    with reporting_session() as session:
        campaign = _campaign(session, arguments)
        rows = [view_row(row) for row in reporting.contested_claims(session, arguments.kind, campaign)]
    print_rows(rows, view_columns(ContestedClaim), CONTESTED_TABLE, arguments)
    return 0


def run_timeline(arguments: argparse.Namespace) -> int:
    from . import CommandError

    with reporting_session() as session:
        campaign = _campaign(session, arguments)
        try:
            places = [reporting.resolve_place(session, arguments.place)]
        except reporting.AmbiguousPlace as ambiguous:
            places = list(ambiguous.matches)
        except reporting.PlaceLookupError as error:
            raise CommandError(f"{error}") from error
        stories = [(place, reporting.timeline(session, place.place_id, campaign)) for place in places]
    if arguments.format != "table" or len(stories) == 1:
        # csv and json: one document; with several places, each row names its place
        many = len(stories) > 1
        rows = [
            {**({"place_id": place.place_id, "place_slug": place.slug} if many else {}), **dataclasses.asdict(entry)}
            for place, entries in stories
            for entry in entries
        ]
        columns: Sequence[str] = ("place_id", "place_slug", *TIMELINE_COLUMNS) if many else TIMELINE_COLUMNS
        print_rows(rows, columns, TIMELINE_TABLE, arguments)
        return 0
    for index, (place, entries) in enumerate(stories):
        if index:
            print()
        print(f"{place.describe()}:")
        print_rows([dataclasses.asdict(entry) for entry in entries], TIMELINE_COLUMNS, TIMELINE_TABLE, arguments)
    return 0


def run_losses(arguments: argparse.Namespace) -> int:
    with reporting_session() as session:
        campaign = _campaign(session, arguments)
        rows = [view_row(row) for row in reporting.losses(session, None if campaign == "all" else campaign)]
    for row in rows:
        row["figure"] = loss_figure(row)
    print_rows(rows, view_columns(LossReport), LOSSES_TABLE, arguments)
    return 0


def loss_figure(row: Mapping[str, Any]) -> str:
    """"at least 40", "1300–1700", "about 100", "up to 5000", "unspecified"."""
    low, high, qualifier = row["quantity_low"], row["quantity_high"], row["qualifier"]
    return {
        "exact": f"{low}",
        "approximately": f"about {low}",
        "at_least": f"at least {low}",
        "up_to": f"up to {high}",
        "between": f"{low}–{high}",
    }.get(qualifier, "unspecified")


def view_columns(view: type[reporting.ReportingView]) -> tuple[str, ...]:
    """The view's columns, in the view's order."""
    return tuple(view.__table__.columns.keys())


def view_row(row: reporting.ReportingView) -> dict[str, Any]:
    return {column: getattr(row, column) for column in view_columns(type(row))}


def print_rows(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], table: Sequence[Column], arguments: argparse.Namespace
) -> None:
    render(rows, columns, table, arguments.format, sys.stdout)
