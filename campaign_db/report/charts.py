"""The report's map and charts, as Vega-Lite specifications compiled to Vega.

Why Vega-Lite rather than hand-drawn SVG: a map needs a projection, axes need
ticks and date formatting, marks need tooltips and a day slider needs the
drawing to react to a value — Vega-Lite states each of these in a few lines
of JSON (a grammar of graphics), where hand-written SVG and JavaScript would
re-implement them less well. The specs are compiled to Vega here, in Python,
with ``vl-convert`` (no network), so the page needs only the Vega runtime
(about 0.58 MB, inlined once per file) and not the Vega-Lite compiler: a
smaller file, and a spec error fails the build rather than the reader's
browser.

Data kept out of the specs: the map's day-by-day control (one row per place
and day) is sent run-length encoded and expanded by the page's script into
the named dataset ``map_days``; everything else is inlined in its spec.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import cache
from typing import Any

import vl_convert

from . import labels
from .data import Campaign
from .geography import Box, countries_near, extent, rivers_near

Spec = dict[str, Any]

STATUS_ORDER = ["corroborated", "claimed", "contested", "disputed", "denied", "contradicted", "none"]
MAP_MARK_NAME = "places"  # the Vega mark the page's tests look for (class "places_marks")


@cache
def vegalite_version() -> str:
    """The newest Vega-Lite that the installed vl-convert bundles."""
    return str(vl_convert.get_vegalite_versions()[-1])


def compile_spec(spec: Spec) -> Spec:
    """Vega-Lite → Vega, offline; the ``$schema`` address is dropped (the page loads nothing)."""
    vega: Spec = vl_convert.vegalite_to_vega(spec, vl_version=vegalite_version())
    vega.pop("$schema", None)
    return vega


def side_domain(campaign: Campaign) -> tuple[list[str], list[str]]:
    """(names, colours): the campaign's sides in its order, then no controller, then no claim yet."""
    colours = [labels.SIDE_PALETTE[i % len(labels.SIDE_PALETTE)] for i in range(len(campaign.sides))]
    return (
        [*campaign.sides, labels.NO_CONTROLLER, labels.NOT_YET_CLAIMED],
        [*colours, labels.NO_CONTROLLER_COLOUR, labels.NOT_YET_CLAIMED_COLOUR],
    )


def _iso(value: dt.date) -> str:
    return value.isoformat()


# --- the map ---------------------------------------------------------------------------------------------------


def map_box(campaign: Campaign) -> Box | None:
    points = [(p.longitude, p.latitude) for p in campaign.mapped_places if p.longitude is not None
              and p.latitude is not None]
    return extent(points) if points else None


def map_payload(campaign: Campaign) -> dict[str, Any]:
    """The day-by-day state of every mapped place, run-length encoded for the page's script:
    ``places`` (static facts), ``states`` (distinct states), ``runs`` (per place: [first day index, state index],
    state -1 = no claim yet)."""
    days = campaign.days
    index_of_day = {day: i for i, day in enumerate(days)}
    mapped = {place.place_id: place for place in campaign.mapped_places}
    by_place: dict[int, dict[int, dict[str, Any]]] = defaultdict(dict)
    for row in campaign.daily:
        if row["place_id"] in mapped and row["day"] in index_of_day:
            by_place[row["place_id"]][index_of_day[row["day"]]] = row
    states: list[dict[str, str]] = []
    state_index: dict[tuple[str, ...], int] = {}
    places: list[dict[str, Any]] = []
    runs: list[list[list[int]]] = []
    for place in campaign.mapped_places:
        place_runs: list[list[int]] = []
        previous: int | None = None
        for day_index in range(len(days)):
            on_day = by_place[place.place_id].get(day_index)
            current = -1
            if on_day is not None:
                state = {
                    "side": on_day["controller_side"] or labels.NO_CONTROLLER,
                    "status": on_day["status"] or "none",
                    "held": labels.held_by(on_day["controller"], on_day["controller_side"]),
                    "since": labels.day(on_day["since"]),
                    "statusLabel": labels.status(on_day["status"]),
                    "basis": labels.basis(on_day["basis"], on_day["basis_place_name"], place.name),
                    "claimant": on_day["claimant"] or "",
                    "counter": labels.counter_claim(on_day),
                }
                key = tuple(state.values())
                if key not in state_index:
                    state_index[key] = len(states)
                    states.append(state)
                current = state_index[key]
            if current != previous:
                place_runs.append([day_index, current])
                previous = current
        places.append({
            "name": place.name,
            "kind": labels.words(place.kind),
            "district": place.district or "",
            "longitude": place.longitude,
            "latitude": place.latitude,
            "coordinates": labels.precision(place.precision),
        })
        runs.append(place_runs)
    sides, colours = side_domain(campaign)
    return {
        "days": [labels.day(day) for day in days],
        "sides": sides,
        "colours": colours,
        "areaLabel": labels.area(campaign.area_kind),
        "places": places,
        "states": states,
        "runs": runs,
        "noClaim": {"side": labels.NOT_YET_CLAIMED, "status": "none", "statusLabel": labels.NOT_YET_CLAIMED},
    }


