"""Bad seed files fail cleanly: every problem names the file, the entry and
the field; the command exits non-zero; the database is exactly as before."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from seed_copies import ARAS_VALLEY, copy_campaign, edit_yaml, snapshot
from servers import create_database, drop_database

from campaign_db import migrate
from campaign_db.config import to_libpq
from campaign_db.database import make_engine
from campaign_db.seeding import SeedError, SeedProblem, load_campaign


@pytest.fixture(scope="module")
def seeded() -> Iterator[tuple[Engine, str]]:
    """A database of this module's own, loaded with the shipped campaign."""
    url = create_database("cdb_bad_seeds")
    engine = make_engine(url)
    with engine.begin() as connection:
        migrate.upgrade(connection)
        load_campaign(connection, ARAS_VALLEY)
    try:
        yield engine, to_libpq(url, hide_password=False)
    finally:
        engine.dispose()
        drop_database(url)


def first_claim_with(claims: list[dict[str, Any]], predicate: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    return next(claim for claim in claims if predicate(claim))


@dataclass
class Case:
    """A way to break a copy of the campaign, and where the error must point."""

    file: str
    field: str
    # breaks the folder; returns the slug of the entry the error must name
    breaks: Callable[[Path], str]


def change_first_claim(change: Callable[[dict[str, Any]], None]) -> Callable[[Path], str]:
    def breaks(folder: Path) -> str:
        slug: list[str] = []

        def edit(claims: list[dict[str, Any]]) -> None:
            change(claims[0])
            slug.append(claims[0]["slug"])

        edit_yaml(folder, "claims.yaml", edit)
        return slug[0]

    return breaks


def unknown_place(folder: Path) -> str:
    slug: list[str] = []

    def edit(claims: list[dict[str, Any]]) -> None:
        claim = first_claim_with(claims, lambda c: bool(c.get("places")))
        claim["places"][0] = "no-such-place"
        slug.append(claim["slug"])

    edit_yaml(folder, "claims.yaml", edit)
    return slug[0]


def duplicate_slug(folder: Path) -> str:
    slug: list[str] = []

    def edit(places: list[dict[str, Any]]) -> None:
        twin = dict(places[-1], name="A twin", names=["A twin"])
        places.append(twin)
        slug.append(twin["slug"])

    edit_yaml(folder, "places.yaml", edit)
    return slug[0]


def yaml_syntax_error(folder: Path) -> str:
    path = folder / "losses.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "- slug: a-broken-entry\n  quote: [\"unclosed\n  note: x\n",
        encoding="utf-8",
    )
    return "a-broken-entry"


def unknown_loss_category(folder: Path) -> str:
    slug: list[str] = []

    def edit(losses: list[dict[str, Any]]) -> None:
        losses[0]["category"] = "horses"
        slug.append(losses[0]["slug"])

    edit_yaml(folder, "losses.yaml", edit)
    return slug[0]


def unknown_parent(folder: Path) -> str:
    slug: list[str] = []

    def edit(places: list[dict[str, Any]]) -> None:
        places[-1]["parent"] = "no-such-district"
        slug.append(places[-1]["slug"])

    edit_yaml(folder, "places.yaml", edit)
    return slug[0]


def parent_cycle(folder: Path) -> str:
    slug: list[str] = []

    def edit(places: list[dict[str, Any]]) -> None:
        first, second = places[-1], places[-2]
        first["parent"], second["parent"] = second["slug"], first["slug"]
        slug.append(first["slug"])

    edit_yaml(folder, "places.yaml", edit)
    return slug[0]


def place_tree_too_deep(folder: Path) -> str:
    """Ten villages each inside the next: deeper than control inference follows."""
    slug: list[str] = []

    def edit(places: list[dict[str, Any]]) -> None:
        chain = [f"nested-{i}" for i in range(10)]
        for i, name in enumerate(chain):
            parent = chain[i + 1] if i + 1 < len(chain) else None
            places.append({"slug": name, "name": name, "kind": "village", "parent": parent, "names": [name]})
        slug.append(chain[0])

    edit_yaml(folder, "places.yaml", edit)
    return slug[0]


CASES = {
    "unknown place": Case("claims.yaml", "places[0]", unknown_place),
    "unknown source": Case("claims.yaml", "source", change_first_claim(lambda c: c.update(source="no-such-source"))),
    "bad date": Case("claims.yaml", "stated", change_first_claim(lambda c: c.update(stated="2020-02-30"))),
    "reversed date": Case(
        "claims.yaml", "stated", change_first_claim(lambda c: c.update(stated=["2020-10-10", "2020-10-01"]))
    ),
    "unknown kind": Case("claims.yaml", "kind", change_first_claim(lambda c: c.update(kind="conquest"))),
    "quote not in document": Case(
        "claims.yaml", "quote[0]", change_first_claim(lambda c: c.update(quote=["words the account never wrote"]))
    ),
    "duplicate slug": Case("places.yaml", "slug", duplicate_slug),
    "yaml syntax error": Case("losses.yaml", "(YAML syntax)", yaml_syntax_error),
    "unknown loss category": Case("losses.yaml", "category", unknown_loss_category),
    "unknown parent place": Case("places.yaml", "parent", unknown_parent),
    "parents in a circle": Case("places.yaml", "parent", parent_cycle),
    "place tree deeper than control inference follows": Case("places.yaml", "parent", place_tree_too_deep),
    "bad time": Case("claims.yaml", "stated_time", change_first_claim(lambda c: c.update(stated_time="25:61"))),
}


def matches(problem: SeedProblem, case: Case, entry: str) -> bool:
    return problem.file == case.file and entry in problem.entry and case.field in problem.field


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_bad_seed_file_fails_cleanly(name: str, seeded: tuple[Engine, str], tmp_path: Path) -> None:
    engine, url = seeded
    case = CASES[name]
    folder = copy_campaign(tmp_path)
    entry = case.breaks(folder)
    before = snapshot(engine)

    with pytest.raises(SeedError) as raised, engine.connect() as connection:
        load_campaign(connection, folder)
    assert any(matches(problem, case, entry) for problem in raised.value.problems), raised.value.problems
    assert snapshot(engine) == before

    environment = dict(os.environ, DATABASE_URL=url)
    result = subprocess.run(
        [sys.executable, "-m", "campaign_db", "seed", str(folder)],
        env=environment, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0
    assert any(
        case.file in line and f"entry {entry}" in line and f"field {case.field}" in line
        for line in result.stderr.splitlines()
    ), result.stderr
    assert snapshot(engine) == before


def test_a_row_the_database_refuses_rolls_the_whole_load_back(seeded: tuple[Engine, str], tmp_path: Path) -> None:
    """A party whose name another party already has passes the file checks
    but not the database's unique name: the problem names the entry and the
    constraint, and nothing of the load stays."""
    engine, _ = seeded
    folder = copy_campaign(tmp_path)
    edit_yaml(folder, "claims.yaml", lambda claims: claims[0].update(summary="Written before the failure."))

    def rename(parties: list[dict[str, Any]]) -> None:
        parties[-1]["code"] = parties[-1]["code"] + "X"

    edit_yaml(folder, "parties.yaml", rename)
    before = snapshot(engine)
    with pytest.raises(SeedError) as raised, engine.connect() as connection:
        load_campaign(connection, folder)
    (problem,) = raised.value.problems
    assert problem.file == "parties.yaml" and problem.entry.endswith("X") and "name" in problem.field
    assert snapshot(engine) == before


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    folder = copy_campaign(tmp_path)
    for case in (CASES["unknown kind"], CASES["duplicate slug"], CASES["unknown loss category"]):
        case.breaks(folder)
    with pytest.raises(SeedError) as raised:
        from campaign_db.seeding import read_campaign

        read_campaign(folder)
    assert {problem.file for problem in raised.value.problems} == {"claims.yaml", "places.yaml", "losses.yaml"}
