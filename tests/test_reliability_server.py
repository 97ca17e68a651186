"""Reliability of the server side, tried as a careless user and as an
attacker would: who can connect, what a reader can do, kill -9 of the
embedded server and of the loader, concurrent `up`, migrations behind a long
transaction, and hostile command lines.

Everything runs on loopback: the test server (``servers.py``) and one
embedded home of this module's own, made fresh by 16 commands started together, and
removed at the end. Every database and login created here is dropped. Each
test prints its figures (counts, seconds, the largest child's memory) on a
line starting with ``reliability:``; ``pytest -s`` shows them.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import servers
from servers import create_database, drop_database
from sqlalchemy import Engine
from sqlalchemy.engine import URL

from campaign_db import embedded, migrate
from campaign_db.cli import (
    EXIT_BUG,
    EXIT_CONNECTION_LOST,
    EXIT_INTERRUPTED,
    EXIT_NOT_SET_UP,
    EXIT_OK,
    EXIT_PERMISSION,
    EXIT_TIMEOUT,
    EXIT_UNREACHABLE,
    EXIT_USAGE,
)
from campaign_db.config import to_libpq
from campaign_db.database import connect, make_engine
from campaign_db.migration_guards import DataLossRefused
from campaign_db.readers import create_reader

DOCUMENTED_EXIT_CODES = {
    EXIT_OK, EXIT_BUG, EXIT_USAGE, EXIT_UNREACHABLE, EXIT_NOT_SET_UP, EXIT_PERMISSION, EXIT_CONNECTION_LOST,
    EXIT_TIMEOUT, EXIT_INTERRUPTED,
}
Snapshot = dict[str, tuple[int, str]]

# --- helpers ----------------------------------------------------------------


def cli_environment(database_url: str | None = None, home: Path | None = None, **extra: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CAMPAIGN_DB_DEBUG")}
    if database_url is not None:
        environment["DATABASE_URL"] = database_url
    if home is not None:
        environment["CAMPAIGN_DB_HOME"] = str(home)
    environment.update(extra)
    return environment


def start_cli(*arguments: str, environment: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "campaign_db", *arguments], env=environment, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
    )


def run_cli(*arguments: str, environment: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "campaign_db", *arguments], env=environment, check=False, capture_output=True, text=True,
        stdin=subprocess.DEVNULL, timeout=timeout,
    )


def libpq(url: URL) -> str:
    return to_libpq(url, hide_password=False)


def snapshot(url: URL | str) -> Snapshot:
    """Every core table: its row count and a digest of its rows without
    their generated ids (which differ from one load to the next)."""
    with connect(url) as connection:
        tables = [
            row[0] for row in connection.execute(
                "select c.relname from pg_class as c inner join pg_namespace as n on n.oid = c.relnamespace "
                "where n.nspname = 'core' and c.relkind = 'r' order by 1"
            )
        ]
        digests: Snapshot = {}
        for table in tables:
            row = connection.execute(
                "select count(*), coalesce(md5(string_agg(r, '|' order by r)), '') from ("
                "select (select coalesce(jsonb_object_agg(key, value), '{}'::jsonb) from jsonb_each(to_jsonb(t)) "
                f"where key not like '%%\\_id')::text as r from core.{table} as t) as rows"
            ).fetchone()
            assert row is not None
            digests[table] = (int(row[0]), str(row[1]))
    return digests


def is_empty(state: Snapshot) -> bool:
    return all(count == 0 for count, _ in state.values())


def empty_core(url: URL | str) -> None:
    """Delete every core row in one transaction (delete, not truncate: a
    truncate of 18 tables fsyncs 18 new files, which takes a minute on a
    slow disk)."""
    with connect(url) as connection:
        tables = [
            row[0] for row in connection.execute(
                "select quote_ident(n.nspname) || '.' || quote_ident(c.relname) from pg_class as c "
                "inner join pg_namespace as n on n.oid = c.relnamespace where n.nspname = 'core' and c.relkind = 'r'"
            )
        ]
        connection.execute("set local session_replication_role = replica")  # no foreign-key order to follow
        for table in tables:
            connection.execute(f"delete from {table}")


def load_in_process(url: URL | str) -> None:
    from campaign_db.seeding import default_seed_folders, load_campaigns

    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            load_campaigns(connection, default_seed_folders())
    finally:
        engine.dispose()


def wait_for_transaction(admin_url: URL | str, database_name: str, application: str, give_up: float) -> bool:
    """Wait until a backend of ``application`` on ``database_name`` is inside a
    transaction; False when none showed before ``give_up`` (monotonic)."""
    with connect(admin_url, autocommit=True) as admin:
        while time.monotonic() < give_up:
            busy = admin.execute(
                "select count(*) from pg_stat_activity where datname = %s and application_name = %s "
                "and xact_start is not null and pid <> pg_backend_pid()",
                (database_name, application),
            ).fetchone()
            if busy and busy[0]:
                return True
            time.sleep(0.01)
    return False


def wait_for_no_backends(admin_url: URL | str, database_name: str, application: str) -> None:
    """A killed client's backend notices within moments; wait for it to go."""
    deadline = time.monotonic() + 15
    with connect(admin_url, autocommit=True) as admin:
        while time.monotonic() < deadline:
            left = admin.execute(
                "select count(*) from pg_stat_activity where datname = %s and application_name = %s",
                (database_name, application),
            ).fetchone()
            if not left or not left[0]:
                return
            time.sleep(0.05)
    raise AssertionError(f"a backend of {application} outlived its killed client by 15 s")


