"""Controlled vocabularies.

They are CHECK constraints, never PostgreSQL enum types: BI tools read enums
badly, and a CHECK can be widened by one small migration when the next
campaign needs a new value. The seed loader validates against the same
tuples, so a bad seed value is reported before it reaches the database, and
the seed format's JSON Schema lists them for editors.
"""

from sqlalchemy import CheckConstraint

SOURCE_KINDS = (
    "narrative",
    "ministry_of_defence",
    "military_command",
    "military_spokesman",
    "head_of_state",
    "head_of_government",
    "government",
    "authorities",
    "local_authority",
    "official",
    "news_outlet",
    "independent_analyst",
    "international_organisation",
    "social_media",
    "unnamed",
)

#: Settlements: what progress reports count and maps draw as places people live in.
SETTLEMENT_KINDS = ("city", "town", "village", "settlement")

#: Parts of a settlement, drawn on maps beside settlements.
SETTLEMENT_PART_KINDS = ("city_district", "neighbourhood")

#: Administrative areas: a place lies in at most one area of each of these kinds.
ADMINISTRATIVE_KINDS = (
    "country",
    "province",
    "oblast",
    "raion",
    "hromada",
    "district",
    "governorate",
    "subdistrict",
)

#: Areas that may overlap others of their kind ("Kharkiv Oblast west of the Oskil").
OVERLAPPING_AREA_KINDS = ("region",)

FEATURE_KINDS = (
    "island",
    "bridge",
    "dam",
    "river",
    "road",
    "border",
    "valley",
    "airbase",
    "military_base",
    "oil_field",
    "gas_field",
    "hill",
    "facility",
)

PLACE_KINDS = (
    SETTLEMENT_KINDS + SETTLEMENT_PART_KINDS + ADMINISTRATIVE_KINDS + OVERLAPPING_AREA_KINDS + FEATURE_KINDS
)

#: Coordinates: the point itself (a bridge), a settlement's centre as a gazetteer gives it, or approximate.
COORDINATE_PRECISIONS = ("exact", "settlement", "approximate")

#: How a place lies in an area: inside it, or beside a place whose areas it shares
#: ("a village north of Hadrut" lies in Hadrut's areas, not in Hadrut).
AREA_RELATIONS = ("in", "beside")

DOCUMENT_KINDS = ("account", "gazetteer")

#: Claim kinds control inference reads (design rules 1-5).
CONTROL_CLAIM_KINDS = ("capture", "control", "withdrawal", "presence", "partial")

CLAIM_KINDS = (
    *CONTROL_CLAIM_KINDS,
    "offensive",
    "advance",
    "clash",
    "siege",
    "encirclement",
    "shelling",
    "strike",
    "rocket_attack",
    "attack_attempt",
    "aircraft_downed",
    "retreat",
    "surrender",
    "footage",
    "ceasefire",
    "ceasefire_violation",
    "accusation",
    "admission",
    "appeal",
    "annexation",
    "mobilisation",
    "atrocity",
    "territory_gain",
    "statement",
)

HEDGES = ("likely", "reportedly", "apparently", "allegedly", "possibly", "unconfirmed")

PLACE_ROLES = ("subject", "origin", "near", "target")

CORROBORATION_KINDS = ("independent_confirmation", "footage", "adversary_admission", "analyst_assessment")

LOSS_CATEGORIES = (
    "personnel",
    "civilians",
    "prisoners",
    "tanks",
    "ifv",
    "apc",
    "vehicles",
    "artillery",
    "howitzers",
    "rocket_artillery",
    "air_defence",
    "radar",
    "uavs",
    "aircraft",
    "helicopters",
    "ships",
    "facilities",
    "equipment",
)

LOSS_OUTCOMES = (
    "killed",
    "injured",
    "missing",
    "destroyed",
    "damaged",
    "downed",
    "captured",
    "fled",
    "abandoned",
    "surrendered",
)

LOSS_QUALIFIERS = ("exact", "at_least", "approximately", "up_to", "between", "unspecified")


def one_of(column: str, values: tuple[str, ...], name: str) -> CheckConstraint:
    """A CHECK constraint that ``column`` holds one of ``values``."""
    listed = ", ".join(f"'{value}'" for value in values)
    return CheckConstraint(f"{column} in ({listed})", name=name)


def sql_list(values: tuple[str, ...]) -> str:
    """``values`` as a SQL list literal: ``('a', 'b')``."""
    return "(" + ", ".join(f"'{value}'" for value in values) + ")"
