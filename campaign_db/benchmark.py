"""The war-scale benchmark: every figure a database of a whole war must meet,
each measured against its floor or its peers in the same run.

``run`` creates a database of its own on the server, migrates it, loads the
shipped campaigns, writes a synthetic campaign of the size asked
(``campaign_db.synthetic``) and imports it through ``campaign-db import``'s
path, then measures. Ratios are taken in one run because the machine is
shared: a figure and its baseline are timed alternately, medians of
``runs``. Every query's rows are all fetched (the daily views' and the
whole contested view's in chunks, as a BI tool or an export reads them: at
war size they do not fit in memory).

The baselines:

- *floor* of a control map: the periods covering the day read straight
  from their index (``derived.control_periods``, no column computed or
  joined): the least any answer kept per place can cost;
- *pandas* and *duckdb*: the same question answered in memory by a peer
  from the claim–place rows (the latest control claim of each place whose
  event is over by the day: a simpler rule than ours, so a lower bound of
  what they would need), data loaded beforehand and not timed;
- *plain scan*: a table holding the view's rows, read whole;
- *raw COPY*: the claims file copied into an unindexed table of text
  columns, no check, no key, no derivation.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import text
from sqlalchemy.engine import URL

from . import config, database, migrate
from .importing import import_files
from .seeding import default_seed_folders, load_campaigns, read_campaign
from .synthetic import write_synthetic

SYNTHETIC_SLUG = "synthetic-war"
#: the shipped campaign whose contests are asked for "one campaign" in a database that also holds the war
SMALL_CAMPAIGN = "aras-valley"
#: one-claim SQL edits of the war made in one session (at least): enough to pass
#: the five runs after which a session may keep a generic plan
SQL_EDITS = 8


@dataclass
class Figure:
    """One measured figure: the query's median seconds, its baseline's, and
    whether the goal (a ratio, or seconds when there is no baseline) is met."""

    measure: str
    seconds: float
    baseline: str | None
    baseline_seconds: float | None
    ratio: float | None
    goal: str
    met: bool | None
    rows: int | None = None
    temp_mb: float | None = None
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


Say = Callable[[str], None]


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def _fetch_all(connection: psycopg.Connection[Any], sql: str, parameters: Any = None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return len(cursor.fetchall())


def _fetch_streamed(connection: psycopg.Connection[Any], sql: str, parameters: Any = None) -> int:
    """Every row fetched in chunks of 10 000, each dropped when counted: a
    year of a war's days (tens of millions of rows) never held in memory at
    once, as a BI tool or an export reads it."""
    rows = 0
    with connection.cursor() as cursor:
        for _ in cursor.stream(sql, parameters, size=10_000):
            rows += 1
    return rows


def _temp_bytes(connection: psycopg.Connection[Any]) -> int:
    """Bytes of temporary files this database has written (server statistics)."""
    if connection.info.server_version >= 150000:
        connection.execute("select pg_stat_force_next_flush()")
    connection.execute("select pg_stat_clear_snapshot()")
    row = connection.execute("select temp_bytes from pg_stat_database where datname = current_database()").fetchone()
    return int(row[0]) if row else 0


def _alternate(runs: int, *timed: Callable[[], Any]) -> list[list[float]]:
    """Time each callable ``runs`` times, alternating, after one warm-up run each."""
    for function in timed:
        function()
    samples: list[list[float]] = [[] for _ in timed]
    for _ in range(runs):
        for index, function in enumerate(timed):
            started = time.perf_counter()
            function()
            samples[index].append(time.perf_counter() - started)
    return samples


def _ratio_figure(
    measure: str,
    seconds: float,
    baseline: str,
    baseline_seconds: float,
    goal_ratio: float,
    goal: str,
    rows: int | None = None,
    temp_mb: float | None = None,
    note: str = "",
    strictly_below: bool = False,
) -> Figure:
    ratio = seconds / baseline_seconds if baseline_seconds > 0 else float("inf")
    met = ratio < goal_ratio if strictly_below else ratio <= goal_ratio
    return Figure(measure, seconds, baseline, baseline_seconds, ratio, goal, met, rows, temp_mb, note)


# --- building the data ------------------------------------------------------------------------------


@contextlib.contextmanager
def scratch_database(server: URL, keep: bool, say: Say) -> Iterator[URL]:
    """A database of its own on ``server``, dropped afterwards unless ``keep``."""
    url = server.set(database=f"campaign_db_benchmark_{uuid.uuid4().hex[:8]}")
    with database.connect(server, autocommit=True) as connection:
        connection.execute(f'create database "{url.database}"')
    try:
        yield url
    finally:
        if keep:
            say(f"kept: {config.to_libpq(url)}")
        else:
            with database.connect(server, autocommit=True) as connection:
                connection.execute(f'drop database if exists "{url.database}" with (force)')


def _engine(url: URL) -> Any:
    return database.make_engine(url)


def build(url: URL, folder: Path, places: int, links: int, seed: int, say: Say) -> list[Figure]:
    """Migrate, load the shipped campaigns, write and import the synthetic
    war; the import figures."""
    engine = _engine(url)
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection)
        with engine.begin() as connection:
            load_campaigns(connection, default_seed_folders())
        started = time.perf_counter()
        files = write_synthetic(folder, places=places, links=links, seed=seed, file_format="csv")
        say(
            f"synthetic war: {files.places} places, {files.claims} claims, {files.links} claim-place links, "
            f"{files.responses} denials and corroborations, written in {time.perf_counter() - started:.1f} s "
            f"({files.claims_file.stat().st_size / 1e6:.0f} MB of CSV)"
        )
        copy_seconds = _raw_copy(url, files.claims_file)
        say(f"raw COPY of {files.claims_file.name} into an unindexed text table: {copy_seconds:.1f} s")
        started = time.perf_counter()
        campaign = read_campaign(folder)
        with engine.connect() as connection:
            report = import_files(
                connection,
                campaign,
                claims=[files.claims_file],
                places=[files.places_file],
                responses=[files.responses_file],
                on_phase=lambda name, seconds: say(f"  import: {name}: {seconds:.1f} s"),
            )
        import_seconds = time.perf_counter() - started
        rows = report.load.tables["claim_places"].in_files
        say(f"import: {rows} claim-place rows in {import_seconds:.1f} s ({rows / import_seconds:,.0f} rows/s)")
        with database.connect(url, autocommit=True) as connection:
            started = time.perf_counter()
            connection.execute("vacuum (analyze)")
            say(f"vacuum (analyze) after the import: {time.perf_counter() - started:.1f} s (not in the import's time)")
    finally:
        engine.dispose()
    rate = rows / import_seconds
    copy_rate = rows / copy_seconds
    figures = [
        Figure(
            "import: claim-place rows/s end to end",
            import_seconds,
            None,
            None,
            None,
            ">= 100000 rows/s",
            rate >= 100_000,
            rows,
            note=f"{rate:,.0f} rows/s",
        ),
        Figure(
            "import vs raw COPY of the same file (rate ratio)",
            import_seconds,
            "raw COPY into an unindexed table",
            copy_seconds,
            copy_seconds / import_seconds,
            ">= 0.3 (import rate / COPY rate)",
            copy_seconds / import_seconds >= 0.3,
            rows,
            note=f"COPY {copy_rate:,.0f} rows/s",
        ),
    ]
    return figures


def _raw_copy(url: URL, path: Path) -> float:
    with database.connect(url) as connection:
        header = path.open(encoding="utf-8").readline().strip().split(",")
        columns = ", ".join(f"{name.strip(chr(34))} text" for name in header)
        connection.execute(f"create unlogged table raw_copy ({columns})")
        connection.commit()
        started = time.perf_counter()
        with (
            connection.cursor() as cursor,
            cursor.copy("copy raw_copy from stdin (format csv, header)") as copy,
            path.open("rb") as file,
        ):
            while chunk := file.read(8 << 20):
                copy.write(chunk)
        connection.commit()
        seconds = time.perf_counter() - started
        connection.execute("drop table raw_copy")
        connection.commit()
    return seconds


# --- the queries ----------------------------------------------------------------------------------


def _middle_day(connection: psycopg.Connection[Any], campaign: str) -> dt.date:
    row = connection.execute(
        "select period_start_on + (period_end_on - period_start_on) / 2 from core.campaigns where slug = %s",
        (campaign,),
    ).fetchone()
    assert row is not None
    return row[0]  # type: ignore[no-any-return]


CONTROL_MAP = "select * from reporting.control_as_of(%s, %s, %s)"
FLOOR = (
    "select place_id, controller_code from derived.control_periods "
    "where campaign = %s and valid_from <= %s and (valid_to is null or %s < valid_to)"
)
PEER_ROWS = """
    select claim_places.place_id, claims.occurred_latest_on as occurred_to, claims.actor_party_id
    from core.claims as claims
    inner join core.campaigns as campaigns on campaigns.campaign_id = claims.campaign_id
    inner join core.claim_places as claim_places on claim_places.claim_id = claims.claim_id
    where campaigns.slug = %s and claims.kind in ('capture', 'control', 'withdrawal', 'presence', 'partial')
        and claim_places.role = 'subject' and claims.occurred_latest_on is not null
