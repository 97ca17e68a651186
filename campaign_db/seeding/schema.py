"""The seed format: one typed model per file, and per entry.

These models are the format. The loader validates every file with them
(pydantic reports every problem with its location at once), and
``campaign-db seed-schema`` writes their JSON Schema to ``seeds/schema/`` so
that an editor with a YAML language server validates and completes seed
files as they are typed. ``seeds/README.md`` explains each field for people.

Checks that need more than one entry (references, quotes against the
document, dates against the campaign's bounds) live in ``checks``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    WithJsonSchema,
    model_validator,
)

from ..models.vocabularies import (
    CLAIM_KINDS,
    COORDINATE_PRECISIONS,
    CORROBORATION_KINDS,
    DOCUMENT_KINDS,
    HEDGES,
    LOSS_CATEGORIES,
    LOSS_OUTCOMES,
    LOSS_QUALIFIERS,
    PLACE_KINDS,
    PLACE_ROLES,
    SOURCE_KINDS,
)

#: Plausibility bounds that hold whatever a campaign says: a year before 1800
#: or after 2200 is a typo, not a date of a documented war.
ABSOLUTE_EARLIEST = dt.date(1800, 1, 1)
ABSOLUTE_LATEST = dt.date(2200, 12, 31)

#: The largest loss figure accepted; a larger one is a typo (2·10⁹ tanks).
MAX_QUANTITY = 10_000_000

#: The longest text accepted in one field (a summary, a quote fragment, a note).
MAX_TEXT = 20_000

_BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_INVISIBLE = set("\u200b\u200c\u200d\u2060\ufeff")


def _script(character: str) -> str | None:
    """The script of a letter (LATIN, CYRILLIC, ARMENIAN, ARABIC, ...), or
    ``None`` for anything that is not a letter."""
    if not character.isalpha():
        return None
    name = unicodedata.name(character, "")
    return name.split(" ", 1)[0] if name else None


def _plain_text(value: str) -> str:
    """Refuse what makes text lie about itself: bidirectional overrides and
    invisible characters."""
    hidden = sorted({f"U+{ord(c):04X}" for c in value if c in _BIDI_CONTROLS or c in _INVISIBLE})
    if hidden:
        raise ValueError(f"contains invisible or bidirectional control characters ({', '.join(hidden)}); retype it")
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in value):
        raise ValueError("contains control characters")
    return value


def _one_script_per_word(value: str) -> str:
    """Refuse a name whose words mix scripts ("Аrmenia" with a Cyrillic А):
    a confusable spelling would be a second party or place that looks like
    the first."""
    _plain_text(value)
    for word in re.split(r"[\s\-–—/'’(),.]+", value):
        scripts = {script for script in map(_script, word) if script is not None}
        if len(scripts) > 1:
            raise ValueError(
                f"the word {word!r} mixes scripts ({', '.join(sorted(scripts))}): "
                "a look-alike letter from another alphabet? retype it"
            )
    return value


Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT), AfterValidator(_plain_text)
]
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), AfterValidator(_one_script_per_word)
]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=200)]
PartyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]*$", max_length=40)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=2000)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F]{64}$"), AfterValidator(str.lower)]
Fragment = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT)]
Quote = Annotated[list[Fragment], Field(min_length=1, max_length=200)]


def _date(value: Any) -> Any:
    """Dates are written YYYY-MM-DD (the reader keeps them as text)."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError(f"{value!r} is not a date written YYYY-MM-DD")
    return value.strip() if isinstance(value, str) else value


def _plausible(value: dt.date) -> dt.date:
    if not ABSOLUTE_EARLIEST <= value <= ABSOLUTE_LATEST:
        raise ValueError(f"{value} is not a plausible date (years {ABSOLUTE_EARLIEST.year}–{ABSOLUTE_LATEST.year})")
    return value


Day = Annotated[dt.date, BeforeValidator(_date), AfterValidator(_plausible)]


def _time(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value.strip()):
        raise ValueError(f'{value!r} is not a time written "HH:MM" (24 hours, quoted)')
    return value


