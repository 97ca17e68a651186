"""A tiny campaign built row by row inside a test, for the reporting rule
tests: parties, sources, a place tree, claims with their denials and
corroborations, all through the ORM in the test's rolled-back session."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Union

from sqlalchemy import text
from sqlalchemy.orm import Session

from campaign_db.models import Claim, ClaimPlace, Corroboration, Denial, Document, Party, Place, PlaceName, Source

#: A day as a date or "YYYY-MM-DD", or a range (earliest, latest).
Day = Union[dt.date, str]
Days = Union[Day, tuple[Day, Day]]


def day(value: Day) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def days(value: Days) -> tuple[dt.date, dt.date]:
    if isinstance(value, tuple):
        return day(value[0]), day(value[1])
    return day(value), day(value)


class World:
    """Builds rows and flushes them; ids are real database ids."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._numbers = itertools.count(1)
        content = "A synthetic account written for a test."
        self.document = Document(
            slug=self._slug("document"), title="Synthetic account", content=content,
            sha256=hashlib.sha256(content.encode()).hexdigest(),
        )
        session.add(self.document)

    def _slug(self, prefix: str) -> str:
        return f"{prefix}-{next(self._numbers)}"

    def _add(self, row: object) -> None:
        self.session.add(row)
        self.session.flush()

    def party(self, code: str, name: str | None = None) -> Party:
        party = Party(code=code, name=name or f"Party {code}")
        self._add(party)
        return party

    def source(self, name: str, party: Party | None = None, kind: str = "ministry_of_defence") -> Source:
        source = Source(slug=self._slug("source"), name=name, kind=kind, party_id=party.party_id if party else None)
        self._add(source)
        return source

    def place(self, name: str, kind: str = "village", parent: Place | None = None, spellings: Iterable[str] = ()) -> Place:
        place = Place(slug=self._slug("place"), name=name, kind=kind, parent_id=parent.place_id if parent else None)
        place.names = [PlaceName(name=spelling) for spelling in dict.fromkeys([name, *spellings])]
        self._add(place)
        return place

    def claim(
        self,
        source: Source,
        kind: str,
        places: Sequence[Place | tuple[Place, str]],
        occurred: Days,
        stated: Days | None = None,
        actor: Party | None = None,
        target: Party | None = None,
        event_key: str | None = None,
        summary: str | None = None,
    ) -> Claim:
        occurred_from, occurred_to = days(occurred)
        stated_from, stated_to = days(stated) if stated is not None else (occurred_to, occurred_to)
        claim = Claim(
            slug=self._slug("claim"), document_id=self.document.document_id, source_id=source.source_id,
            kind=kind, actor_party_id=actor.party_id if actor else None,
            target_party_id=target.party_id if target else None,
            stated_earliest_on=stated_from, stated_latest_on=stated_to,
            occurred_earliest_on=occurred_from, occurred_latest_on=occurred_to,
            event_key=event_key, summary=summary or f"{kind} claim", quote=f"quote of a {kind} claim",
        )
        claim.places = [
            ClaimPlace(place_id=place.place_id, role="subject") if isinstance(place, Place)
            else ClaimPlace(place_id=place[0].place_id, role=place[1])
            for place in places
        ]
        self._add(claim)
        return claim

    def deny(
        self, claim: Claim, source: Source, on: Days, place: Place | None = None, counter: str | None = None
    ) -> Denial:
        denied_from, denied_to = days(on)
        denial = Denial(
            slug=self._slug("denial"), claim_id=claim.claim_id, place_id=place.place_id if place else None,
            document_id=self.document.document_id, source_id=source.source_id,
            denied_earliest_on=denied_from, denied_latest_on=denied_to, quote="a denial",
            counter_statement=counter,
        )
        self._add(denial)
        return denial

    def corroborate(
        self, claim: Claim, source: Source, on: Days, kind: str = "footage", place: Place | None = None
    ) -> Corroboration:
        corroborated_from, corroborated_to = days(on)
        corroboration = Corroboration(
            slug=self._slug("corroboration"), claim_id=claim.claim_id, place_id=place.place_id if place else None,
            document_id=self.document.document_id, source_id=source.source_id, kind=kind,
            corroborated_earliest_on=corroborated_from, corroborated_latest_on=corroborated_to, quote="support",
        )
        self._add(corroboration)
        return corroboration


@dataclass
class Theatre:
    """Two sides, their ministries, one district with three villages, a
    baseline (Artsakh holds the district since 1994) and an outlet."""

    world: World
    az: Party
    art: Party
    az_mod: Source
    art_mod: Source
    narrative: Source
    outlet: Source
    country: Place
    district: Place
    village: Place
    other_village: Place
    third_village: Place


def build_theatre(session: Session) -> Theatre:
    """The Theatre, with its 1994 baseline claim."""
    world = World(session)
    az, art = world.party("AZ", "Azerbaijan"), world.party("ART", "Republic of Artsakh")
    country = world.place("Azerbaijan", "country")
    district = world.place("Jabrayil District", "district", country, ["Jabrayil"])
    theatre = Theatre(
        world=world, az=az, art=art,
        az_mod=world.source("Azerbaijani MoD", az), art_mod=world.source("Artsakh MoD", art),
        narrative=world.source("narrative", None, "narrative"), outlet=world.source("BBC", None, "news_outlet"),
        country=country, district=district,
        village=world.place("Sirik", "village", district),
        other_village=world.place("Şıxlar", "village", district),
        third_village=world.place("Dərzili", "village", district),
    )
    world.claim(theatre.narrative, "control", [district], ("1994-01-01", "1994-12-31"), actor=art)
    return theatre


def control_rows(session: Session, as_of: Day, known_by: Day | None = None) -> dict[int, dict[str, Any]]:
    """``reporting.control_as_of`` straight from SQL, keyed by place id."""
    rows = session.execute(
        text("select * from reporting.control_as_of(cast(:as_of as date), cast(:known_by as date))"),
        {"as_of": day(as_of), "known_by": day(known_by) if known_by else None},
    ).mappings()
    return {row["place_id"]: dict(row) for row in rows}
