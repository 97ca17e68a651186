"""The visual campaign report: built from the seeded account, loaded in
headless Chromium with no console errors, its chart drawn."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine

from browser import find_or_install_chromium, render
from campaign_db.cli import main
from campaign_db.config import to_libpq
from campaign_db.report import build_report, collect_report_data

AS_OF = dt.date(2020, 10, 22)


@pytest.fixture(scope="session")
def chromium() -> str:
    path, how = find_or_install_chromium()
    if path is None:
        pytest.skip(f"HEADLESS CHROMIUM UNAVAILABLE: the report's browser test could not run here: {how}")
    return path


@pytest.fixture(scope="session")
def report_data(seeded_engine: Engine) -> dict:
    with psycopg.connect(to_libpq(seeded_engine.url, hide_password=False)) as connection:
        return collect_report_data(connection, AS_OF)


def test_report_is_self_contained(report_data: dict) -> None:
    page = build_report(report_data)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "the page loads something remote"
    assert "@import" not in page and "url(http" not in page
    assert "<script src" not in page


def test_report_renders_in_chromium_with_its_chart(report_data: dict, chromium: str, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(build_report(report_data), encoding="utf-8")
    screenshot = tmp_path / "report.png"
    rendered = render(chromium, page, screenshot)
    assert rendered.console == [], "the page logged to the console:\n" + "\n".join(rendered.console)
    drawn = re.search(r'data-chart-drawn="(\d+)"', rendered.dom)
    assert drawn is not None, "the chart script did not run"
    districts = {row["district"] for row in report_data["progress"]}
    assert int(drawn.group(1)) >= len(districts) > 0  # at least one area per district
    for table in ("control", "contested", "losses"):
        body = re.search(rf'<table id="{table}".*?<tbody>(.*?)</tbody>', rendered.dom, re.S)
        assert body is not None
        assert body.group(1).count("<tr>") == len(report_data[table]["rows"]) > 0
    assert screenshot.stat().st_size > 20_000  # a real rendering, not a blank page


def test_report_command_writes_the_file(
    seeded_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", to_libpq(seeded_engine.url, hide_password=False))
    out = tmp_path / "out.html"
    assert main(["report", "--out", str(out), "--as-of", "2020-10-22"]) == 0
    assert "control as of 2020-10-22" in capsys.readouterr().out
    assert "Control as of 2020-10-22" in out.read_text()


def test_report_rejects_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--as-of", "22/10/2020"])
    assert "expected YYYY-MM-DD" in capsys.readouterr().err