def assert_one_line_failure(result: subprocess.CompletedProcess[str] | tuple[int, str], what: str) -> None:
    code, stderr = (result.returncode, result.stderr) if isinstance(result, subprocess.CompletedProcess) else result
    assert "Traceback" not in stderr, f"{what}: a traceback\n{stderr}"
    assert code in DOCUMENTED_EXIT_CODES and code != EXIT_BUG, f"{what}: exit code {code}\n{stderr}"
    if code != EXIT_OK:
        lines = [line for line in stderr.splitlines() if line.strip()]
        assert len(lines) == 1, f"{what}: {len(lines)} lines on stderr\n{stderr}"
        assert lines[0].startswith("campaign-db"), f"{what}: {lines[0]}"


def largest_child_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def figures(text: str) -> None:
    print(f"\nreliability: {text} (largest child so far {largest_child_mb():.0f} MB)")


def kill_server(home: Path) -> int:
    server = embedded.running_server(home)
    assert server is not None, "the embedded server is not running"
    os.kill(server.pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while embedded.running_server(home) is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert embedded.running_server(home) is None
    return server.pid


# --- fixtures ---------------------------------------------------------------


@pytest.fixture(scope="module")
def reference(seeded_engine: Engine) -> Snapshot:
    """The core tables as a full load of every shipped campaign leaves them."""
    state = snapshot(seeded_engine.url)
    assert not is_empty(state)
    return state


@dataclass
class RacedHome:
    home: Path
    results: list[subprocess.CompletedProcess[str]]
    seconds: float

    @property
    def url(self) -> URL:
        server = embedded.running_server(self.home)
        assert server is not None
        return server.url()


@pytest.fixture(scope="module")
def raced_home() -> Iterator[RacedHome]:
    """A fresh embedded home, brought up by 16 commands started together:
    8 `campaign-db up` (racing the migrations and the seeds too) and 8
    `campaign-db url` (racing only the first start)."""
    home = Path(tempfile.mkdtemp(prefix="h12_reliability_"))
    try:
        started = time.monotonic()
        environment = cli_environment(home=home)
        processes = [start_cli(command, environment=environment) for command in ("up", "url") * 8]
        results = []
        for process in processes:
            stdout, stderr = process.communicate(timeout=240)
            results.append(subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr))
        yield RacedHome(home, results, time.monotonic() - started)
    finally:
        embedded.stop(home)
        shutil.rmtree(home, ignore_errors=True)


@dataclass
class Reader:
    name: str
    password: str
    url: URL


@pytest.fixture(scope="module")
def reader(seeded_engine: Engine) -> Iterator[Reader]:
    """A reader login on the seeded test database."""
    name = f"h12_reader_{uuid.uuid4().hex[:8]}"
    password = uuid.uuid4().hex
    admin_url = libpq(seeded_engine.url)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        create_reader(admin, name, password)
    try:
        yield Reader(name, password, seeded_engine.url.set(username=name, password=password))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(
                "select pg_terminate_backend(pid) from pg_stat_activity where usename = %s", (name,)
            )
            admin.execute(f'drop role if exists "{name}"')


@pytest.fixture
def fresh_url() -> Iterator[URL]:
    url = create_database("h12_rel")
    try:
        yield url
    finally:
        drop_database(url)


# --- the embedded server: races, other users, kill -9 ------------------------


def test_16_concurrent_first_starts_on_a_fresh_embedded_home_all_succeed(
    raced_home: RacedHome, reference: Snapshot
) -> None:
    codes = [result.returncode for result in raced_home.results]
    for result in raced_home.results:
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    ups = [result for result in raced_home.results if "up" in result.args]
    urls = {result.stdout.strip() for result in raced_home.results if "url" in result.args}
    migrated = sum("schema:   migrated empty -> " in result.stdout for result in ups)
    assert migrated == 1, "exactly one `up` migrates; the others find the schema at head"
    loaded = sum(
        "changes: none" not in result.stdout and "files unchanged" not in result.stdout for result in ups
    )
    assert loaded == 1, "exactly one `up` loads the seeds; the others find them loaded"
    assert len(urls) == 1, f"the first starts disagree on the server: {urls}"
    assert snapshot(raced_home.url) == reference
    figures(f"16 commands on a fresh embedded home at once (8 `up`, 8 `url`): exit codes {sorted(set(codes))}, "
            f"{migrated} migrated, {loaded} loaded, 1 server, {raced_home.seconds:.1f} s")