"""
DUCKDB_MAP = """
    select place_id, arg_max(actor_party_id, occurred_to) as controller
    from claim_rows where occurred_to <= ? group by place_id
"""


def control_figures(connection: psycopg.Connection[Any], runs: int, say: Say) -> list[Figure]:
    day = _middle_day(connection, SYNTHETIC_SLUG)
    known_by = day + dt.timedelta(days=7)
    say(f"control map of {SYNTHETIC_SLUG} on {day} (cut-off: as known on {known_by})")
    rows = _fetch_all(connection, CONTROL_MAP, (day, None, SYNTHETIC_SLUG))
    before = _temp_bytes(connection)
    ours, floor, cut = _alternate(
        runs,
        lambda: _fetch_all(connection, CONTROL_MAP, (day, None, SYNTHETIC_SLUG)),
        lambda: _fetch_all(connection, FLOOR, (SYNTHETIC_SLUG, day, day)),
        lambda: _fetch_all(connection, CONTROL_MAP, (day, known_by, SYNTHETIC_SLUG)),
    )
    temp_mb = (_temp_bytes(connection) - before) / 1e6 / (3 * (runs + 1))
    cut_rows = _fetch_all(connection, CONTROL_MAP, (day, known_by, SYNTHETIC_SLUG))
    figures = [
        _ratio_figure(
            "control_as_of(D): full control map",
            _median(ours),
            "floor: periods covering D from their index",
            _median(floor),
            3,
            "<= 3x the floor",
            rows,
            temp_mb,
        ),
        _ratio_figure(
            "control_as_of(D, known_by): with a knowledge cut-off",
            _median(cut),
            "floor: periods covering D from their index",
            _median(floor),
            5,
            "<= 5x the floor",
            cut_rows,
        ),
    ]
    figures += _peer_figures(connection, runs, day, _median(ours), rows, say)
    return figures


def _optional(module: str, say: Say) -> Any:
    """A peer's module, or None (said) when it is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError:
        say(f"{module} is not installed (pip install 'campaign-db[bench]'): no {module} figure")
        return None


