"""A synthetic campaign of any size, for query plans and load tests.

The real accounts are small (a few hundred places); the reporting views must
stay set-based when a dataset is a hundred times larger. This generator
builds a realistic shape: countries → districts → villages (a few towns and
one city per district), a pre-war baseline in which the defending side holds
every district, then weeks of claims: captures of villages by the attacking
side (often announced days later, with a ranged date), counter-captures,
standing control claims, a few district-wide control claims that the
attacker's own later captures contradict, shelling and accusations (some
mutual), accounts of one event with different dates, denials and
corroborations. It is deterministic for a given seed.

Rows go in with COPY and explicit ids (after the existing ones), then the
identity sequences are moved past them, so it can run inside a test's
transaction or on a database of its own. It does not ANALYZE: that would
leave the row counts of a rolled-back test behind in pg_class; the caller
refreshes statistics when it keeps the data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

import psycopg

CAMPAIGN_START = dt.date(2020, 9, 27)
BASELINE = (dt.date(1994, 1, 1), dt.date(1994, 12, 31))
VILLAGES_PER_DISTRICT = 100
OTHER_KINDS = ("shelling", "rocket_attack", "offensive", "clash", "attack_attempt", "accusation", "footage")


@dataclass(frozen=True)
class Counts:
    """What was generated, table by table."""

    places: int
    claims: int
    claim_places: int
    denials: int
    corroborations: int
    losses: int


@dataclass
class _Rows:
    """Rows waiting to be copied, with the next id of each table."""

    next_ids: dict[str, int]
    places: list[tuple[object, ...]] = field(default_factory=list)
    place_names: list[tuple[object, ...]] = field(default_factory=list)
    claims: list[tuple[object, ...]] = field(default_factory=list)
    claim_places: list[tuple[object, ...]] = field(default_factory=list)
    denials: list[tuple[object, ...]] = field(default_factory=list)
    corroborations: list[tuple[object, ...]] = field(default_factory=list)
    losses: list[tuple[object, ...]] = field(default_factory=list)

    def new_id(self, table: str) -> int:
        value = self.next_ids[table]
        self.next_ids[table] = value + 1
        return value


ID_COLUMNS = {
    "parties": "party_id",
    "sources": "source_id",
    "documents": "document_id",
    "places": "place_id",
    "place_names": "place_name_id",
    "claims": "claim_id",
    "denials": "denial_id",
    "corroborations": "corroboration_id",
    "losses": "loss_id",
}


def generate(
    connection: psycopg.Connection,
    places: int = 10_000,
    claims: int = 200_000,
    seed: int = 1,
    days: int = 60,
    prefix: str = "syn",
) -> Counts:
    """Add a synthetic campaign of about ``places`` places and ``claims``
    claims (the baseline included) to the database, in the connection's
    current transaction. ``prefix`` starts every slug and party code, so two
    campaigns with different prefixes can share a database."""
    if places < 4 or claims < 10:
        raise ValueError("a synthetic campaign needs at least 4 places and 10 claims")
    rng = random.Random(seed)
    rows = _Rows(next_ids=_next_ids(connection))

    party_ids = {}
    for code, name in (("ATT", "Attacking State"), ("DEF", "Defending Republic"), ("ALY", "Allied State")):
        party_ids[code] = rows.new_id("parties")
        connection.execute(
            "insert into core.parties (party_id, code, name) values (%s, %s, %s)",
            (party_ids[code], f"{prefix.upper()}-{code}", f"{name} ({prefix})"),
        )
    source_ids: dict[str, int] = {}
    for key, name, kind, party in (
        ("att_mod", "Attacking MoD", "ministry_of_defence", "ATT"),
        ("att_president", "Attacking President", "head_of_state", "ATT"),
        ("def_mod", "Defending MoD", "ministry_of_defence", "DEF"),
        ("def_authorities", "Defending authorities", "authorities", "DEF"),
        ("aly_mod", "Allied MoD", "ministry_of_defence", "ALY"),
        ("outlet_1", "Wire service", "news_outlet", None),
        ("outlet_2", "Broadcaster", "news_outlet", None),
        ("narrative", "The account", "narrative", None),
    ):
        source_ids[key] = rows.new_id("sources")
        connection.execute(
            "insert into core.sources (source_id, slug, name, kind, party_id) values (%s, %s, %s, %s, %s)",
            (source_ids[key], f"{prefix}-{key}", f"{name} ({prefix})", kind, party_ids[party] if party else None),
        )
    content = f"Synthetic campaign {prefix}, seed {seed}."
    document_id = rows.new_id("documents")
    connection.execute(
        "insert into core.documents (document_id, slug, title, sha256, content) values (%s, %s, %s, %s, %s)",
        (document_id, f"{prefix}-document", f"Synthetic campaign {prefix}", hashlib.sha256(content.encode()).hexdigest(), content),
    )

    districts, villages_by_district = _place_tree(rows, rng, places, prefix)
    _claims(rows, rng, claims, days, prefix, document_id, party_ids, source_ids, districts, villages_by_district)
    _copy_all(connection, rows)
    _move_sequences(connection)
    return Counts(
        places=len(rows.places), claims=len(rows.claims), claim_places=len(rows.claim_places),
        denials=len(rows.denials), corroborations=len(rows.corroborations), losses=len(rows.losses),
    )


def _next_ids(connection: psycopg.Connection) -> dict[str, int]:
    next_ids = {}
    for table, column in ID_COLUMNS.items():
        (maximum,) = connection.execute(f"select coalesce(max({column}), 0) from core.{table}").fetchone()  # type: ignore[misc]
        next_ids[table] = int(maximum) + 1
    return next_ids


def _place_tree(
    rows: _Rows, rng: random.Random, places: int, prefix: str
) -> tuple[list[int], dict[int, list[int]]]:
    def add(name: str, kind: str, parent: int | None) -> int:
        place_id = rows.new_id("places")
        rows.places.append((place_id, f"{prefix}-place-{place_id}", name, kind, parent))
        rows.place_names.append((rows.new_id("place_names"), place_id, name))
        accented = name.replace("a", "ə")
        if accented != name and rng.random() < 0.3:  # a second spelling, as another language writes it
            rows.place_names.append((rows.new_id("place_names"), place_id, accented))
        return place_id

    countries = [add(f"{prefix} Country {n}", "country", None) for n in (1, 2)]
    district_count = max(1, (places - len(countries)) // (VILLAGES_PER_DISTRICT + 1))
    districts = [add(f"{prefix} District {n}", "district", countries[n % 2]) for n in range(district_count)]
    villages_by_district: dict[int, list[int]] = {district: [] for district in districts}
    remaining = places - len(countries) - len(districts)
    for n in range(remaining):
        district = districts[n % len(districts)]
        kind = "city" if len(villages_by_district[district]) == 0 else ("town" if rng.random() < 0.05 else "village")
        villages_by_district[district].append(add(f"{prefix} Village {n}", kind, district))
    return districts, villages_by_district


def _claims(
    rows: _Rows,
    rng: random.Random,
    claims: int,
    days: int,
    prefix: str,
    document_id: int,
    party_ids: dict[str, int],
    source_ids: dict[str, int],
    districts: Sequence[int],
    villages_by_district: dict[int, list[int]],
) -> None:
    att, defender, ally = party_ids["ATT"], party_ids["DEF"], party_ids["ALY"]

    def day(offset: int) -> dt.date:
        return CAMPAIGN_START + dt.timedelta(days=offset)

    def add_claim(
        source: str,
        kind: str,
        actor: int | None,
        target: int | None,
        occurred: tuple[dt.date, dt.date],
        stated: tuple[dt.date, dt.date],
        subjects: Sequence[int],
        other_places: Sequence[tuple[int, str]] = (),
        event_key: str | None = None,
    ) -> int:
        claim_id = rows.new_id("claims")
        rows.claims.append((
            claim_id, f"{prefix}-claim-{claim_id}", document_id, source_ids[source], kind, actor, target,
            stated[0], stated[1], occurred[0], occurred[1], event_key,
            f"{kind} claim {claim_id}", f"quote of {kind} claim {claim_id}",
        ))
        seen = set()
        for place_id in subjects:
            if place_id not in seen:
                seen.add(place_id)
                rows.claim_places.append((claim_id, place_id, "subject"))
        for place_id, role in other_places:
            if place_id not in seen:
                seen.add(place_id)
                rows.claim_places.append((claim_id, place_id, role))
        return claim_id

    def deny(claim_id: int, on: dt.date, place_id: int | None) -> None:
        denial_id = rows.new_id("denials")
        rows.denials.append((
            denial_id, f"{prefix}-denial-{denial_id}", claim_id, place_id, document_id, source_ids["def_mod"],
            on, on, f"denial {denial_id}", "heavy fighting continues" if rng.random() < 0.5 else None,
        ))

    def corroborate(claim_id: int, on: dt.date, place_id: int | None) -> None:
        corroboration_id = rows.new_id("corroborations")
        kind, source = rng.choice((
            ("independent_confirmation", "outlet_1"), ("footage", "att_mod"),
            ("adversary_admission", "def_authorities"), ("independent_confirmation", "outlet_2"),
        ))
        rows.corroborations.append((
            corroboration_id, f"{prefix}-corroboration-{corroboration_id}", claim_id, place_id, document_id,
            source_ids[source], kind, on, on, f"support {corroboration_id}",
        ))

    for district in districts:  # the pre-war baseline
        add_claim("narrative", "control", defender, None, BASELINE, BASELINE, [district])
    area_claims = max(1, len(districts) // 10)
    made = len(districts)
    while made < claims:
        roll = rng.random()
        district = rng.choice(districts)
        villages = villages_by_district[district] or [district]
        offset = rng.randrange(days)
        announced = day(min(days - 1, offset + (rng.randrange(4) if rng.random() < 0.3 else 0)))
        if area_claims and roll < 0.002:
            # the attacker says it holds a whole district, then keeps announcing captures in it
            area_claims -= 1
            add_claim("att_mod", "control", att, defender, (day(offset), day(offset)), (announced, announced), [district])
            made += 1
        elif roll < 0.55:
            taken = rng.sample(villages, min(len(villages), rng.randint(1, 5)))
            side, actor, target = ("att_president", att, defender) if rng.random() < 0.9 else ("def_mod", defender, att)
            if rng.random() < 0.3:  # "had taken": anywhere from the campaign's first day to the announcement
                occurred = (CAMPAIGN_START, announced)
            else:
                occurred = (day(offset), day(offset))
            claim_id = add_claim(side, "capture", actor, target, occurred, (announced, announced), taken)
            made += 1
            if actor == att and rng.random() < 0.12:
                denial_day = day(min(days - 1, offset + rng.randrange(3)))
                deny(claim_id, max(denial_day, announced), rng.choice([None, taken[0]]))
            if rng.random() < 0.1:
                corroborate(claim_id, day(min(days - 1, offset + rng.randrange(5))), rng.choice([None, taken[-1]]))
        elif roll < 0.62:
            held = rng.choice(villages)
            actor, side = (att, "att_mod") if rng.random() < 0.7 else (defender, "def_mod")
            add_claim(side, "control", actor, None, (day(offset), day(offset)), (announced, announced), [held])
            made += 1
        elif roll < 0.64 and made + 2 <= claims:
            # two accounts of one event, a few days apart
            key = f"{prefix}-event-{made}"
            place = rng.choice(villages)
            other = min(days - 1, offset + rng.randint(1, 3))
            add_claim("att_mod", "clash", att, defender, (day(offset), day(offset)), (day(offset), day(offset)), [place], event_key=key)
            add_claim("narrative", "clash", att, defender, (day(other), day(other)), (day(other), day(other)), [place], event_key=key)
            made += 2
        elif roll < 0.65 and made + 2 <= claims:
            # each side accuses the other of breaking the ceasefire
            key = f"{prefix}-accusation-{made}"
            add_claim("att_mod", "ceasefire_violation", defender, att, (day(offset), day(offset)), (day(offset), day(offset)), [], event_key=key)
            add_claim("def_mod", "ceasefire_violation", att, defender, (day(offset), day(offset)), (day(offset), day(offset)), [], event_key=key)
            made += 2
        else:
            kind = rng.choice(OTHER_KINDS)
            side, actor, target = rng.choice((
                ("att_mod", defender, att), ("def_mod", att, defender), ("aly_mod", ally, defender),
            ))
            subject = rng.choice(villages)
            origin = rng.choice(villages_by_district[rng.choice(districts)] or [district])
            add_claim(side, kind, actor, target, (day(offset), day(offset)), (announced, announced), [subject], [(origin, "origin")])
            made += 1

    for n in range(max(1, claims // 1000)):
        loss_id = rows.new_id("losses")
        quantity = rng.randint(1, 50) if n % 7 else None
        rows.losses.append((
            loss_id, f"{prefix}-loss-{loss_id}", document_id, source_ids[rng.choice(("att_mod", "def_mod"))],
            day(rng.randrange(days)), rng.choice((att, defender)), rng.choice(("personnel", "tanks", "uavs")),
            None, rng.choice(("killed", "destroyed")), quantity, "unspecified" if quantity is None else "at_least",
            f"loss {loss_id}",
        ))


COPY_COLUMNS = {
    "places": "place_id, slug, name, kind, parent_id",
    "place_names": "place_name_id, place_id, name",
    "claims": (
        "claim_id, slug, document_id, source_id, kind, actor_party_id, target_party_id, stated_earliest_on, "
        "stated_latest_on, occurred_earliest_on, occurred_latest_on, event_key, summary, quote"
    ),
    "claim_places": "claim_id, place_id, role",
    "denials": (
        "denial_id, slug, claim_id, place_id, document_id, source_id, denied_earliest_on, denied_latest_on, "
        "quote, counter_statement"
    ),
    "corroborations": (
        "corroboration_id, slug, claim_id, place_id, document_id, source_id, kind, corroborated_earliest_on, "
        "corroborated_latest_on, quote"
    ),
    "losses": (
        "loss_id, slug, document_id, source_id, as_of_date, losing_party_id, category, equipment, outcome, "
        "quantity, qualifier, quote"
    ),
}


def _copy_all(connection: psycopg.Connection, rows: _Rows) -> None:
    with connection.cursor() as cursor:
        for table, columns in COPY_COLUMNS.items():
            with cursor.copy(f"copy core.{table} ({columns}) from stdin") as copy:
                for row in getattr(rows, table):
                    copy.write_row(row)


def _move_sequences(connection: psycopg.Connection) -> None:
    for table, column in ID_COLUMNS.items():
        connection.execute(
            f"select setval(pg_get_serial_sequence('core.{table}', '{column}'), "
            f"coalesce((select max({column}) from core.{table}), 0) + 1, false)"
        )
