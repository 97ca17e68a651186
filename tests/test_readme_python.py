"""README.md's Python section runs as written, against the seeded account."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import Engine

from campaign_db.config import to_libpq

README = Path(__file__).resolve().parent.parent / "README.md"


def python_blocks() -> list[str]:
    section = README.read_text(encoding="utf-8").split("## Python", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_orm_example_and_pandas_example_run(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    orm_example, pandas_example = python_blocks()
    assert len(orm_example.strip().splitlines()) <= 9 and len(pandas_example.strip().splitlines()) <= 3
    monkeypatch.setenv("DATABASE_URL", to_libpq(seeded_engine.url, hide_password=False))
    namespace: dict = {}
    exec(compile(orm_example, "README.md (Python)", "exec"), namespace)
    printed = capsys.readouterr().out.splitlines()
    assert "Sirik Azerbaijan denied" in printed
    exec(compile(pandas_example, "README.md (pandas)", "exec"), namespace)
    daily = namespace["daily"]
    assert list(daily.columns[:2]) == ["day", "place_id"] or "day" in daily.columns
    assert str(daily["day"].dtype).startswith("datetime64")
    assert len(daily) > 1000
    namespace["engine"].dispose()
