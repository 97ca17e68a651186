"""Edits by hand in SQL, one statement at a time, on a synthetic campaign that
has every contest kind: after each, the derived tables are exactly the rules
computed from scratch, and a one-claim edit rewrites the contests of a few
claims, not every contest of the campaign.

The statement triggers re-derive the places the changed rows name and
rewrite only the contested claims those places' claims take part in
(every kind) and the conflicting control of the other claims of the
places re-derived (reporting_int.refresh_contest_rows): a repeat claim
that now repeats another, a date conflict found through a new event key,
an area claim whose contradiction moved, a denial gone. Each edit is drawn
from a fixed seed, so a failure names an edit that can be replayed.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator

import pytest
from derived_checks import differences
from sqlalchemy import Connection, Engine, text

from campaign_db.importing import import_files
from campaign_db.seeding import read_campaign
from campaign_db.synthetic import write_synthetic

SLUG = "synthetic-edits"
PLACES, LINKS = 1_000, 12_000
EDITS = 24


@pytest.fixture(scope="module")
def imported(migrated_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Connection]:
    """The migrated database with the synthetic campaign imported, in a
    transaction rolled back after the module's tests."""
    files = write_synthetic(tmp_path_factory.mktemp("edits") / SLUG, places=PLACES, links=LINKS, seed=7)
    connection = migrated_engine.connect()
    transaction = connection.begin()
    try:
        import_files(
            connection,
            read_campaign(files.folder),
            claims=[files.claims_file],
            places=[files.places_file],
            responses=[files.responses_file],
        )
        yield connection
    finally:
        transaction.rollback()
        connection.close()


def one(connection: Connection, sql: str, **parameters: object) -> int:
    found = connection.execute(text(sql), parameters).scalar()
    assert found is not None, f"nothing to edit: {sql}"
    return int(found)


def claim_of(connection: Connection, rng: random.Random, condition: str = "true") -> int:
    """A claim of the campaign meeting ``condition``, drawn from ``rng``."""
    ids = connection.execute(
        text(
            "select claims.claim_id from core.claims as claims "
            "inner join core.campaigns as campaigns using (campaign_id) "
            f"where campaigns.slug = :slug and ({condition}) order by claims.claim_id"
        ),
        {"slug": SLUG},
    ).scalars().all()
    assert ids, f"no claim of {SLUG} where {condition}"
    return int(rng.choice(ids))


def shift_event(connection: Connection, rng: random.Random) -> str:
    claim = claim_of(connection, rng, "claims.kind in ('capture', 'control', 'withdrawal')")
    connection.execute(text(
        "update core.claims set occurred_earliest_on = occurred_earliest_on - 4, "
        "occurred_latest_on = occurred_latest_on - 4 where claim_id = :claim"), {"claim": claim})
    return f"claim {claim}: event four days earlier"


def restate_later(connection: Connection, rng: random.Random) -> str:
    claim = claim_of(connection, rng, "claims.kind in ('capture', 'control')")
    connection.execute(text(
        "update core.claims set stated_earliest_on = stated_earliest_on + 9, "
        "stated_latest_on = stated_latest_on + 9 where claim_id = :claim"), {"claim": claim})
    return f"claim {claim}: stated nine days later"


def share_an_event(connection: Connection, rng: random.Random) -> str:
    claim = claim_of(connection, rng)
    other = claim_of(connection, rng, "claims.event_key is not null")
    connection.execute(text(
        "update core.claims set event_key = (select event_key from core.claims where claim_id = :other) "
        "where claim_id = :claim"), {"claim": claim, "other": other})
    return f"claim {claim}: the event of claim {other}"


