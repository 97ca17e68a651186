"""The Python API over the reporting views: place lookup by any spelling,
control with a district filter, timelines, typed rows."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from campaign_db.reporting import (
    AmbiguousPlace,
    ContestedClaim,
    ControlRow,
    LossReport,
    PlaceNotFound,
    contested_claims,
    control_as_of,
    control_periods,
    find_places,
    losses,
    resolve_place,
    timeline,
)


def slugs(matches: list) -> set[str]:  # type: ignore[type-arg]
    return {match.slug for match in matches}


@pytest.mark.parametrize("spelling", ["Zərnəli", "Zernəli", "ZERNELI", "zerneli", " Zərnəli "])
def test_any_spelling_finds_the_place(seeded_session: Session, spelling: str) -> None:
    assert slugs(find_places(seeded_session, spelling)) == {"zerneli"}


def test_spellings_the_account_uses(seeded_session: Session) -> None:
    assert slugs(find_places(seeded_session, "Zəngilan")) == slugs(find_places(seeded_session, "ZƏNGİLAN")) == {"zangilan"}
    assert slugs(find_places(seeded_session, "Khudafarin Bridges")) == {"khodaafarin-bridges"}
    assert slugs(find_places(seeded_session, "Kupiansk")) == {"kupiansk"}
    assert slugs(find_places(seeded_session, "FUZULI")) == {"fuzuli", "fuzuli-district"}
    assert slugs(find_places(seeded_session, "fuzuli-district")) == {"fuzuli-district"}
    assert slugs(find_places(seeded_session, "maraly")) == {"asagi-maralyan", "yuxari-maralyan"}  # part of a name
    assert slugs(find_places(seeded_session, "Maral’yan")) == {"asagi-maralyan"}  # a spelling of a gloss


def test_resolving_a_place_says_what_went_wrong(seeded_session: Session) -> None:
    with pytest.raises(AmbiguousPlace) as ambiguous:
        resolve_place(seeded_session, "Jabrayil")
    assert slugs(ambiguous.value.matches) == {"jabrayil", "jabrayil-district"}
    assert "[jabrayil-district]" in str(ambiguous.value)
    with pytest.raises(PlaceNotFound) as missing:
        resolve_place(seeded_session, "Sirk")
    assert "Sirik" in missing.value.suggestions and "did you mean" in str(missing.value)
    assert resolve_place(seeded_session, "Jabrayil", kinds=["district"]).slug == "jabrayil-district"


def test_control_as_of_returns_typed_rows_filtered_by_district(seeded_session: Session) -> None:
    # "jabrayil" names a city and its district; only the district is a report area
    rows = control_as_of(seeded_session, dt.date(2020, 10, 22), district="jabrayil", campaign="aras-valley")
    assert rows and all(isinstance(row, ControlRow) and row.district == "Jabrayil District" for row in rows)
    assert len(rows) == len({row.place_id for row in rows})
    everywhere = control_as_of(seeded_session, dt.date(2020, 10, 22), campaign="aras-valley")
    assert {row.place_id for row in rows} == {row.place_id for row in everywhere if row.district == "Jabrayil District"}
    assert {row.campaign for row in control_as_of(seeded_session, dt.date(2022, 10, 22))} == {
        "aras-valley", "deir-ez-zor-2017", "eastern-ukraine-2022", "all"}
    raions = control_as_of(seeded_session, dt.date(2022, 10, 1), district="Izium Raion", campaign="eastern-ukraine-2022")
    assert raions and {row.district for row in raions} == {"Izium Raion"}
    with pytest.raises(PlaceNotFound) as missing:
        control_as_of(seeded_session, dt.date(2020, 10, 22), district="Jabrail")
    assert "no report area" in str(missing.value) and missing.value.suggestions


def test_control_periods_of_one_place(seeded_session: Session) -> None:
    sirik = resolve_place(seeded_session, "Sirik")
    periods = control_periods(seeded_session, sirik.place_id, campaign="aras-valley")
    assert [(period.controller_code, period.controller_side, period.basis, period.valid_from, period.valid_to)
            for period in periods] == [
        ("ARTSAKH", "Armenia and Artsakh", "inherited", dt.date(1994, 12, 31), dt.date(2020, 10, 22)),
        ("AZ", "Azerbaijan", "direct", dt.date(2020, 10, 22), None),
    ]
    assert {period.campaign for period in control_periods(seeded_session, sirik.place_id)} == {"aras-valley", "all"}


def test_timeline_of_a_place(seeded_session: Session) -> None:
    entries = timeline(seeded_session, "SIRIK")
    assert [(entry.on.isoformat(), entry.entry, entry.kind) for entry in entries] == [
        ("1994-12-31", "control", "corroborated"),
        ("2020-10-22", "claim", "capture"),
        ("2020-10-22", "contest", "denial"),
        ("2020-10-22", "control", "denied"),
    ]
    assert entries[2].source == "Armenia (the state)"
    assert entries == sorted(entries, key=lambda entry: entry.on or dt.date.max)
    assert {entry.campaign for entry in timeline(seeded_session, "SIRIK", campaign="aras-valley")} == {"aras-valley"}


def test_contested_claims_and_losses_are_typed_and_ordered(seeded_session: Session) -> None:
    contests = contested_claims(seeded_session, campaign="aras-valley")
    assert contests and all(isinstance(row, ContestedClaim) and row.campaign == "aras-valley" for row in contests)
    assert [row.claim_date for row in contests] == sorted(row.claim_date for row in contests)
    conflicts = contested_claims(seeded_session, "conflicting_control")
    assert conflicts and {row.contest_kind for row in conflicts} == {"conflicting_control"}
    with pytest.raises(ValueError):
        contested_claims(seeded_session, "rumour")
    figures = losses(seeded_session, campaign="deir-ez-zor-2017")
    assert figures and all(isinstance(row, LossReport) and row.campaign == "deir-ez-zor-2017" for row in figures)
    assert [row.as_of for row in figures] == sorted(row.as_of for row in figures)
