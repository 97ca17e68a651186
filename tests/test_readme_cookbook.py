"""Every recipe of README.md's SQL cookbook runs on the shipped campaigns, as
the read-only campaign_reader role, and gives the answer the README shows.

A recipe is a ``### title`` with one ```sql block and, after it, its answer:
``Answer (N rows):`` followed by a ```text block holding the whole result in
order, or ``Answer (K of N rows):`` holding K of its N rows. A row is its
values joined by `` | `` (null as nothing), trailing blanks ignored."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Connection

REPOSITORY = Path(__file__).resolve().parent.parent
README = REPOSITORY / "README.md"
SEEDS = REPOSITORY / "seeds"

ANSWER = re.compile(r"^Answer \((?:(\d+) of )?(\d+) rows?\):\n```text\n(.*?)```", re.M | re.S)


@dataclass(frozen=True)
class Recipe:
    title: str
    queries: list[str]
    answers: list[tuple[str, str, str]]  # (shown, total, block) of each answer found

    @property
    def query(self) -> str:
        return self.queries[0] if self.queries else ""


def recipes() -> list[Recipe]:
    cookbook = README.read_text(encoding="utf-8").split("## SQL cookbook", 1)[1].split("\n## ", 1)[0]
    return [
        Recipe(
            title=section.splitlines()[0],
            queries=re.findall(r"```sql\n(.*?)```", section, re.S),
            answers=ANSWER.findall(section),
        )
        for section in re.split(r"\n### ", cookbook)[1:]
    ]


def shipped_campaigns() -> list[str]:
    return sorted(folder.name for folder in SEEDS.iterdir() if (folder / "campaign.yaml").exists())


def render(row: tuple) -> str:
    return " | ".join("" if value is None else str(value) for value in row).rstrip()


def test_the_cookbook_has_at_least_ten_recipes() -> None:
    assert len(recipes()) >= 10


def test_the_cookbook_covers_every_campaign_and_compares_them() -> None:
    campaigns = shipped_campaigns()
    assert len(campaigns) >= 3
    for campaign in campaigns:
        using = [recipe.title for recipe in recipes() if f"'{campaign}'" in recipe.query]
        assert len(using) >= 2, f"only {len(using)} recipe(s) use campaign {campaign}: {using}"
    across = [recipe.title for recipe in recipes() if not any(f"'{slug}'" in recipe.query for slug in campaigns)]
    assert across, "no recipe spans the campaigns (campaign = 'all', or every campaign at once)"


@pytest.mark.parametrize("recipe", recipes(), ids=[recipe.title[:40] for recipe in recipes()])
def test_recipe_gives_its_answer(seeded_connection: Connection, recipe: Recipe) -> None:
    assert len(recipe.queries) == 1, f"{recipe.title}: needs exactly one sql block, has {len(recipe.queries)}"
    assert len(recipe.answers) == 1, f"{recipe.title}: needs exactly one 'Answer (... rows):' text block"
    shown, total, block = recipe.answers[0]
    rows = [line.rstrip() for line in block.splitlines()]
    assert rows, f"{recipe.title}: the answer shows no row"
    assert len(rows) == int(shown or total), f"{recipe.title}: the answer says {shown or total} rows, shows {len(rows)}"

    seeded_connection.exec_driver_sql("set local role campaign_reader")
    result = [render(tuple(row)) for row in seeded_connection.exec_driver_sql(recipe.query)]

    assert len(result) == int(total), f"{recipe.title}: the README says {total} rows, the query gives {len(result)}"
    if shown:
        missing = [row for row in rows if row not in result]
        assert not missing, f"{recipe.title}: {missing} not among the rows: {result[:10]}"
    else:
        assert result == rows, f"{recipe.title}: the query gives\n" + "\n".join(result)
