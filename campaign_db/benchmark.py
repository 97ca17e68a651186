"""Query plans and timings of the two heaviest reports: control as of one
day, and the contested claims.

The point is to see that they stay set-based as a campaign grows: every
claim is read a few times per query, never once per place. For the
function, the plan that matters is the one of the query it executes, which
a plain EXPLAIN shows only as one "Function Scan": it is captured with
auto_explain (nested statements) when the server lets this session load it,
else by explaining that query with the arguments filled in.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import psycopg

#: Relations whose scans must not repeat once per place.
CLAIM_TABLES = ("claims", "claim_places")


@dataclass(frozen=True)
class PlanNode:
    """One node of an executed plan, with its own time (children excluded)
    and the rows it read (returned plus removed by its filters, all loops)."""

    label: str
    loops: int
    rows: int
    total_ms: float
    own_ms: float
    rows_read: int


@dataclass
class Measurement:
    """What one query cost."""

    title: str
    sql: str
    rows: int = 0
    planning_ms: float = 0.0
    execution_ms: float = 0.0
    shared_hit: int = 0
    shared_read: int = 0
    temp_written: int = 0
    jit_ms: float = 0.0
    plan_source: str = ""
    nodes: list[PlanNode] = field(default_factory=list)
    plan_text: list[str] = field(default_factory=list)
    runs_ms: list[float] = field(default_factory=list)
    claim_rows: int = 0  # rows in claims + claim_places

    @property
    def claim_rows_read(self) -> int:
        """Rows the plan read from claims and claim_places, all scans and
        loops together: a query that re-read every claim once per place
        would read about (places × claim_rows)."""
        return sum(
            node.rows_read for node in self.nodes
            if any(node.label.split(" using ")[0].endswith(f" on {table}") for table in CLAIM_TABLES)
        )


def middle_day(connection: psycopg.Connection) -> dt.date:
    """The median day of the captures: mid-campaign, where control is most
    mixed."""
    row = connection.execute(
        "select percentile_disc(0.5) within group (order by occurred_latest_on) from core.claims where kind = 'capture'"
    ).fetchone()
    return row[0] if row and row[0] else dt.date.today()


def claim_rows(connection: psycopg.Connection) -> int:
    row = connection.execute(
        "select (select count(*) from core.claims) + (select count(*) from core.claim_places)"
    ).fetchone()
    return int(row[0]) if row else 0


def measure_control_as_of(connection: psycopg.Connection, as_of: dt.date, runs: int) -> Measurement:
    sql = "select * from reporting.control_as_of(%s)"
    measurement = Measurement(f"reporting.control_as_of('{as_of.isoformat()}')", sql, claim_rows=claim_rows(connection))
    _explain_function(connection, measurement, as_of)
    measurement.runs_ms = _time_runs(connection, sql, (as_of,), runs, measurement)
    return measurement


def measure_contested_claims(connection: psycopg.Connection, runs: int) -> Measurement:
    sql = "select * from reporting.contested_claims"
    measurement = Measurement("reporting.contested_claims", sql, claim_rows=claim_rows(connection))
    plan = _explain(connection, sql, ())
    _read_plan(measurement, plan, "EXPLAIN (ANALYZE, BUFFERS) of the view")
    measurement.runs_ms = _time_runs(connection, sql, (), runs, measurement)
    return measurement


def _explain(connection: psycopg.Connection, sql: str, parameters: Any) -> dict[str, Any]:
    row = connection.execute(f"explain (analyze, buffers, format json) {sql}", parameters).fetchone()
    assert row is not None
    document = row[0] if not isinstance(row[0], str) else json.loads(row[0])
    return dict(document[0])


def _explain_function(connection: psycopg.Connection, measurement: Measurement, as_of: dt.date) -> None:
    """The body's executed plan: from auto_explain if it can be loaded, else
    by explaining the body with the arguments written in."""
    captured: list[str] = []

    def keep(diagnostic: psycopg.errors.Diagnostic) -> None:
        if diagnostic.message_primary and "Query Text" in diagnostic.message_primary:
            captured.append(diagnostic.message_primary)

    try:
        with connection.transaction():
            connection.execute("load 'auto_explain'")
            for setting, value in (
                ("auto_explain.log_min_duration", "0"), ("auto_explain.log_analyze", "on"),
                ("auto_explain.log_buffers", "on"), ("auto_explain.log_nested_statements", "on"),
                ("auto_explain.log_format", "json"), ("client_min_messages", "log"),
            ):
                connection.execute(f"set local {setting} = {value}")
            connection.add_notice_handler(keep)
            try:
                connection.execute(measurement.sql, (as_of,)).fetchall()
            finally:
                connection.remove_notice_handler(keep)
    except psycopg.Error:
        captured.clear()
    nested = [message for message in captured if "reporting_int.control_candidates" in message]
    if nested:
        document = json.loads(nested[0][nested[0].index("{"):])
        _read_plan(measurement, document, "auto_explain: the query the function executes, as it ran")
        return
    row = connection.execute(
        "select prosrc from pg_catalog.pg_proc where oid = 'reporting.control_as_of(date, date)'::regprocedure"
    ).fetchone()
    assert row is not None
    query = str(row[0]).split("$query$")[1]  # the query the function executes; $1 = as_of, $2 = known_by
    query = query.replace("$1", "%(as_of)s::date").replace("$2", "null::date")
    with connection.transaction():
        connection.execute("set local jit = off")  # as the function itself sets
        document = _explain(connection, query, {"as_of": as_of})
    _read_plan(measurement, document, "EXPLAIN (ANALYZE, BUFFERS) of the query the function executes")


def _read_plan(measurement: Measurement, document: dict[str, Any], source: str) -> None:
    plan = document["Plan"]
    measurement.plan_source = source
    measurement.planning_ms = float(document.get("Planning Time", 0.0))
    measurement.execution_ms = float(document.get("Execution Time", plan.get("Actual Total Time", 0.0)))
    measurement.shared_hit = int(plan.get("Shared Hit Blocks", 0))
    measurement.shared_read = int(plan.get("Shared Read Blocks", 0))
    measurement.temp_written = int(plan.get("Temp Written Blocks", 0))
    measurement.jit_ms = float(document.get("JIT", {}).get("Timing", {}).get("Total", 0.0))
    measurement.nodes = list(_nodes(plan))
    measurement.plan_text = list(_plan_lines(plan))


def _label(node: dict[str, Any]) -> str:
    label = str(node["Node Type"])
    if "Relation Name" in node:
        label += f" on {node['Relation Name']}"
    elif "CTE Name" in node:
        label += f" on CTE {node['CTE Name']}"
    if "Index Name" in node:
        label += f" using {node['Index Name']}"
    return label


def _node_total(node: dict[str, Any]) -> float:
    return float(node.get("Actual Total Time", 0.0)) * int(node.get("Actual Loops", 1) or 1)


def _nodes(node: dict[str, Any]) -> Iterator[PlanNode]:
    children = node.get("Plans", [])
    total = _node_total(node)
    own = max(0.0, total - sum(_node_total(child) for child in children if child.get("Parent Relationship") != "InitPlan"))
    loops = int(node.get("Actual Loops", 1) or 1)
    removed = sum(int(node.get(key, 0)) for key in ("Rows Removed by Filter", "Rows Removed by Index Recheck"))
    rows = int(node.get("Actual Rows", 0))
    yield PlanNode(_label(node), loops, rows, total, own, (rows + removed) * loops)
    for child in children:
        yield from _nodes(child)


def _plan_lines(node: dict[str, Any], depth: int = 0) -> Iterator[str]:
    loops = int(node.get("Actual Loops", 1) or 1)
    yield (
        f"{'  ' * depth}-> {_label(node)}  rows={node.get('Actual Rows', 0)} loops={loops} "
        f"time={float(node.get('Actual Total Time', 0.0)):.1f}ms"
    )
    for child in node.get("Plans", []):
        yield from _plan_lines(child, depth + 1)


def _time_runs(
    connection: psycopg.Connection, sql: str, parameters: tuple[Any, ...], runs: int, measurement: Measurement
) -> list[float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        rows = connection.execute(sql, parameters).fetchall()
        timings.append((time.perf_counter() - started) * 1000)
        measurement.rows = len(rows)
    return timings


def report(measurement: Measurement, write: Callable[[str], None], show_plan: bool = False, top: int = 8) -> None:
    """Print a measurement: totals, the costliest plan nodes, the timings."""
    write(f"== {measurement.title}: {measurement.rows} rows")
    write(f"   plan: {measurement.plan_source}")
    write(
        f"   planning {measurement.planning_ms:.1f} ms, execution {measurement.execution_ms:.1f} ms, "
        f"buffers: shared hit {measurement.shared_hit}, read {measurement.shared_read}, "
        f"temp written {measurement.temp_written}"
    )
    if measurement.jit_ms:
        write(
            f"   of which JIT compilation {measurement.jit_ms:.1f} ms (counted in the first node it compiles for; "
            "`--no-jit` to measure without)"
        )
    if measurement.claim_rows:
        write(
            f"   rows read from {' and '.join(CLAIM_TABLES)}: {measurement.claim_rows_read} "
            f"= {measurement.claim_rows_read / measurement.claim_rows:.1f} × their {measurement.claim_rows} rows"
        )
    write("   costliest nodes (own time):")
    for node in sorted(measurement.nodes, key=lambda node: node.own_ms, reverse=True)[:top]:
        write(f"     {node.own_ms:9.1f} ms  {node.label}  rows={node.rows} loops={node.loops}")
    if measurement.runs_ms:
        write(
            f"   {len(measurement.runs_ms)} runs, all rows fetched: min {min(measurement.runs_ms):.0f} ms, "
            f"median {statistics.median(measurement.runs_ms):.0f} ms, max {max(measurement.runs_ms):.0f} ms"
        )
    if show_plan:
        for line in measurement.plan_text:
            write(f"   {line}")