def test_another_os_user_and_a_wrong_password_get_no_connection(raced_home: RacedHome) -> None:
    server = embedded.running_server(raced_home.home)
    assert server is not None and server.password
    base = f"host=127.0.0.1 port={server.port} dbname=campaign connect_timeout=5"
    for login in (" user=postgres", " user=postgres password=wrong", " user=postgres password=", " user=nobody"):
        with pytest.raises(psycopg.OperationalError, match=r"password|does not exist"):
            psycopg.connect(base + login)
    wrong = run_cli("contested", environment=cli_environment(
        database_url=libpq(server.url().set(password="wrong"))))
    assert wrong.returncode == EXIT_PERMISSION and "refused the login" in wrong.stderr
    assert_one_line_failure(wrong, "wrong password")
    assert "wrong" not in wrong.stderr.replace("(wrong or missing password)", "")

    if os.geteuid() != 0:
        message = ("NOT CHECKED: connecting as another OS user needs root (to run as `nobody`); "
                   "this run is not root")
        warnings.warn(message, stacklevel=1)
        print(f"\n!!! {message}", file=sys.stderr)
        pytest.skip(message)
    runner = shutil.which("runuser")
    psql = shutil.which("psql") or str(embedded.bin_dir() / "psql")
    as_nobody = [runner, "-u", "nobody", "--"] if runner else ["su", "-s", "/bin/sh", "nobody", "-c"]

    def nobody(*command: str, **environment: str) -> subprocess.CompletedProcess[str]:
        argv = [*as_nobody, *command] if runner else [*as_nobody, " ".join(command)]
        return subprocess.run(argv, check=False, capture_output=True, text=True, timeout=30, cwd="/",
                              env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **environment})

    attempts = [
        nobody(psql, "-w", "-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres", "-d", "campaign",
               "-c", "copy (select 1) to program 'id'"),
        nobody(psql, "-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres", "-d", "campaign", "-c",
               "select 1", PGPASSWORD="postgres"),
        nobody(psql, "-w", "-h", "/tmp", "-p", str(server.port), "-U", "postgres", "-d", "campaign", "-c", "select 1"),
        nobody(psql, "-w", "-h", "/var/run/postgresql", "-p", str(server.port), "-U", "postgres", "-c", "select 1"),
    ]
    for attempt in attempts:
        assert attempt.returncode != 0, f"nobody got in: {attempt.args}\n{attempt.stdout}"
        assert "uid=" not in attempt.stdout
    assert "no password supplied" in attempts[0].stderr
    assert "password authentication failed" in attempts[1].stderr
    for path in (embedded.secret_path(raced_home.home), embedded.log_path(raced_home.home),
                 embedded.data_dir(raced_home.home) / "PG_VERSION"):
        read = nobody("cat", str(path))
        assert read.returncode != 0 and "Permission denied" in read.stderr, f"nobody read {path}"
    # the server runs as campaign_db_pg with its own group, never root's
    status = Path(f"/proc/{server.pid}/status").read_text()
    gids = next(line for line in status.splitlines() if line.startswith("Gid:")).split()[1:]
    assert "0" not in gids
    figures(f"{len(attempts)} connection attempts as nobody, 4 logins without the right password, "
            "3 owner-only files: all refused")


def test_kill_9_of_the_embedded_server_idle_and_mid_load(raced_home: RacedHome, reference: Snapshot) -> None:
    """Ten kills, five while idle and five while `campaign-db seed` loads:
    nothing partial, nothing committed lost, the next command recovers."""
    home, rng = raced_home.home, random.Random(12)
    environment = cli_environment(home=home)
    started = time.monotonic()
    outcomes: list[str] = []
    for round_number in range(5):
        # mid-load: empty the tables, start a load, kill the server during its transaction
        empty_core(raced_home.url)
        admin = raced_home.url.set(database="postgres")
        loader = start_cli("seed", environment=environment)
        in_transaction = wait_for_transaction(admin, "campaign", "campaign-db seed", time.monotonic() + 60)
        time.sleep(rng.uniform(0, 0.3))
        kill_server(home)
        _, stderr = loader.communicate(timeout=120)
        assert_one_line_failure((loader.returncode, stderr), f"seed during kill {round_number}")
        assert loader.returncode in (EXIT_OK, EXIT_CONNECTION_LOST, EXIT_UNREACHABLE), stderr
        if loader.returncode == EXIT_CONNECTION_LOST:
            assert "lost the connection" in stderr and "seed" in stderr
        after = snapshot(embedded.ensure_running(home).url())  # recovery, as the next command does
        assert is_empty(after) or after == reference, "a partial load survived a server crash"
        if loader.returncode == EXIT_OK:
            assert after == reference, "a load that reported success was lost"
        outcomes.append(f"mid-load(in transaction={in_transaction}): exit {loader.returncode}, "
                        f"{'empty' if is_empty(after) else 'full'}")
        if is_empty(after):
            load_in_process(raced_home.url)

        # idle: a loaded database, the server killed, the next command recovers it all
        assert snapshot(raced_home.url) == reference
        killed = kill_server(home)
        result = call_in_process(("campaigns", "--format", "csv"), environment)  # the next command
        assert result.returncode == 0, result.stderr
        assert "aras-valley" in result.stdout
        recovered = embedded.running_server(home)
        assert recovered is not None and recovered.pid != killed
        assert snapshot(raced_home.url) == reference, "committed rows were lost in a crash"
        outcomes.append("idle: recovered, full")
    figures(f"10 kill -9 of the embedded server in {time.monotonic() - started:.1f} s: " + "; ".join(outcomes))


