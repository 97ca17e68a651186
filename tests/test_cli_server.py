"""The command line's server commands against a server given by
DATABASE_URL, and the help every command gives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from campaign_db.cli import build_parser
from campaign_db.config import to_libpq


def run(*arguments: str, database_url: str | None = None) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ)
    environment.pop("DATABASE_URL", None)
    if database_url:
        environment["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "campaign_db", *arguments], env=environment, check=False, capture_output=True, text=True, timeout=300
    )


def command_names() -> list[str]:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    return sorted(subparsers.choices)  # type: ignore[arg-type]


def test_top_level_help_teaches_where_the_database_is() -> None:
    result = run("--help")
    assert result.returncode == 0
    for word in ("DATABASE_URL", "CAMPAIGN_DB_HOME", "embedded", "campaign-db up"):
        assert word in result.stdout
    for name in command_names():
        assert name in result.stdout


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help_that_says_what_it_does(name: str) -> None:
    result = run(name, "--help")
    assert result.returncode == 0
    description = result.stdout.split("\n\n", 1)[1] if "\n\n" in result.stdout else ""
    assert len(description.split()) >= 8, f"`campaign-db {name} --help` says too little:\n{result.stdout}"


def test_up_twice_on_a_server_from_database_url(fresh_database_url: URL) -> None:
    url = to_libpq(fresh_database_url, hide_password=False)
    first = run("up", database_url=url)
    assert first.returncode == 0, first.stderr
    assert "(DATABASE_URL, PostgreSQL" in first.stdout
    assert "migrated empty -> " in first.stdout
    second = run("up", database_url=url)
    assert second.returncode == 0, second.stderr
    assert "already up to date" in second.stdout
    assert "shipped campaigns are loaded and their files unchanged" in second.stdout
    printed = run("url", database_url=url)
    assert printed.stdout.strip() == to_libpq(fresh_database_url)  # the password, if any, as ***
    shown = run("url", "--show-password", database_url=url)
    assert shown.stdout.strip() == url


def test_help_documents_every_exit_code() -> None:
    from campaign_db import cli

    result = run("--help")
    codes = {value for name, value in vars(cli).items() if name.startswith("EXIT_")}
    epilog = result.stdout.split("exit codes:", 1)[1]
    for code in codes:
        assert f"\n  {code} " in epilog, f"exit code {code} is not documented in --help"
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    commands = readme.split("## Commands", 1)[1].split("\n## ", 1)[0]
    for code in codes:
        assert f"| {code} |" in commands, f"exit code {code} is not documented in README's Commands section"


def test_debug_shows_the_traceback_and_nothing_else_does() -> None:
    plain = run("contested", database_url="postgresql://nobody@127.0.0.1:1/none")
    assert plain.returncode == 3 and "Traceback" not in plain.stderr
    assert len(plain.stderr.strip().splitlines()) == 1
    for debug in (("--debug", "contested"), ("contested", "--debug")):
        shown = run(*debug, database_url="postgresql://nobody@127.0.0.1:1/none")
        assert shown.returncode == 3 and "Traceback" in shown.stderr
        assert shown.stderr.strip().splitlines()[-1] == plain.stderr.strip()


def test_a_database_url_that_is_not_postgresql_is_refused() -> None:
    result = run("url", database_url="sqlite:///x.db")
    assert result.returncode == 2
    assert result.stderr.strip() == "campaign-db url: DATABASE_URL is not a PostgreSQL URL: sqlite:///x.db"
