"""The visual campaign report: built from the shipped campaigns, opened in
headless Chromium (Debian's, driven by Selenium) with no console message and
no network request, its map drawn with one mark per mapped place, its day
slider recolouring the map, every table row present, nothing wider than a
phone; hostile text from the database stays text. The run writes the
screenshots docs/report-<campaign>-desktop.png and -phone.png (the README
shows them); CAMPAIGN_DB_SCREENSHOTS=DIR writes them elsewhere."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import browser, console_messages, find_or_install_browser, requested_urls, set_viewport
from selenium.webdriver.chrome.webdriver import WebDriver
from sqlalchemy import Connection, Engine, text

from campaign_db.cli import main
from campaign_db.config import to_libpq
from campaign_db.report import ReportData, build_report, collect_report_data, geography, labels
from campaign_db.report.charts import MAP_MARK_NAME
from campaign_db.seeding import default_seed_folders

REPOSITORY = Path(__file__).resolve().parent.parent
DOCS = REPOSITORY / "docs"
#: Where the screenshots go: docs/, unless CAMPAIGN_DB_SCREENSHOTS names another folder.
SCREENSHOTS = Path(os.environ.get("CAMPAIGN_DB_SCREENSHOTS") or DOCS)
SHIPPED = sorted(folder.name for folder in default_seed_folders())
HOSTILE = "<script>alert(1)</script>"
MAX_BYTES = 3_000_000
MARKS = f".{MAP_MARK_NAME}_marks path"


@pytest.fixture(scope="session")
def chromium() -> tuple[str, str]:
    paths, how = find_or_install_browser()
    if paths is None:
        pytest.skip(f"HEADLESS CHROMIUM UNAVAILABLE: the report's browser tests could not run here: {how}")
    return paths


@pytest.fixture(scope="session")
def database_url(seeded_engine: Engine) -> str:
    return to_libpq(seeded_engine.url, hide_password=False)


@pytest.fixture(scope="session")
def all_data(seeded_engine: Engine) -> ReportData:
    with seeded_engine.connect() as connection:
        return collect_report_data(connection)


def showcase_day(first: dt.date, last: dt.date) -> dt.date:
    """The day the screenshots show: well into the campaign, when control is mixed."""
    return first + dt.timedelta(days=round((last - first).days * 0.6))


def wait_for(condition: Callable[[], Any], timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the page")
        time.sleep(0.1)


# --- the file ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def all_page(all_data: ReportData) -> str:
    return build_report(all_data)


def test_report_is_one_offline_file(all_page: str) -> None:
    assert not re.search(r"""\bsrc\s*=\s*["']?(https?:)?//""", all_page), "the page loads something remote"
    assert not re.search(r"<link\b", all_page), "the page links a stylesheet or preloads something"
    assert "@import" not in all_page and not re.search(r"url\(\s*['\"]?(https?:)?//", all_page)
    assert "<script src" not in all_page
    assert len(all_page.encode()) < MAX_BYTES, f"{len(all_page.encode()):,} bytes for every campaign"


def test_report_has_a_section_and_a_footer_entry_per_campaign(all_data: ReportData, all_page: str) -> None:
    assert {c.slug for c in all_data.campaigns} >= {"aras-valley"}
    for campaign in all_data.campaigns:
        assert f'id="campaign-{campaign.slug}"' in all_page
        footer = all_page[all_page.index(f'id="sources-{campaign.slug}"'):]
        footer = footer[:footer.index("</section>")]
        assert campaign.version and campaign.version in footer
        assert campaign.seed_sha256 and campaign.seed_sha256 in footer
        for document in campaign.documents:
            assert labels_escaped(document.title) in footer
            assert (document.licence or "not recorded") in footer
            assert (document.url or "Address not recorded").replace("&", "&amp;") in footer
            assert "Retrieved:" in footer
    assert "Natural Earth" in all_page and "Made with Natural Earth." in all_page


