"""Helpers of the control tests: load a synthetic campaign in the test's
transaction, and read control answers keyed by natural keys."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from campaign_builder import CampaignBuilder
from sqlalchemy import Connection, text

from campaign_db.seeding import load_campaign


def load(connection: Connection, builder: CampaignBuilder, root: Path) -> str:
    """Write and load ``builder``'s campaign; its slug."""
    load_campaign(connection, builder.write(root))
    return builder.slug


def control(
    connection: Connection, as_of: str, known_by: str | None = None, campaign: str | None = None
) -> dict[str, dict[str, Any]]:
    """control_as_of rows by place slug (one scope: ``campaign``)."""
    rows = connection.execute(
        text("select * from reporting.control_as_of(cast(:as_of as date), cast(:known_by as date), :campaign)"),
        {"as_of": as_of, "known_by": known_by, "campaign": campaign},
    ).mappings()
    return {row["place_slug"]: dict(row) for row in rows}


def periods(connection: Connection, campaign: str, place: str) -> list[dict[str, Any]]:
    rows = connection.execute(
        text(
            "select * from reporting.control_periods where campaign = :campaign and place_slug = :place "
            "order by valid_from"
        ),
        {"campaign": campaign, "place": place},
    ).mappings()
    return [dict(row) for row in rows]


def day(text_day: str) -> dt.date:
    return dt.date.fromisoformat(text_day)
