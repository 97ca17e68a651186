"""Rows a campaign's files no longer hold.

A removed entry is not deleted: its row may be what another analyst's query or
a dashboard relies on, and a typo in a slug would otherwise delete data. It is
reported instead, so the removal is a decision, taken by hand.

Claims, denials, corroborations and losses belong to the campaign's document.
Parties, sources and places belong to no document (campaigns share them); one
of them counts as stale only when no other document's facts use it (a place
also counts as used when a used place lies inside it) and no other known
campaign folder lists it (the shipped campaigns, and the folders beside the
one loaded), so loading one campaign does not report another's places.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml
from sqlalchemy import Connection, text

from .records import Campaign
from .yaml_files import StrictLoader

_DOCUMENT_ROWS = """
    select slug
    from core.{table}
    where
        document_id = :document_id
        and slug <> all(:slugs)
    order by slug
"""

_STALE_PARTIES = """
    with
    other_claims as (
        select
            claims.actor_party_id,
            claims.target_party_id,
            claims.source_id
        from core.claims as claims
        where claims.document_id <> :document_id
    ),
    other_sources as (
        select source_id from other_claims
        union
        select source_id from core.denials where document_id <> :document_id
        union
        select source_id from core.corroborations where document_id <> :document_id
        union
        select source_id from core.losses where document_id <> :document_id
    ),
    used as (
        select actor_party_id as party_id from other_claims
        union
        select target_party_id from other_claims
        union
        select losing_party_id from core.losses where document_id <> :document_id
        union
        select sources.party_id
        from core.sources as sources
        inner join other_sources
            on other_sources.source_id = sources.source_id
    )
    select parties.code
    from core.parties as parties
    where
        parties.code <> all(:keys)
        and not exists (select from used where used.party_id = parties.party_id)
    order by parties.code
"""

_STALE_SOURCES = """
    with
    used as (
        select source_id from core.claims where document_id <> :document_id
        union
        select source_id from core.denials where document_id <> :document_id
        union
        select source_id from core.corroborations where document_id <> :document_id
        union
        select source_id from core.losses where document_id <> :document_id
    )
    select sources.slug
    from core.sources as sources
    where
        sources.slug <> all(:keys)
        and not exists (select from used where used.source_id = sources.source_id)
    order by sources.slug
"""

_STALE_PLACES = """
    with recursive
    used as (
        select claim_places.place_id
        from core.claim_places as claim_places
        inner join core.claims as claims
            on claims.claim_id = claim_places.claim_id
        where claims.document_id <> :document_id
        union
        select place_id from core.losses where document_id <> :document_id and place_id is not null
        union
        select places.parent_id
        from core.places as places
        inner join used
            on used.place_id = places.place_id
        where places.parent_id is not null
    )
    select places.slug
    from core.places as places
    where
        places.slug <> all(:keys)
        and not exists (select from used where used.place_id = places.place_id)
    order by places.slug
"""


_SHARED_FILES = {
    "parties": ("parties.yaml", "code"),
    "sources": ("sources.yaml", "slug"),
    "places": ("places.yaml", "slug"),
}


def _document_slug(folder: Path) -> object:
    try:
        document = yaml.load((folder / "document.yaml").read_text(encoding="utf-8"), Loader=StrictLoader)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return document.get("slug") if isinstance(document, dict) else None


def listed_elsewhere(campaign: Campaign, other_folders: Iterable[Path]) -> dict[str, set[str]]:
    """table → keys the parties, sources and places files of the other
    campaigns' folders list (best effort: an unreadable file lists nothing).
    A folder of the same document (another copy of this campaign) is not
    another campaign and is skipped."""
    listed: dict[str, set[str]] = {table: set() for table in _SHARED_FILES}
    for other in other_folders:
        if other.resolve() == campaign.folder.resolve() or _document_slug(other) == campaign.document.slug:
            continue
        for table, (name, key) in _SHARED_FILES.items():
            try:
                entries = yaml.load((other / name).read_text(encoding="utf-8"), Loader=StrictLoader)  # noqa: S506
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                continue
            for entry in entries if isinstance(entries, list) else []:
                if isinstance(entry, dict) and isinstance(entry.get(key), str):
                    listed[table].add(entry[key])
    return listed


def stale_rows(
    connection: Connection, campaign: Campaign, document_id: int, other_folders: Iterable[Path] = ()
) -> dict[str, list[str]]:
    """table → keys of rows that ``campaign``'s files no longer hold (empty tables left out)."""
    found: dict[str, list[str]] = {}
    elsewhere = listed_elsewhere(campaign, other_folders)

    def keep(table: str, keys: list[str]) -> None:
        if keys:
            found[table] = keys

    for table, query, keys in (
        ("parties", _STALE_PARTIES, [p.code for p in campaign.parties]),
        ("sources", _STALE_SOURCES, [s.slug for s in campaign.sources]),
        ("places", _STALE_PLACES, [p.slug for p in campaign.places]),
    ):
        keys = sorted(set(keys) | elsewhere[table])
        keep(table, list(connection.execute(text(query), {"document_id": document_id, "keys": keys}).scalars()))
    for table, slugs in (
        ("claims", [c.slug for c in campaign.claims]),
        ("denials", [d.slug for d in campaign.denials]),
        ("corroborations", [c.slug for c in campaign.corroborations]),
        ("losses", [loss.slug for loss in campaign.losses]),
    ):
        keep(table, list(connection.execute(
            text(_DOCUMENT_ROWS.format(table=table)), {"document_id": document_id, "slugs": slugs}
        ).scalars()))
    return found