def labels_escaped(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace(
        "'", "&#39;")


def test_tables_use_human_labels(all_data: ReportData, all_page: str) -> None:
    for raw in ("controller_side", "claim_kind", "contest_kind", "quantity_low", "basis_place_name"):
        assert f">{raw}<" not in all_page
    campaign = next(c for c in all_data.campaigns if c.slug == "aras-valley")
    control = table_html(all_page, f"control-{campaign.slug}")
    assert ">ARTSAKH<" not in control and ">AZ<" not in control  # names, not party codes
    contested = table_html(all_page, f"contested-{campaign.slug}")
    assert "<th scope=\"col\">Claimant</th>" in contested
    for row in campaign.contested:
        assert labels_escaped(row["claimant"]) in contested


def table_html(page: str, table_id: str) -> str:
    match = re.search(rf'<table class="data" id="{re.escape(table_id)}".*?</table>', page, re.DOTALL)
    assert match is not None, f"no table {table_id}"
    return match.group(0)


def test_loss_figures_say_their_qualifier() -> None:
    assert labels.figure({"qualifier": "exact", "quantity": 4, "quantity_low": 4, "quantity_high": 4}) == "4"
    assert labels.figure({"qualifier": "at_least", "quantity": 40, "quantity_low": 40}) == "at least 40"
    assert labels.figure({"qualifier": "up_to", "quantity": 10, "quantity_high": 10}) == "up to 10"
    assert labels.figure({"qualifier": "approximately", "quantity": 1200, "quantity_low": 1200}) == "about 1,200"
    assert labels.figure({"qualifier": "between", "quantity_low": 10, "quantity_high": 20}) == "10–20"
    assert labels.figure({"qualifier": "unspecified"}) == "not given"


def test_country_outlines_are_clipped_and_wound_for_d3() -> None:
    view = geography.Box(46.3, 38.9, 47.3, 39.7)
    countries, names = geography.countries_near(view, [(46.8, 39.3)])
    assert {"Azerbaijan", "Armenia", "Iran"} <= {f["properties"]["name"] for f in countries}
    box = view.grown(2.0)
    for feature in countries:
        for polygon in feature["geometry"]["coordinates"]:
            exterior = [(x, y) for x, y in polygon[0]]
            assert geography.signed_area(exterior) < 0, "d3-geo wants exterior rings clockwise"
            assert all(box.west - 1e-6 <= x <= box.east + 1e-6 and box.south - 1e-6 <= y <= box.north + 1e-6
                       for x, y in exterior)
    assert all(view.contains((n["longitude"], n["latitude"])) for n in names)


# --- hostile text from the database -------------------------------------------------------------------------------


@pytest.fixture
def hostile_page(seeded_connection: Connection, tmp_path: Path) -> Iterator[Path]:
    """The Aras Valley report after a contested claim's summary and a mapped place's name were replaced by
    markup, inside the test's transaction (rolled back afterwards)."""
    claim_id = seeded_connection.execute(text(
        "select claim_id from reporting.contested_claims where campaign = 'aras-valley' order by claim_id limit 1"
    )).scalar_one()
    seeded_connection.execute(text("update core.claims set summary = :summary where claim_id = :claim_id"),
                              {"summary": HOSTILE, "claim_id": claim_id})
    place_id = seeded_connection.execute(text(
        "select place_id from reporting.places where is_mapped and campaigns like '%aras-valley%' "
        "and is_settlement order by place_id limit 1"
    )).scalar_one()
    seeded_connection.execute(text("update core.places set name = :name where place_id = :place_id"),
                              {"name": f'Sirik"><img src=x onerror=alert(2)>{HOSTILE}', "place_id": place_id})
    data = collect_report_data(seeded_connection, dt.date(2020, 10, 22), "aras-valley")
    assert any(row["summary"] == HOSTILE for row in data.campaigns[0].contested)
    page = tmp_path / "hostile.html"
    page.write_text(build_report(data), encoding="utf-8")
    yield page


def test_hostile_text_is_escaped(hostile_page: Path) -> None:
    page = hostile_page.read_text(encoding="utf-8")
    assert HOSTILE not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # in the contested table, as text
    payload = page[page.index('<script id="report-data"'):]
    assert "\\u003cscript\\u003ealert(1)" in payload[:payload.index("</script>")]  # in the map data, as JSON


def test_hostile_text_stays_text_in_chromium(hostile_page: Path, chromium: tuple[str, str]) -> None:
    with browser(*chromium) as driver:
        driver.get(hostile_page.as_uri())
        wait_for(lambda: driver.execute_script("return document.body.dataset.drawn"))
        assert console_messages(driver) == []
        text_shown = driver.execute_script("return document.body.innerText")
        assert HOSTILE in text_shown
        assert driver.execute_script("return document.scripts.length") == 3  # data, Vega, the page's own
        assert driver.execute_script("return document.querySelectorAll('img').length") == 0
        # the map's tooltip for the renamed place shows the markup as text too
        marks = driver.find_elements("css selector", MARKS)
        hovered = hover_tooltip(driver, marks, "Sirik\"")
        assert HOSTILE in hovered


def hover_tooltip(driver: WebDriver, marks: list[Any], wanted: str) -> str:
    from selenium.webdriver.common.action_chains import ActionChains

    for mark in marks:
        if wanted not in (mark.get_attribute("aria-label") or ""):
            continue
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)

        def tooltip(target: Any = mark) -> Any:
            # hover again on every try: on a loaded machine the first move can
            # land before the map has settled where the mark is drawn
            body = driver.find_element("css selector", "body")
            ActionChains(driver).move_to_element_with_offset(body, 1, 1).move_to_element(target).perform()
            return driver.execute_script(
                "const t = document.querySelector('.tooltip'); return t && !t.hidden && t.innerText")

        return str(wait_for(tooltip))
    raise AssertionError(f"no mark labelled {wanted!r}")


