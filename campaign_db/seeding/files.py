"""The seed files of one campaign folder, read into typed records.

Each file is a YAML list of entries (``document.yaml`` is one mapping). This
module checks each entry on its own: fields, types, vocabularies, dates and
quotes. References between entries are checked in ``references``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ..models.vocabularies import (
    CLAIM_KINDS,
    COORDINATE_PRECISIONS,
    CORROBORATION_KINDS,
    LOSS_CATEGORIES,
    LOSS_OUTCOMES,
    LOSS_QUALIFIERS,
    PLACE_KINDS,
    PLACE_ROLES,
    SOURCE_KINDS,
)
from .errors import Problems
from .fields import Entry
from .quotes import DocumentText, join_fragments
from .records import (
    ClaimPlaceRecord,
    ClaimRecord,
    CorroborationRecord,
    DenialRecord,
    DocumentRecord,
    LossRecord,
    PartyRecord,
    PlaceRecord,
    SourceRecord,
)
from .yaml_files import read_yaml

DOCUMENT_FILE = "document.yaml"
PARTIES_FILE = "parties.yaml"
SOURCES_FILE = "sources.yaml"
PLACES_FILE = "places.yaml"
CLAIMS_FILE = "claims.yaml"
LOSSES_FILE = "losses.yaml"


def _entries(value: Any, file: str, problems: Problems) -> list[tuple[str, Any]]:
    """The entries of a list file, each with its position ("#1", ...)."""
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add(file, "(file)", "(file)", "expected a list of entries, each starting with '- '")
        return []
    return [(f"#{index + 1}", item) for index, item in enumerate(value)]


def _quote(entry: Entry, document: DocumentText | None, field: str = "quote") -> str | None:
    fragments = entry.text_list(field)
    if fragments is None:
        return None
    if not fragments:
        entry.fail(field, "a quote needs at least one fragment of the document")
        return None
    if document is not None:
        mismatch = document.check(fragments)
        if mismatch is not None:
            entry.fail(f"{field}[{mismatch.fragment_index}]", mismatch.message)
            return None
    return join_fragments(fragments)


def read_document(folder: Path, problems: Problems) -> DocumentRecord | None:
    value = read_yaml(folder, DOCUMENT_FILE, problems)
    if value is None:
        return None
    entry = Entry(
        problems, DOCUMENT_FILE, "(document)", value,
        allowed=("slug", "title", "publisher", "url", "licence", "retrieved_on", "file", "sha256"),
        required=("slug", "title", "file", "sha256"),
    )
    slug, title, file, sha256 = entry.slug(), entry.text("title"), entry.text("file"), entry.text("sha256")
    publisher, url, licence = entry.text("publisher"), entry.text("url"), entry.text("licence")
    retrieved_on = entry.day("retrieved_on")
    content: str | None = None
    if file is not None:
        path = folder / file
        if Path(file).name != file or not path.is_file():
            entry.fail("file", f"{file!r} is not a file in {folder}")
        else:
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if sha256 is not None and digest != sha256.lower():
                entry.fail(
                    "sha256", f"{file} has SHA-256 {digest}, not {sha256}: the file changed, or the hash is wrong"
                )
            try:
                content = data.decode("utf-8")
            except UnicodeDecodeError as error:
                entry.fail("file", f"{file} is not UTF-8 text: {error}")
    if entry.had_problem or None in (slug, title, file, sha256, content):
        return None
    assert slug and title and file and sha256 and content is not None
    return DocumentRecord(slug, title, publisher, url, licence, retrieved_on, file, sha256.lower(), content)


def read_parties(folder: Path, problems: Problems) -> list[PartyRecord]:
    records = []
    for position, value in _entries(read_yaml(folder, PARTIES_FILE, problems), PARTIES_FILE, problems):
        entry = Entry(problems, PARTIES_FILE, position, value, ("code", "name", "note"), ("code", "name"), "code")
        code, name, note = entry.code(), entry.text("name"), entry.text("note")
        if not entry.had_problem and code and name:
            records.append(PartyRecord(code, name, note))
    return records


def read_sources(folder: Path, problems: Problems) -> list[SourceRecord]:
    records = []
    for position, value in _entries(read_yaml(folder, SOURCES_FILE, problems), SOURCES_FILE, problems):
        entry = Entry(
            problems, SOURCES_FILE, position, value,
            ("slug", "name", "kind", "party", "note"), ("slug", "name", "kind"),
        )
        slug, name, kind = entry.slug(), entry.text("name"), entry.choice("kind", SOURCE_KINDS)
        party, note = entry.text("party"), entry.text("note")
        if not entry.had_problem and slug and name and kind:
            records.append(SourceRecord(slug, name, kind, party, note))
    return records


def read_places(folder: Path, problems: Problems) -> list[PlaceRecord]:
    records = []
    for position, value in _entries(read_yaml(folder, PLACES_FILE, problems), PLACES_FILE, problems):
        entry = Entry(
            problems, PLACES_FILE, position, value,
            ("slug", "name", "kind", "parent", "names", "note", "latitude", "longitude", "coordinate_precision"),
            ("slug", "name", "kind"),
        )
        slug, name, kind = entry.slug(), entry.text("name"), entry.choice("kind", PLACE_KINDS)
        parent, note = entry.text("parent"), entry.text("note")
        spellings = entry.text_list("names") or []
        latitude, longitude = entry.number("latitude"), entry.number("longitude")
        precision = entry.choice("coordinate_precision", COORDINATE_PRECISIONS)
        if (latitude is None) != (longitude is None) or (latitude is None) != (precision is None):
            entry.fail("latitude", "give latitude, longitude and coordinate_precision together, or none of them")
        if latitude is not None and not -90 <= latitude <= 90:
            entry.fail("latitude", f"{latitude} is not between -90 and 90")
        if longitude is not None and not -180 <= longitude <= 180:
            entry.fail("longitude", f"{longitude} is not between -180 and 180")
        spellings = [spelling.strip() for spelling in spellings]
        if len(spellings) != len(set(spellings)):
            entry.fail("names", "a spelling is listed twice")
        names = ([name] if name else []) + [spelling for spelling in spellings if spelling != name]
        if not entry.had_problem and slug and name and kind:
            records.append(PlaceRecord(slug, name, kind, parent, tuple(names), note, latitude, longitude, precision))
    return records


def _claim_places(entry: Entry) -> tuple[ClaimPlaceRecord, ...]:
    value = entry.raw("places")
    if value is None:
        return ()
    if not isinstance(value, list):
        entry.fail("places", "expected a list of place slugs or {place: slug, role: ...}")
        return ()
    places: list[ClaimPlaceRecord] = []
    for index, item in enumerate(value):
        field = f"places[{index}]"
        if isinstance(item, str):
            place, role = item.strip(), "subject"
        elif isinstance(item, dict) and set(item) <= {"place", "role"} and isinstance(item.get("place"), str):
            place, role = item["place"].strip(), item.get("role", "subject")
            if role not in PLACE_ROLES:
                entry.fail(field, f"unknown role {role!r}; expected one of: {', '.join(PLACE_ROLES)}")
                continue
        else:
            entry.fail(field, "expected a place slug or {place: slug, role: subject|origin|near|target}")
            continue
        if any(existing.place == place for existing in places):
            entry.fail(field, f"the place {place!r} is listed twice")
            continue
        places.append(ClaimPlaceRecord(place, role))
    return tuple(places)


def _denial(
    claim: Entry, claim_slug: str, position: str, value: Any, document: DocumentText | None
) -> DenialRecord | None:
    entry = Entry(
        claim.problems, CLAIMS_FILE, f"{position} of {claim_slug}", value,
        ("slug", "source", "stated", "place", "quote", "counter_statement", "note"),
        ("slug", "source", "stated", "quote"),
        context=f"denial of {claim_slug}",
    )
    slug, source, stated = entry.slug(), entry.text("source"), entry.date_range("stated")
    place, quote = entry.text("place"), _quote(entry, document)
    counter, note = entry.text("counter_statement"), entry.text("note")
    if entry.had_problem or not (slug and source and stated and quote):
        claim.had_problem = True
        return None
    return DenialRecord(slug, claim_slug, source, stated, place, quote, counter, note)


def _corroboration(
    claim: Entry, claim_slug: str, position: str, value: Any, document: DocumentText | None
) -> CorroborationRecord | None:
    entry = Entry(
        claim.problems, CLAIMS_FILE, f"{position} of {claim_slug}", value,
        ("slug", "source", "kind", "stated", "place", "quote", "note"),
        ("slug", "source", "kind", "stated", "quote"),
        context=f"corroboration of {claim_slug}",
    )
    slug, source = entry.slug(), entry.text("source")
    kind, stated = entry.choice("kind", CORROBORATION_KINDS), entry.date_range("stated")
    place, quote, note = entry.text("place"), _quote(entry, document), entry.text("note")
    if entry.had_problem or not (slug and source and kind and stated and quote):
        claim.had_problem = True
        return None
    return CorroborationRecord(slug, claim_slug, source, kind, stated, place, quote, note)


def read_claims(folder: Path, problems: Problems, document: DocumentText | None) -> list[ClaimRecord]:
    records = []
    for position, value in _entries(read_yaml(folder, CLAIMS_FILE, problems), CLAIMS_FILE, problems):
        entry = Entry(
            problems, CLAIMS_FILE, position, value,
            (
                "slug", "source", "kind", "actor", "target", "stated", "stated_time", "occurred",
                "occurred_time", "event", "places", "summary", "quote", "note", "denials", "corroborations",
            ),
            ("slug", "source", "kind", "stated", "occurred", "summary", "quote"),
        )
        slug, source, kind = entry.slug(), entry.text("source"), entry.choice("kind", CLAIM_KINDS)
        actor, target = entry.text("actor"), entry.text("target")
        stated, occurred = entry.date_range("stated"), entry.date_range("occurred")
        stated_time, occurred_time = entry.time("stated_time"), entry.time("occurred_time")
        if stated and occurred and occurred.earliest > stated.latest:
            entry.fail(
                "occurred", f"the event cannot start ({occurred.earliest}) after the statement ({stated.latest})"
            )
        event, summary, note = entry.text("event"), entry.text("summary"), entry.text("note")
        places = _claim_places(entry)
        quote = _quote(entry, document)
        claim_slug = slug or entry.name
        denials = [
            _denial(entry, claim_slug, f"denials[{index}]", item, document)
            for index, item in enumerate(entry.entries("denials"))
        ]
        corroborations = [
            _corroboration(entry, claim_slug, f"corroborations[{index}]", item, document)
            for index, item in enumerate(entry.entries("corroborations"))
        ]
        if entry.had_problem or not (slug and source and kind and stated and occurred and summary and quote):
            continue
        records.append(
            ClaimRecord(
                slug, source, kind, actor, target, stated, stated_time, occurred, occurred_time, event,
                places, summary, quote, note,
                tuple(d for d in denials if d is not None),
                tuple(c for c in corroborations if c is not None),
            )
        )
    return records


def read_losses(folder: Path, problems: Problems, document: DocumentText | None) -> list[LossRecord]:
    records = []
    value = read_yaml(folder, LOSSES_FILE, problems, required=False)
    for position, item in _entries(value, LOSSES_FILE, problems):
        entry = Entry(
            problems, LOSSES_FILE, position, item,
            (
                "slug", "reported_by", "as_of", "losing_party", "category", "equipment", "outcome",
                "quantity", "qualifier", "place", "claim", "quote", "note",
            ),
            ("slug", "reported_by", "as_of", "losing_party", "category", "outcome", "qualifier", "quote"),
        )
        slug, reported_by, as_of = entry.slug(), entry.text("reported_by"), entry.day("as_of")
        losing_party = entry.text("losing_party")
        category, outcome = entry.choice("category", LOSS_CATEGORIES), entry.choice("outcome", LOSS_OUTCOMES)
        qualifier, quantity = entry.choice("qualifier", LOSS_QUALIFIERS), entry.integer("quantity")
        if qualifier is not None and (quantity is None) != (qualifier == "unspecified"):
            entry.fail("quantity", "give a quantity unless the qualifier is 'unspecified' (and none when it is)")
        equipment, place, claim = entry.text("equipment"), entry.text("place"), entry.text("claim")
        quote, note = _quote(entry, document), entry.text("note")
        if entry.had_problem or not (slug and reported_by and as_of and losing_party and category and outcome
                                     and qualifier and quote):
            continue
        records.append(
            LossRecord(
                slug, reported_by, as_of, losing_party, category, equipment, outcome, quantity, qualifier,
                place, claim, quote, note,
            )
        )
    return records
