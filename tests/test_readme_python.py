"""README.md's Python section runs as written, against the shipped campaigns:
the API example, the ORM example and the pandas example, in order, in one
namespace (the later ones use the first one's engine)."""

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


def test_api_orm_and_pandas_examples_run(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    api_example, orm_example, pandas_example = python_blocks()
    assert all(len(block.strip().splitlines()) <= 9 for block in (api_example, orm_example))
    assert len(pandas_example.strip().splitlines()) <= 3
    monkeypatch.setenv("DATABASE_URL", to_libpq(seeded_engine.url, hide_password=False))
    namespace: dict = {}
    try:
        exec(compile(api_example, "README.md (API)", "exec"), namespace)
        printed = capsys.readouterr().out.splitlines()
        assert "Sirik Azerbaijan denied" in printed
        assert "Jabrayil District Azerbaijan contradicted" in printed

        exec(compile(orm_example, "README.md (ORM)", "exec"), namespace)
        printed = capsys.readouterr().out.splitlines()
        assert printed[0] == "2022-05-31 Russia and allies corroborated"
        assert printed[-1] == "2022-10-01 Ukraine corroborated"

        exec(compile(pandas_example, "README.md (pandas)", "exec"), namespace)
        daily = namespace["daily"]
        assert "day" in daily.columns and str(daily["day"].dtype).startswith("datetime64")
        assert set(daily["campaign"]) == {"eastern-ukraine-2022"}
        assert len(daily) > 1000
    finally:
        if "engine" in namespace:
            namespace["engine"].dispose()
