"""Every query of README.md's SQL cookbook runs on the seeded account, as
the read-only campaign_reader role, and gives the answer the README shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

README = Path(__file__).resolve().parent.parent / "README.md"


def recipes() -> list[tuple[str, str, list[str], int | None]]:
    cookbook = README.read_text(encoding="utf-8").split("## SQL cookbook", 1)[1].split("\n## ", 1)[0]
    found = []
    for section in re.split(r"\n### ", cookbook)[1:]:
        title = section.splitlines()[0]
        query = re.search(r"```sql\n(.*?)```", section, re.S)
        answer = re.search(r"^Answer([^:\n]*): (.+)$", section, re.M)
        assert query and answer, f"recipe {title!r} needs a sql block and an Answer line"
        count = re.search(r"\((\d+) rows", answer.group(1))
        found.append((title, query.group(1), re.findall(r"`([^`]+)`", answer.group(2)), int(count.group(1)) if count else None))
    return found


def render(row: tuple) -> str:
    return " | ".join("" if value is None else str(value) for value in row)


def test_the_cookbook_has_at_least_eight_recipes() -> None:
    assert len(recipes()) >= 8


@pytest.mark.parametrize(("title", "query", "answers", "count"), recipes(), ids=[r[0][:40] for r in recipes()])
def test_recipe_gives_its_answer(
    seeded_connection: Connection, title: str, query: str, answers: list[str], count: int | None
) -> None:
    seeded_connection.execute(text("set local role campaign_reader"))
    result = [render(tuple(row)) for row in seeded_connection.exec_driver_sql(query)]
    rows = set(result)
    if count is not None:
        assert len(result) == count, f"{title}: the README says {count} rows, the query gives {len(result)}"
    assert answers, f"{title}: no answer given"
    for answer in answers:
        assert answer in rows, f"{title}: {answer!r} is not among the {len(rows)} rows: {sorted(rows)[:10]}"
