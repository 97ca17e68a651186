"""Place-name lookup from plain SQL: any spelling, any case, with or without
accents or Azerbaijani letters, finds the place through the folded index."""

from __future__ import annotations

from pathlib import Path

import pytest
from campaign_builder import CampaignBuilder
from sqlalchemy import Connection, text

from campaign_db.seeding import load_campaign


@pytest.mark.parametrize(
    ("spelling", "folded"),
    [
        ("Füzuli", "fuzuli"),
        ("FUZULI", "fuzuli"),
        ("Zəngilan", "zengilan"),
        ("ZƏNGİLAN", "zengilan"),
        ("Şükürbəyli", "sukurbeyli"),
        ("Çələbilər", "celebiler"),
        ("Ağbənd", "agbend"),
        ("Qıraq Müşlan", "qiraq muslan"),
        ("Böyük  Mərcanlı", "boyuk mercanli"),
        ("Ashaga Maral’yan", "ashaga maralyan"),
        ("Azerbaijan–Iran border", "azerbaijan iran border"),
        ("Ізюм", "ізюм"),
        ("Куп'янськ", "купянськ"),
        ("Святогірськ", "святогірськ"),
        ("Дейр-эз-Зор", "деир эз зор"),
    ],
)
def test_fold_name(connection: Connection, spelling: str, folded: str) -> None:
    assert connection.execute(text("select core.fold_name(:s)"), {"s": spelling}).scalar_one() == folded


@pytest.fixture
def named(connection: Connection, tmp_path: Path) -> Connection:
    """A campaign naming Füzuli and Zəngilan (two spellings each) and Izium in Cyrillic."""
    builder = (
        CampaignBuilder("names")
        .side("a", "Side A", ("A", "Party A"))
        .place("fuzuli", "Füzuli", "city", names=["Füzuli", "Fuzuli"])
        .place("zangilan", "Zəngilan", "city", names=["Zəngilan", "Zangilan"])
        .place("izium", "Izium", "city", names=["Izium", "Ізюм", "Изюм"])
    )
    builder.sentences.append("Fuzuli, Zangilan, Ізюм and Изюм are spellings.")
    load_campaign(connection, builder.write(tmp_path))
    return connection


LOOKUP = text("select place_slug from reporting.find_places(:query) order by 1")


def test_every_spelling_finds_the_same_place(named: Connection) -> None:
    for query in ("Füzuli", "FUZULI", "fuzuli", " Fuzuli "):
        assert named.execute(LOOKUP, {"query": query}).scalars().all() == ["fuzuli"]
    for query in ("Zəngilan", "zengilan", "Zangilan", "ZANGILAN", "ZƏNGİLAN"):
        assert named.execute(LOOKUP, {"query": query}).scalars().all() == ["zangilan"]
    for query in ("Ізюм", "ІЗЮМ", "изюм", "Izium"):
        assert named.execute(LOOKUP, {"query": query}).scalars().all() == ["izium"]
    assert named.execute(LOOKUP, {"query": "Goris"}).scalars().all() == []


def test_lookup_can_use_the_folded_name_index(named: Connection) -> None:
    named.execute(text("set local enable_seqscan = off"))
    plan = "\n".join(
        named.execute(text("explain select * from core.place_names where folded_name = core.fold_name('FÜZULI')")).scalars()
    )
    assert "ix_place_names_folded_name" in plan


def test_fold_name_is_immutable_so_it_can_be_indexed(connection: Connection) -> None:
    volatility = connection.execute(
        text("select provolatile from pg_proc where oid = 'core.fold_name(text)'::regprocedure")
    ).scalar_one()
    assert volatility == "i"
