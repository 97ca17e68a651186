"""``campaign-db seed [PATH]`` (load seed files; ``campaign-db up`` runs it
too) and ``campaign-db check PATH`` (check them without a database)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from .. import config
from ..database import make_engine
from ..seeding import (
    ConflictError,
    LoadReport,
    SeedError,
    campaign_folders,
    default_seed_folders,
    load_campaigns,
    read_campaign,
)

SEED_DESCRIPTION = """\
Load the seed files of one or more campaigns into the database: upsert every
entry on its natural key in one transaction (a second run prints
"changes: none"), print the rows per table and what changed, and list the
rows whose entries are no longer in the files (they are kept: delete them by
hand if the removal is intended).

A folder is a campaign: it owns its claims, denials, corroborations and
losses; parties, sides, sources and places are shared with every other
campaign, and a folder that defines one differently from another campaign is
refused, naming both.

PATH is a campaign folder (one holding campaign.yaml) or a folder of campaign
folders; without it, the campaigns shipped with campaign-db are loaded.

Bad files load nothing: every problem is printed as
  FILE: entry SLUG: field FIELD: what is wrong
and the exit status is 2. The database must be migrated (`campaign-db up`).

examples:
  campaign-db seed
  campaign-db seed seeds/aras-valley
"""

CHECK_DESCRIPTION = """\
Check the seed files of a campaign folder (or of every campaign folder in a
folder) without touching a database: the format (every field of every file),
references between files, every quote against its document, spellings,
areas, dates against the campaign's bounds. Prints every problem as
  FILE: entry SLUG: field FIELD: what is wrong
and exits with status 2 when there is one, 0 when the folder is clean.
Conflicts with other campaigns are found only when loading (`campaign-db seed`).

examples:
  campaign-db check seeds/eastern-ukraine-2022
  campaign-db check seeds
"""


def add_parsers(subparsers: Any) -> None:
    seed = subparsers.add_parser(
        "seed", help="load seed files (default: the shipped campaigns)", description=SEED_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    seed.add_argument("path", nargs="?", type=Path, metavar="PATH",
                      help="a campaign folder or a folder of campaign folders (default: the shipped campaigns)")
    seed.set_defaults(handler=run_seed)

    check = subparsers.add_parser(
        "check", help="check seed files without a database", description=CHECK_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("path", type=Path, metavar="PATH", help="a campaign folder or a folder of campaign folders")
    check.set_defaults(handler=run_check)

    schema = subparsers.add_parser(
        "seed-schema", help="write the JSON Schema of the seed files",
        description="Write the JSON Schema of every seed file (campaign, parties, sources, places, claims, "
        "losses) into a folder, for editors that validate YAML as it is typed. The shipped copy is in "
        "seeds/schema/; a YAML file opts in with a first line such as\n"
        "  # yaml-language-server: $schema=../schema/claims.schema.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    schema.add_argument("--out", type=Path, default=Path("seeds/schema"), metavar="DIR",
                        help="where to write the *.schema.json files (default: seeds/schema)")
    schema.set_defaults(handler=run_seed_schema)


def run_seed_schema(arguments: argparse.Namespace) -> int:
    from ..seeding.schema import write_json_schemas

    for path in write_json_schemas(arguments.out):
        print(path)
    return 0


def _folders(path: Path | None) -> list[Path]:
    from . import CommandError

    if path is None:
        return default_seed_folders()
    folders = campaign_folders(path)
    if not folders:
        raise CommandError(f"{path} holds no campaign (no campaign.yaml in it or in its sub-folders)")
    return folders


def run_check(arguments: argparse.Namespace) -> int:
    from . import CommandError

    failures: list[str] = []
    for folder in _folders(arguments.path):
        try:
            campaign = read_campaign(folder)
        except SeedError as error:
            failures.append(str(error))
            continue
        print(
            f"{folder}: ok — {len(campaign.places)} places, {len(campaign.claims)} claims, "
            f"{sum(len(c.denials) for c in campaign.claims)} denials, "
            f"{sum(len(c.corroborations) for c in campaign.claims)} corroborations, {len(campaign.losses)} losses"
        )
    if failures:
        raise CommandError("\n".join(failures))
    return 0


def run_seed(arguments: argparse.Namespace) -> int:
    folders = _folders(arguments.path)
    target = config.resolve()
    engine = make_engine(target.url)
    try:
        print(f"database: {target.libpq_url}  ({target.origin})")
        load_folders(engine, folders)
    finally:
        engine.dispose()
    return 0


def load_default_seeds(engine: Engine) -> None:
    """Load every shipped campaign and print what changed (``campaign-db up``).

    When every shipped folder hashes to what its campaign was loaded from
    (``core.campaigns.seed_sha256``), there is nothing to load and the folders
    are not read; ``campaign-db seed`` compares them row by row regardless."""
    from ..seeding.reading import seed_sha256

    folders = default_seed_folders()
    with engine.connect() as connection:
        rows = connection.execute(text("select slug, seed_sha256 from core.campaigns")).all()
    loaded = {str(row.slug): row.seed_sha256 for row in rows}
    if folders and all(loaded.get(folder.name) == seed_sha256(folder) for folder in folders):
        print(
            f"seeds:    the {len(folders)} shipped campaigns are loaded and their files unchanged "
            "(`campaign-db seed` compares them row by row)"
        )
        return
    load_folders(engine, folders)


def load_folders(engine: Engine, folders: list[Path]) -> list[LoadReport]:
    """Load ``folders`` in one transaction (all or nothing) and print the reports."""
    from . import CommandError

    try:
        campaigns = [read_campaign(folder) for folder in folders]
        with engine.begin() as connection:
            if connection.execute(text("select to_regclass('core.campaigns')")).scalar() is None:
                raise CommandError("the database has no campaign-db schema yet: run `campaign-db up` first")
            reports = load_campaigns(connection, campaigns)
    except (SeedError, ConflictError) as error:
        raise CommandError(str(error)) from error
    for report in reports:
        print(f"seeds:    {report.campaign} ({report.folder})")
        for line in report.lines():
            print(f"  {line}")
    if not folders:
        print("seeds:    no campaign folders found")
    return reports
