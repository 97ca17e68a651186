"""Idempotent writes on natural keys.

Every entry is written with ``insert ... on conflict (key) do update ... where
(columns) is distinct from (excluded columns)``: a row whose values did not
change is not touched at all (no new row version, no trigger, no WAL), which
is also how the load tells inserted, updated and unchanged rows apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, Table, literal_column, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError

from .errors import SeedError, SeedProblem
from .report import TableCounts

Row = tuple[str, Mapping[str, Any]]  # (entry name for error messages, column values)


def database_problem(error: DBAPIError, file: str, entry: str) -> SeedProblem:
    """A database error while writing one entry, as a seed problem."""
    diagnostic = getattr(getattr(error, "orig", None), "diag", None)
    field = (
        getattr(diagnostic, "constraint_name", None) or getattr(diagnostic, "column_name", None) or "(database)"
    )
    message = getattr(diagnostic, "message_primary", None) or str(error.orig or error).splitlines()[0]
    return SeedProblem(file, entry, field, f"the database refused it: {message}")


def execute_for_entry(connection: Connection, statement: Any, context: tuple[Any, str, str]) -> Any:
    """Execute ``statement``; a database error names the file and entry being written."""
    folder, file, entry = context
    try:
        return connection.execute(statement)
    except DBAPIError as error:
        raise SeedError(folder, [database_problem(error, file, entry)]) from error


def upsert(
    connection: Connection,
    table: Table,
    key: str,
    rows: Iterable[Row],
    counts: TableCounts,
    where: tuple[Any, str],
) -> dict[Any, int]:
    """Upsert ``rows`` on the unique column ``key``; return key → primary key.

    ``where`` is (folder, file name), for error messages.
    """
    folder, file = where
    primary_key = next(iter(table.primary_key.columns))
    keys: list[Any] = []
    for entry, values in rows:
        counts.in_files += 1
        keys.append(values[key])
        inserting = insert(table).values(dict(values))
        columns = [name for name in values if name != key]
        upserting = inserting.on_conflict_do_update(
            index_elements=[table.c[key]],
            set_={name: inserting.excluded[name] for name in columns},
            where=tuple_(*(table.c[name] for name in columns)).is_distinct_from(
                tuple_(*(inserting.excluded[name] for name in columns))
            ),
        ).returning(primary_key, literal_column("xmax = 0").label("is_inserted"))
        written = execute_for_entry(connection, upserting, (folder, file, entry)).first()
        if written is None:
            counts.unchanged += 1
        elif written.is_inserted:
            counts.inserted += 1
        else:
            counts.updated += 1
    if not keys:
        return {}
    found = connection.execute(select(table.c[key], primary_key).where(table.c[key].in_(keys)))
    return {row[0]: row[1] for row in found}