# --- the loader killed -------------------------------------------------------


def loader_kills(url: URL, kills: int, whole: float, seed: int, reference: Snapshot) -> dict[str, int]:
    """Kill `campaign-db seed` on ``url`` ``kills`` times; after each kill the
    database must be as before or fully loaded. Most kills land inside the
    load's transaction, every fourth anywhere in the run (start-up included)."""
    environment = cli_environment(database_url=libpq(url))
    admin, name = servers.test_server().admin_url, str(url.database)
    rng = random.Random(seed)
    outcomes = {"unchanged": 0, "loaded": 0}
    before = snapshot(url)
    for moment in range(kills):
        if not is_empty(before):
            empty_core(url)  # each kill interrupts a load into an empty database
            before = snapshot(url)
        loader = start_cli("seed", environment=environment)
        if moment % 4 == 3:
            time.sleep(rng.uniform(0, whole))
        else:
            wait_for_transaction(admin, name, "campaign-db seed", time.monotonic() + 60)
            time.sleep(rng.uniform(0, 0.4))
        loader.send_signal(signal.SIGKILL)
        loader.communicate(timeout=60)
        wait_for_no_backends(admin, name, "campaign-db seed")
        after = snapshot(url)
        if after == before:
            outcomes["unchanged"] += 1
        else:
            assert after == reference, f"kill {moment}: a partial load"
            outcomes["loaded"] += 1
        before = after
    final = run_cli("seed", environment=environment)  # the next command recovers
    assert final.returncode == 0, final.stderr
    assert snapshot(url) == reference
    return outcomes


def test_kill_9_of_the_loader_at_20_random_moments(reference: Snapshot) -> None:
    """The database is either as it was or fully loaded, whenever the loader
    dies. Two databases, ten kills each, side by side."""
    urls = [create_database("h12_kill"), create_database("h12_kill")]
    try:
        for url in urls:
            engine = make_engine(url)
            try:
                with engine.begin() as connection:
                    migrate.upgrade(connection)
            finally:
                engine.dispose()
        # one load to the end, timed: where the kills may land
        started = time.monotonic()
        full = run_cli("seed", environment=cli_environment(database_url=libpq(urls[0])))
        whole = time.monotonic() - started
        assert full.returncode == 0, full.stderr
        assert snapshot(urls[0]) == reference
        kill_started = time.monotonic()
        with ThreadPoolExecutor(max_workers=2) as pool:
            lanes = list(pool.map(lambda lane: loader_kills(urls[lane], 10, whole, lane, reference), range(2)))
    finally:
        for url in urls:
            drop_database(url)
    unchanged = sum(lane["unchanged"] for lane in lanes)
    loaded = sum(lane["loaded"] for lane in lanes)
    assert unchanged + loaded == 20
    figures(f"20 kill -9 of `campaign-db seed` in {time.monotonic() - kill_started:.1f} s (two databases side by "
            f"side; a whole load takes {whole:.1f} s): {unchanged} left the database unchanged, {loaded} fully "
            "loaded, 0 partial")


# --- concurrent `up` and migrations -----------------------------------------


def test_8_concurrent_up_on_a_fresh_database_all_succeed(fresh_url: URL, reference: Snapshot) -> None:
    environment = cli_environment(database_url=libpq(fresh_url))
    started = time.monotonic()
    processes = [start_cli("up", environment=environment) for _ in range(8)]
    outputs = [process.communicate(timeout=240) for process in processes]
    results = [(process.returncode, stdout, stderr) for process, (stdout, stderr) in zip(processes, outputs, strict=True)]
    seconds = time.monotonic() - started
    for code, _, stderr in results:
        assert code == 0, stderr
    assert sum("migrated empty -> " in stdout for _, stdout, _ in results) == 1
    assert snapshot(fresh_url) == reference
    figures(f"8 concurrent `up` on a fresh database: all exit 0 in {seconds:.1f} s")


