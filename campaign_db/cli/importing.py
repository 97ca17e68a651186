"""``campaign-db import FOLDER``: a campaign's claims, places, denials and
corroborations in bulk, from CSV or Parquet files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import text

from .. import config
from ..database import make_engine
from ..import_columns import CLAIM_COLUMNS, PLACE_COLUMNS, RESPONSE_COLUMNS
from ..seeding import ConflictError, SeedError, read_campaign

DESCRIPTION = f"""\
Import a campaign's claims (and places, denials and corroborations) in bulk
from tabular files, CSV (with a header row) or Parquet, into the campaign of
FOLDER. FOLDER is a campaign folder as `campaign-db seed` reads it
(campaign.yaml with its sides and documents, parties.yaml, sources.yaml, and
any places.yaml, claims.yaml and losses.yaml); the files add to it. The files
are read in batches, checked column by column, copied into staging tables
(COPY) and written with the loader's set-based upserts, all in one
transaction: any problem is printed as
  FILE: row N: column COLUMN: what is wrong
and nothing is written (exit status 2). Run again with the same files and
nothing changes; the claims of a campaign are the folder's and the files'
together, so import the same files again after editing the folder.

claims file, one row per claim and place it names (a claim naming no place:
one row with an empty place); the rows of a claim repeat its columns:
  {", ".join(CLAIM_COLUMNS)}
  required: claim (slug), source (a source slug, or narrative), kind,
  stated_from, occurred_from (YYYY-MM-DD), summary, quote (words of the
  document; fragments joined with " … ")
  stated_to/occurred_to: the last possible day (empty: the same day; open:
  no end); role: subject (default), origin, ...; share: percent held, for a
  partial claim; document: default the campaign's account document

places file, one row per place:
  {", ".join(PLACE_COLUMNS)}
  required: place (slug), name, kind, url and quote (the page that states
  the place and its area, and its words); area: the slug of the area it
  lies in; latitude/longitude/precision: cited coordinates

responses file, one row per denial or corroboration of a claim:
  {", ".join(RESPONSE_COLUMNS)}
  required: response (denial or corroboration), slug, claim, source,
  stated_from, quote; kind: a corroboration's kind; place: one of the
  claim's places (empty: the whole claim); document: default the claim's

examples:
  campaign-db import my-campaign --claims claims.parquet
  campaign-db import my-campaign --claims claims.csv --places places.csv --responses responses.csv
  campaign-db import my-campaign --claims part1.parquet --claims part2.parquet
"""


def add_parsers(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="bulk-import claims, places, denials and corroborations from CSV or Parquet",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("folder", type=Path, metavar="FOLDER", help="the campaign folder (holding campaign.yaml)")
    parser.add_argument(
        "--claims",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a claims file (.csv or .parquet); repeat for several",
    )
    parser.add_argument(
        "--places", type=Path, action="append", default=[], metavar="FILE", help="a places file; repeat for several"
    )
    parser.add_argument(
        "--responses",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a file of denials and corroborations; repeat for several",
    )
    parser.add_argument(
        "--no-check-quotes",
        action="store_true",
        help="do not look every quote up in its document (faster for files made by a program)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress lines on standard error")
    parser.set_defaults(handler=run_import)


def run_import(arguments: argparse.Namespace) -> int:
    from ..importing import ImportFilesError, import_files  # Arrow is loaded only to import
    from . import CommandError

    files: list[Path] = [*arguments.claims, *arguments.places, *arguments.responses]
    if not files:
        raise CommandError("give at least one file: --claims FILE, --places FILE or --responses FILE")
    for path in files:
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        if path.suffix.lower() not in (".csv", ".parquet", ".pq"):
            raise CommandError(f"{path}: a claims, places or responses file is .csv or .parquet")
    try:
        folder = read_campaign(arguments.folder)
    except SeedError as error:
        raise CommandError(str(error)) from error

    def phase(name: str, seconds: float) -> None:
        if not arguments.quiet:
            print(f"import: {name}: {seconds:.1f} s", file=sys.stderr, flush=True)

    target = config.resolve()
    engine = make_engine(target.url)
    try:
        print(f"database: {target.libpq_url}  ({target.origin})")
        with engine.begin() as connection:  # committed at the end of the block
            if connection.execute(text("select to_regclass('core.campaigns')")).scalar() is None:
                raise CommandError("the database has no campaign-db schema yet: run `campaign-db up` first")
            try:
                report = import_files(
                    connection,
                    folder,
                    claims=arguments.claims,
                    places=arguments.places,
                    responses=arguments.responses,
                    check_quotes=not arguments.no_check_quotes,
                    on_phase=phase,
                )
            except (ImportFilesError, ConflictError) as error:
                raise CommandError(str(error)) from error
    finally:
        engine.dispose()
    for name, rows in report.rows.items():
        print(f"read:     {name}: {rows} rows")
    print(f"import:   {report.load.campaign} ({report.load.folder})")
    for line in report.load.lines():
        print(f"  {line}")
    total = sum(report.phases.values())
    links = report.load.tables["claim_places"].in_files
    if total > 0 and links:
        print(f"  {links / total:,.0f} claim-place rows/s end to end ({total:.1f} s)")
    return 0
