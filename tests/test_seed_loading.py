"""The loader: idempotent, serialized, updating edited entries, reporting
removed ones, and all or nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from campaign_builder import CampaignBuilder
from seed_copies import ARAS_VALLEY, copy_campaign, edit_yaml, read_yaml, row_counts, snapshot
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL

from campaign_db import migrate
from campaign_db.config import to_libpq
from campaign_db.database import make_engine
from campaign_db.seeding import ADVISORY_LOCK_KEY, LoadReport, load_campaign
from campaign_db.seeding.writer import CampaignWriter


@pytest.fixture
def engine(fresh_database_url: URL) -> Iterator[Engine]:
    """A migrated, empty database of the test's own."""
    engine = make_engine(fresh_database_url)
    with engine.begin() as connection:
        migrate.upgrade(connection)
    yield engine
    engine.dispose()


def load(engine: Engine, folder: Path = ARAS_VALLEY) -> LoadReport:
    with engine.connect() as connection:
        return load_campaign(connection, folder)


def in_files(report: LoadReport) -> dict[str, int]:
    return {table: counts.in_files for table, counts in report.tables.items()}


def test_a_second_load_changes_nothing(engine: Engine) -> None:
    first = load(engine)
    assert first.changed == sum(in_files(first).values())
    assert all(counts.inserted == counts.in_files for counts in first.tables.values())
    counts = row_counts(engine)
    for table in ("campaigns", "documents", "parties", "places", "place_names", "place_areas", "claims",
                  "claim_places", "denials", "corroborations", "losses"):
        assert counts[table] == in_files(first)[table], table
    before = snapshot(engine)

    second = load(engine)
    assert second.changed == 0
    assert all(c.inserted == c.updated == c.deleted == 0 for c in second.tables.values())
    assert second.stale == {}
    assert "changes: none" in "\n".join(second.lines())
    assert snapshot(engine) == before


def test_two_loaders_at_once_produce_no_duplicates(engine: Engine) -> None:
    barrier = threading.Barrier(2)
    reports: list[LoadReport] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with engine.connect() as connection:
                barrier.wait()
                reports.append(load_campaign(connection, ARAS_VALLEY))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert len(reports) == 2
    total = sum(in_files(reports[0]).values())
    assert sorted(report.changed for report in reports) == [0, total]
    assert row_counts(engine)["claims"] == in_files(reports[0])["claims"]
    with engine.connect() as connection:
        for table in ("places", "claims", "denials", "corroborations", "losses", "sources"):
            duplicates = connection.execute(
                text(f"select slug from core.{table} group by slug having count(*) > 1")
            ).all()
            assert duplicates == []


