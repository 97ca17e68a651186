"""Helpers that migrations share: running a SQL script as written, and
refusing a downgrade that would destroy loaded data.

Kept deliberately small and stable: old revisions import it, so a change here
changes what they do.
"""

from __future__ import annotations

from alembic import context, op
from sqlalchemy import text


class DataLossRefused(RuntimeError):
    """A downgrade would drop loaded data and the user did not allow it."""


def run_sql(sql: str) -> None:
    """Run a script as written: straight to psycopg (no SQLAlchemy
    bind-parameter parsing of ``:`` and no ``%`` escaping), several
    statements at once."""
    driver_connection = op.get_bind().connection.driver_connection
    assert driver_connection is not None
    driver_connection.execute(sql)


def data_loss_allowed() -> bool:
    """True when the user ran ``alembic -x drop_data=yes downgrade ...`` (or
    the Python API passed the same)."""
    arguments = context.get_x_argument(as_dictionary=True)
    return arguments.get("drop_data", "").lower() in {"yes", "true", "1"}


def refuse_to_drop_data(table: str, what: str) -> None:
    """Stop a downgrade that would drop the rows of ``table`` unless allowed."""
    rows = op.get_bind().execute(text(f"select count(*) from {table}")).scalar_one()
    if rows and not data_loss_allowed():
        raise DataLossRefused(
            f"downgrading {what} would drop the data loaded in this database ({rows} rows in {table}); "
            "dump it first, then run `alembic -x drop_data=yes downgrade ...` to go ahead"
        )
