"""Checks across the files of a campaign: unique slugs and known references.

A campaign folder is self-contained: every party, source and place its facts
use is listed in its own files, so a folder can be checked completely before
the database is touched (and two campaigns never depend on load order).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from .errors import Problems
from .files import CLAIMS_FILE, LOSSES_FILE, PARTIES_FILE, PLACES_FILE, SOURCES_FILE
from .records import ClaimRecord, LossRecord, PartyRecord, PlaceRecord, SourceRecord


class _Known:
    """The keys a file declares; contains everything when the file was unreadable."""

    def __init__(self, keys: set[str] | None) -> None:
        self.keys = keys

    def __contains__(self, key: object) -> bool:
        return self.keys is None or key in self.keys

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.keys or ()))


def _unknown(value: str, known: Iterable[str], what: str, file: str) -> str:
    close = difflib.get_close_matches(value, list(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown {what} {value!r}: it is not in {file}{hint}"


def _duplicates(problems: Problems, file: str, keys: Iterable[tuple[str, str]], field: str = "slug") -> None:
    """Report every key after its first use; ``keys`` are (key, entry name)."""
    seen: set[str] = set()
    for key, entry in keys:
        if key in seen:
            problems.add(file, entry, field, f"duplicate {field} {key!r}: an earlier entry uses it already")
        seen.add(key)


#: How many levels of parents control inference follows above a place (the
#: fixed self-joins of reporting_int.place_lineage); a deeper tree would lose
#: its top levels there, so the loader refuses it.
MAX_ANCESTORS = 8


def check_references(
    problems: Problems,
    parties: list[PartyRecord],
    sources: list[SourceRecord],
    places: list[PlaceRecord],
    claims: list[ClaimRecord],
    losses: list[LossRecord],
) -> None:
    _duplicates(problems, PARTIES_FILE, ((p.code, p.code) for p in parties), "code")
    _duplicates(problems, PARTIES_FILE, ((p.name, p.code) for p in parties), "name")
    _duplicates(problems, SOURCES_FILE, ((s.slug, s.slug) for s in sources))
    _duplicates(problems, PLACES_FILE, ((p.slug, p.slug) for p in places))
    _duplicates(problems, CLAIMS_FILE, ((c.slug, c.slug) for c in claims))
    _duplicates(
        problems, CLAIMS_FILE,
        ((d.slug, f"{d.slug} (denial of {c.slug})") for c in claims for d in c.denials),
    )
    _duplicates(
        problems, CLAIMS_FILE,
        ((k.slug, f"{k.slug} (corroboration of {c.slug})") for c in claims for k in c.corroborations),
    )
    _duplicates(problems, LOSSES_FILE, ((loss.slug, loss.slug) for loss in losses))

    # Known keys: every key an entry declares, even an entry dropped for a bad
    # field (it is reported once, there). A file that could not be read is
    # not checked against at all: its one syntax error says enough.
    party_codes = _Known(problems.declared.get(PARTIES_FILE))
    source_slugs = _Known(problems.declared.get(SOURCES_FILE))
    place_slugs = _Known(problems.declared.get(PLACES_FILE))
    claim_slugs = _Known(problems.declared.get(CLAIMS_FILE))

    for source in sources:
        if source.party is not None and source.party not in party_codes:
            problems.add(SOURCES_FILE, source.slug, "party", _unknown(source.party, party_codes, "party", PARTIES_FILE))

    parents = {p.slug: p.parent for p in places}
    for place in places:
        if place.parent is None:
            continue
        if place.parent not in place_slugs:
            problems.add(PLACES_FILE, place.slug, "parent", _unknown(place.parent, place_slugs, "place", PLACES_FILE))
            continue
        chain = [place.slug]
        current: str | None = place.parent
        while current is not None and current in parents and current not in chain:
            chain.append(current)
            current = parents[current]
        if current is not None and current in chain:
            loop = " → ".join([*chain[chain.index(current):], current])
            problems.add(PLACES_FILE, place.slug, "parent", f"parents go round in a circle: {loop}")
        elif len(chain) - 1 > MAX_ANCESTORS:
            problems.add(
                PLACES_FILE, place.slug, "parent",
                f"{len(chain) - 1} levels of parents; control inference follows at most {MAX_ANCESTORS} "
                f"(reporting_int.place_lineage): {' → '.join(chain)}",
            )

    for claim in claims:
        if claim.source not in source_slugs:
            problems.add(
                CLAIMS_FILE, claim.slug, "source", _unknown(claim.source, source_slugs, "source", SOURCES_FILE)
            )
        for field, code in (("actor", claim.actor), ("target", claim.target)):
            if code is not None and code not in party_codes:
                problems.add(CLAIMS_FILE, claim.slug, field, _unknown(code, party_codes, "party", PARTIES_FILE))
        for index, claim_place in enumerate(claim.places):
            if claim_place.place not in place_slugs:
                problems.add(
                    CLAIMS_FILE, claim.slug, f"places[{index}]",
                    _unknown(claim_place.place, place_slugs, "place", PLACES_FILE),
                )
        named = {claim_place.place for claim_place in claim.places}
        for denial in claim.denials:
            entry = f"{denial.slug} (denial of {claim.slug})"
            if denial.source not in source_slugs:
                problems.add(
                    CLAIMS_FILE, entry, "source", _unknown(denial.source, source_slugs, "source", SOURCES_FILE)
                )
            if denial.place is not None and denial.place not in named:
                problems.add(CLAIMS_FILE, entry, "place", f"{denial.place!r} is not one of the places of {claim.slug}")
            if denial.stated.latest < claim.stated.earliest:
                problems.add(
                    CLAIMS_FILE, entry, "stated",
                    f"the denial ({denial.stated.latest}) cannot come before the claim ({claim.stated.earliest})",
                )
        for corroboration in claim.corroborations:
            entry = f"{corroboration.slug} (corroboration of {claim.slug})"
            if corroboration.source not in source_slugs:
                problems.add(
                    CLAIMS_FILE, entry, "source", _unknown(corroboration.source, source_slugs, "source", SOURCES_FILE)
                )
            if corroboration.place is not None and corroboration.place not in named:
                problems.add(
                    CLAIMS_FILE, entry, "place", f"{corroboration.place!r} is not one of the places of {claim.slug}"
                )

    for loss in losses:
        if loss.reported_by not in source_slugs:
            problems.add(
                LOSSES_FILE, loss.slug, "reported_by", _unknown(loss.reported_by, source_slugs, "source", SOURCES_FILE)
            )
        if loss.losing_party not in party_codes:
            problems.add(
                LOSSES_FILE, loss.slug, "losing_party", _unknown(loss.losing_party, party_codes, "party", PARTIES_FILE)
            )
        if loss.place is not None and loss.place not in place_slugs:
            problems.add(LOSSES_FILE, loss.slug, "place", _unknown(loss.place, place_slugs, "place", PLACES_FILE))
        if loss.claim is not None and loss.claim not in claim_slugs:
            problems.add(LOSSES_FILE, loss.slug, "claim", _unknown(loss.claim, claim_slugs, "claim", CLAIMS_FILE))