def map_spec(campaign: Campaign, start_day: int) -> Spec | None:
    """The map of every mapped place, coloured by side and shaped by status on the day the ``day``
    signal names (the page's slider sets it); None when no place has coordinates."""
    box = map_box(campaign)
    if box is None:
        return None
    points = [(p.longitude, p.latitude) for p in campaign.mapped_places if p.longitude is not None
              and p.latitude is not None]
    countries, country_labels = countries_near(box, points)
    rivers = rivers_near(box)
    domain, colours = side_domain(campaign)
    layers: list[Spec] = [
        {
            "data": {"values": {"type": "FeatureCollection", "features": countries},
                     "format": {"property": "features"}},
            "mark": {"type": "geoshape", "fill": "#f4f2ec", "stroke": "#8d8d8d", "strokeWidth": 0.9, "clip": True,
                     "tooltip": None},
        },
    ]
    if rivers:
        layers.append({
            "data": {"values": {"type": "FeatureCollection", "features": rivers}, "format": {"property": "features"}},
            "mark": {"type": "geoshape", "filled": False, "stroke": "#7fb1dc", "strokeWidth": 1.3, "clip": True,
                     "tooltip": None},
        })
    if country_labels:
        layers.append({
            "data": {"values": country_labels},
            "mark": {"type": "text", "color": "#8b8b8b", "fontSize": 13, "fontStyle": "italic", "clip": True,
                     "tooltip": None},
            "encoding": {
                "longitude": {"field": "longitude", "type": "quantitative"},
                "latitude": {"field": "latitude", "type": "quantitative"},
                "text": {"field": "name", "type": "nominal"},
            },
        })
    layers.append({
        "name": MAP_MARK_NAME,
        "data": {"name": "map_days"},
        "transform": [{"filter": "datum.d === day"}],
        "mark": {"type": "point", "filled": True, "size": {"expr": "width < 520 ? 60 : 95"}, "stroke": "#202020",
                 "strokeWidth": 0.7,
                 "opacity": 0.95, "clip": True, "cursor": "pointer"},
        "encoding": {
            "longitude": {"field": "longitude", "type": "quantitative"},
            "latitude": {"field": "latitude", "type": "quantitative"},
            "color": {"field": "side", "type": "nominal", "scale": {"domain": domain, "range": colours},
                      "legend": None},
            "shape": {"field": "status", "type": "nominal",
                      "scale": {"domain": STATUS_ORDER, "range": [labels.STATUS_SHAPES[s] for s in STATUS_ORDER]},
                      "legend": None},
            "tooltip": {"field": "tip", "type": "nominal"},
            "description": {"field": "label", "type": "nominal"},
        },
    })
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": "container",
        "height": "container",
        "autosize": {"type": "fit", "contains": "padding"},
        "padding": 0,
        "params": [{"name": "day", "value": start_day}],
        "projection": {"type": "mercator", "fit": box.feature()},
        "layer": layers,
        "config": {"view": {"stroke": None, "fill": "#dde9f3"}, "background": None},
    }


# --- district progress -------------------------------------------------------------------------------------------