def _peer_figures(
    connection: psycopg.Connection[Any], runs: int, day: dt.date, ours: float, rows: int, say: Say
) -> list[Figure]:
    figures: list[Figure] = []
    with connection.cursor() as cursor:
        cursor.execute(PEER_ROWS, (SYNTHETIC_SLUG,))
        names = [column.name for column in cursor.description or []]
        records = cursor.fetchall()
    say(f"peers: {len(records)} control claim-place rows loaded in memory")
    pd = _optional("pandas", say)
    if pd is not None:
        frame = pd.DataFrame.from_records(records, columns=names)
        frame["occurred_to"] = pd.to_datetime(frame["occurred_to"])
        cutoff = pd.Timestamp(day)

        def pandas_map() -> int:
            over = frame[frame["occurred_to"] <= cutoff]
            latest = over.sort_values("occurred_to").drop_duplicates("place_id", keep="last")
            return len(latest)

        (pandas_seconds,) = _alternate(runs, pandas_map)
        figures.append(
            _ratio_figure(
                "control_as_of(D) vs pandas",
                ours,
                "pandas: latest control claim per place, in memory",
                _median(pandas_seconds),
                0.2,
                "<= 0.2 (5x faster than pandas)",
                rows,
            )
        )
    duckdb = _optional("duckdb", say)
    if duckdb is not None:
        import pyarrow as pa

        database = duckdb.connect()
        database.register(
            "loaded_rows", pa.table({name: [record[index] for record in records] for index, name in enumerate(names)})
        )
        database.execute("create table claim_rows as select * from loaded_rows")
        database.unregister("loaded_rows")

        def duckdb_map() -> int:
            return len(database.execute(DUCKDB_MAP, [day]).fetchall())

        (duckdb_seconds,) = _alternate(runs, duckdb_map)
        figures.append(
            _ratio_figure(
                "control_as_of(D) vs duckdb",
                ours,
                "duckdb: latest control claim per place, in memory",
                _median(duckdb_seconds),
                1,
                "< 1 (faster than duckdb)",
                rows,
                strictly_below=True,
            )
        )
        database.close()
    return figures


