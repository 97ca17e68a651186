"""``campaign-db benchmark``: query plans and timings of the heaviest reports."""

from __future__ import annotations

import argparse
import datetime as dt
import time
import uuid
from typing import Any

import psycopg
from sqlalchemy.engine import URL

from .. import benchmark, config, migrate, synthetic
from ..database import make_engine
from .report import parse_date

DESCRIPTION = """\
Print the EXPLAIN (ANALYZE, BUFFERS) summary and the timings of
reporting.control_as_of for one day and of reporting.contested_claims.

Without --places/--claims it measures the current database (e.g. the seeded
account). With them it creates a database of its own on the same server
(the user needs CREATEDB), migrates it, fills it with a synthetic campaign of
that size (countries > districts > villages, captures over time, denials,
corroborations; see campaign_db.synthetic), measures, and drops it.

examples:
  campaign-db benchmark
  campaign-db benchmark --places 10000 --claims 200000
"""


def add_parsers(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "benchmark", help="query plans and timings of control_as_of and contested_claims",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--places", type=int, help="synthetic campaign: number of places")
    parser.add_argument("--claims", type=int, help="synthetic campaign: number of claims")
    parser.add_argument("--seed", type=int, default=1, help="synthetic campaign: random seed (default 1)")
    parser.add_argument("--as-of", type=parse_date, metavar="DATE",
                        help="day for control_as_of (default: the median day of the captures)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each query (default 5)")
    parser.add_argument("--plan", action="store_true", help="also print every node of the executed plans")
    parser.add_argument(
        "--no-jit", action="store_true",
        help="measure with jit = off in the session (control_as_of always runs without JIT)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the synthetic database (its URL is printed)")
    parser.set_defaults(handler=run_benchmark)


def run_benchmark(arguments: argparse.Namespace) -> int:
    from . import CommandError

    target = config.resolve()
    if (arguments.places is None) != (arguments.claims is None):
        raise CommandError("give both --places and --claims for a synthetic campaign, or neither")
    if arguments.places is None:
        print(f"database: {target.libpq_url} ({target.origin})")
        measure(config.to_libpq(target.url, hide_password=False), arguments)
        return 0
    url = target.url.set(database=f"campaign_db_benchmark_{uuid.uuid4().hex[:8]}")
    create_database(target.url, url)
    try:
        print(f"database: {config.to_libpq(url)} (created for this benchmark)")
        fill(url, arguments)
        measure(config.to_libpq(url, hide_password=False), arguments)
    finally:
        if arguments.keep:
            print(f"kept: {config.to_libpq(url)}")
        else:
            drop_database(target.url, url)
    return 0


def create_database(server: URL, url: URL) -> None:
    with psycopg.connect(config.to_libpq(server, hide_password=False), autocommit=True) as connection:
        connection.execute(f'create database "{url.database}"')


def drop_database(server: URL, url: URL) -> None:
    with psycopg.connect(config.to_libpq(server, hide_password=False), autocommit=True) as connection:
        connection.execute(f'drop database if exists "{url.database}" with (force)')


def fill(url: URL, arguments: argparse.Namespace) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection)
    finally:
        engine.dispose()
    started = time.monotonic()
    with psycopg.connect(config.to_libpq(url, hide_password=False)) as connection:
        counts = synthetic.generate(connection, arguments.places, arguments.claims, seed=arguments.seed)
    print(
        f"synthetic campaign: {counts.places} places, {counts.claims} claims ({counts.claim_places} named places), "
        f"{counts.denials} denials, {counts.corroborations} corroborations, {counts.losses} losses "
        f"in {time.monotonic() - started:.1f}s"
    )
    with psycopg.connect(config.to_libpq(url, hide_password=False), autocommit=True) as connection:
        connection.execute("vacuum analyze")


def measure(libpq_url: str, arguments: argparse.Namespace) -> None:
    with psycopg.connect(libpq_url, autocommit=True) as connection:
        version = connection.execute("show server_version").fetchone()
        print(f"PostgreSQL {version[0] if version else '?'}; statistics refreshed first (analyze of core)")
        connection.execute(
            "analyze core.places, core.place_names, core.parties, core.sources, core.claims, core.claim_places, "
            "core.denials, core.corroborations, core.losses"
        )
        if arguments.no_jit:
            connection.execute("set jit = off")
        jit = connection.execute("show jit").fetchone()
        print(f"jit = {jit[0] if jit else '?'} in this session")
        as_of: dt.date = arguments.as_of or benchmark.middle_day(connection)
        for measurement in (
            benchmark.measure_control_as_of(connection, as_of, arguments.runs),
            benchmark.measure_contested_claims(connection, arguments.runs),
        ):
            benchmark.report(measurement, print, show_plan=arguments.plan)
