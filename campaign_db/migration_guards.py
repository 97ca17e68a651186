"""Helpers that migrations share: running a SQL script as written, listing
a revision's SQL files, finding an earlier revision's text (and comment) of
an object it replaces, and refusing a downgrade that would destroy loaded
data.

Kept deliberately small and stable: old revisions import it, so a change here
changes what they do.

Which downgrades drop data: 0001's (it drops the base tables: any row in
``core`` is lost) and 0003's (several campaigns cannot live in a round-1
schema). 0002's and 0004's drop views only. ``guard_downgrades`` checks the
whole plan before the first step runs (0001 was written before this guard and
cannot check for itself), so ``alembic downgrade base`` on a loaded database
refuses without touching anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from alembic import context, op
from alembic.runtime.migration import MigrationContext
from alembic.util import CommandError
from sqlalchemy import Connection, text

#: revision → (what its downgrade drops, the query counting the rows it would lose)
DATA_DROPPING_DOWNGRADES: dict[str, tuple[str, str]] = {
    "0001": ("revision 0001 (the base tables)", "core"),
    "0003": ("revision 0003 (several campaigns in one database)", "core.campaigns"),
}


class DataLossRefused(CommandError, RuntimeError):
    """A downgrade would drop loaded data and the user did not allow it."""


def run_sql(sql: str) -> None:
    """Run a script as written: straight to psycopg (no SQLAlchemy
    bind-parameter parsing of ``:`` and no ``%`` escaping), several
    statements at once."""
    driver_connection = op.get_bind().connection.driver_connection
    assert driver_connection is not None
    driver_connection.execute(sql)


def files_in_order(objects: Iterable[Any]) -> list[str]:
    """The SQL files of a revision's objects (each with a ``file``), in
    creation order, each once."""
    seen: list[str] = []
    for sql_object in objects:
        if sql_object.file not in seen:
            seen.append(sql_object.file)
    return seen


def definition_in(path: Path, kind: str, name: str) -> str:
    """The ``create`` statement of ``name`` (a ``kind``: view or function)
    in the SQL file ``path``, as ``create or replace`` (its comments, grants
    and triggers stay as they are): how a downgrade puts back the text an
    earlier revision gave a replaced object."""
    sql = path.read_text(encoding="utf-8")
    bare_name = re.escape(name.split("(")[0])
    end = r"\$function\$;" if kind == "function" else r";\n"
    found = re.search(rf"^create (?:or replace )?{kind} {bare_name}\b.*?{end}", sql, re.S | re.M)
    if found is None:
        raise LookupError(f"{path.name} has no `create {kind} {name}`")
    text = found.group(0)
    if not text.startswith("create or replace"):
        text = text.replace(f"create {kind} ", f"create or replace {kind} ", 1)
    return text


def comment_in(path: Path, target: str) -> str:
    """The ``comment on`` statement of ``target`` (``function name(args)``,
    ``view name``) in the SQL file ``path``: how a downgrade puts back the
    comment an earlier revision gave an object whose text it replaced."""
    sql = path.read_text(encoding="utf-8")
    found = re.search(rf"^comment on {re.escape(target)} is\n'(?:[^']|'')*';", sql, re.M)
    if found is None:
        raise LookupError(f"{path.name} has no `comment on {target}`")
    return found.group(0)


def data_loss_allowed() -> bool:
    """True when the user ran ``alembic -x drop_data=yes downgrade ...`` (or
    the Python API passed the same: ``migrate.downgrade(..., drop_data=True)``)."""
    arguments = context.get_x_argument(as_dictionary=True)
    return arguments.get("drop_data", "").lower() in {"yes", "true", "1"}


def _refusal(what: str, rows: int, where: str) -> DataLossRefused:
    counted = f"{rows} row{'' if rows == 1 else 's'} in {where}"
    return DataLossRefused(
        f"downgrading {what} would drop the data loaded in this database ({counted}); "
        "dump it first, then run `alembic -x drop_data=yes downgrade ...` to go ahead"
    )


def refuse_to_drop_data(table: str, what: str) -> None:
    """Stop a downgrade that would drop the rows of ``table`` unless allowed."""
    rows = op.get_bind().execute(text(f"select count(*) from {table}")).scalar_one()
    if rows and not data_loss_allowed():
        raise _refusal(what, rows, table)


def count_rows(connection: Connection, where: str) -> int:
    """Rows in a table (``schema.table``) or in every table of a schema;
    0 for what does not exist."""
    if "." in where:
        if connection.execute(text("select to_regclass(:name)"), {"name": where}).scalar() is None:
            return 0
        return int(connection.execute(text(f"select count(*) from {where}")).scalar_one())
    tables = connection.execute(
        text(
            "select quote_ident(n.nspname) || '.' || quote_ident(c.relname) from pg_class as c "
            "inner join pg_namespace as n on n.oid = c.relnamespace "
            "where n.nspname = :schema and c.relkind in ('r', 'p') order by 1"
        ),
        {"schema": where},
    ).scalars().all()
    return sum(int(connection.execute(text(f"select count(*) from {table}")).scalar_one()) for table in tables)


def guard_downgrades(migration_context: MigrationContext, allowed: Callable[[], bool] = data_loss_allowed) -> None:
    """Before the first step of a run: refuse when the plan holds a
    downgrade that drops data and the database has such data, unless
    ``allowed()``.

    Alembic computes the plan lazily inside ``run_migrations``; this wraps
    the function that yields it (``MigrationContext._migrations_fn``, stable
    across Alembic 1.x) so that the whole plan is checked first.
    """
    plan = getattr(migration_context, "_migrations_fn", None)
    if plan is None:
        return

    def checked_plan(heads: Any, run_context: MigrationContext) -> Iterable[Any]:
        steps = list(plan(heads, run_context))
        connection = run_context.connection
        if connection is None or allowed():
            return steps
        for step in steps:
            revision = getattr(getattr(step, "revision", None), "revision", None)
            if getattr(step, "is_upgrade", True) or revision not in DATA_DROPPING_DOWNGRADES:
                continue
            what, where = DATA_DROPPING_DOWNGRADES[revision]
            rows = count_rows(connection, where)
            if rows:
                raise _refusal(what, rows, f"the tables of schema {where}" if "." not in where else where)
        return steps

    migration_context._migrations_fn = checked_plan