# --- each shipped campaign in Chromium ----------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SHIPPED)
def test_campaign_report_in_chromium(
    slug: str, chromium: tuple[str, str], all_data: ReportData, seeded_engine: Engine, database_url: str,
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    loaded = {c.slug: c for c in all_data.campaigns}
    assert slug in loaded, f"{slug} is shipped but not in the report data"
    as_of = showcase_day(loaded[slug].first_day, loaded[slug].last_day)
    with seeded_engine.connect() as connection:
        campaign = collect_report_data(connection, as_of, slug).campaigns[0]
    monkeypatch.setenv("DATABASE_URL", database_url)
    out = tmp_path / f"report-{slug}.html"
    started = time.perf_counter()
    assert main(["report", "--out", str(out), "--campaign", slug, "--as-of", as_of.isoformat()]) == 0
    elapsed = time.perf_counter() - started
    printed = capsys.readouterr().out
    assert f"{slug}: control as of {as_of}" in printed
    size = out.stat().st_size
    assert size < MAX_BYTES
    print(f"{slug}: {size:,} bytes, rendered in {elapsed:.1f}s")

    with browser(*chromium, width=1400, height=900) as driver:
        requested_urls(driver)
        driver.get(out.as_uri())
        views = driver.execute_script("return document.querySelectorAll('[data-vega]').length")
        wait_for(lambda: driver.execute_script("return document.body.dataset.drawn") == str(views))
        assert console_messages(driver) == [], "the page logged to the console"
        assert requested_urls(driver) == [out.as_uri()], "the page requested something besides itself"

        # every table row present
        for table_id, rows in (
            (f"control-{slug}", campaign.control),
            (f"contested-{slug}", campaign.contested),
            (f"losses-{slug}", campaign.losses),
            (f"unmapped-{slug}", campaign.unmapped_settlements),
        ):
            shown = driver.execute_script(
                "const t = document.getElementById(arguments[0]); return t ? t.tBodies[0].rows.length : 0", table_id)
            assert shown == len(rows), table_id
        assert driver.execute_script("return document.querySelectorAll('.vega-chart svg').length") == len(
            {row["district"] for row in campaign.progress})

        mapped = len(campaign.mapped_places)
        if mapped:
            assert len(driver.find_elements("css selector", MARKS)) == mapped, "one mark per mapped place"
            check_slider_recolours(driver, slug)
            tip = hover_tooltip(driver, driver.find_elements("css selector", MARKS), ":")
            assert "Held by" in tip and "Status" in tip and "Since" in tip
            set_slider(driver, slug, (as_of - campaign.first_day).days)
        else:
            assert driver.execute_script("return document.querySelector('.empty-map') !== null")
            assert len(campaign.unmapped_settlements) > 0
        assert console_messages(driver) == []
        driver.execute_script("window.scrollTo(0, 0); document.querySelector('.tooltip').hidden = true")
        time.sleep(0.3)
        shots = SCREENSHOTS
        shots.mkdir(parents=True, exist_ok=True)
        desktop = shots / f"report-{slug}-desktop.png"
        driver.save_screenshot(str(desktop))
        assert desktop.stat().st_size > 10_000, "the desktop screenshot is a picture of the report, not a blank page"

        set_viewport(driver, 390, 844, mobile=True)
        driver.get(out.as_uri())
        wait_for(lambda: driver.execute_script("return document.body.dataset.drawn") == str(views))
        time.sleep(0.3)
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390, f"the page is {width}px wide on a 390px phone"
        overflowing = driver.execute_script("""
            return [...document.querySelectorAll('main *, footer *')]
                .filter(e => !(e.parentElement && e.parentElement.closest('svg')))  // marks clipped by their svg
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .map(e => e.tagName + '#' + e.id + ' ' + e.textContent.slice(0, 40)).slice(0, 5)""")
        assert overflowing == [], f"wider than the phone: {overflowing}"
        assert console_messages(driver) == []
        phone = shots / f"report-{slug}-phone.png"
        driver.save_screenshot(str(phone))
        assert phone.stat().st_size > 10_000


def mark_fills(driver: WebDriver) -> list[str]:
    return list(driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(m => m.getAttribute('fill'))", MARKS))


def set_slider(driver: WebDriver, slug: str, day: int) -> None:
    driver.execute_script(
        "const s = document.getElementById(arguments[0]); s.value = String(arguments[1]);"
        "s.dispatchEvent(new Event('input', {bubbles: true}));", f"slider-map-{slug}", day)
    wait_for(lambda: driver.execute_script(
        "return document.getElementById(arguments[0]).dataset.day", f"map-{slug}") == str(day))


def check_slider_recolours(driver: WebDriver, slug: str) -> None:
    """Drag the slider to the campaign's first day: marks change colour; set it to the last day: again."""
    from selenium.webdriver.common.action_chains import ActionChains

    slider = driver.find_element("css selector", f"#slider-map-{slug}")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", slider)
    before = mark_fills(driver)
    ActionChains(driver).click_and_hold(slider).move_by_offset(-slider.size["width"] // 2 - 4, 0).release().perform()
    wait_for(lambda: driver.execute_script(
        "return document.getElementById(arguments[0]).dataset.day", f"map-{slug}") == "0")
    first_day = mark_fills(driver)
    assert len(first_day) == len(before)
    assert first_day != before, "dragging the slider to the first day changed no colour"
    last = int(slider.get_attribute("max") or 0)
    set_slider(driver, slug, last)
    assert mark_fills(driver) != first_day, "setting the slider to the last day changed no colour"
    label = driver.find_element("css selector", f"#day-map-{slug}").text
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}", label)


# --- the command --------------------------------------------------------------------------------------------------


def test_report_command_writes_every_campaign(
    database_url: str, all_data: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    out = tmp_path / "out.html"
    assert main(["report", "--out", str(out), "--as-of", "2020-10-22"]) == 0
    printed = capsys.readouterr().out
    assert "aras-valley: control as of 2020-10-22" in printed
    page = out.read_text(encoding="utf-8")
    assert "Control as of 22 October 2020" in page
    assert page.count('<section class="campaign') == len(all_data.campaigns)


def test_report_refuses_an_unknown_campaign(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["report", "--out", str(tmp_path / "x.html"), "--campaign", "atlantis"]) == 2
    assert "no campaign 'atlantis'" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_report_rejects_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--as-of", "22/10/2020"])
    assert "expected YYYY-MM-DD" in capsys.readouterr().err
