"""Render the report: one HTML file, everything inlined, nothing loaded at view time.

Jinja2 with ``autoescape=True`` renders every text that comes from the
database; the only markup not escaped is the report's own (the CSS, the
script and the Vega runtime from ``vl-convert``). Data for the map and charts
travels as one JSON document in a ``<script type="application/json">``
element, written with Jinja's ``tojson`` filter (which escapes ``<``, ``>``,
``&`` and ``'``), and the page's script puts database text into the document
with ``textContent`` only. A ``<script>`` in a claim summary therefore stays
text, in the tables and in the tooltips alike.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import jinja2
import platformdirs
import vl_convert
from markupsafe import Markup

from . import charts, labels
from .data import Campaign, ReportData
from .geography import attribution

ASSETS = ("assets",)


@dataclass(frozen=True)
class Cell:
    """One table cell: its text, and optionally a colour swatch or a CSS class (never markup)."""

    text: str
    css: str = ""
    colour: str | None = None


@dataclass
class Table:
    table_id: str
    caption: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    empty: str = "None."


@dataclass
class Chart:
    chart_id: str
    area: str
    total: int


@dataclass
class Section:
    campaign: Campaign
    area_label: str
    legend: list[tuple[str, str]]
    statuses: list[tuple[str, str, str]]
    map_id: str | None
    start_day: int
    charts: list[Chart]
    tables: list[Table]
    as_of_note: str | None
    coordinate_sources: list[str]


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(*ASSETS, name).read_text(encoding="utf-8")


@cache
def vega_runtime() -> str:
    """The Vega runtime (no Vega-Lite compiler: the specs arrive compiled), as one inline script.

    Bundling takes vl-convert about two seconds, so the result is kept in the per-user cache directory,
    keyed by the vl-convert and Vega versions; a cache that cannot be written is simply not used."""
    vega_version = str(vl_convert.get_vega_version())
    name = f"vega-{vega_version}-vl-convert-{_vl_convert_version()}.js"
    cached = Path(platformdirs.user_cache_dir("campaign-db")) / name
    try:
        script = cached.read_text(encoding="utf-8")
        if "window.vega=" in script[-200:] and "</script" not in script.lower():
            return script
    except OSError:
        pass
    # vl-convert resolves this address from the copy of Vega it vendors: nothing is downloaded
    source = f"https://cdn.jsdelivr.net/npm/vega@{vega_version}/+esm"
    snippet = f'import * as vegaRuntime from "{source}";\nwindow.vega = vegaRuntime;\n'
    script = str(vl_convert.javascript_bundle(snippet))
    # an inline script ends at the first "</script", whatever the JavaScript around it means
    script = script.replace("</script", "<\\/script").replace("<!--", "<\\!--")
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(script, encoding="utf-8")
        partial.replace(cached)
    except OSError:
        pass
    return script


def _vl_convert_version() -> str:
    try:
        return metadata.version("vl-convert-python")
    except metadata.PackageNotFoundError:
        return "unknown"


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["day"] = labels.day
    environment.filters["long_day"] = labels.long_day
    return environment


def _side_colour(campaign: Campaign, side: str | None) -> str:
    domain, colours = charts.side_domain(campaign)
    return colours[domain.index(side)] if side in domain else labels.NO_CONTROLLER_COLOUR


def _control_table(campaign: Campaign, area_label: str) -> Table:
    mapped = {place.place_id for place in campaign.mapped_places}
    table = Table(
        f"control-{campaign.slug}",
        f"Control as of {labels.long_day(campaign.as_of)}",
        ["Place", "Kind", area_label, "Held by", "Since", "Status", "Basis", "Claimed by", "Counter-claim", "On map"],
    )
    for row in campaign.control:
        side = row["controller_side"]
        table.rows.append([
            Cell(row["place_name"], "strong"),
            Cell(labels.words(row["place_kind"])),
            Cell(row["district"] or ""),
            Cell(labels.held_by(row["controller"], side), colour=_side_colour(campaign, side or labels.NO_CONTROLLER)),
            Cell(labels.day(row["since"]), "date"),
            Cell(labels.status(row["status"]), f"status status-{row['status']}"),
            Cell(labels.basis(row["basis"], row["basis_place_name"], row["place_name"])),
            Cell(labels.with_party(row["claimant"], row["claimant_party"])),
            Cell(labels.counter_claim(row)),
            Cell("yes" if row["place_id"] in mapped else ("not mapped" if row["is_settlement"] else "—"),
                 "" if row["place_id"] in mapped else "muted"),
        ])
    return table


def _contested_table(campaign: Campaign) -> Table:
    table = Table(
        f"contested-{campaign.slug}", "Contested claims",
        ["Claimed on", "Claimant", "Claim", "Summary", "Places", "Contest", "Contested by", "On", "Their words"],
    )
    for row in campaign.contested:
        table.rows.append([
            Cell(labels.day(row["claim_date"]), "date"),
            Cell(labels.with_party(row["claimant"], row["claimant_party"]), "strong"),
            Cell(labels.words(row["claim_kind"])),
            Cell(row["summary"] or "", "text"),
            Cell(row["places"] or ""),
            Cell(labels.contest(row["contest_kind"]), "status"),
            Cell(labels.with_party(row["contested_by"], row["contested_by_party"])),
            Cell(labels.day(row["contested_on"]), "date"),
            Cell(row["counter_statement"] or row["contest_quote"] or "", "quote"),
        ])
    return table


def _losses_table(campaign: Campaign) -> Table:
    table = Table(
        f"losses-{campaign.slug}", "Reported losses",
        ["As of", "Reported by", "Losing side", "What", "Outcome", "Figure", "Where"],
    )
    for row in campaign.losses:
        table.rows.append([
            Cell(labels.day(row["as_of"]), "date"),
            Cell(labels.with_party(row["reported_by"], row["reported_by_party"])),
            Cell(row["losing_party"] or "", "strong"),
            Cell(labels.lost(row)),
            Cell(labels.words(row["outcome"])),
            Cell(labels.figure(row), "number"),
            Cell(row["place_name"] or ""),
        ])
    return table


def _unmapped_table(campaign: Campaign, area_label: str) -> Table:
    table = Table(
        f"unmapped-{campaign.slug}", "Settlements not mapped (no cited coordinates yet)",
        ["Settlement", "Kind", area_label], empty="None: every settlement of the campaign is on the map.",
    )
    for place in campaign.unmapped_settlements:
        table.rows.append([Cell(place.name, "strong"), Cell(labels.words(place.kind)), Cell(place.district or "")])
    return table


def _start_day(campaign: Campaign) -> int:
    clamped = min(max(campaign.as_of, campaign.first_day), campaign.last_day)
    return (clamped - campaign.first_day).days


def _as_of_note(campaign: Campaign) -> str | None:
    period = f"{labels.day(campaign.first_day)} – {labels.day(campaign.last_day)}"
    if campaign.as_of > campaign.last_day:
        return (f"{labels.long_day(campaign.as_of)} is after this campaign's period ({period}): the tables show the "
                f"final state as the claims have it; the map and charts start on its last day.")
    if campaign.as_of < campaign.first_day:
        return (f"{labels.long_day(campaign.as_of)} is before this campaign's period ({period}): the map and charts "
                f"start on its first day.")
    return None


def _section(campaign: Campaign, payload: dict[str, Any]) -> Section:
    area_label = labels.area(campaign.area_kind)
    start_day = _start_day(campaign)
    map_id: str | None = None
    spec = charts.map_spec(campaign, start_day)
    if spec is not None:
        map_id = f"map-{campaign.slug}"
        payload["specs"][map_id] = charts.compile_spec(spec)
        payload["maps"][map_id] = charts.map_payload(campaign)
    chart_list: list[Chart] = []
    for index, (area, rows) in enumerate(charts.progress_rows(campaign).items()):
        total = max((int(r["settlements"] or 0) for r in campaign.progress if r["district"] == area), default=0)
        chart_id = f"chart-{campaign.slug}-{index}"
        payload["specs"][chart_id] = charts.compile_spec(charts.progress_spec(campaign, rows, total))
        chart_list.append(Chart(chart_id, area, total))
    domain, colours = charts.side_domain(campaign)
    statuses = [(s, labels.STATUS_LABELS[s], labels.STATUS_SHAPES[s]) for s in charts.STATUS_ORDER if s != "none"]
    sources = sorted({p.coordinates_source for p in campaign.mapped_places if p.coordinates_source})
    return Section(
        campaign=campaign,
        area_label=area_label,
        legend=list(zip(domain, colours, strict=True)),
        statuses=statuses,
        map_id=map_id,
        start_day=start_day,
        charts=chart_list,
        tables=[
            _control_table(campaign, area_label),
            _contested_table(campaign),
            _losses_table(campaign),
            _unmapped_table(campaign, area_label),
        ],
        as_of_note=_as_of_note(campaign),
        coordinate_sources=sources,
    )


def build_report(data: ReportData, title: str | None = None) -> str:
    """The HTML page for ``data`` (from :func:`collect_report_data`)."""
    payload: dict[str, Any] = {"specs": {}, "maps": {}}
    sections = [_section(campaign, payload) for campaign in data.campaigns]
    if title is None:
        title = data.campaigns[0].title if len(data.campaigns) == 1 else "Campaign report"
    template = _environment().get_template("report.html.j2")
    return template.render(
        title=title,
        sections=sections,
        data=data,
        payload=payload,
        generated=data.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        map_attribution=attribution(),
        vega_version=str(vl_convert.get_vega_version()),
        vegalite_version=charts.vegalite_version(),
        # the report's own stylesheet and script, and the Vega runtime from vl-convert: not data
        css=Markup(_asset("report.css")),  # noqa: S704
        script=Markup(_asset("report.js")),  # noqa: S704
        vega=Markup(vega_runtime()),  # noqa: S704
    )
