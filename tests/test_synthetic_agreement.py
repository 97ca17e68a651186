"""Every answer on a 10 000-place synthetic campaign is what the rules
computed from scratch say: the derived tables, control_as_of with everything
known, and control_as_of under knowledge cut-offs.

The campaign: ``write_synthetic(places=10_000, links=150_000)``, i.e. 10 000
places (2 countries, 98 districts, 9 900 villages), about 57 000 claims,
150 000 claim-place rows and 6 000 denials and corroborations, imported from
Parquet once for the module. On this machine (PostgreSQL 15, 2 cores) the
import takes about a minute and the whole file two to three minutes.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from derived_checks import differences, mutual_accusations_as_before
from sqlalchemy import Connection, Engine, text

from campaign_db.importing import import_files
from campaign_db.seeding import read_campaign
from campaign_db.synthetic import write_synthetic

SLUG = "synthetic-agreement"
PLACES, LINKS = 10_000, 150_000
MID_YEAR = "2030-07-01"
#: the columns compared: the answer, not how it is described
KEY = "campaign, place_id, controller_code, status, since, claim_id, counter_claim_id"


@pytest.fixture(scope="module")
def imported(migrated_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Connection]:
    """A connection on the migrated database with the synthetic campaign
    imported, in a transaction rolled back after the module's tests."""
    files = write_synthetic(tmp_path_factory.mktemp("agreement") / SLUG, places=PLACES, links=LINKS)
    assert files.places == PLACES and abs(files.links - LINKS) < LINKS // 20
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


def disagreeing_rows(connection: Connection, asked: str, ruled: str, **parameters: object) -> int:
    """Rows of ``asked`` and ``ruled`` that differ on the key columns (both
    directions, duplicates counted)."""
    return int(
        connection.execute(
            text(f"""
                with asked as (select {KEY} from {asked}),
                     ruled as (select {KEY} from {ruled})
                select count(*) from (
                    (select * from asked except all select * from ruled)
                    union all
                    (select * from ruled except all select * from asked)
                ) as differing
            """),
            parameters,
        ).scalar_one()
    )


def test_the_campaign_is_not_trivial(imported: Connection) -> None:
    statuses: dict[str, int] = dict(
        imported.execute(
            text("select status, count(*) from reporting.control_as_of(:day, null, :slug) group by status"),
            {"day": MID_YEAR, "slug": SLUG},
        ).all()
    )
    assert sum(statuses.values()) > 9_000
    assert statuses.get("contested", 0) > 100
    assert statuses.get("contradicted", 0) > 0 and statuses.get("denied", 0) > 0
    contests: dict[str, int] = dict(
        imported.execute(
            text("select contest_kind, count(*) from reporting.contested_claims "
                 "where campaign = :slug and contest_kind in ('denial', 'mutual_accusation') group by contest_kind"),
            {"slug": SLUG},
        ).all()
    )
    assert contests.get("denial", 0) > 1_000 and contests.get("mutual_accusation", 0) > 100


def test_the_derived_tables_are_the_rules(imported: Connection) -> None:
    assert differences(imported) == {}


def test_control_as_of_with_everything_known_is_the_rules(imported: Connection) -> None:
    for day in ("2030-02-01", MID_YEAR, "2030-12-31"):
        assert disagreeing_rows(
            imported,
            "reporting.control_as_of(cast(:day as date), null, :slug)",
            "reporting_int.control_answers(cast(:day as date), null, :slug)",
            day=day,
            slug=SLUG,
        ) == 0, day


@pytest.mark.parametrize(
    ("day", "known_by"),
    [("2030-04-01", "2030-03-15"), (MID_YEAR, MID_YEAR), ("2030-05-01", "2030-11-01")],
    ids=["known-before-the-day", "known-on-the-day", "known-after-the-day"],
)
def test_control_as_of_under_a_cut_off_is_the_rules(imported: Connection, day: str, known_by: str) -> None:
    parameters = {"day": day, "known_by": known_by, "slug": SLUG}
    assert imported.execute(
        text("select count(*) from reporting.control_as_of(cast(:day as date), cast(:known_by as date), :slug)"),
        parameters,
    ).scalar_one() > 9_000
    assert disagreeing_rows(
        imported,
        "reporting.control_as_of(cast(:day as date), cast(:known_by as date), :slug)",
        "reporting_int.control_answers(cast(:day as date), cast(:known_by as date), :slug)",
        **parameters,
    ) == 0
    # and the day's row is the period covering it when every period is walked as known then
    assert disagreeing_rows(
        imported,
        "reporting.control_as_of(cast(:day as date), cast(:known_by as date), :slug)",
        "reporting_int.control_answers(null, cast(:known_by as date), :slug) "
        "where valid_from <= cast(:day as date) and (valid_to is null or cast(:day as date) < valid_to)",
        **parameters,
    ) == 0


def test_mutual_accusations_are_those_of_the_earlier_text(imported: Connection) -> None:
    every, some = mutual_accusations_as_before(imported, [SLUG, None])
    assert every > 100 and some > 10
