"""``campaign-db benchmark --places N --links M``: the war-scale figures, each
against its floor or its peers, in one run."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from typing import Any

from .. import config

DESCRIPTION = """\
Build a war-sized database and measure every figure it must meet, each
against its floor or its peers in the same run (the machine is shared and
noisy: ratios, not absolute times, are what carries over).

It creates a database of its own on the server (DATABASE_URL's, or the
embedded one; the login needs CREATEDB), migrates it, loads the shipped
campaigns, writes a synthetic war of N places and about M claim-place links
(campaign_db.synthetic: districts and villages, a year of captures,
counter-captures, area claims, denials, corroborations) as CSV and imports
it through `campaign-db import`'s path, then measures, and drops the
database (--keep keeps it).

figures (goal in brackets):
  import rows/s end to end [>= 100 000] and against raw COPY of the same
    file into an unindexed table [>= 0.3]
  control_as_of(D), the full control map, against the floor: the periods
    covering D read straight from their index [<= 3x]; with a knowledge
    cut-off [<= 5x]; against pandas [5x faster] and duckdb [faster] answering
    from the claim rows in memory
  one place's timeline: claims, contests, periods [<= 2 ms median]
  contested_claims of one campaign beside the war, of one place [<= 50 ms];
    the whole view against a plain scan of a table of its rows [<= 3x]
  control_daily and district_progress of the war over its year [<= 5 s,
    <= 100 MB temp]
  a one-claim change re-derived: a seed edit through the loader, an UPDATE
    by hand through the triggers, 8 or more in one session, median [<= 1 s]
  campaign-db up on the embedded server: cold [<= 5 s], warm [<= 1.5 s]

Times are medians of --runs runs, every row fetched (the daily views' and
the whole contested view's in chunks of 10 000, its baseline's too). pandas and duckdb are optional (pip install
'campaign-db[bench]'); without them their figures are left out. --format json prints a list of
  {"measure", "seconds", "baseline", "baseline_seconds", "ratio", "goal", "met", ...}
objects, one per figure, for a script to check; the exit status is 0 either
way (a figure missing its goal is a result, not an error).

examples:
  campaign-db benchmark --places 2000 --links 100000
  campaign-db benchmark --places 100000 --links 5000000 --format json > figures.json
"""


def add_parsers(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "benchmark",
        help="war-scale figures: queries against their floors and peers, import speed",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--places", type=int, required=False, metavar="N", help="places of the synthetic war")
    parser.add_argument("--links", type=int, required=False, metavar="M", help="claim-place links, about")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the synthetic war (default 1)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each query (default 5)")
    parser.add_argument("--no-up", action="store_true", help="leave out the `campaign-db up` figures")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark's database (its URL is printed)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    parser.set_defaults(handler=run_benchmark)


def run_benchmark(arguments: argparse.Namespace) -> int:
    from .. import benchmark  # numpy, Arrow and the peers are loaded only to measure
    from . import CommandError

    if arguments.places is None or arguments.links is None:
        raise CommandError("give both --places N and --links M (e.g. --places 2000 --links 100000)")
    if arguments.places < 10 or arguments.links < 100:
        raise CommandError("the synthetic war needs at least 10 places and 100 links")
    if arguments.runs < 1:
        raise CommandError("--runs must be at least 1")
    target = config.resolve()

    stopped: list[int] = []

    def say(line: str) -> None:
        if stopped:
            # the stop was raised where Python swallows exceptions (a
            # finalizer's __del__ that the signal happened to interrupt):
            # raise it again at the next progress line
            raise SystemExit(128 + stopped[0])
        print(line, file=sys.stderr if arguments.format == "json" else sys.stdout, flush=True)

    def stop(signum: int, frame: Any) -> None:
        # a stopped run (kill, a CI timeout) still drops its database and
        # removes its files: the exit unwinds through their clean-up, which
        # a second signal (a whole process group told twice) must not cut
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stopped.append(signum)
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        figures = benchmark.run(
            target.url,
            arguments.places,
            arguments.links,
            runs=arguments.runs,
            seed=arguments.seed,
            keep=arguments.keep,
            with_up=not arguments.no_up,
            say=say,
        )
    finally:
        signal.signal(signal.SIGTERM, previous)
    if stopped:  # swallowed, and no progress line came after it
        raise SystemExit(128 + stopped[0])
    if arguments.format == "json":
        print(json.dumps([figure.as_dict() for figure in figures], indent=2))
        return 0
    print()
    print(f"{'figure':<58} {'seconds':>9} {'baseline':>9} {'ratio':>7}  {'goal':<34} met")
    for figure in figures:
        baseline = f"{figure.baseline_seconds:9.4f}" if figure.baseline_seconds is not None else " " * 9
        ratio = f"{figure.ratio:7.2f}" if figure.ratio is not None else " " * 7
        met = {True: "yes", False: "NO", None: "-"}[figure.met]
        print(f"{figure.measure[:58]:<58} {figure.seconds:9.4f} {baseline} {ratio}  {figure.goal:<34} {met}")
        details = [figure.baseline or "", figure.note]
        if figure.rows is not None:
            details.append(f"{figure.rows} rows")
        if figure.temp_mb:
            details.append(f"{figure.temp_mb:.1f} MB temp")
        detail = "; ".join(part for part in details if part)
        if detail:
            print(f"    {detail}")
    return 0