def test_a_migration_behind_a_long_transaction_gives_up_with_a_clear_message(fresh_url: URL) -> None:
    engine = make_engine(fresh_url)
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection, "0003")
    finally:
        engine.dispose()
    environment = cli_environment(database_url=libpq(fresh_url), CAMPAIGN_DB_LOCK_TIMEOUT="1s")
    with connect(fresh_url) as holder:
        holder.execute("lock table core.claims in access exclusive mode")
        started = time.monotonic()
        blocked = run_cli("up", "--no-seed", environment=environment)
        waited = time.monotonic() - started
    assert blocked.returncode == EXIT_TIMEOUT, blocked.stderr
    assert "a long transaction holds it" in blocked.stderr and "CAMPAIGN_DB_LOCK_TIMEOUT" in blocked.stderr
    assert_one_line_failure(blocked, "up behind a lock")
    engine = make_engine(fresh_url)
    try:
        with engine.connect() as connection:
            assert migrate.current_revision(connection) == "0003", "a timed-out migration changed something"
    finally:
        engine.dispose()
    unblocked = run_cli("up", "--no-seed", environment=environment)
    assert unblocked.returncode == 0, unblocked.stderr

    # a BI session in the middle of a read holds the view a downgrade must drop
    with connect(fresh_url) as reader_session:
        reader_session.execute("select count(*) from reporting.claims")
        downgrade = alembic("downgrade", "0003", environment=environment)
    assert downgrade.returncode != 0
    assert "a long transaction holds it" in downgrade.stderr and "Traceback" not in downgrade.stderr
    figures(f"a migration behind a lock gave up after {waited:.1f} s (lock timeout 1s) with exit code "
            f"{blocked.returncode}; alembic too")


