"""Controlled vocabularies.

They are CHECK constraints, never PostgreSQL enum types: BI tools read enums
badly, and a CHECK can be widened by one small migration when the next
campaign needs a new value. The seed loader validates against the same
tuples, so a bad seed value is reported before it reaches the database.
"""

from sqlalchemy import CheckConstraint

SOURCE_KINDS = (
    "ministry_of_defence",
    "head_of_state",
    "head_of_government",
    "government",
    "authorities",
    "news_outlet",
    "international_organisation",
    "narrative",
)

PLACE_KINDS = (
    "city",
    "town",
    "village",
    "district",
    "province",
    "country",
    "region",
    "bridge",
    "dam",
    "river",
    "border",
    "valley",
)

#: Place kinds that count as settlements in progress reports.
SETTLEMENT_KINDS = ("city", "town", "village")

COORDINATE_PRECISIONS = ("exact", "approximate", "centroid")

CLAIM_KINDS = (
    "capture",
    "control",
    "offensive",
    "clash",
    "shelling",
    "rocket_attack",
    "attack_attempt",
    "aircraft_downed",
    "retreat",
    "footage",
    "ceasefire",
    "ceasefire_violation",
    "accusation",
    "admission",
    "appeal",
)

#: Claim kinds whose acting party is the (new) controller of the named places.
CONTROL_CLAIM_KINDS = ("capture", "control")

PLACE_ROLES = ("subject", "origin", "near", "target")

CORROBORATION_KINDS = ("independent_confirmation", "footage", "adversary_admission")

LOSS_CATEGORIES = (
    "personnel",
    "civilians",
    "tanks",
    "vehicles",
    "rocket_artillery",
    "howitzers",
    "air_defence",
    "uavs",
    "aircraft",
)

LOSS_OUTCOMES = ("killed", "injured", "destroyed", "downed", "captured")

LOSS_QUALIFIERS = ("exact", "at_least", "unspecified")


def one_of(column: str, values: tuple[str, ...], name: str) -> CheckConstraint:
    """A CHECK constraint that ``column`` holds one of ``values``."""
    listed = ", ".join(f"'{value}'" for value in values)
    return CheckConstraint(f"{column} in ({listed})", name=name)
