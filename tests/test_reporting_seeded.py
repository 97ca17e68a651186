"""The reporting interface on the Aras Valley account (the seeded database):
the design's worked examples, and every denial of the account reported."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text
from sqlalchemy.orm import Session

from campaign_db.reporting import contested_claims, control_as_of
from test_reporting_agreement import assert_agreement, assert_periods_are_contiguous

LINEAGE_LEVELS = 8  # reporting_int.place_lineage unrolls this many ancestors


def row_of(session: Session, slug: str, as_of: str, known_by: str | None = None):  # type: ignore[no-untyped-def]
    known = dt.date.fromisoformat(known_by) if known_by else None
    rows = [row for row in control_as_of(session, dt.date.fromisoformat(as_of), known) if row.place_slug == slug]
    return rows[0] if rows else None


def test_sirik_on_8_october_with_everything_known_is_not_azerbaijani(seeded_session: Session) -> None:
    sirik = row_of(seeded_session, "sirik", "2020-10-08")
    assert sirik is not None
    assert (sirik.controller_code, sirik.basis, sirik.basis_place_name) == ("ARTSAKH", "inherited", "Jabrayil District")


def test_sirik_on_8_october_as_known_then_is_azerbaijani(seeded_session: Session) -> None:
    sirik = row_of(seeded_session, "sirik", "2020-10-08", known_by="2020-10-08")
    assert sirik is not None
    assert (sirik.controller_code, sirik.basis, sirik.status) == ("AZ", "inherited", "claimed")
    assert sirik.claimant == "Ministry of Defence of Azerbaijan"


def test_sirik_is_azerbaijani_once_announced(seeded_session: Session) -> None:
    sirik = row_of(seeded_session, "sirik", "2020-10-22")
    assert sirik is not None and (sirik.controller_code, sirik.basis, sirik.since) == ("AZ", "direct", dt.date(2020, 10, 22))


def test_the_jabrayil_district_row_shows_its_claim_contradicted(seeded_session: Session) -> None:
    for as_of in ("2020-10-08", "2020-10-22", "2020-11-03"):
        district = row_of(seeded_session, "jabrayil-district", as_of)
        assert district is not None
        assert (district.controller_code, district.basis, district.status) == ("AZ", "direct", "contradicted"), as_of
        assert district.since == dt.date(2020, 10, 7)
    assert row_of(seeded_session, "jabrayil-district", "2020-10-08", known_by="2020-10-08").status == "claimed"  # type: ignore[union-attr]


def test_every_denial_of_the_account_is_a_contested_claim(seeded_session: Session) -> None:
    denials = seeded_session.execute(text("select denial_id, claim_id from core.denials")).all()
    assert denials, "the account has denials"
    reported = {(row.denial_id, row.claim_id) for row in contested_claims(seeded_session, "denial")}
    assert reported == {tuple(denial) for denial in denials}


def test_the_account_s_repeat_claims_and_date_conflicts(seeded_session: Session) -> None:
    repeated = {row.places for row in contested_claims(seeded_session, "repeat_claim")}
    assert repeated == {"Zərnəli", "Üçüncü Ağalı", "Füzuli"}
    conflicts = contested_claims(seeded_session, "date_conflict")
    assert {row.claim_kind for row in conflicts} == {"ceasefire"} and len(conflicts) == 2
    accused = contested_claims(seeded_session, "mutual_accusation")
    assert {row.claim_kind for row in accused} == {"accusation", "ceasefire_violation"} and len(accused) == 4
    contradicted = contested_claims(seeded_session, "self_contradiction")
    assert {row.places for row in contradicted} == {"Jabrayil District"}


def test_the_three_control_reports_agree_on_every_day_of_the_account(seeded_session: Session) -> None:
    assert assert_agreement(seeded_session) >= 38  # 27 September to 3 November
    assert_periods_are_contiguous(seeded_session)


def test_district_progress_counts_the_settlements_of_control_daily(seeded_session: Session) -> None:
    mismatches = seeded_session.execute(text(
        """
        select day, district_id, controller_code
        from reporting.district_progress as progress
        where places <> (
            select count(*) from reporting.control_daily as daily
            where daily.day = progress.day and daily.district_id = progress.district_id
                and daily.controller_code = progress.controller_code and daily.is_settlement
        )
        """
    )).all()
    assert mismatches == []
    last = seeded_session.execute(text(
        "select district, controller_code, places, settlements from reporting.district_progress "
        "where day = '2020-11-03' and district = 'Jabrayil District'"
    )).all()
    assert [(row.controller_code, row.places == row.settlements) for row in last] == [("AZ", True)]


def test_the_place_tree_fits_the_lineage(seeded_session: Session) -> None:
    deepest = seeded_session.execute(text(
        f"""
        with recursive chain as (
            select place_id, parent_id, 0 as depth from core.places
            union all
            select chain.place_id, parents.parent_id, chain.depth + 1
            from chain inner join core.places as parents on parents.place_id = chain.parent_id
            where chain.depth < {LINEAGE_LEVELS + 2}
        )
        select max(depth) from chain
        """
    )).scalar_one()
    assert deepest <= LINEAGE_LEVELS