def alembic(*arguments: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The `alembic` command line, run where pyproject.toml configures it."""
    return subprocess.run(
        [sys.executable, "-m", "alembic", *arguments], env=environment, check=False, capture_output=True, text=True, timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
    )


def test_a_downgrade_that_would_drop_loaded_data_refuses(fresh_url: URL, reference: Snapshot) -> None:
    environment = cli_environment(database_url=libpq(fresh_url))
    assert run_cli("up", environment=environment).returncode == 0
    for target in ("base", "0001"):
        refused = alembic("downgrade", target, environment=environment)
        assert refused.returncode != 0 and "drop_data=yes" in refused.stderr, refused.stderr
        assert "Traceback" not in refused.stderr
    assert snapshot(fresh_url) == reference  # refused before the first step: nothing changed

    # a round-1 database (revision 0002) with rows: revision 0001's downgrade refuses too
    empty_core(fresh_url)
    engine = make_engine(fresh_url)
    try:
        with engine.begin() as connection:
            migrate.downgrade(connection, "0002")
            connection.exec_driver_sql("insert into core.parties (code, name) values ('XA', 'Party A')")
        with engine.begin() as connection, pytest.raises(DataLossRefused, match=r"revision 0001 .* drop_data=yes"):
            migrate.downgrade(connection, "base")
        with engine.begin() as connection:
            migrate.downgrade(connection, "0001")  # 0002's downgrade drops views only
            assert connection.exec_driver_sql("select count(*) from core.parties").scalar_one() == 1
        refused = alembic("downgrade", "base", environment=environment)
        assert refused.returncode != 0 and "revision 0001" in refused.stderr, refused.stderr
        allowed = alembic("-x", "drop_data=yes", "downgrade", "base", environment=environment)
        assert allowed.returncode == 0, allowed.stderr
        with engine.begin() as connection:
            assert connection.exec_driver_sql("select to_regclass('core.parties')").scalar() is None
    finally:
        engine.dispose()


# --- readers ----------------------------------------------------------------


def test_a_reader_reads_the_reporting_views_and_nothing_else(reader: Reader) -> None:
    refused: list[str] = []
    with psycopg.connect(libpq(reader.url), autocommit=True) as connection:
        assert connection.execute("select count(*) from reporting.claims").fetchone()[0] > 0  # type: ignore[index]
        assert connection.execute("select count(*) from reporting.find_places('FÜZULI')").fetchone()[0] > 0  # type: ignore[index]
        assert connection.execute("select reporting.fold_name('Füzuli')").fetchone() == ("fuzuli",)
        assert connection.execute("show timezone").fetchone() == ("UTC",)
        for statement in (
            "select count(*) from core.claims",
            "select count(*) from reporting_int.claim_details",
            "select core.fold_name('x')",
            "insert into core.parties (code, name) values ('XX', 'x')",
            "update core.claims set summary = 'x'",
            "delete from core.parties",
            "create table reporting.mine (i int)",
            "create table public.mine (i int)",
            "copy (select 1) to program 'id'",
            "copy (select 1) to '/tmp/h12_reader_copy'",
            "copy core.parties from program 'id'",
            "select pg_read_file('/etc/passwd')",
            "select pg_ls_dir('.')",
            "create role h12_escalated superuser",
            "create database h12_readers_own",
            "select pg_terminate_backend(pid) from pg_stat_activity where usename <> current_user",
            "set role postgres",
        ):
            for read_write in (False, True):
                try:
                    if statement.startswith("create database"):  # cannot run in a transaction block
                        if read_write:
                            continue
                        connection.execute(statement)
                        raise AssertionError(f"a reader ran: {statement}")
                    with connection.transaction():
                        if read_write:
                            connection.execute("set transaction read write")
                        result = connection.execute(statement)
                        if statement.startswith("select pg_terminate_backend"):
                            assert all(row[0] is not True for row in result.fetchall())
                            raise psycopg.errors.InsufficientPrivilege("nothing terminated")
                except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ReadOnlySqlTransaction,
                        psycopg.errors.UndefinedTable, psycopg.errors.UndefinedObject):
                    refused.append(statement)
                else:
                    raise AssertionError(f"a reader ran: {statement} (read write: {read_write})")
    assert not Path("/tmp/h12_reader_copy").exists()
    figures(f"a reader was refused {len(refused)} statements (base tables, writes, COPY ... PROGRAM, files, roles)")


def test_a_reader_login_has_a_connection_limit(reader: Reader) -> None:
    connections = []
    try:
        for _ in range(10):
            connections.append(psycopg.connect(libpq(reader.url)))
        with pytest.raises(psycopg.OperationalError, match="too many connections"):
            psycopg.connect(libpq(reader.url))
    finally:
        for connection in connections:
            connection.close()


# --- hostile command lines ----------------------------------------------------


@dataclass(frozen=True)
class Call:
    label: str
    arguments: tuple[str, ...]
    environment: dict[str, str]
    expected: frozenset[int]


def call_in_process(arguments: tuple[str, ...], environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``campaign-db ARGUMENTS`` through ``cli.main`` in this process, with
    ``environment`` as the whole environment; stdout and stderr captured."""
    from campaign_db import cli, database

    saved_environment, saved_name, saved_stdin = dict(os.environ), database.application_name(), sys.stdin
    stdout, stderr = io.StringIO(), io.StringIO()
    os.environ.clear()
    os.environ.update(environment)
    sys.stdin = io.StringIO("")  # no terminal, like stdin=DEVNULL
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                code = cli.main(list(arguments))
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else EXIT_BUG
    finally:
        os.environ.clear()
        os.environ.update(saved_environment)
        database.set_application_name(saved_name)
        sys.stdin = saved_stdin
    return subprocess.CompletedProcess(["campaign-db", *arguments], code, stdout.getvalue(), stderr.getvalue())


def silent_listener() -> socket.socket:
    """A loopback port that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    return listener


def test_hostile_command_lines_get_one_line_and_a_documented_exit_code(
    seeded_engine: Engine, reader: Reader, raced_home: RacedHome, tmp_path: Path
) -> None:
    seeded = libpq(seeded_engine.url)
    reader_url = libpq(reader.url)
    embedded_server = embedded.running_server(raced_home.home)
    assert embedded_server is not None
    wrong_password = libpq(embedded_server.url().set(password="not-the-password"))
    unreachable = "postgresql://postgres@127.0.0.1:1/campaign"
    listener = silent_listener()
    silent = f"postgresql://postgres@127.0.0.1:{listener.getsockname()[1]}/campaign"
    empty = create_database("h12_empty")
    missing = servers.test_server().admin_url.set(database=f"h12_missing_{uuid.uuid4().hex[:6]}")
    password = {"CAMPAIGN_DB_READER_PASSWORD": "pw-" + uuid.uuid4().hex}

    def on(url: str, **extra: str) -> dict[str, str]:
        return cli_environment(database_url=url, **extra)

    usage, ok = frozenset({EXIT_USAGE}), frozenset({EXIT_OK})
    calls = [
        # bad arguments: the parser refuses them before any database
        Call("a month 13", ("control", "--as-of", "2020-13-01"), on(unreachable), usage),
        Call("a day 31 in a 30-day month", ("control", "--as-of", "2020-11-31"), on(unreachable), usage),
        Call("a date in words", ("control", "--as-of", "yesterday"), on(unreachable), usage),
        Call("an empty date", ("control", "--as-of", ""), on(unreachable), usage),
        Call("no --as-of", ("control",), on(unreachable), usage),
        Call("a European date for --known-by", ("control", "--as-of", "2020-10-22", "--known-by", "22/10/2020"),
             on(unreachable), usage),
        Call("February 30 for report", ("report", "--as-of", "2020-02-30"), on(unreachable), usage),
        Call("an unknown format", ("contested", "--format", "xml"), on(unreachable), usage),
        Call("timeline without a place", ("timeline",), on(unreachable), usage),
        Call("an unknown command", ("frobnicate",), on(unreachable), usage),
        Call("no command at all", (), on(unreachable), usage),
        Call("an unknown option", ("losses", "--everything"), on(unreachable), usage),
        Call("reader create without a name", ("reader", "create"), on(unreachable), usage),
        Call("an export format that does not exist", ("export", "--format", "xlsx", "--out", str(tmp_path / "x")),
             on(unreachable), usage),
        Call("benchmark --places without --claims", ("benchmark", "--places", "10"), on(seeded), usage),
        Call("a connection limit that is not a number", ("reader", "create", "x", "--connection-limit", "ten"),
             on(unreachable), usage),
        # bad values, on a loaded database
        Call("a district that does not exist", ("control", "--as-of", "2020-10-22", "--district", "Atlantis"),
             on(seeded), usage),
        Call("--district of a village (not an area)", ("control", "--as-of", "2020-10-22", "--district", "Sirik"),
             on(seeded), usage),
        Call("a place that does not exist", ("timeline", "Atlantis"), on(seeded), usage),
        Call("a place named with SQL", ("timeline", "x'); drop table core.claims; --"), on(seeded), usage),
        Call("a place named %", ("timeline", "%"), on(seeded), usage),
        Call("a 5000-character place name", ("timeline", "Z" * 5000), on(seeded), usage),
        Call("an unknown campaign", ("contested", "--campaign", "no-such-campaign"), on(seeded), usage),
        Call("a campaign named with SQL", ("losses", "--campaign", "'; drop table core.claims; --"), on(seeded),
             usage),
        Call("the year 1", ("control", "--as-of", "0001-01-01", "--campaign", "aras-valley"), on(seeded), ok),
        Call("the year 9999", ("control", "--as-of", "9999-12-31", "--campaign", "aras-valley", "--format", "csv"),
             on(seeded), ok),
        Call("a seed folder that does not exist", ("seed", str(tmp_path / "nowhere")), on(seeded), usage),
        Call("check a folder that does not exist", ("check", str(tmp_path / "nowhere")), on(seeded), usage),
        Call("a report into a missing folder", ("report", "--out", str(tmp_path / "no" / "such" / "r.html")),
             on(seeded), usage),
        Call("an export into /proc", ("export", "--out", "/proc/h12_export"), on(seeded), usage),
        Call("a reader named with SQL", ("reader", "create", "Robert'); drop table core.claims; --"),
             on(seeded, **password), usage),
        Call("a reader with no password and no terminal", ("reader", "create", "h12_nopassword"), on(seeded),
             usage),
        Call("a statement timeout with SQL", ("reader", "create", "h12_x", "--statement-timeout", "1s'; drop"),
             on(seeded, **password), usage),
        Call("a connection limit of 0", ("reader", "create", "h12_x", "--connection-limit", "0"),
             on(seeded, **password), usage),
        # nothing loaded yet
        Call("contested before up", ("contested",), on(libpq(empty)), frozenset({EXIT_NOT_SET_UP})),
        Call("control before up", ("control", "--as-of", "2020-10-22"), on(libpq(empty)),
             frozenset({EXIT_NOT_SET_UP})),
        Call("timeline before up", ("timeline", "fuzuli"), on(libpq(empty)), frozenset({EXIT_NOT_SET_UP})),
        Call("campaigns before up", ("campaigns",), on(libpq(empty)), frozenset({EXIT_NOT_SET_UP})),
        Call("report before up", ("report", "--out", str(tmp_path / "r.html")), on(libpq(empty)),
             frozenset({EXIT_NOT_SET_UP})),
        Call("export before up", ("export", "--out", str(tmp_path / "export")), on(libpq(empty)),
             frozenset({EXIT_NOT_SET_UP})),
        Call("seed before up", ("seed",), on(libpq(empty)), frozenset({EXIT_NOT_SET_UP})),
        Call("reader create before up", ("reader", "create", "h12_early"), on(libpq(empty), **password),
             frozenset({EXIT_NOT_SET_UP})),
        # no server, or not one we may use
        Call("a refused port", ("contested",), on(unreachable), frozenset({EXIT_UNREACHABLE})),
        Call("up on a refused port", ("up",), on(unreachable), frozenset({EXIT_UNREACHABLE})),
        Call("a server that never answers (connect timeout)", ("losses",), on(silent),
             frozenset({EXIT_UNREACHABLE})),
        Call("a database that does not exist", ("campaigns",), on(libpq(missing)), frozenset({EXIT_UNREACHABLE})),
        Call("the wrong password for the embedded server", ("contested",), on(wrong_password),
             frozenset({EXIT_PERMISSION})),
        Call("a port that is not a number", ("contested",), on("postgresql://u@127.0.0.1:port/db"), usage),
        Call("a URL that is not PostgreSQL", ("contested",), on("sqlite:///campaign.db"), usage),
        Call("a URL that is not a URL", ("contested",), on("not a url at all"), usage),
        Call("an unclosed IPv6 bracket", ("url",), on("postgresql://u@[::1/db"), usage),
        Call("a home that cannot be created", ("url",),
             cli_environment(home=Path("/proc/h12_home_impossible")), usage),
        # a reader login: reports work (spelling search included), owner commands are refused
        Call("a reader's timeline by any spelling", ("timeline", "FÜZULİ", "--campaign", "aras-valley"),
             on(reader_url), ok),
        Call("a reader's --district", ("control", "--as-of", "2020-10-22", "--district", "Jabrayil District"),
             on(reader_url), ok),
        Call("a reader's contested", ("contested", "--format", "json"), on(reader_url), ok),
        Call("a reader running up", ("up",), on(reader_url), frozenset({EXIT_PERMISSION})),
        Call("a reader running seed", ("seed",), on(reader_url), frozenset({EXIT_PERMISSION})),
        Call("a reader creating a login", ("reader", "create", "h12_other"), on(reader_url, **password),
             frozenset({EXIT_PERMISSION})),
    ]
    assert len(calls) >= 45
    started = time.monotonic()
    try:
        # every call through main() in this process (a fresh interpreter per call costs 2 s of imports);
        # a sample, one per exit code, also through the real entry point in a process of its own
        results = [call_in_process(call.arguments, call.environment) for call in calls]
        sample = {next(iter(call.expected)): call for call in calls}
        with ThreadPoolExecutor(max_workers=len(sample)) as pool:
            separate = list(pool.map(lambda call: (call, run_cli(*call.arguments, environment=call.environment)),
                                     sample.values()))
    finally:
        listener.close()
        drop_database(empty)
        with psycopg.connect(seeded, autocommit=True) as admin:
            for name in ("h12_x", "h12_nopassword", "h12_early", "h12_other"):
                admin.execute(f'drop role if exists "{name}"')
    seconds = time.monotonic() - started
    failures = []
    for call, result in zip(calls, results, strict=True):
        try:
            assert_one_line_failure(result, call.label)
            assert result.returncode in call.expected, (
                f"{call.label}: exit {result.returncode}, expected {sorted(call.expected)}: {result.stderr.strip()}"
            )
        except AssertionError as error:
            failures.append(str(error))
    for call, result in separate:
        try:
            assert_one_line_failure(result, f"{call.label} (own process)")
            assert result.returncode in call.expected, f"{call.label} (own process): exit {result.returncode}"
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n".join(failures)
    by_code: dict[int, int] = {}
    for result in results:
        by_code[result.returncode] = by_code.get(result.returncode, 0) + 1
    figures(f"{len(calls)} hostile command lines ({len(separate)} of them also in a process of their own) in "
            f"{seconds:.1f} s, exit codes {dict(sorted(by_code.items()))}, 0 tracebacks")


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the swallowing is the case
def test_a_benchmark_stop_that_python_swallows_still_stops_the_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A SIGTERM whose handler runs inside a finalizer (`__del__`, where Python
    prints "Exception ignored" and goes on) must still end the run, at its
    next progress line, with 128 + SIGTERM; not run to the end and exit 0."""
    from campaign_db import benchmark
    from campaign_db.cli import main

    class Finalised:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGTERM)  # the handler runs here, and its exit is swallowed

    reached: list[str] = []

    def war(*arguments: object, say: object, **options: object) -> list[object]:
        assert callable(say)
        Finalised()
        reached.append("after the swallowed stop")
        say("next phase")
        reached.append("after the next progress line")
        return []

    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/unused")
    monkeypatch.setattr(benchmark, "run", war)
    previous = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit) as stopped:
        main(["benchmark", "--places", "10", "--links", "100", "--no-up"])
    assert stopped.value.code == 128 + signal.SIGTERM
    assert reached == ["after the swallowed stop"]
    assert "next phase" not in capsys.readouterr().out
    assert signal.getsignal(signal.SIGTERM) == previous  # the CLI's handler is gone again


