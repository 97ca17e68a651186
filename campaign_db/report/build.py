"""Build the campaign report: a single HTML file that works offline.

The data (district progress, control as of a date, contested claims, losses)
is read from the reporting views and embedded as JSON; the page's own inline
script draws the chart as SVG and makes the tables sortable. No CDN, no
remote fonts: the file can be mailed or opened on a laptop with no network.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from importlib import resources
from typing import Any

import psycopg
from psycopg.rows import dict_row

CONTROL_COLUMNS = ["place_name", "place_kind", "district", "controller", "since", "basis", "status", "claimant"]
CONTESTED_COLUMNS = [
    "claim_date", "claimant", "claim_kind", "summary", "places", "contest_kind", "contested_by", "contested_on",
    "contest_quote",
]
LOSS_COLUMNS = [
    "as_of", "reported_by", "losing_party", "category", "equipment", "outcome", "quantity", "qualifier", "place_name",
]


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _rows(connection: psycopg.Connection, query: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    with connection.cursor(row_factory=dict_row) as cursor:
        return [{k: _jsonable(v) for k, v in row.items()} for row in cursor.execute(query, params)]


def collect_report_data(connection: psycopg.Connection, as_of: dt.date | None = None) -> dict[str, Any]:
    """Everything the page shows, read from the reporting views."""
    progress = _rows(
        connection,
        "select day, district, controller, places from reporting.district_progress order by district, day, controller",
    )
    if as_of is None:
        last = connection.execute("select max(day) from reporting.district_progress").fetchone()
        as_of = last[0] if last and last[0] else dt.date.today()
    control = _rows(
        connection,
        f"select {', '.join(CONTROL_COLUMNS)} from reporting.control_as_of(%s) order by district nulls last, place_name",
        (as_of,),
    )
    contested = _rows(
        connection,
        f"select {', '.join(CONTESTED_COLUMNS)} from reporting.contested_claims order by claim_date, claim_id",
    )
    losses = _rows(connection, f"select {', '.join(LOSS_COLUMNS)} from reporting.losses order by as_of, loss_id")
    return {
        "as_of": as_of.isoformat(),
        "progress": progress,
        "control": {"columns": CONTROL_COLUMNS, "rows": control},
        "contested": {"columns": CONTESTED_COLUMNS, "rows": contested},
        "losses": {"columns": LOSS_COLUMNS, "rows": losses},
    }


def _table(table_id: str, section: dict[str, Any]) -> str:
    head = "".join(f'<th data-column="{i}">{html.escape(c)}</th>' for i, c in enumerate(section["columns"]))
    body = []
    for row in section["rows"]:
        cells = "".join(
            f"<td>{html.escape('' if row[c] is None else str(row[c]))}</td>" for c in section["columns"]
        )
        body.append(f"<tr>{cells}</tr>")
    return (
        f'<table id="{table_id}" class="sortable"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def build_report(data: dict[str, Any], title: str = "Campaign report") -> str:
    """The HTML page for ``data`` (from :func:`collect_report_data`)."""
    template = resources.files(__package__).joinpath("template.html").read_text(encoding="utf-8")
    # "</" cannot appear inside the inline script
    payload = json.dumps({"progress": data["progress"]}, ensure_ascii=False).replace("</", "<\\/")
    return (
        template.replace("{{title}}", html.escape(title))
        .replace("{{as_of}}", html.escape(data["as_of"]))
        .replace("{{control_count}}", str(len(data["control"]["rows"])))
        .replace("{{contested_count}}", str(len(data["contested"]["rows"])))
        .replace("{{losses_count}}", str(len(data["losses"]["rows"])))
        .replace("{{control_table}}", _table("control", data["control"]))
        .replace("{{contested_table}}", _table("contested", data["contested"]))
        .replace("{{losses_table}}", _table("losses", data["losses"]))
        .replace("{{data}}", payload)
    )
