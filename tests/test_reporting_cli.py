"""The report commands print the same rows as the views, in every format,
and say what they expected when given a bad date, place or district."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from sqlalchemy import Engine, text

from campaign_db.cli import main
from campaign_db.config import to_libpq


@pytest.fixture
def seeded_url(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> str:
    url = to_libpq(seeded_engine.url, hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("COLUMNS", "80")
    return url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def view_rows(engine: Engine, sql: str, **parameters: Any) -> list[dict[str, Any]]:
    """Rows as the JSON format writes them (dates in ISO form)."""
    with engine.connect() as connection:
        rows = connection.execute(text(sql), parameters).mappings().all()
    return [
        {key: value.isoformat() if isinstance(value, dt.date) else value for key, value in row.items()} for row in rows
    ]


def same_rows(left: list[dict[str, Any]], right: list[dict[str, Any]]) -> bool:
    def key(row: dict[str, Any]) -> str:
        return json.dumps(row, sort_keys=True, ensure_ascii=False)

    return sorted(map(key, left)) == sorted(map(key, right))


def test_control_json_is_the_function(seeded_url: str, seeded_engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "control", "--as-of", "2020-10-22", "--format", "json")
    assert code == 0
    expected = view_rows(seeded_engine, "select * from reporting.control_as_of('2020-10-22')")
    assert expected and same_rows(json.loads(out), expected)


def test_control_csv_with_knowledge_cut_off_and_district(
    seeded_url: str, seeded_engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "control", "--as-of", "2020-10-08", "--known-by", "2020-10-08", "--district", "JABRAYIL", "--format", "csv"
    )
    assert code == 0
    printed = list(csv.DictReader(io.StringIO(out)))
    expected = view_rows(
        seeded_engine,
        "select * from reporting.control_as_of('2020-10-08', '2020-10-08') where district = 'Jabrayil District'",
    )
    expected = view_rows(
        seeded_engine,
        "select * from reporting.control_as_of('2020-10-08', '2020-10-08') where district = 'Jabrayil District'",
    )
    as_text = [{key: "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
                for key, value in row.items()} for row in expected]
    assert expected and same_rows(printed, as_text)
    assert {row["controller_code"] for row in printed if row["place_name"] == "Sirik"} == {"AZ"}
    assert {row["campaign"] for row in printed} == {"aras-valley", "all"}


def test_contested_and_losses_json_are_the_views(
    seeded_url: str, seeded_engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    for command, view in (("contested", "contested_claims"), ("losses", "losses")):
        code, out, _ = run(capsys, command, "--format", "json")
        assert code == 0
        expected = view_rows(seeded_engine, f"select * from reporting.{view}")
        assert expected and same_rows(json.loads(out), expected), command


def test_timeline_by_any_spelling(seeded_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "timeline", "ZƏNGİLAN", "--format", "json")
    assert code == 0
    entries = json.loads(out)
    assert entries and {"on", "entry", "campaign", "kind", "party", "source", "claim_id", "detail"} == set(entries[0])
    assert any(entry["entry"] == "control" and entry["party"] == "Azerbaijan" for entry in entries)


def test_tables_fit_80_columns(seeded_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["control", "--as-of", "2020-10-22"], ["contested"], ["losses"], ["timeline", "Sirik"],
                 ["campaigns"], ["control", "--as-of", "2022-10-01", "--campaign", "eastern-ukraine-2022"]):
        code, out, _ = run(capsys, *argv)
        assert code == 0
        assert max(len(line) for line in out.splitlines()) <= 80, argv
        assert any(line.endswith(("rows)", "row)")) for line in out.splitlines()), argv


def test_a_name_of_several_places_shows_each_ones_story(seeded_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "timeline", "Jabrayil")
    assert code == 0 and err == ""
    assert "Jabrayil (city, in Jabrayil District) [jabrayil]:" in out
    assert "Jabrayil District (district, in Azerbaijan) [jabrayil-district]:" in out
    code, out, _ = run(capsys, "timeline", "fuzuli", "--format", "json")
    assert code == 0 and {entry["place_slug"] for entry in json.loads(out)} == {"fuzuli", "fuzuli-district"}


def test_an_unknown_place_or_district_suggests_near_names(seeded_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "timeline", "Sirk")
    assert code == 2 and "no place is named 'Sirk'" in err and "Sirik" in err
    code, _, err = run(capsys, "control", "--as-of", "2020-10-22", "--district", "Zangelan")
    assert code == 2 and "no report area is named 'Zangelan'" in err and "did you mean" in err
    code, _, err = run(capsys, "control", "--as-of", "2020-10-22", "--campaign", "aras-valey")
    assert code == 2 and "no campaign 'aras-valey'" in err and "did you mean 'aras-valley'?" in err


def test_a_bad_date_says_what_is_expected(seeded_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["control", "--as-of", "22/10/2020"])
    assert exit_.value.code == 2
    assert "expected YYYY-MM-DD" in capsys.readouterr().err
