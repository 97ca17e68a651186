"""Declarative base shared by every table of the ``core`` schema.

Constraint names come from the naming convention below, so migrations,
tests and error messages can all refer to a constraint by a predictable name.
"""

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

CORE_SCHEMA = "core"

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(schema=CORE_SCHEMA, naming_convention=NAMING_CONVENTION)


class Base(DeclarativeBase):
    """Base class of the base tables (schema ``core``)."""

    metadata = metadata
