"""The embedded server's lifecycle, driven through the command line in
separate processes as a user would: start, reuse, recover from kill -9, stop,
a clear error when it cannot start; and its lock-down: password
authentication, owner-only files, UTC, the port kept across restarts, an
older (trust) home secured at its next start."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from campaign_db import embedded
from campaign_db.config import to_libpq


def campaign_db(home: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment["CAMPAIGN_DB_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "campaign_db", *arguments], env=environment, check=False, capture_output=True, text=True, timeout=180
    )


@pytest.fixture(scope="module")
def home() -> Iterator[Path]:
    """One home for the whole module (an initdb costs seconds): the tests run
    in file order, from the first start to breaking its configuration."""
    path = Path(tempfile.mkdtemp(prefix="h12_home_"))
    try:
        yield path
    finally:
        embedded.stop(path)
        shutil.rmtree(path, ignore_errors=True)


def answers(url: str) -> bool:
    with psycopg.connect(url, connect_timeout=5) as connection:
        return connection.execute("select 1").fetchone() == (1,)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def wait_until_gone(home: Path) -> None:
    deadline = time.monotonic() + 10
    while embedded.running_server(home) is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert embedded.running_server(home) is None


def test_start_reuse_kill_recover_stop(home: Path) -> None:
    first = campaign_db(home, "up", "--no-seed")
    assert first.returncode == 0, first.stderr
    assert "schema:   migrated empty -> " in first.stdout or "already up to date" in first.stdout
    server = embedded.running_server(home)
    assert server is not None and server.password

    # a second process finds the same server instead of starting another; the URL hides the password
    url = campaign_db(home, "url")
    assert url.returncode == 0, url.stderr
    assert url.stdout.strip() == f"postgresql://postgres:***@127.0.0.1:{server.port}/campaign"
    assert server.password not in url.stdout + url.stderr
    shown = campaign_db(home, "url", "--show-password")
    assert shown.stdout.strip() == f"postgresql://postgres:{server.password}@127.0.0.1:{server.port}/campaign"
    assert embedded.running_server(home) == server
    assert answers(shown.stdout.strip())

    # kill -9 of the server: the next command recovers on the same data and the same port
    os.kill(server.pid, signal.SIGKILL)
    wait_until_gone(home)
    again = campaign_db(home, "up", "--no-seed")
    assert again.returncode == 0, again.stderr
    assert "already up to date" in again.stdout
    recovered = embedded.running_server(home)
    assert recovered is not None and recovered.pid != server.pid and recovered.port == server.port
    assert answers(campaign_db(home, "url", "--show-password").stdout.strip())

    stopped = campaign_db(home, "stop")
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    assert embedded.running_server(home) is None


def test_the_server_is_locked_down(home: Path) -> None:
    server = embedded.ensure_running(home)
    # owner-only files: the secret, the data directory, the log
    assert mode(embedded.secret_path(home)) == 0o600
    assert mode(embedded.data_dir(home)) == 0o700
    assert mode(embedded.log_path(home)) == 0o600
    hba = (embedded.data_dir(home) / "pg_hba.conf").read_text()
    rules = [line.split() for line in hba.splitlines() if line.strip() and not line.startswith("#")]
    assert rules == [["host", "all", "all", "127.0.0.1/32", "scram-sha-256"]]

    # no password, a wrong one: refused; the kept one: in, in UTC with JIT off
    base = f"host=127.0.0.1 port={server.port} user=postgres dbname=campaign connect_timeout=5"
    for password in ("", " password=wrong"):
        with pytest.raises(psycopg.OperationalError, match="password"):
            psycopg.connect(base + password)
    with psycopg.connect(to_libpq(server.url(), hide_password=False)) as connection:
        assert connection.execute("show timezone").fetchone() == ("UTC",)
        assert connection.execute("show log_timezone").fetchone() == ("UTC",)
        assert connection.execute("show jit").fetchone() == ("off",)
        assert connection.execute("show unix_socket_directories").fetchone() == ("",)
        assert connection.execute("show log_min_error_statement").fetchone() == ("panic",)
        assert connection.execute("show log_min_messages").fetchone() == ("log",)
        # a failed statement's text does not reach the log
        with pytest.raises(psycopg.errors.UndefinedColumn):
            connection.execute("select secret_canary_1234 from pg_class")
    time.sleep(0.2)
    assert "secret_canary_1234" not in embedded.log_path(home).read_text()

    if os.geteuid() == 0:
        # as root the server runs as campaign_db_pg, with that user's group and no other
        status = Path(f"/proc/{server.pid}/status").read_text()
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        assert set(fields["Gid"].split()) != {"0"} and "0" not in fields["Gid"].split()
        assert "0" not in fields["Uid"].split()
        assert fields["Groups"].split() == []


def test_the_port_is_kept_across_restarts_and_moves_only_when_taken(home: Path) -> None:
    port = embedded.ensure_running(home).port
    assert embedded.stop(home)
    assert embedded.ensure_running(home).port == port
    assert embedded.stop(home)
    squatter = socket.socket()
    squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    squatter.bind(("127.0.0.1", port))
    squatter.listen()
    try:
        moved = campaign_db(home, "url")
        assert moved.returncode == 0, moved.stderr
        assert f"port {port} of the embedded server is taken" in moved.stderr
        new_port = embedded.running_server(home)
        assert new_port is not None and new_port.port != port
    finally:
        squatter.close()
    assert embedded.stop(home)
    assert embedded.ensure_running(home).port == new_port.port  # the new port is remembered


def test_a_home_from_an_older_campaign_db_is_secured_at_its_next_start(home: Path) -> None:
    """Older campaign-db homes used trust and had no secret: the next start
    sets a password, rewrites pg_hba.conf and keeps the data."""
    server = embedded.ensure_running(home)
    with psycopg.connect(to_libpq(server.url(), hide_password=False), autocommit=True) as connection:
        connection.execute("drop table if exists kept")
        connection.execute("create table kept (answer int)")
        connection.execute("insert into kept values (42)")
        connection.execute("alter role postgres password null")
    embedded.stop(home)
    (embedded.data_dir(home) / "pg_hba.conf").write_text("host all all 127.0.0.1/32 trust\n")
    embedded.secret_path(home).unlink()
    embedded.log_path(home).chmod(0o644)
    # the older server, running with trust
    as_server_user: dict[str, object] = {}
    if os.geteuid() == 0:
        entry = pwd.getpwnam(embedded.SYSTEM_USER)
        as_server_user = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
    subprocess.run(
        [str(embedded.bin_dir() / "pg_ctl"), "start", "-D", str(embedded.data_dir(home)), "-l",
         str(embedded.log_path(home)), "-w"],
        check=True, capture_output=True, cwd="/", **as_server_user,  # type: ignore[call-overload]
    )
    trusting = embedded.running_server(home)
    assert trusting is not None
    assert answers(f"postgresql://postgres@127.0.0.1:{trusting.port}/campaign")

    result = campaign_db(home, "url")
    assert result.returncode == 0, result.stderr
    secured = embedded.running_server(home)
    assert secured is not None and secured.password and secured.port == trusting.port
    with pytest.raises(psycopg.OperationalError, match="password"):
        answers(f"postgresql://postgres@127.0.0.1:{secured.port}/campaign")
    with psycopg.connect(to_libpq(secured.url(), hide_password=False)) as connection:
        assert connection.execute("select answer from kept").fetchone() == (42,)
    assert mode(embedded.secret_path(home)) == 0o600
    assert mode(embedded.log_path(home)) == 0o600


def test_a_server_that_cannot_start_says_why_and_where_its_log_is(home: Path) -> None:
    embedded.ensure_running(home)
    assert embedded.stop(home)
    with open(embedded.data_dir(home) / "postgresql.conf", "a") as conf:
        conf.write("\nshared_buffers = 'not a size'\n")
    broken = campaign_db(home, "up", "--no-seed")
    assert broken.returncode == 3
    assert len(broken.stderr.strip().splitlines()) == 1, broken.stderr
    assert "did not start" in broken.stderr
    assert str(embedded.log_path(home)) in broken.stderr
    assert "shared_buffers" in broken.stderr  # the log's complaint is shown
    assert "Traceback" not in broken.stderr
