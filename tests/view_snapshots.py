"""Snapshots of the reporting views and of a campaign's base rows, to prove
that two databases answer the same (load order, one campaign alone or with
others) and that a load left another campaign's rows byte-identical.

Generated ids differ between databases loaded in a different order, so the
snapshots leave out every ``*_id`` column: the views carry natural keys
(slugs, names) beside them, and nothing else may differ.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, text

#: The consumer views, and the (date, scope) calls of control_as_of compared too.
VIEWS = (
    "campaigns", "places", "place_citations", "claims", "contested_claims", "control_periods", "control_daily",
    "district_progress", "documents", "losses", "source_scorecard",
)


def _columns(connection: Connection, view: str) -> list[str]:
    return [
        row[0]
        for row in connection.execute(
            text(
                "select column_name from information_schema.columns "
                "where table_schema = 'reporting' and table_name = :view order by ordinal_position"
            ),
            {"view": view},
        )
        if not row[0].endswith("_id")
    ]


def view_rows(connection: Connection, view: str, where: str = "", params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    """Every row of ``reporting.<view>`` without id columns, sorted."""
    columns = _columns(connection, view)
    if view == "places":
        columns = [c for c in columns if c != "campaigns"]  # which campaigns name a place depends on what is loaded
    rows = connection.execute(
        text(f"select {', '.join(columns)} from reporting.{view} {where}"), params or {}
    ).all()
    return sorted((tuple(row) for row in rows), key=lambda row: tuple("" if v is None else str(v) for v in row))


def reporting_snapshot(engine: Engine, campaign: str | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """Every consumer view (only ``campaign``'s rows when given; the shared
    gazetteer ``places`` then left out), without ids."""
    with engine.connect() as connection:
        snapshot = {}
        for view in VIEWS:
            if campaign is None:
                snapshot[view] = view_rows(connection, view)
            elif view == "places":
                continue  # the shared gazetteer: every campaign's spellings and areas (place_citations has each's)
            else:
                snapshot[view] = view_rows(connection, view, "where campaign = :campaign", {"campaign": campaign})
        return snapshot


#: A campaign's own base rows, each query returning every column (ids included:
#: rows another load must not touch keep their ids too).
OWNED_ROWS = {
    "campaigns": "select * from core.campaigns where slug = :slug",
    "documents": "select * from core.documents where campaign_id = (select campaign_id from core.campaigns where slug = :slug)",
    "claims": "select * from core.claims where campaign_id = (select campaign_id from core.campaigns where slug = :slug)",
    "claim_places": "select claim_places.* from core.claim_places inner join core.claims using (claim_id) "
    "where claims.campaign_id = (select campaign_id from core.campaigns where slug = :slug)",
    "denials": "select * from core.denials where campaign_id = (select campaign_id from core.campaigns where slug = :slug)",
    "corroborations": "select * from core.corroborations "
    "where campaign_id = (select campaign_id from core.campaigns where slug = :slug)",
    "losses": "select * from core.losses where campaign_id = (select campaign_id from core.campaigns where slug = :slug)",
    "place_names": "select * from core.place_names "
    "where campaign_id = (select campaign_id from core.campaigns where slug = :slug)",
    "place_areas": "select * from core.place_areas "
    "where campaign_id = (select campaign_id from core.campaigns where slug = :slug)",
    "campaign_places": "select * from core.campaign_places "
    "where campaign_id = (select campaign_id from core.campaigns where slug = :slug)",
    "campaign_parties": "select * from core.campaign_parties "
    "where campaign_id = (select campaign_id from core.campaigns where slug = :slug)",
    "campaign_sources": "select * from core.campaign_sources "
    "where campaign_id = (select campaign_id from core.campaigns where slug = :slug)",
    "side_members": "select * from core.side_members "
    "where campaign_id = (select campaign_id from core.campaigns where slug = :slug)",
    "narrative_sources": "select sources.* from core.sources inner join core.documents using (document_id) "
    "where documents.campaign_id = (select campaign_id from core.campaigns where slug = :slug)",
}


def owned_rows(connection: Connection, slug: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every base row ``slug`` owns, every column, sorted."""
    return {
        table: sorted((tuple(row) for row in connection.execute(text(query), {"slug": slug})), key=repr)
        for table, query in OWNED_ROWS.items()
    }


def all_core_rows(connection: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every core table, sorted."""
    tables = connection.execute(
        text("select table_name from information_schema.tables where table_schema = 'core' order by 1")
    ).scalars()
    return {
        table: sorted((tuple(row) for row in connection.execute(text(f"select * from core.{table}"))), key=repr)
        for table in tables
    }
