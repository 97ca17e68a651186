"""Helpers of the seed tests: editable copies of a campaign folder, and
snapshots of the core tables to prove a failed load changed nothing."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Engine, text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARAS_VALLEY = SEEDS / "aras-valley"

CORE_TABLES = {
    "campaigns": "campaign_id",
    "documents": "document_id",
    "parties": "party_id",
    "sides": "side_id",
    "sources": "source_id",
    "places": "place_id",
    "campaign_parties": "campaign_id, party_id",
    "campaign_sides": "campaign_id, side_id",
    "side_members": "campaign_id, party_id",
    "campaign_sources": "campaign_id, source_id",
    "campaign_places": "campaign_id, place_id",
    "place_names": "place_name_id",
    "place_areas": "campaign_id, place_id, area_id",
    "claims": "claim_id",
    "claim_places": "claim_id, place_id",
    "denials": "denial_id",
    "corroborations": "corroboration_id",
    "losses": "loss_id",
}


def copy_campaign(destination: Path, source: Path = ARAS_VALLEY) -> Path:
    folder = destination / source.name
    shutil.copytree(source, folder)
    return folder


def read_yaml(folder: Path, name: str) -> Any:
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))


def write_yaml(folder: Path, name: str, value: Any) -> None:
    (folder / name).write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")


def edit_yaml(folder: Path, name: str, change: Callable[[Any], Any]) -> None:
    """Rewrite ``folder/name`` with ``change`` applied to its content (which
    ``change`` may edit in place or replace by returning a value)."""
    value = read_yaml(folder, name)
    changed = change(value)
    write_yaml(folder, name, value if changed is None else changed)


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every core table, in primary-key order."""
    with engine.connect() as connection:
        return {
            table: [tuple(row) for row in connection.execute(text(f"select * from core.{table} order by {key}"))]
            for table, key in CORE_TABLES.items()
        }


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table: connection.execute(text(f"select count(*) from core.{table}")).scalar_one()
            for table in CORE_TABLES
        }
