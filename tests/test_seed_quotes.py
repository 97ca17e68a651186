"""Every quote of the seeded database is verbatim running text: each fragment
is found, in order, in the document copy shipped under seeds/, and none runs
into a gloss (the glosses are background, not the account)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from running_text import GLOSS_MARK, normalise, running_text
from sqlalchemy import Connection, text

from campaign_db.seeding import default_seed_folders

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEPARATOR = " … "

QUOTED_TABLES = ("claims", "denials", "corroborations", "losses")


def documents_on_disk() -> dict[tuple[str, str], str]:
    """(campaign, document slug) → the text of the file under seeds/ it was loaded from."""
    import yaml

    found = {}
    for folder in sorted(path for path in SEEDS.iterdir() if (path / "campaign.yaml").is_file()):
        campaign = yaml.safe_load((folder / "campaign.yaml").read_text(encoding="utf-8"))
        for document in campaign["documents"]:
            found[(campaign["slug"], document["slug"])] = (folder / document["file"]).read_bytes().decode("utf-8")
    return found


def fragments_in_order(haystack: str, fragments: list[str]) -> str | None:
    """``None`` if every fragment occurs after the previous one, else the first that does not."""
    position = 0
    for fragment in fragments:
        found = haystack.find(fragment, position)
        if found < 0:
            return fragment
        position = found + len(fragment)
    return None


def test_the_shipped_seed_folders_are_the_ones_under_seeds() -> None:
    assert [folder.resolve() for folder in default_seed_folders()] == sorted(
        path.resolve() for path in SEEDS.iterdir() if (path / "campaign.yaml").is_file()
    )


def test_each_document_row_is_the_file_under_seeds(seeded_connection: Connection) -> None:
    on_disk = documents_on_disk()
    rows = seeded_connection.execute(text(
        "select campaigns.slug as campaign, documents.slug, documents.sha256, documents.content "
        "from core.documents inner join core.campaigns using (campaign_id)")).all()
    assert {(row.campaign, row.slug) for row in rows} == set(on_disk)
    for row in rows:
        assert row.content == on_disk[(row.campaign, row.slug)]
        assert row.sha256 == hashlib.sha256(on_disk[(row.campaign, row.slug)].encode("utf-8")).hexdigest()


@pytest.mark.parametrize("table", QUOTED_TABLES)
def test_every_quote_is_verbatim_running_text(seeded_connection: Connection, table: str) -> None:
    on_disk = documents_on_disk()
    plain = {slug: normalise(content) for slug, content in on_disk.items()}
    # the mirror of Aras Valley glosses every linked term; the Markdown accounts have no glosses
    glossless = {
        key: running_text(content, GLOSS_MARK) if key[0] == "aras-valley" else normalise(content)
        for key, content in on_disk.items()
    }
    rows = seeded_connection.execute(
        text(
            f"""
            select t.slug, t.quote, c.slug as campaign, d.slug as document_slug
            from core.{table} as t
            inner join core.documents as d
                on d.document_id = t.document_id
            inner join core.campaigns as c
                on c.campaign_id = d.campaign_id
            """
        )
    ).all()
    assert rows, f"core.{table} is empty"
    not_verbatim, into_gloss = [], []
    for row in rows:
        document = (row.campaign, row.document_slug)
        fragments = row.quote.split(SEPARATOR)
        assert all(fragment and "..." not in fragment for fragment in fragments), row.slug
        missing = fragments_in_order(plain[document], fragments)
        if missing is not None:
            not_verbatim.append((row.slug, missing))
        elif fragments_in_order(glossless[document], fragments) is not None:
            into_gloss.append((row.slug, fragments_in_order(glossless[document], fragments)))
    assert not_verbatim == [], "fragments not found in order in the document"
    assert into_gloss == [], "fragments that run into a gloss"