TIMELINE = (
    "select * from reporting.claims where place_id = %(place)s",
    "select * from reporting.contested_claims where claim_id in "
    "(select claim_id from core.claim_places where place_id = %(place)s)",
    "select * from reporting.control_periods where place_id = %(place)s",
)


def timeline_figures(connection: psycopg.Connection[Any], runs: int, say: Say) -> list[Figure]:
    row = connection.execute(
        """
        select claim_places.place_id, count(*) from core.claim_places as claim_places
        inner join core.claims as claims on claims.claim_id = claim_places.claim_id
        inner join core.campaigns as campaigns on campaigns.campaign_id = claims.campaign_id
        where campaigns.slug = %s group by claim_places.place_id order by count(*) desc limit 1
        """,
        (SYNTHETIC_SLUG,),
    ).fetchone()
    assert row is not None
    place, claims = row
    say(f"timeline of place {place} ({claims} claims, the most of any place)")

    def timeline() -> int:
        return sum(_fetch_all(connection, query, {"place": place}) for query in TIMELINE)

    rows = timeline()
    (samples,) = _alternate(max(runs, 20), timeline)
    seconds = _median(samples)
    return [
        Figure(
            "timeline of one place (claims, contests, periods)",
            seconds,
            None,
            None,
            None,
            "<= 0.002 s median",
            seconds <= 0.002,
            rows,
            note=f"{claims} claims name the place",
        )
    ]


CONTESTED = "select * from reporting.contested_claims where campaign = %s"
CONTESTED_PLACE = (
    "select * from reporting.contested_claims where claim_id in "
    "(select claim_id from core.claim_places where place_id = %s)"
)
CONTESTED_ALL = "select * from reporting.contested_claims"


def contested_figures(connection: psycopg.Connection[Any], runs: int, say: Say) -> list[Figure]:
    place_row = connection.execute(
        "select claim_places.place_id from reporting.contested_claims as contests "
        "inner join core.claim_places as claim_places on claim_places.claim_id = contests.claim_id "
        "where contests.campaign = %s group by claim_places.place_id order by count(*) desc limit 1",
        (SYNTHETIC_SLUG,),
    ).fetchone()
    place = place_row[0] if place_row else None
    one_campaign = _fetch_all(connection, CONTESTED, (SMALL_CAMPAIGN,))
    one_place = _fetch_all(connection, CONTESTED_PLACE, (place,))
    connection.execute("create temporary table contested_copy as select * from reporting.contested_claims")
    connection.execute("analyze contested_copy")
    every = _fetch_streamed(connection, CONTESTED_ALL)
    say(f"contested claims: {every} rows in all; {one_campaign} of {SMALL_CAMPAIGN}; {one_place} of place {place}")
    before = _temp_bytes(connection)
    campaign_s, place_s, all_s, scan_s = _alternate(
        runs,
        lambda: _fetch_all(connection, CONTESTED, (SMALL_CAMPAIGN,)),
        lambda: _fetch_all(connection, CONTESTED_PLACE, (place,)),
        # (the whole view and its scan streamed alike: millions of rows at war size)
        lambda: _fetch_streamed(connection, CONTESTED_ALL),
        lambda: _fetch_streamed(connection, "select * from contested_copy"),
    )
    temp_mb = (_temp_bytes(connection) - before) / 1e6 / (runs + 1)
    connection.execute("drop table contested_copy")
    return [
        Figure(
            f"contested_claims of one campaign ({SMALL_CAMPAIGN}, beside the war)",
            _median(campaign_s),
            None,
            None,
            None,
            "<= 0.05 s",
            _median(campaign_s) <= 0.05,
            one_campaign,
        ),
        Figure(
            "contested_claims of one place",
            _median(place_s),
            None,
            None,
            None,
            "<= 0.05 s",
            _median(place_s) <= 0.05,
            one_place,
        ),
        _ratio_figure(
            "contested_claims, the whole view",
            _median(all_s),
            "plain scan of a table of the same rows",
            _median(scan_s),
            3,
            "<= 3x the plain scan",
            every,
            temp_mb,
        ),
    ]


