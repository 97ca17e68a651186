"""Many campaigns in one database (issue: campaign ownership, a shared
gazetteer, a campaign in every answer): load order does not matter, a
campaign loaded beside another leaves its rows byte-identical, a conflicting
shared fact is refused naming both folders, and every campaign answers the
same alone or with the others."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from campaign_builder import CampaignBuilder
from seed_copies import SEEDS, copy_campaign, read_yaml, write_yaml
from servers import create_database, drop_database
from sqlalchemy import Engine, text
from view_snapshots import all_core_rows, owned_rows, reporting_snapshot

from campaign_db import migrate
from campaign_db.database import make_engine
from campaign_db.seeding import ConflictError, LoadReport, default_seed_folders, load_campaigns

SHIPPED = [folder.name for folder in default_seed_folders()]


@pytest.fixture(scope="module")
def databases() -> Iterator[Callable[[], Engine]]:
    """A factory of fresh migrated databases, all dropped at the end."""
    made: list[tuple[Engine, object]] = []

    def make() -> Engine:
        url = create_database("cdb_campaigns")
        engine = make_engine(url)
        with engine.begin() as connection:
            migrate.upgrade(connection)
        made.append((engine, url))
        return engine

    yield make
    for engine, url in made:
        engine.dispose()
        drop_database(url)  # type: ignore[arg-type]


def load(engine: Engine, *folders: Path) -> list[LoadReport]:
    with engine.begin() as connection:
        return load_campaigns(connection, list(folders))


@pytest.fixture(scope="module")
def loaded(databases: Callable[[], Engine]) -> dict[str, Engine]:
    """The shipped campaigns loaded one by one in two orders, all at once,
    and each alone."""
    folders = default_seed_folders()
    engines: dict[str, Engine] = {}
    engines["in order"] = databases()
    for folder in folders:
        load(engines["in order"], folder)
    engines["reversed"] = databases()
    for folder in reversed(folders):
        load(engines["reversed"], folder)
    engines["together"] = databases()
    load(engines["together"], *folders)
    for folder in folders:
        engines[f"alone {folder.name}"] = databases()
        load(engines[f"alone {folder.name}"], folder)
    return engines


def test_the_shipped_campaigns_are_three() -> None:
    assert SHIPPED == ["aras-valley", "deir-ez-zor-2017", "eastern-ukraine-2022"]


def test_load_order_does_not_matter(loaded: dict[str, Engine]) -> None:
    in_order = reporting_snapshot(loaded["in order"])
    assert in_order["control_periods"] and in_order["contested_claims"]
    assert reporting_snapshot(loaded["reversed"]) == in_order
    assert reporting_snapshot(loaded["together"]) == in_order


def test_a_second_load_of_anything_changes_nothing(loaded: dict[str, Engine]) -> None:
    engine = loaded["in order"]
    for folder in default_seed_folders():
        (report,) = load(engine, folder)
        assert report.changed == 0, report.lines()
        assert "changes: none" in report.lines()[-1] or any("changes: none" in line for line in report.lines())
    reports = load(engine, *default_seed_folders())
    assert [report.changed for report in reports] == [0, 0, 0]


@pytest.mark.parametrize("campaign", SHIPPED)
def test_a_campaign_answers_the_same_alone_and_with_the_others(loaded: dict[str, Engine], campaign: str) -> None:
    alone = reporting_snapshot(loaded[f"alone {campaign}"], campaign)
    together = reporting_snapshot(loaded["together"], campaign)
    assert alone["control_periods"] and alone["claims"]
    assert alone == together


#: The seed files whose entries are a list: their order carries no meaning
#: (campaign.yaml's order of sides does: it is each side's position).
ENTRY_FILES = ("parties.yaml", "sources.yaml", "places.yaml", "claims.yaml", "losses.yaml")


def reordered_copies(destination: Path, order: Callable[[list[object]], None]) -> list[Path]:
    """Copies of the shipped folders with the entries of every list file put
    in another ``order`` (applied in place)."""
    folders = []
    for source in default_seed_folders():
        folder = copy_campaign(destination, source)
        for name in ENTRY_FILES:
            entries = read_yaml(folder, name)
            order(entries)
            write_yaml(folder, name, entries)
        folders.append(folder)
    return folders


@pytest.mark.parametrize("order", ["reversed", "shuffled"])
def test_the_order_of_entries_in_the_files_does_not_matter(
    loaded: dict[str, Engine], databases: Callable[[], Engine], tmp_path: Path, order: str
) -> None:
    def shuffle(entries: list[object]) -> None:
        random.Random(f"{order} {len(entries)}").shuffle(entries)

    folders = reordered_copies(tmp_path, list.reverse if order == "reversed" else shuffle)
    engine = databases()
    load(engine, *folders)
    expected = reporting_snapshot(loaded["together"])
    answers = reporting_snapshot(engine)
    # the release hash covers the files' bytes, which did change; nothing else may
    assert strip_release_hash(answers.pop("campaigns")) == strip_release_hash(expected.pop("campaigns"))
    assert answers["control_periods"] and answers["contested_claims"]
    assert answers == expected


def strip_release_hash(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    hashes = [value for row in rows for value in row if isinstance(value, str) and len(value) == 64]
    assert len(hashes) == len(rows), "one seed_sha256 per campaign"
    return [tuple(value for value in row if value not in hashes) for row in rows]


# --- a second account of the same war, beside aras-valley --------------------------------


def retold(slug: str = "aras-retold") -> CampaignBuilder:
    """A second account of the Aras Valley campaign: it reuses aras-valley's
    slugs for different facts, names the same places with its own reading
    (another spelling, no area for the district), and reports one statement
    aras-valley reports too (same_as)."""
    return (
        CampaignBuilder(slug, period=("2020-09-27", "2020-11-10"), dates=("1990-01-01", "2021-12-31"))
        .side("azerbaijan", "Azerbaijan", ("AZ", "Azerbaijan"))
        .side("armenia-artsakh", "Armenia and Artsakh", ("AM", "Armenia"), ("ARTSAKH", "Republic of Artsakh"))
        .source("az-mod", "Ministry of Defence of Azerbaijan", "ministry_of_defence", "AZ")
        .source("az-president", "President of Azerbaijan (Ilham Aliyev)", "head_of_state", "AZ")
        .place("jabrayil-district", "Jabrayil District", "district")
        .place("sirik", "Sirik", "village", areas=("jabrayil-district",),
               names=["Sirik", {"name": "Sirik (Jabrayil)", "url": "https://example.org/sirik", "quote": "Sirik"}])
        .place("zangilan", "Zəngilan", "city")
        .claim("2020-10-07-az-mod-controls-jabrayil-district", "az-mod", "control", ["jabrayil-district"],
               "2020-10-08", actor="AZ")
        .claim("2020-10-22-az-president-captures-villages", "az-president", "capture", ["sirik"],
               "2020-10-23", actor="AZ")
        .claim("zangilan-taken", "az-president", "capture", ["zangilan"], "2020-10-20", actor="AZ",
               same_as="aras-valley/2020-10-20-az-president-captures-zangilan")
    )


@pytest.fixture
def aras_only(databases: Callable[[], Engine]) -> Engine:
    engine = databases()
    load(engine, SEEDS / "aras-valley")
    return engine


def test_a_second_account_leaves_every_aras_valley_row_byte_identical(aras_only: Engine, tmp_path: Path) -> None:
    with aras_only.connect() as connection:
        before = owned_rows(connection, "aras-valley")
    answers_before = reporting_snapshot(aras_only, "aras-valley")
    (report,) = load(aras_only, retold().write(tmp_path))
    assert report.changed > 0
    with aras_only.connect() as connection:
        assert owned_rows(connection, "aras-valley") == before
        # the same slugs now name different facts in the two campaigns
        dates = connection.execute(
            text(
                "select campaigns.slug, claims.stated_latest_on from core.claims "
                "inner join core.campaigns using (campaign_id) "
                "where claims.slug = '2020-10-07-az-mod-controls-jabrayil-district' order by 1"
            )
        ).all()
        assert [(row[0], row[1].isoformat()) for row in dates] == [
            ("aras-retold", "2020-10-08"), ("aras-valley", "2020-10-07")]
        # one gazetteer: the places are shared, each campaign keeps its reading
        spellings = connection.execute(
            text(
                "select campaign, value from reporting.place_citations "
                "where place_name = 'Sirik' and fact = 'spelling' order by 1, 2"
            )
        ).all()
        assert ("aras-retold", "Sirik (Jabrayil)") in [tuple(row) for row in spellings]
        assert ("aras-valley", "Sirik (Jabrayil)") not in [tuple(row) for row in spellings]
        areas = connection.execute(
            text(
                "select campaign from reporting.place_citations "
                "where place_name = 'Jabrayil District' and fact = 'area' order by 1"
            )
        ).scalars().all()
        assert areas == ["aras-valley"]
        # a statement both accounts report counts once over all campaigns
        claims = connection.execute(
            text(
                "select campaign, claims from reporting.source_scorecard "
                "where source = 'President of Azerbaijan (Ilham Aliyev)' order by 1"
            )
        ).all()
        counts = dict(tuple(row) for row in claims)  # type: ignore[arg-type]
        assert counts["all"] == counts["aras-valley"] + counts["aras-retold"] - 1
        # linked claims never make a repeat claim or a date conflict with each other
        linked = connection.execute(
            text(
                "select count(*) from reporting.contested_claims where contest_kind in ('repeat_claim', 'date_conflict') "
                "and claim_campaign <> counter_campaign"
            )
        ).scalar_one()
        assert linked == 0
    assert reporting_snapshot(aras_only, "aras-valley") == answers_before


def test_a_conflicting_shared_fact_is_refused_naming_both_folders(aras_only: Engine, tmp_path: Path) -> None:
    conflicting = retold("aras-conflicting")
    conflicting.places[1]["kind"] = "town"  # aras-valley says Sirik is a village
    conflicting.sides[1]["name"] = "Armenia with Artsakh"  # and names the side otherwise
    with aras_only.connect() as connection:
        before = all_core_rows(connection)
    with pytest.raises(ConflictError) as refused:
        load(aras_only, conflicting.write(tmp_path))
    message = str(refused.value)
    assert "aras-conflicting" in message and "aras-valley" in message
    assert "'town' here, but 'village' in campaign aras-valley" in message
    assert "'Armenia with Artsakh' here, but 'Armenia and Artsakh' in campaign aras-valley" in message
    with aras_only.connect() as connection:
        assert all_core_rows(connection) == before


def test_a_place_in_two_districts_is_refused(aras_only: Engine, tmp_path: Path) -> None:
    conflicting = retold("aras-two-districts").place("fuzuli-district", "Fuzuli District", "district")
    conflicting.places[1]["areas"] = [{"area": "fuzuli-district", "quote": "Sirik is a place."}]
    with pytest.raises(ConflictError) as refused:
        load(aras_only, conflicting.write(tmp_path))
    assert "'fuzuli-district' here, but 'jabrayil-district' in campaign aras-valley: a place lies in one district" in str(
        refused.value)


def test_a_shared_row_is_stale_only_for_its_only_user(aras_only: Engine, tmp_path: Path) -> None:
    second = retold()
    load(aras_only, second.write(tmp_path / "first"))
    second.places = [place for place in second.places if place["slug"] != "sirik"]
    second.claims = [claim for claim in second.claims if "sirik" not in claim["places"]]
    second.place("only-here", "Only Here", "village")
    (report,) = load(aras_only, second.write(tmp_path / "second"))
    assert report.stale.get("places (still used by other campaigns)") == ["sirik (aras-valley)"]
    assert "places" not in report.stale
    assert report.stale["claims"] == ["2020-10-22-az-president-captures-villages"]
    second.places = [place for place in second.places if place["slug"] != "only-here"]
    (report,) = load(aras_only, second.write(tmp_path / "third"))
    assert report.stale["places"] == ["only-here"]


def test_a_shared_place_gets_the_most_precise_position_whatever_the_load_order(
    databases: Callable[[], Engine], tmp_path: Path
) -> None:
    """Two accounts give a shared place the same point, one as a
    settlement's centre and one as approximate: either load order gives the
    gazetteer the settlement's, and a second load of either changes nothing."""

    def account(slug: str, precision: str) -> CampaignBuilder:
        coordinates = {"latitude": 39.4, "longitude": 46.9, "precision": precision,
                       "url": "https://example.org/shared-village", "quote": "39.4°N 46.9°E"}
        return (
            CampaignBuilder(slug, period=("2020-09-27", "2020-11-10"), dates=("1990-01-01", "2021-12-31"))
            .side("azerbaijan", "Azerbaijan", ("AZ", "Azerbaijan"))
            .side("armenia-artsakh", "Armenia and Artsakh", ("AM", "Armenia"))
            .source("az-mod", "Ministry of Defence of Azerbaijan", "ministry_of_defence", "AZ")
            .place("shared-village", "Shared Village", "village", coordinates=coordinates)
            .claim(f"{slug}-captures", "az-mod", "capture", ["shared-village"], "2020-10-08", actor="AZ")
        )

    folders = {
        "precise": account("account-precise", "settlement").write(tmp_path / "precise"),
        "rough": account("account-rough", "approximate").write(tmp_path / "rough"),
    }
    positions = []
    for order in (("precise", "rough"), ("rough", "precise")):
        engine = databases()
        for name in order:
            load(engine, folders[name])
        for name in order:
            (report,) = load(engine, folders[name])
            assert report.changed == 0, report.lines()
        with engine.connect() as connection:
            positions.append(connection.execute(text(
                "select latitude, longitude, coordinate_precision from core.places where slug = 'shared-village'"
            )).one())
    assert positions[0] == positions[1]
    assert positions[0].coordinate_precision == "settlement"
