"""README.md's two commands are single copy-pasteable lines, and .ci/run runs
exactly the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    quick_start = (REPOSITORY / "README.md").read_text().split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", quick_start, re.S)]


def test_quick_start_has_two_one_line_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)
    main_job, tests = commands
    assert main_job.endswith("campaign-db up")
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPOSITORY / ".ci" / "run").read_text()
    declared = re.search(r'^TEST_COMMAND="(.*)"$', ci, re.M)
    assert declared is not None
    assert declared.group(1) == readme_commands()[1]
    assert ci.count('bash -c "$TEST_COMMAND"') == 2  # embedded server, then 127.0.0.1:5432
