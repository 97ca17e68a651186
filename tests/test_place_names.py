"""Place-name lookup from plain SQL: any spelling, any case, with or without
accents or Azerbaijani letters, finds the place through the folded index."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from campaign_db.models import Place, PlaceName


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
    ],
)
def test_fold_name(connection: Connection, spelling: str, folded: str) -> None:
    assert connection.execute(text("select core.fold_name(:s)"), {"s": spelling}).scalar_one() == folded


def add_place(session: Session, slug: str, names: list[str]) -> Place:
    place = Place(slug=slug, name=names[0], kind="city", names=[PlaceName(name=n) for n in names])
    session.add(place)
    session.flush()
    return place


LOOKUP = text(
    """
    select distinct p.slug
    from core.place_names as pn
    inner join core.places as p on p.place_id = pn.place_id
    where pn.folded_name = core.fold_name(:query)
    """
)


def test_every_spelling_finds_the_same_place(session: Session) -> None:
    add_place(session, "fuzuli", ["Füzuli", "Fuzuli"])
    add_place(session, "zangilan", ["Zəngilan", "Zangilan"])
    for query in ("Füzuli", "FUZULI", "fuzuli", " Fuzuli "):
        assert session.execute(LOOKUP, {"query": query}).scalars().all() == ["fuzuli"]
    for query in ("Zəngilan", "zengilan", "Zangilan", "ZANGILAN"):
        assert session.execute(LOOKUP, {"query": query}).scalars().all() == ["zangilan"]
    assert session.execute(LOOKUP, {"query": "Goris"}).scalars().all() == []


def test_lookup_can_use_the_folded_name_index(session: Session) -> None:
    add_place(session, "fuzuli", ["Füzuli", "Fuzuli"])
    session.execute(text("set local enable_seqscan = off"))
    plan = "\n".join(
        session.execute(text("explain select * from core.place_names where folded_name = core.fold_name('FÜZULI')")).scalars()
    )
    assert "ix_place_names_folded_name" in plan


def test_fold_name_is_immutable_so_it_can_be_indexed(connection: Connection) -> None:
    volatility = connection.execute(
        text("select provolatile from pg_proc where oid = 'core.fold_name(text)'::regprocedure")
    ).scalar_one()
    assert volatility == "i"