def test_a_benchmark_stopped_by_sigterm_drops_its_database_and_files(tmp_path: Path) -> None:
    """`kill` (or a CI timeout) in the middle of a benchmark: the run exits
    through its clean-up, so neither its database nor its files are left."""
    admin_url = servers.test_server().admin_url
    with connect(admin_url, autocommit=True) as admin:
        before = {row[0] for row in admin.execute("select datname from pg_database").fetchall()}
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    benchmark = start_cli(
        "benchmark", "--places", "2000", "--links", "100000", "--runs", "1", "--no-up",
        environment=cli_environment(libpq(admin_url), TMPDIR=str(scratch)),
    )
    created = ""
    try:
        assert benchmark.stdout is not None
        line = benchmark.stdout.readline()
        assert "created for this benchmark" in line, line
        created = line.split("/")[-1].split(" ")[0]
        assert created.startswith("campaign_db_benchmark_") and created not in before
        time.sleep(1)  # somewhere in its work (migrating, writing the war's files, importing)
        benchmark.send_signal(signal.SIGTERM)
        status = benchmark.wait(timeout=60)
        with connect(admin_url, autocommit=True) as admin:
            after = {row[0] for row in admin.execute("select datname from pg_database").fetchall()}
        assert status == 128 + signal.SIGTERM
        assert created not in after
        assert list(scratch.iterdir()) == []
    finally:
        if benchmark.poll() is None:
            benchmark.kill()
            benchmark.wait()
        if created:  # what a failed run left, gone either way
            with connect(admin_url, autocommit=True) as admin:
                admin.execute(f'drop database if exists "{created}" with (force)')
