"""The seeded database holds exactly what the seed files hold: row counts per
table (and per kind) derived here from the YAML files themselves."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Connection, text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def campaigns() -> list[Path]:
    return sorted(path for path in SEEDS.iterdir() if (path / "document.yaml").is_file())


def load(folder: Path, name: str) -> Any:
    path = folder / name
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or []) if path.is_file() else []


def expected_counts() -> dict[str, int]:
    """Rows per table, counted from the files (distinct keys, as the tables hold them)."""
    parties, sources, places, place_names, claims = set(), set(), set(), set(), set()
    claim_places, denials, corroborations, losses, documents = set(), set(), set(), set(), set()
    for folder in campaigns():
        documents.add(load(folder, "document.yaml")["slug"])
        parties |= {party["code"] for party in load(folder, "parties.yaml")}
        sources |= {source["slug"] for source in load(folder, "sources.yaml")}
        for place in load(folder, "places.yaml"):
            places.add(place["slug"])
            place_names |= {(place["slug"], name) for name in [place["name"], *(place.get("names") or [])]}
        for claim in load(folder, "claims.yaml"):
            claims.add(claim["slug"])
            for item in claim.get("places") or []:
                claim_places.add((claim["slug"], item if isinstance(item, str) else item["place"]))
            denials |= {denial["slug"] for denial in claim.get("denials") or []}
            corroborations |= {corroboration["slug"] for corroboration in claim.get("corroborations") or []}
        losses |= {loss["slug"] for loss in load(folder, "losses.yaml")}
    return {
        "documents": len(documents),
        "parties": len(parties),
        "sources": len(sources),
        "places": len(places),
        "place_names": len(place_names),
        "claims": len(claims),
        "claim_places": len(claim_places),
        "denials": len(denials),
        "corroborations": len(corroborations),
        "losses": len(losses),
    }


@pytest.mark.parametrize(("table", "count"), sorted(expected_counts().items()))
def test_rows_per_table_match_the_seed_files(seeded_connection: Connection, table: str, count: int) -> None:
    assert count > 0
    assert seeded_connection.execute(text(f"select count(*) from core.{table}")).scalar_one() == count


def test_places_per_kind_match_the_seed_files(seeded_connection: Connection) -> None:
    expected = Counter(place["kind"] for folder in campaigns() for place in load(folder, "places.yaml"))
    rows = seeded_connection.execute(text("select kind, count(*) from core.places group by kind")).all()
    assert dict(rows) == dict(expected)


def test_claims_per_kind_and_source_match_the_seed_files(seeded_connection: Connection) -> None:
    expected = Counter(
        (claim["kind"], claim["source"]) for folder in campaigns() for claim in load(folder, "claims.yaml")
    )
    rows = seeded_connection.execute(
        text(
            """
            select c.kind, s.slug, count(*)
            from core.claims as c
            inner join core.sources as s
                on s.source_id = c.source_id
            group by c.kind, s.slug
            """
        )
    ).all()
    assert {(kind, source): count for kind, source, count in rows} == dict(expected)


def test_places_have_the_parents_of_the_seed_files(seeded_connection: Connection) -> None:
    expected = {
        place["slug"]: place["parent"] for folder in campaigns() for place in load(folder, "places.yaml")
    }
    rows = seeded_connection.execute(
        text(
            """
            select p.slug, parent.slug
            from core.places as p
            left join core.places as parent
                on parent.place_id = p.parent_id
            """
        )
    ).all()
    assert dict(rows) == expected


def test_the_baseline_is_one_artsakh_control_claim_over_the_seven_districts(seeded_connection: Connection) -> None:
    rows = seeded_connection.execute(
        text(
            """
            select c.slug, pl.slug as place
            from core.claims as c
            inner join core.parties as pa
                on pa.party_id = c.actor_party_id
            inner join core.claim_places as cp
                on cp.claim_id = c.claim_id
            inner join core.places as pl
                on pl.place_id = cp.place_id
            where c.kind = 'control' and pa.code = 'ARTSAKH'
            """
        )
    ).all()
    assert {row.slug for row in rows} == {"1994-narrative-artsakh-baseline"}
    assert {row.place for row in rows} >= {
        "agdam-district", "jabrayil-district", "fuzuli-district", "kalbajar-district",
        "qubadli-district", "lachin-district", "zangilan-district",
    }


def test_the_two_ceasefire_dates_share_an_event(seeded_connection: Connection) -> None:
    rows = seeded_connection.execute(
        text(
            """
            select stated_earliest_on, occurred_earliest_on
            from core.claims
            where event_key = '2020-10-humanitarian-ceasefire'
            order by occurred_earliest_on
            """
        )
    ).all()
    assert [str(row.occurred_earliest_on) for row in rows] == ["2020-10-09", "2020-10-10"]