TimeOfDay = Annotated[
    dt.time,
    BeforeValidator(_time),
    WithJsonSchema({"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "description": "local time HH:MM"}),
]


class DateRange(BaseModel):
    """A day, or ``[earliest, latest]`` when the account is vague, or
    ``[earliest, null]`` when it gives no end."""

    model_config = ConfigDict(frozen=True)

    earliest: dt.date
    latest: dt.date | None

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest


def _date_range(value: Any) -> Any:
    if isinstance(value, DateRange):
        return value
    if isinstance(value, (list, tuple)):
        if len(value) != 2:
            raise ValueError("a date range is [earliest, latest] (two dates; latest may be null)")
        earliest, latest = value
        if earliest is None:
            raise ValueError("a date range needs its earliest day (only the latest may be null: open)")
        earliest = _plausible(_parse_day(earliest))
        latest = None if latest is None else _plausible(_parse_day(latest))
        if latest is not None and latest < earliest:
            raise ValueError(f"the range ends ({latest}) before it starts ({earliest})")
        return DateRange(earliest=earliest, latest=latest)
    day = _plausible(_parse_day(value))
    return DateRange(earliest=day, latest=day)


def _parse_day(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        _date(value)
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a date of the calendar") from None
    raise ValueError(f"expected a date written YYYY-MM-DD, not {type(value).__name__}")


Dates = Annotated[
    DateRange,
    BeforeValidator(_date_range),
    WithJsonSchema(
        {
            "description": "a date YYYY-MM-DD, or [earliest, latest] (latest null: open)",
            "oneOf": [
                {"type": "string", "format": "date"},
                {
                    "type": "array",
                    "minItems": 2,
                    "maxItems": 2,
                    "prefixItems": [
                        {"type": "string", "format": "date"},
                        {"type": ["string", "null"], "format": "date"},
                    ],
                },
            ],
        }
    ),
]


def _by_shape(*keys: str) -> Discriminator:
    """Pick a union's branch by the value's shape, so that an error names the
    branch the writer meant ("@text" for a plain string, "@<key>" for a
    mapping with that key) instead of every branch; the "@" steps are left
    out of the field names in messages."""

    def tag(value: Any) -> str:
        if isinstance(value, dict):
            for key in keys:
                if key in value:
                    return f"@{key}"
            return f"@{keys[0]}"
        if isinstance(value, BaseModel):
            return f"@{next((k for k in keys if hasattr(value, k)), keys[0])}"
        if isinstance(value, (list, tuple)):
            return "@list"
        return "@text"

    return Discriminator(tag)


class Entry(BaseModel):
    """Every entry of every file: unknown fields are errors (a typo such as
    ``stated_tim`` is caught, not ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- campaign.yaml -------------------------------------------------------------------


class SideEntry(Entry):
    slug: Slug = Field(description="the side's key, shared by every campaign of the same war")
    name: Name = Field(description="display name, e.g. 'Armenia and Artsakh'")
    parties: list[PartyCode] = Field(min_length=1, description="codes of the parties fighting on this side")


class DocumentEntry(Entry):
    slug: Slug
    kind: Literal[DOCUMENT_KINDS] = Field(  # type: ignore[valid-type]
        "account", description="account: the account itself; gazetteer: cited only for place facts"
    )
    title: Text
    file: Annotated[str, StringConstraints(pattern=r"^[^/\\]+$", max_length=255)] = Field(
        description="the document's file name in this folder"
    )
    sha256: Sha256
    publisher: Text | None = None
    url: Url | None = None
    licence: Text | None = None
    retrieved_on: Day | None = None
    note: Text | None = None


class CampaignFile(Entry):
    """``campaign.yaml``: the campaign itself."""

    slug: Slug = Field(description="the campaign's key; must be the folder's name")
    title: Text
    war: Text | None = None
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")] = Field(
        description="dataset version MAJOR.MINOR.PATCH; bump it with every data change"
    )
    period: Dates = Field(description="[first day, last day] of the campaign: daily views and charts cover it")
    dates: Dates = Field(description="[earliest, latest] plausible date of anything in the folder")
    report_area_kind: Literal[PLACE_KINDS] = Field(description="the place kind reports group by")  # type: ignore[valid-type]
    sides: list[SideEntry] = Field(min_length=1)
    documents: list[DocumentEntry] = Field(min_length=1)
    note: Text | None = None

    @model_validator(mode="after")
    def _bounds(self) -> CampaignFile:
        if self.period.latest is None or self.dates.latest is None:
            raise ValueError("period and dates need both ends")
        if not (self.dates.earliest <= self.period.earliest and self.period.latest <= self.dates.latest):
            raise ValueError(
                f"the period [{self.period.earliest}, {self.period.latest}] must lie within "
                f"the dates [{self.dates.earliest}, {self.dates.latest}]"
            )
        return self


# --- parties.yaml, sources.yaml -----------------------------------------------------------


class PartyEntry(Entry):
    code: PartyCode = Field(description="short stable code in capitals, shared by every campaign")
    name: Name = Field(description="display name (the same code has the same name in every campaign)")
    note: Text | None = None


class SourceEntry(Entry):
    slug: Slug = Field(description="key, shared by every campaign that lists it")
    name: Name
    kind: Literal[SOURCE_KINDS]  # type: ignore[valid-type]
    party: PartyCode | None = Field(None, description="the party it speaks for; null = independent")
    note: Text | None = None

    @model_validator(mode="after")
    def _not_narrative(self) -> SourceEntry:
        if self.kind == "narrative":
            raise ValueError(
                "the narrative voice is implicit (one per account document): write `source: narrative` in claims"
            )
        return self


# --- places.yaml --------------------------------------------------------------------------


class Citation(Entry):
    """Where a gazetteer fact was read: a quote from a document of the folder,
    or a public page cited by its address."""

    document: Slug | None = Field(None, description="a document of this folder (default: the only account document)")
    url: Url | None = Field(None, description="a public page that states it")
    quote: Text = Field(description="the words of the document or page that state it")

    @model_validator(mode="after")
    def _one_source(self) -> Citation:
        if self.document is not None and self.url is not None:
            raise ValueError("cite a document or a url, not both")
        return self


class Spelling(Citation):
    name: Name


class AreaIn(Citation):
    area: Slug = Field(description="the area the place lies in")


class AreasOf(Citation):
    areas_of: Slug = Field(description="a place whose areas this one shares ('a village north of Hadrut')")


class Coordinates(Citation):
    latitude: Annotated[float, Field(ge=-90, le=90)]
    longitude: Annotated[float, Field(ge=-180, le=180)]
    precision: Literal[COORDINATE_PRECISIONS]  # type: ignore[valid-type]


class PlaceEntry(Entry):
    slug: Slug
    name: Name
    kind: Literal[PLACE_KINDS]  # type: ignore[valid-type]
    names: list[Annotated[Annotated[Name, Tag("@text")] | Annotated[Spelling, Tag("@name")], _by_shape("name")]] = (
        Field(default_factory=list, max_length=100)
    )
    areas: list[
        Annotated[Annotated[AreaIn, Tag("@area")] | Annotated[AreasOf, Tag("@areas_of")], _by_shape("area", "areas_of")]
    ] = Field(default_factory=list, max_length=50)
    coordinates: Coordinates | None = None
    note: Text | None = None


# --- claims.yaml ----------------------------------------------------------------------------


class ClaimPlaceEntry(Entry):
    place: Slug
    role: Literal[PLACE_ROLES] = "subject"  # type: ignore[valid-type]
    share: Annotated[float, Field(gt=0, le=100)] | None = Field(None, description="percent held, for a partial claim")


class DenialEntry(Entry):
    slug: Slug
    source: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*(:[a-z0-9][a-z0-9-]*)?$")]
    stated: Dates
    quote: Quote
    place: Slug | None = None
    counter_statement: Text | None = None
    document: Slug | None = None
    note: Text | None = None


class CorroborationEntry(Entry):
    slug: Slug
    source: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*(:[a-z0-9][a-z0-9-]*)?$")]
    kind: Literal[CORROBORATION_KINDS]  # type: ignore[valid-type]
    stated: Dates
    quote: Quote
    place: Slug | None = None
    document: Slug | None = None
    note: Text | None = None


class ClaimEntry(Entry):
    slug: Slug
    source: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*(:[a-z0-9][a-z0-9-]*)?$")] = Field(
        description="a source slug, or narrative (narrative:<document> when the campaign has several accounts)"
    )
    document: Slug | None = None
    kind: Literal[CLAIM_KINDS]  # type: ignore[valid-type]
    actor: PartyCode | None = None
    target: PartyCode | None = None
    stated: Dates
    stated_time: TimeOfDay | None = None
    occurred: Dates
    occurred_time: TimeOfDay | None = None
    hedge: Literal[HEDGES] | None = None  # type: ignore[valid-type]
    event: Slug | None = None
    same_as: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")] | None = Field(
        None, description="<campaign>/<claim slug>: the same statement in another campaign's account"
    )
    places: list[
        Annotated[Annotated[Slug, Tag("@text")] | Annotated[ClaimPlaceEntry, Tag("@place")], _by_shape("place")]
    ] = Field(default_factory=list, max_length=500)
    summary: Text
    quote: Quote
    note: Text | None = None
    denials: list[DenialEntry] = Field(default_factory=list, max_length=200)
    corroborations: list[CorroborationEntry] = Field(default_factory=list, max_length=200)

    def named_places(self) -> list[ClaimPlaceEntry]:
        return [ClaimPlaceEntry(place=item, share=None) if isinstance(item, str) else item for item in self.places]


# --- losses.yaml ------------------------------------------------------------------------------

Quantity = Annotated[int, Field(ge=0, le=MAX_QUANTITY)]


class LossEntry(Entry):
    slug: Slug
    reported_by: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*(:[a-z0-9][a-z0-9-]*)?$")]
    as_of: Day
    losing_party: PartyCode
    category: Literal[LOSS_CATEGORIES]  # type: ignore[valid-type]
    equipment: Text | None = None
    outcome: Literal[LOSS_OUTCOMES]  # type: ignore[valid-type]
    quantity: (
        Annotated[Annotated[Quantity, Tag("@text")] | Annotated[tuple[Quantity, Quantity], Tag("@list")], _by_shape()]
        | None
    ) = None
    qualifier: Literal[LOSS_QUALIFIERS]  # type: ignore[valid-type]
    place: Slug | None = None
    claim: Slug | None = None
    quote: Quote
    note: Text | None = None

    @model_validator(mode="after")
    def _quantity_fits_qualifier(self) -> LossEntry:
        ranged = isinstance(self.quantity, tuple)
        if self.qualifier == "unspecified":
            if self.quantity is not None:
                raise ValueError("an 'unspecified' figure has no quantity")
        elif self.quantity is None:
            raise ValueError(f"a '{self.qualifier}' figure needs a quantity")
        elif self.qualifier == "between":
            if not ranged or self.quantity[0] >= self.quantity[1]:  # type: ignore[index]
                raise ValueError("a 'between' figure is quantity: [low, high] with low < high")
        elif ranged:
            raise ValueError(f"a range [low, high] takes the qualifier 'between', not '{self.qualifier}'")
        return self

    @property
    def low_high(self) -> tuple[int | None, int | None]:
        """The figure as (low, high), like UCDP's low/high estimates."""
        if self.quantity is None:
            return None, None
        if isinstance(self.quantity, tuple):
            return self.quantity
        if self.qualifier == "at_least":
            return self.quantity, None
        if self.qualifier == "up_to":
            return None, self.quantity
        return self.quantity, self.quantity


#: file name → (model of one entry, is the file a list of entries)
FILES: dict[str, tuple[type[Entry], bool]] = {
    "campaign.yaml": (CampaignFile, False),
    "parties.yaml": (PartyEntry, True),
    "sources.yaml": (SourceEntry, True),
    "places.yaml": (PlaceEntry, True),
    "claims.yaml": (ClaimEntry, True),
    "losses.yaml": (LossEntry, True),
}

#: Files a campaign folder may leave out.
OPTIONAL_FILES = frozenset({"places.yaml", "claims.yaml", "losses.yaml"})


def json_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of every seed file, as ``seeds/schema/`` publishes them."""
    schemas: dict[str, dict[str, Any]] = {}
    for file, (model, is_list) in FILES.items():
        schema = model.model_json_schema()
        if is_list:
            definitions = schema.pop("$defs", {})
            definitions[model.__name__] = schema
            schema = {
                "type": "array",
                "items": {"$ref": f"#/$defs/{model.__name__}"},
                "$defs": definitions,
            }
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://campaign-db.invalid/schema/{file.removesuffix('.yaml')}.schema.json",
            "title": f"campaign-db seed file {file}",
            **schema,
        }
        schemas[file.removesuffix(".yaml") + ".schema.json"] = schema
    return schemas


def write_json_schemas(folder: Path) -> list[Path]:
    """Write the JSON Schema of every seed file into ``folder``; the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        path = folder / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
