"""Lint and type checks, so that the test command runs them wherever it runs:
ruff over the code and the tests, mypy --strict over the package, and
sqlfluff (PostgreSQL dialect, the house style of design §5) over the SQL of
the reporting revision. Each check runs the tool the test extra installs
and fails with the tool's own report."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    located = shutil.which(name)
    if located is None:
        pytest.fail(f"{name} is not installed: `pip install -e '.[test]'` installs it")
    return located


def check(*command: str, timeout: float = 600) -> None:
    result = subprocess.run(command, cwd=REPOSITORY, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}"


def test_ruff_finds_nothing() -> None:
    check(tool("ruff"), "check", "campaign_db", "tests", "migrations")


def test_mypy_strict_finds_nothing() -> None:
    check(tool("mypy"), "--strict", "campaign_db")


def test_sqlfluff_finds_nothing_in_the_reporting_sql() -> None:
    check(tool("sqlfluff"), "lint", "migrations/versions/0004_reporting", "migrations/versions/0005_derivation",
          "migrations/versions/0006_claim_details", "migrations/versions/0007_district_changes",
          "migrations/versions/0008_edit_probes", "migrations/versions/0009_edit_contests")