def test_a_loader_waits_for_another_holding_the_lock(engine: Engine) -> None:
    finished = threading.Event()

    def run() -> None:
        load(engine)
        finished.set()

    with engine.connect() as holder:
        holder.execute(text("select pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
        thread = threading.Thread(target=run)
        thread.start()
        time.sleep(1.0)
        assert not finished.is_set(), "the loader did not wait for the advisory lock"
        assert row_counts(engine)["claims"] == 0
        holder.rollback()  # ends the transaction: releases the lock
    thread.join(timeout=120)
    assert finished.is_set()
    assert row_counts(engine)["claims"] > 0


def test_editing_an_entry_and_reloading_updates_that_row(engine: Engine, tmp_path: Path) -> None:
    folder = copy_campaign(tmp_path)
    load(engine, folder)
    claims: list[dict[str, Any]] = []

    def edit_claims(value: list[dict[str, Any]]) -> None:
        value[0]["summary"] = "An edited summary."
        claims.extend(value)

    edit_yaml(folder, "claims.yaml", edit_claims)
    trimmed = next(
        claim for claim in claims
        if len(claim.get("places") or []) >= 2
        and not any(answer.get("place") for answer in claim.get("denials", []) + claim.get("corroborations", []))
    )

    def drop_last_place(value: list[dict[str, Any]]) -> None:
        next(claim for claim in value if claim["slug"] == trimmed["slug"])["places"].pop()

    edit_yaml(folder, "claims.yaml", drop_last_place)
    edit_yaml(folder, "places.yaml", lambda places: places[0]["names"].append(
        {"name": "A new spelling", "url": "https://example.org/spelling", "quote": "A new spelling"}))
    edit_yaml(folder, "losses.yaml", lambda losses: losses[0].update(note="An edited note."))

    report = load(engine, folder)
    changes = {table: (c.inserted, c.updated, c.deleted) for table, c in report.tables.items() if c.changed}
    assert changes == {
        "campaigns": (0, 1, 0),  # its seed_sha256: the files changed
        "place_names": (1, 0, 0),
        "claims": (0, 1, 0),
        "claim_places": (0, 0, 1),
        "losses": (0, 1, 0),
    }
    with engine.connect() as connection:
        assert connection.execute(
            text("select summary from core.claims where slug = :slug"), {"slug": claims[0]["slug"]}
        ).scalar_one() == "An edited summary."
        assert connection.execute(
            text("select count(*) from core.place_names where name = 'A new spelling'")
        ).scalar_one() == 1
    assert load(engine, folder).changed == 0


def test_an_entry_removed_from_the_files_is_reported_and_kept(engine: Engine, tmp_path: Path) -> None:
    folder = copy_campaign(tmp_path)
    edit_yaml(folder, "places.yaml", lambda places: places.append({
        "slug": "unused-place", "name": "Unused", "kind": "village",
        "names": [{"name": "Unused", "url": "https://example.org/unused", "quote": "Unused"}],
    }))
    load(engine, folder)
    removed: dict[str, str] = {}

    def remove_claim(claims: list[dict[str, Any]]) -> None:
        referenced = set()
        for loss in read_yaml(folder, "losses.yaml"):
            referenced.add(loss.get("claim"))
        index = next(i for i, claim in enumerate(claims) if claim["slug"] not in referenced)
        removed["claims"] = claims.pop(index)["slug"]

    def remove_loss(losses: list[dict[str, Any]]) -> None:
        removed["losses"] = losses.pop()["slug"]

    def remove_unused_place(places: list[dict[str, Any]]) -> None:
        used = {area.get("area") or area.get("areas_of") for place in places for area in place.get("areas") or []}
        for claim in read_yaml(folder, "claims.yaml"):
            used |= {item if isinstance(item, str) else item["place"] for item in claim.get("places") or []}
        used |= {loss.get("place") for loss in read_yaml(folder, "losses.yaml")}
        index = next(i for i, place in enumerate(places) if place["slug"] not in used)
        removed["places"] = places.pop(index)["slug"]

    edit_yaml(folder, "claims.yaml", remove_claim)
    edit_yaml(folder, "losses.yaml", remove_loss)
    edit_yaml(folder, "places.yaml", remove_unused_place)
    before = snapshot(engine)

    report = load(engine, folder)
    assert report.stale.get("claims") == [removed["claims"]]
    assert report.stale.get("losses") == [removed["losses"]]
    assert report.stale.get("places") == [removed["places"]]
    after = snapshot(engine)
    # a removed entry is kept (and reported), not deleted; only the campaign's
    # own reading of the removed place (its link and spellings) goes with it,
    # and the campaign's seed hash changes with its files
    for table in ("campaign_places", "place_names", "campaigns"):
        before.pop(table), after.pop(table)
    assert after == before, "a removed entry must be kept (and reported), not deleted"
    printed = "\n".join(report.lines())
    assert removed["claims"] in printed and removed["losses"] in printed


def test_a_failure_halfway_leaves_the_database_as_it_was(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_campaign(tmp_path)
    load(engine, folder)
    edit_yaml(folder, "claims.yaml", lambda claims: claims[0].update(summary="Never stored."))
    before = snapshot(engine)

    def fail(self: CampaignWriter) -> None:
        raise RuntimeError("the server went away")

    monkeypatch.setattr(CampaignWriter, "_losses", fail)
    with pytest.raises(RuntimeError):
        load(engine, folder)
    assert snapshot(engine) == before


def test_a_load_inside_a_transaction_is_rolled_back_with_it(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.begin()
        report = load_campaign(connection, ARAS_VALLEY)
        assert report.changed > 0
        connection.rollback()
    assert row_counts(engine)["claims"] == 0


def test_a_second_campaign_does_not_report_the_first_ones_rows(engine: Engine, tmp_path: Path) -> None:
    other = (
        CampaignBuilder("other-campaign", period=("2021-05-01", "2021-05-31"))
        .side("azerbaijan", "Azerbaijan", ("AZ", "Azerbaijan"))
        .source("az-mod", "Ministry of Defence of Azerbaijan", "ministry_of_defence", "AZ")
        .place("nowhere", "Nowhere", "village")
        .claim("other-az-mod-takes-nowhere", "az-mod", "capture", ["nowhere"], "2021-05-01", actor="AZ")
    )
    load(engine)
    assert load(engine, other.write(tmp_path)).stale == {}
    aras_again = load(engine)
    assert aras_again.stale == {}
    assert aras_again.changed == 0


def run_cli(*arguments: str, database_url: URL) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, DATABASE_URL=to_libpq(database_url, hide_password=False))
    return subprocess.run(
        [sys.executable, "-m", "campaign_db", *arguments],
        env=environment, capture_output=True, text=True, timeout=300,
    )


def test_the_seed_command_prints_counts_and_then_no_changes(engine: Engine, fresh_database_url: URL) -> None:
    first = run_cli("seed", database_url=fresh_database_url)
    assert first.returncode == 0, first.stderr
    for table in ("campaigns", "documents", "places", "place_names", "place_areas", "claims", "claim_places",
                  "denials", "losses"):
        assert f"  {table} " in first.stdout
    assert "inserted" in first.stdout and "changes: none" not in first.stdout
    second = run_cli("seed", str(ARAS_VALLEY), database_url=fresh_database_url)
    assert second.returncode == 0, second.stderr
    assert "changes: none" in second.stdout


def test_the_seed_command_on_an_empty_database_says_to_run_up(fresh_database_url: URL) -> None:
    result = run_cli("seed", database_url=fresh_database_url)
    assert result.returncode != 0
    assert "campaign-db up" in result.stderr and "Traceback" not in result.stderr