DAILY = "select * from reporting.control_daily where campaign = %s"
PROGRESS = "select * from reporting.district_progress where campaign = %s"


def daily_figures(connection: psycopg.Connection[Any], say: Say) -> list[Figure]:
    figures = []
    for title, query in (("control_daily", DAILY), ("district_progress", PROGRESS)):
        before = _temp_bytes(connection)
        started = time.perf_counter()
        rows = _fetch_streamed(connection, query, (SYNTHETIC_SLUG,))
        seconds = time.perf_counter() - started
        temp_mb = (_temp_bytes(connection) - before) / 1e6
        say(f"{title} of {SYNTHETIC_SLUG} (one year): {rows} rows in {seconds:.1f} s, {temp_mb:.0f} MB temp")
        figures.append(
            Figure(
                f"{title} of one campaign over one year",
                seconds,
                None,
                None,
                None,
                "<= 5 s and <= 100 MB of temp files",
                seconds <= 5 and temp_mb <= 100,
                rows,
                temp_mb,
            )
        )
    return figures


def one_claim_figures(url: URL, runs: int, say: Say) -> list[Figure]:
    """A one-claim change of a seed (the loader re-derives what it touches)
    and by hand in SQL (the statement triggers do; repeated in one session)."""
    figures: list[Figure] = []
    source = next(folder for folder in default_seed_folders() if folder.name == SMALL_CAMPAIGN)
    engine = _engine(url)
    try:
        with tempfile.TemporaryDirectory() as scratch:
            edited = Path(scratch) / SMALL_CAMPAIGN
            shutil.copytree(source, edited)
            claims = edited / "claims.yaml"
            content = claims.read_text(encoding="utf-8")
            # the first claim's summary, the smallest edit a reader can make
            marker = "  summary: "
            at = content.index(marker) + len(marker)
            claims.write_text(content[:at] + "(edited) " + content[at:], encoding="utf-8")
            started = time.perf_counter()
            campaign = read_campaign(edited)
            with engine.begin() as connection:
                (report,) = load_campaigns(connection, [campaign])
            seconds = time.perf_counter() - started
            say(f"one-claim seed edit of {SMALL_CAMPAIGN}: {report.changed} row(s) changed in {seconds:.2f} s")
            figures.append(
                Figure(
                    "one-claim seed change, re-derived (loader)",
                    seconds,
                    None,
                    None,
                    None,
                    "<= 1 s",
                    seconds <= 1,
                    report.changed,
                    note="reading the folder included",
                )
            )
        with engine.connect() as connection:
            # a capture "had taken" by some day: its latest day moves one day
            # earlier, then back, and so on, each edit committed, all in one
            # session (as an application or a BI tool's editor keeps one): a
            # session that kept a generic plan would show in the slowest
            claim_id = connection.execute(
                text(
                    "select claims.claim_id from core.claims as claims "
                    "inner join core.campaigns as campaigns using (campaign_id) "
                    "where campaigns.slug = :slug and claims.kind = 'capture' "
                    "and claims.occurred_earliest_on < claims.occurred_latest_on order by claims.claim_id limit 1"
                ),
                {"slug": SYNTHETIC_SLUG},
            ).scalar_one()
            connection.commit()
            samples = []
            # an even number: the claim ends as it began
            for edit in range(max(runs + runs % 2, SQL_EDITS)):
                started = time.perf_counter()
                connection.execute(
                    text("update core.claims set occurred_latest_on = occurred_latest_on + :days where claim_id = :id"),
                    {"id": claim_id, "days": -1 if edit % 2 == 0 else 1},
                )
                connection.commit()
                samples.append(time.perf_counter() - started)
        seconds = _median(samples)
        say(
            f"one-claim edits in SQL of the war (claim {claim_id}), {len(samples)} in one session: "
            f"median {seconds:.2f} s, first {samples[0]:.2f} s, slowest {max(samples):.2f} s, with their re-derivation"
        )
        figures.append(
            Figure(
                "one-claim change in SQL, re-derived (triggers)",
                seconds,
                None,
                None,
                None,
                "<= 1 s",
                seconds <= 1,
                1,
                note=(
                    f"a claim of the war, edited {len(samples)} times in one session (median; first "
                    f"{samples[0]:.2f} s, slowest {max(samples):.2f} s); the statement triggers re-derive the "
                    "places it names"
                ),
            )
        )
    finally:
        engine.dispose()
    return figures


