"""The embedded server's lifecycle, driven through the command line in
separate processes as a user would: start, reuse, recover from kill -9, stop,
and a clear error when it cannot start."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from campaign_db import embedded


def campaign_db(home: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment["CAMPAIGN_DB_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "campaign_db", *arguments], env=environment, capture_output=True, text=True, timeout=180
    )


@pytest.fixture
def home() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="campaign-db-home-"))
    try:
        yield path
    finally:
        embedded.stop(path)
        shutil.rmtree(path, ignore_errors=True)


def answers(url: str) -> bool:
    with psycopg.connect(url, connect_timeout=5) as connection:
        return connection.execute("select 1").fetchone() == (1,)


def test_start_reuse_kill_recover_stop(home: Path) -> None:
    first = campaign_db(home, "up", "--no-seed")
    assert first.returncode == 0, first.stderr
    assert "schema:   migrated empty -> " in first.stdout
    server = embedded.running_server(home)
    assert server is not None

    # a second process finds the same server instead of starting another
    url = campaign_db(home, "url")
    assert url.returncode == 0, url.stderr
    assert url.stdout.strip() == f"postgresql://postgres@127.0.0.1:{server.port}/campaign"
    assert embedded.running_server(home) == server
    assert answers(url.stdout.strip())

    # kill -9 of the server: the next command recovers on the same data
    os.kill(server.pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while embedded.running_server(home) is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert embedded.running_server(home) is None
    again = campaign_db(home, "up", "--no-seed")
    assert again.returncode == 0, again.stderr
    assert "already up to date" in again.stdout
    recovered = embedded.running_server(home)
    assert recovered is not None and recovered.pid != server.pid
    assert answers(campaign_db(home, "url").stdout.strip())

    stopped = campaign_db(home, "stop")
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    assert embedded.running_server(home) is None


def test_a_server_that_cannot_start_says_why_and_where_its_log_is(home: Path) -> None:
    assert campaign_db(home, "up", "--no-seed").returncode == 0
    assert campaign_db(home, "stop").returncode == 0
    with open(embedded.data_dir(home) / "postgresql.conf", "a") as conf:
        conf.write("\nshared_buffers = 'not a size'\n")
    broken = campaign_db(home, "up", "--no-seed")
    assert broken.returncode == 2
    assert "did not start" in broken.stderr
    assert str(embedded.log_path(home)) in broken.stderr
    assert "shared_buffers" in broken.stderr  # the log's tail is shown