def move_a_place(connection: Connection, rng: random.Random) -> str:
    claim = claim_of(connection, rng, (
        "exists (select from core.claim_places as named where named.claim_id = claims.claim_id "
        "and not exists (select from core.denials as d where d.claim_id = named.claim_id) "
        "and not exists (select from core.corroborations as c where c.claim_id = named.claim_id))"
    ))
    place = one(connection, "select place_id from core.claim_places where claim_id = :claim order by place_id limit 1",
                claim=claim)
    target = one(connection, (
        "select links.place_id from core.campaign_places as links "
        "inner join core.campaigns as campaigns using (campaign_id) "
        "where campaigns.slug = :slug and links.place_id not in "
        "(select place_id from core.claim_places where claim_id = :claim) "
        "order by links.place_id offset :skip limit 1"
    ), slug=SLUG, claim=claim, skip=rng.randrange(50))
    connection.execute(text(
        "update core.claim_places set place_id = :target where claim_id = :claim and place_id = :place"),
        {"claim": claim, "place": place, "target": target})
    return f"claim {claim}: place {place} becomes {target}"


def swap_capture_and_control(connection: Connection, rng: random.Random) -> str:
    claim = claim_of(connection, rng, "claims.kind in ('capture', 'control')")
    connection.execute(text(
        "update core.claims set kind = case kind when 'capture' then 'control' else 'capture' end "
        "where claim_id = :claim"), {"claim": claim})
    return f"claim {claim}: capture and control swapped"


def drop_a_denial(connection: Connection, rng: random.Random) -> str:
    claim = claim_of(connection, rng, "exists (select from core.denials as d where d.claim_id = claims.claim_id)")
    connection.execute(text("delete from core.denials where claim_id = :claim"), {"claim": claim})
    return f"claim {claim}: its denials deleted"


def repeat_a_claim(connection: Connection, rng: random.Random) -> str:
    claim = claim_of(connection, rng, "claims.kind = 'capture' and claims.stated_latest_on is not null")
    copy = one(connection, (
        "insert into core.claims (slug, document_id, source_id, kind, actor_party_id, target_party_id, "
        "stated_earliest_on, stated_latest_on, occurred_earliest_on, occurred_latest_on, event_key, summary, "
        "quote, campaign_id) "
        "select slug || '-again', document_id, source_id, kind, actor_party_id, target_party_id, "
        "stated_latest_on + 2, stated_latest_on + 2, occurred_earliest_on, occurred_latest_on, null, summary, "
        "quote, campaign_id from core.claims where claim_id = :claim returning claim_id"
    ), claim=claim)
    connection.execute(text(
        "insert into core.claim_places (claim_id, place_id, role, share_percent) "
        "select :copy, place_id, role, share_percent from core.claim_places where claim_id = :claim"),
        {"copy": copy, "claim": claim})
    return f"claim {copy}: claim {claim} stated again two days later"


def delete_a_claim(connection: Connection, rng: random.Random) -> str:
    claim = claim_of(connection, rng)
    connection.execute(text("delete from core.claims where claim_id = :claim"), {"claim": claim})
    return f"claim {claim}: deleted"


def change_the_actor(connection: Connection, rng: random.Random) -> str:
    claim = claim_of(connection, rng, "claims.actor_party_id is not null")
    party = one(connection, (
        "select min(links.party_id) from core.campaign_parties as links "
        "inner join core.claims as claims on claims.campaign_id = links.campaign_id "
        "where claims.claim_id = :claim and links.party_id <> claims.actor_party_id"), claim=claim)
    connection.execute(
        text("update core.claims set actor_party_id = :party where claim_id = :claim"), {"party": party, "claim": claim}
    )
    return f"claim {claim}: its actor is now party {party}"


def rename_a_side(connection: Connection, rng: random.Random) -> str:
    side = one(connection, (
        "select min(sides.side_id) from core.sides as sides "
        "inner join core.campaign_sides as links on links.side_id = sides.side_id "
        "inner join core.campaigns as campaigns on campaigns.campaign_id = links.campaign_id "
        "where campaigns.slug = :slug"), slug=SLUG)
    connection.execute(text("update core.sides set name = name || ' (renamed)' where side_id = :side"), {"side": side})
    return f"side {side}: renamed"


EDIT_KINDS: tuple[Callable[[Connection, random.Random], str], ...] = (
    shift_event, restate_later, share_an_event, move_a_place, swap_capture_and_control, drop_a_denial,
    repeat_a_claim, delete_a_claim, change_the_actor, rename_a_side,
)


