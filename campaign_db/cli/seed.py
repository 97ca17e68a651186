"""``campaign-db seed [PATH]``: load seed files (``campaign-db up`` runs it too)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from .. import config
from ..database import make_engine
from ..seeding import LoadReport, SeedError, campaign_folders, default_seed_folders, load_campaign

DESCRIPTION = """\
Load the seed files of one or more campaigns into the database: upsert every
entry on its slug in one transaction (a second run changes nothing), print the
rows per table and what changed, and list the rows whose entries are no longer
in the files (they are kept: delete them by hand if the removal is intended).

PATH is a campaign folder (one holding document.yaml) or a folder of campaign
folders; without it, the campaigns shipped with campaign-db are loaded.

Bad files load nothing: every problem is printed as
  FILE: entry SLUG: field FIELD: what is wrong
and the exit status is 2. The database must be migrated (`campaign-db up`).

examples:
  campaign-db seed
  campaign-db seed seeds/aras-valley
"""


def add_parsers(subparsers: Any) -> None:
    seed = subparsers.add_parser(
        "seed", help="load seed files (default: the shipped campaigns)", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    seed.add_argument("path", nargs="?", type=Path, metavar="PATH",
                      help="a campaign folder or a folder of campaign folders (default: the shipped campaigns)")
    seed.set_defaults(handler=run_seed)


def run_seed(arguments: argparse.Namespace) -> int:
    from . import CommandError

    if arguments.path is None:
        folders = default_seed_folders()
    else:
        folders = campaign_folders(arguments.path)
        if not folders:
            raise CommandError(f"{arguments.path} holds no campaign (no document.yaml in it or in its sub-folders)")
    target = config.resolve()
    engine = make_engine(target.url)
    try:
        print(f"database: {target.libpq_url}  ({target.origin})")
        load_folders(engine, folders)
    finally:
        engine.dispose()
    return 0


def load_default_seeds(engine: Engine) -> None:
    """Load every shipped campaign and print what changed (``campaign-db up``)."""
    load_folders(engine, default_seed_folders())


def load_folders(engine: Engine, folders: list[Path]) -> list[LoadReport]:
    """Load ``folders`` in one transaction (all or nothing) and print the reports."""
    from . import CommandError

    reports: list[LoadReport] = []
    try:
        with engine.begin() as connection:
            if connection.execute(text("select to_regclass('core.claims')")).scalar() is None:
                raise CommandError("the database has no campaign-db schema yet: run `campaign-db up` first")
            for folder in folders:
                reports.append(load_campaign(connection, folder))
    except SeedError as error:
        raise CommandError(str(error)) from error
    for report in reports:
        print(f"seeds:    {report.folder.name} (document {report.document})")
        for line in report.lines():
            print(f"  {line}")
    if not folders:
        print("seeds:    no campaign folders found")
    return reports