def progress_rows(campaign: Campaign) -> dict[str, list[dict[str, Any]]]:
    """Per report area: one row per day and side (and "no claim yet" for the area's settlements no claim covers)."""
    domain, _ = side_domain(campaign)
    order = {side: i for i, side in enumerate(domain)}
    by_area_day: dict[str, dict[dt.date, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    totals: dict[str, int] = {}
    for row in campaign.progress:
        by_area_day[row["district"]][row["day"]].append(row)
        totals[row["district"]] = max(totals.get(row["district"], 0), int(row["settlements"] or 0))
    result: dict[str, list[dict[str, Any]]] = {}
    for area in sorted(by_area_day, key=lambda name: (-totals[name], name)):
        rows: list[dict[str, Any]] = []
        total = totals[area]
        for day in campaign.days:
            counted = 0
            for row in by_area_day[area].get(day, []):
                side = row["controller_side"] or labels.NO_CONTROLLER
                places = int(row["places"])
                counted += places
                rows.append({"day": _iso(day), "side": side, "places": places, "order": order.get(side, 99),
                             "share": f"{places} of {total}"})
            if total - counted > 0:
                rows.append({"day": _iso(day), "side": labels.NOT_YET_CLAIMED, "places": total - counted,
                             "order": order[labels.NOT_YET_CLAIMED], "share": f"{total - counted} of {total}"})
        result[area] = rows
    return result


def _count_ticks(total: int) -> list[int]:
    """Whole-number ticks from 0 to ``total``, about five, in steps of 1, 2 or 5 times a power of ten."""
    steps = (m * 10**e for e in range(7) for m in (1, 2, 5))
    step = next(step for step in steps if total / step <= 6)
    return list(range(0, max(total, 1) + 1, step))


def progress_spec(campaign: Campaign, rows: list[dict[str, Any]], total: int) -> Spec:
    """Stacked daily bars of one area's settlements by side, with a dashed rule at the report's as-of day."""
    domain, colours = side_domain(campaign)
    layers: list[Spec] = [
        {
            "data": {"values": rows},
            "mark": {"type": "bar", "width": {"band": 0.92}},
            "encoding": {
                "x": {"field": "day", "type": "temporal", "timeUnit": "utcyearmonthdate", "title": None,
                      "axis": {"format": "%-d %b", "labelOverlap": "greedy", "labelSeparation": 6, "grid": False,
                               "tickCount": {"interval": "week", "step": 1}}},
                "y": {"field": "places", "type": "quantitative", "stack": "zero", "title": "Settlements",
                      "scale": {"domain": [0, max(total, 1)], "nice": False},
                      "axis": {"values": _count_ticks(total), "format": "d"}},
                "color": {"field": "side", "type": "nominal", "scale": {"domain": domain, "range": colours},
                          "legend": None},
                "order": {"field": "order", "type": "quantitative"},
                "tooltip": [
                    {"field": "day", "type": "temporal", "timeUnit": "utcyearmonthdate", "title": "Day",
                     "format": "%-d %b %Y"},
                    {"field": "side", "type": "nominal", "title": "Held by"},
                    {"field": "share", "type": "nominal", "title": "Settlements"},
                ],
            },
        },
    ]
    if campaign.first_day <= campaign.as_of <= campaign.last_day:
        marker = [{"day": _iso(campaign.as_of), "label": f"as of {labels.day(campaign.as_of)}"}]
        x = {"field": "day", "type": "temporal", "timeUnit": "utcyearmonthdate", "bandPosition": 0.5}
        rule = {"field": "label", "type": "nominal"}
        position = (campaign.as_of - campaign.first_day).days / max(1, (campaign.last_day - campaign.first_day).days)
        align = "left" if position < 0.25 else "right" if position > 0.75 else "center"  # keep it over the plot
        layers += [
            {"data": {"values": marker}, "mark": {"type": "rule", "color": "#ffffff", "strokeWidth": 3.5},
             "encoding": {"x": x, "tooltip": rule}},
            {"data": {"values": marker}, "mark": {"type": "rule", "color": "#111111", "strokeDash": [4, 3],
                                                  "strokeWidth": 1.5},
             "encoding": {"x": x, "tooltip": rule}},
            {"data": {"values": marker},
             "mark": {"type": "text", "baseline": "bottom", "dy": -3, "fontSize": 11, "color": "#111111",
                      "align": align, "dx": {"left": -6, "right": 6}.get(align, 0)},
             "encoding": {"x": x, "y": {"value": 0}, "text": {"field": "label", "type": "nominal"}}},
        ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": "container",
        "height": 170,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "layer": layers,
        "config": {"view": {"stroke": None}, "axis": {"labelFontSize": 11, "titleFontSize": 11,
                                                       "titleFontWeight": "normal", "labelColor": "#333"}},
    }