def up_figures(runs: int, say: Say) -> list[Figure]:
    """``campaign-db up`` on the embedded server: cold (server stopped, data
    kept) and warm (server running, nothing to do), in a home of its own."""
    home = Path(tempfile.mkdtemp(prefix="campaign_db_bench_home_"))
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment["CAMPAIGN_DB_HOME"] = str(home)
    command = [sys.executable, "-m", "campaign_db"]

    def run(*arguments: str) -> float:
        started = time.perf_counter()
        subprocess.run([*command, *arguments], env=environment, check=True, capture_output=True, timeout=600)
        return time.perf_counter() - started

    try:
        first = run("up")
        cold: list[float] = []
        warm: list[float] = []
        for _ in range(max(1, runs // 2)):
            run("stop")
            cold.append(run("up"))
            warm.append(run("up"))
        run("stop")
    finally:
        with contextlib.suppress(Exception):
            subprocess.run([*command, "stop"], env=environment, capture_output=True, timeout=120)
        shutil.rmtree(home, ignore_errors=True)
    say(f"campaign-db up (embedded): first {first:.1f} s, cold {_median(cold):.1f} s, warm {_median(warm):.2f} s")
    return [
        Figure(
            "campaign-db up, embedded, cold",
            _median(cold),
            None,
            None,
            None,
            "<= 5 s",
            _median(cold) <= 5,
            note=f"first setup of a new home: {first:.1f} s",
        ),
        Figure("campaign-db up, embedded, warm", _median(warm), None, None, None, "<= 1.5 s", _median(warm) <= 1.5),
    ]


def run(
    server: URL,
    places: int,
    links: int,
    runs: int = 5,
    seed: int = 1,
    keep: bool = False,
    with_up: bool = True,
    say: Say = print,
) -> list[Figure]:
    """Build the data on ``server`` (a database of its own) and measure every figure."""
    figures: list[Figure] = []
    with (
        tempfile.TemporaryDirectory(prefix="campaign_db_bench_") as scratch,
        scratch_database(server, keep, say) as url,
    ):
        say(f"database: {config.to_libpq(url)} (created for this benchmark)")
        figures += build(url, Path(scratch) / SYNTHETIC_SLUG, places, links, seed, say)
        with database.connect(url, autocommit=True) as connection:
            version = connection.execute("show server_version").fetchone()
            say(f"PostgreSQL {version[0] if version else '?'}")
            figures += control_figures(connection, runs, say)
            figures += timeline_figures(connection, runs, say)
            figures += contested_figures(connection, runs, say)
            figures += daily_figures(connection, say)
        figures += one_claim_figures(url, runs, say)
    if with_up:
        figures += up_figures(runs, say)
    return figures


__all__ = ["Figure", "run"]