def test_the_campaign_has_every_contest_kind(imported: Connection) -> None:
    kinds = set(imported.execute(text(
        "select distinct contest_kind from derived.contested_claims where campaign = :slug"), {"slug": SLUG}).scalars())
    assert kinds >= {"denial", "mutual_accusation", "self_contradiction", "repeat_claim", "date_conflict",
                     "conflicting_control"}, kinds
    assert differences(imported) == {}


def test_a_one_claim_edit_rewrites_a_few_contests(imported: Connection) -> None:
    """The rows the triggers insert into derived.contested_claims for one
    moved event: those of a few places' claims, not the campaign's."""
    total = one(imported, "select count(*) from derived.contested_claims where campaign = :slug", slug=SLUG)
    savepoint = imported.begin_nested()
    written_before = one(imported, (
        "select n_tup_ins from pg_stat_xact_user_tables "
        "where schemaname = 'derived' and relname = 'contested_claims'"))
    shift_event(imported, random.Random(3))
    written = one(imported, (
        "select n_tup_ins from pg_stat_xact_user_tables "
        "where schemaname = 'derived' and relname = 'contested_claims'")) - written_before
    assert differences(imported) == {}
    savepoint.rollback()
    assert 0 < written < total / 5, f"{written} contest rows rewritten of {total}"


def test_a_claim_restated_later_changes_what_a_claim_it_did_not_name_repeats(imported: Connection) -> None:
    """Y repeated Z, which repeated X (the same place and sides). Z stated
    after Y: Y now repeats X, a row of two claims the edit did not touch,
    found because Y names Z's place (every kind of contest is rewritten for
    the claims of the places an edit names; conflicting control alone for
    the rest of the places it re-derives)."""
    found = imported.execute(text(
        "select later.claim_id, middle.claim_id, middle.counter_claim_id "
        "from derived.contested_claims as later "
        "inner join derived.contested_claims as middle "
        "    on middle.claim_id = later.counter_claim_id and middle.campaign = later.campaign "
        "    and middle.contest_kind = 'repeat_claim' "
        "inner join core.claims as y on y.claim_id = later.claim_id "
        "inner join core.claims as z on z.claim_id = middle.claim_id "
        "where later.campaign = :slug and later.contest_kind = 'repeat_claim' "
        "    and y.stated_latest_on = y.stated_earliest_on and z.stated_latest_on = z.stated_earliest_on "
        "    and (select count(*) from core.claim_places as named where named.claim_id = y.claim_id) = 1 "
        "    and (select count(*) from core.claim_places as named where named.claim_id = z.claim_id) = 1 "
        "order by later.claim_id limit 1"), {"slug": SLUG}).first()
    assert found is not None, "no claim repeating a repeat in the synthetic campaign"
    y, z, x = found
    savepoint = imported.begin_nested()
    imported.execute(text(
        "update core.claims set stated_earliest_on = later.stated_latest_on + 1, "
        "stated_latest_on = later.stated_latest_on + 1 "
        "from core.claims as later where later.claim_id = :y and claims.claim_id = :z"), {"y": y, "z": z})
    repeats = set(imported.execute(text(
        "select counter_claim_id from derived.contested_claims "
        "where campaign = :slug and contest_kind = 'repeat_claim' and claim_id = :y"), {"slug": SLUG, "y": y}).scalars())
    assert differences(imported) == {}
    savepoint.rollback()
    assert z not in repeats and x in repeats, f"claim {y} repeats {repeats}; {z} was restated after it, {x} before"


def test_every_edit_by_hand_leaves_the_derived_tables_equal_to_the_rules(imported: Connection) -> None:
    rng = random.Random(11)
    for number in range(EDITS):
        savepoint = imported.begin_nested()
        edit = EDIT_KINDS[number % len(EDIT_KINDS)]
        done = edit(imported, rng)
        assert differences(imported) == {}, f"edit {number} ({edit.__name__}: {done})"
        savepoint.commit()
