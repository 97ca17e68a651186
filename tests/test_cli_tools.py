"""`campaign-db psql` opens psql with the reporting views first and the
password in its environment only, and the progress bar shows on a terminal
only."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import uuid

import pytest
from sqlalchemy import Engine

from campaign_db.config import to_libpq
from campaign_db.progress import Progress


def test_psql_has_reporting_on_its_search_path_and_lists_the_views(seeded_engine: Engine) -> None:
    environment = dict(os.environ, DATABASE_URL=to_libpq(seeded_engine.url, hide_password=False))
    result = subprocess.run(
        [sys.executable, "-m", "campaign_db", "psql", "--", "-At", "-c", "show search_path",
         "-c", "select count(*) > 0 from contested_claims"],
        env=environment, check=False, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    hint, search_path, answer = result.stdout.strip().splitlines()
    assert hint.startswith("reporting: ") and "control_as_of()" in hint and "contested_claims" in hint
    assert search_path == "reporting"
    assert answer == "t"


def test_psql_gets_the_password_in_its_environment_never_its_command_line(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The password must not show in the process list (`ps`, /proc/PID/cmdline)."""
    from campaign_db import cli, config

    password = "pw-" + uuid.uuid4().hex
    url = seeded_engine.url
    executed: list[tuple[str, list[str], dict[str, str]]] = []
    monkeypatch.setattr(
        config, "resolve", lambda start_embedded=True: config.Target(url.set(password=password), "DATABASE_URL")
    )
    monkeypatch.setattr("campaign_db.cli.shell.reporting_objects", lambda target_url: ["claims"])
    monkeypatch.setattr(os, "execve", lambda path, argv, env: executed.append((path, list(argv), dict(env))))
    monkeypatch.setattr("campaign_db.database._application_name", "campaign-db")  # main() sets it: restore it
    assert cli.main(["psql", "--", "-c", "select 1"]) == 0
    (_, argv, env), = executed
    assert all(password not in argument for argument in argv)
    assert argv[1] == to_libpq(url._replace(password=None), hide_password=False)
    assert env["PGPASSWORD"] == password
    assert env["PGOPTIONS"] == "-c search_path=reporting"
    assert password not in capsys.readouterr().out


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_on_a_terminal_and_stays_silent_in_a_pipe() -> None:
    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = Progress(2, "exporting", stream=stream)
        progress.step("claims")
        progress.step("losses")
    assert "exporting [" in terminal.getvalue() and "2/2" in terminal.getvalue()
    assert terminal.getvalue().endswith("\n")
    assert pipe.getvalue() == ""
