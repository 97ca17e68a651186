"""Checks that need more than one entry: references between files, quotes
against the documents, dates against the campaign's bounds, sides, areas.

Each check records its problems and goes on, so that one run lists every
problem of the folder.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..models.vocabularies import ADMINISTRATIVE_KINDS, CONTROL_CLAIM_KINDS
from .errors import Problems, did_you_mean, shorten
from .quotes import normalise
from .schema import AreaIn, AreasOf, Citation, DateRange, Spelling

if TYPE_CHECKING:
    from .reading import CampaignFolder

NARRATIVE = "narrative"

#: How deep areas may nest (village → hromada → raion → oblast → country is 4);
#: control inference follows area claims to any depth, this only catches
#: runaway chains.
MAX_AREA_DEPTH = 12


class _Known:
    """The keys a file declares; membership is true for every key when the
    file could not be read (its problems are reported already)."""

    def __init__(self, keys: Iterable[str] | None) -> None:
        self.keys = None if keys is None else set(keys)

    def __contains__(self, key: object) -> bool:
        return self.keys is None or key in self.keys

    def suggest(self, key: str) -> str:
        return did_you_mean(key, self.keys or ())


def _duplicates(problems: Problems, file: str, keys: Iterable[tuple[str, str]], field: str) -> None:
    seen: set[str] = set()
    for entry, key in keys:
        if key in seen:
            problems.add(file, entry, field, f"{key!r} is used by another entry of this campaign too")
        seen.add(key)


class _Checker:
    def __init__(self, folder: CampaignFolder, problems: Problems) -> None:
        self.folder = folder
        self.problems = problems
        self.campaign = folder.campaign
        self.parties = _Known(problems.declared.get("parties.yaml"))
        self.sources = _Known(problems.declared.get("sources.yaml"))
        self.places = _Known(problems.declared.get("places.yaml"))
        self.claims = _Known(problems.declared.get("claims.yaml"))
        self.sided_parties = {code for side in self.campaign.sides for code in side.parties}
        self.accounts = folder.account_documents()

    # --- helpers ----------------------------------------------------------------------

    def fail(self, file: str, entry: str, field: str, message: str) -> None:
        self.problems.add(file, entry, field, message)

    def document_of(self, file: str, entry: str, field: str, slug: str | None) -> str | None:
        """The document a fact is read from: the one named, else the only
        account document."""
        if slug is not None:
            if slug not in self.folder.documents:
                known = [entry_.slug for entry_ in self.campaign.documents]
                if slug not in known:
                    self.fail(
                        file,
                        entry,
                        field,
                        f"unknown document {slug!r}: it is not in campaign.yaml{did_you_mean(slug, known)}",
                    )
                return None
            return slug
        if len(self.accounts) == 1:
            return self.accounts[0]
        if len(self.accounts) > 1:
            self.fail(
                file,
                entry,
                field,
                f"this campaign has several account documents ({', '.join(self.accounts)}): say which one",
            )
        return None

    def quote(self, file: str, entry: str, field: str, fragments: list[str], document: str | None) -> None:
        if document is None or document not in self.folder.documents:
            return
        mismatch = self.folder.documents[document].text.check(fragments)
        if mismatch is not None:
            self.fail(
                file,
                entry,
                f"{field}[{mismatch.fragment_index}]",
                mismatch.message.replace("the document", f"the document {document}"),
            )

    def citation(self, file: str, entry: str, field: str, citation: Citation) -> str | None:
        """Check a gazetteer citation; the document it cites (None for a url)."""
        if citation.url is not None:
            return None
        document = self.document_of(file, entry, f"{field}.document", citation.document)
        self.quote(file, entry, f"{field}.quote", [citation.quote], document)
        return document

    def dates(self, file: str, entry: str, field: str, value: DateRange | dt.date) -> None:
        bounds = self.campaign.dates
        assert bounds.latest is not None
        days = [value] if isinstance(value, dt.date) else [d for d in (value.earliest, value.latest) if d is not None]
        for day in days:
            if not bounds.earliest <= day <= bounds.latest:
                self.fail(
                    file,
                    entry,
                    field,
                    f"{day} is outside the campaign's dates [{bounds.earliest}, {bounds.latest}] "
                    "(campaign.yaml: dates): a typo, or widen the dates",
                )
                return

    def party(self, file: str, entry: str, field: str, code: str | None) -> None:
        if code is not None and code not in self.parties:
            self.fail(
                file, entry, field, f"unknown party {code!r}: it is not in parties.yaml{self.parties.suggest(code)}"
            )

    def place(self, file: str, entry: str, field: str, slug: str | None) -> None:
        if slug is not None and slug not in self.places:
            self.fail(
                file, entry, field, f"unknown place {slug!r}: it is not in places.yaml{self.places.suggest(slug)}"
            )

    def source(self, file: str, entry: str, field: str, slug: str, document: str | None) -> None:
        if slug == NARRATIVE:
            if (
                document is not None
                and self.folder.documents.get(document)
                and self.folder.documents[document].entry.kind != "account"
            ):
                self.fail(
                    file, entry, field, f"the document {document!r} is a gazetteer text: it has no narrative voice"
                )
            return
        if slug.startswith(f"{NARRATIVE}:"):
            named = slug.split(":", 1)[1]
            if named not in self.accounts:
                self.fail(
                    file,
                    entry,
                    field,
                    f"{slug!r}: {named!r} is not an account document of campaign.yaml"
                    f"{did_you_mean(named, self.accounts)}",
                )
            return
        if slug not in self.sources:
            self.fail(
                file, entry, field, f"unknown source {slug!r}: it is not in sources.yaml{self.sources.suggest(slug)}"
            )

    # --- files ------------------------------------------------------------------------

    def check_campaign_file(self) -> None:
        sides_of: dict[str, str] = {}
        _duplicates(
            self.problems, "campaign.yaml", (("(campaign)", side.slug) for side in self.campaign.sides), "sides"
        )
        _duplicates(
            self.problems, "campaign.yaml", (("(campaign)", side.name) for side in self.campaign.sides), "sides"
        )
        for index, side in enumerate(self.campaign.sides):
            for code in side.parties:
                self.party("campaign.yaml", "(campaign)", f"sides[{index}].parties", code)
                if code in sides_of and sides_of[code] != side.slug:
                    self.fail(
                        "campaign.yaml",
                        "(campaign)",
                        f"sides[{index}].parties",
                        f"{code} is already on the side {sides_of[code]!r}: a party fights on one side",
                    )
                sides_of[code] = side.slug

    def check_parties_and_sources(self) -> None:
        _duplicates(self.problems, "parties.yaml", ((p.code, p.code) for p in self.folder.parties), "code")
        _duplicates(self.problems, "parties.yaml", ((p.code, p.name) for p in self.folder.parties), "name")
        _duplicates(self.problems, "sources.yaml", ((s.slug, s.slug) for s in self.folder.sources), "slug")
        for source in self.folder.sources:
            self.party("sources.yaml", source.slug, "party", source.party)

    def check_places(self) -> None:
        file = "places.yaml"
        _duplicates(self.problems, file, ((p.slug, p.slug) for p in self.folder.places), "slug")
        kinds = {place.slug: place.kind for place in self.folder.places}
        graph: dict[str, list[str]] = {}
        for place in self.folder.places:
            spellings: list[str] = []
            for index, name in enumerate(place.names):
                spelling = name.name if isinstance(name, Spelling) else name
                if spelling in spellings:
                    self.fail(file, place.slug, f"names[{index}]", f"the spelling {spelling!r} is listed twice")
                spellings.append(spelling)
                if isinstance(name, Spelling):
                    self.citation(file, place.slug, f"names[{index}]", name)
                else:
                    self._plain_spelling(place.slug, f"names[{index}]", spelling)
            if place.name not in spellings:
                self._plain_spelling(place.slug, "name", place.name)
            administrative: dict[str, str] = {}
            targets: list[str] = []
            for index, area in enumerate(place.areas):
                target = area.area if isinstance(area, AreaIn) else area.areas_of
                field = f"areas[{index}]"
                if target == place.slug:
                    self.fail(file, place.slug, field, "a place cannot lie in itself")
                    continue
                self.place(file, place.slug, f"{field}.{'area' if isinstance(area, AreaIn) else 'areas_of'}", target)
                if target in targets:
                    self.fail(file, place.slug, field, f"{target!r} is listed twice")
                targets.append(target)
                self.citation(file, place.slug, field, area)
                kind = kinds.get(target)
                if isinstance(area, AreaIn) and kind in ADMINISTRATIVE_KINDS:
                    if kind in administrative:
                        self.fail(
                            file,
                            place.slug,
                            field,
                            f"the place lies in two areas of kind {kind}: {administrative[kind]!r} and {target!r}; "
                            "a place lies in one area of each administrative kind",
                        )
                    administrative[kind] = target
            graph[place.slug] = targets
            if place.coordinates is not None:
                self.citation(file, place.slug, "coordinates", place.coordinates)
        self._area_cycles(graph)

    def _plain_spelling(self, place: str, field: str, spelling: str) -> None:
        wanted = normalise(spelling)
        for slug, document in self.folder.documents.items():
            if wanted in document.text.text:
                self.folder.spelling_documents[(place, spelling)] = slug
                return
        self.fail(
            "places.yaml",
            place,
            field,
            f"the spelling {shorten(spelling)!r} does not occur in any document of the campaign: "
            "use the document's spelling, or cite where it comes from ({name: ..., url: ..., quote: ...})",
        )

    def _area_cycles(self, graph: dict[str, list[str]]) -> None:
        state: dict[str, int] = {}

        def depth_of(slug: str, trail: list[str]) -> int:
            if state.get(slug) == 1:
                cycle = [*trail[trail.index(slug) :], slug]
                self.fail("places.yaml", slug, "areas", f"areas form a cycle: {' → '.join(cycle)}")
                return 0
            if state.get(slug) == 2:
                return depths.get(slug, 0)
            state[slug] = 1
            depth = 1 + max((depth_of(target, [*trail, slug]) for target in graph.get(slug, [])), default=-1)
            state[slug] = 2
            depths[slug] = depth
            if depth > MAX_AREA_DEPTH:
                self.fail("places.yaml", slug, "areas", f"areas nest {depth} levels deep (at most {MAX_AREA_DEPTH})")
            return depth

        depths: dict[str, int] = {}
        for slug in graph:
            depth_of(slug, [])

    def check_claims(self) -> None:
        file = "claims.yaml"
        _duplicates(self.problems, file, ((c.slug, c.slug) for c in self.folder.claims), "slug")
        nested_keys: list[tuple[str, str]] = []
        for claim in self.folder.claims:
            entry = claim.slug
            document = self.document_of(file, entry, "document", claim.document)
            self.source(file, entry, "source", claim.source, document)
            self.party(file, entry, "actor", claim.actor)
            self.party(file, entry, "target", claim.target)
            self.dates(file, entry, "stated", claim.stated)
            self.dates(file, entry, "occurred", claim.occurred)
            if claim.stated.latest is not None and claim.occurred.earliest > claim.stated.latest:
                self.fail(
                    file,
                    entry,
                    "occurred",
                    f"the event cannot start ({claim.occurred.earliest}) after the statement ({claim.stated.latest})",
                )
            if claim.same_as is not None and claim.same_as.split("/", 1)[0] == self.campaign.slug:
                self.fail(
                    file, entry, "same_as", "same_as links to another campaign's claim; within a campaign, use `event`"
                )
            named = claim.named_places()
            slugs: list[str] = []
            for index, place in enumerate(named):
                self.place(file, entry, f"places[{index}]", place.place)
                if place.place in slugs:
                    self.fail(file, entry, f"places[{index}]", f"the place {place.place!r} is listed twice")
                slugs.append(place.place)
                if place.share is not None and claim.kind != "partial":
                    self.fail(file, entry, f"places[{index}].share", "a share is given only for a 'partial' claim")
            if claim.kind in CONTROL_CLAIM_KINDS:
                if claim.actor is None:
                    self.fail(file, entry, "actor", f"a {claim.kind} claim needs the party whose control it claims")
                elif (
                    claim.actor in self.parties
                    and self.parties.keys is not None
                    and claim.actor not in self.sided_parties
                ):
                    self.fail(
                        file,
                        entry,
                        "actor",
                        f"{claim.actor} is on no side of campaign.yaml: control changes hands between sides",
                    )
                if (
                    claim.kind == "withdrawal"
                    and claim.target is not None
                    and claim.target not in self.sided_parties
                    and claim.target in self.parties
                ):
                    self.fail(file, entry, "target", f"{claim.target} is on no side of campaign.yaml")
                if not any(place.role == "subject" for place in named):
                    self.fail(file, entry, "places", f"a {claim.kind} claim needs at least one subject place")
            self.quote(file, entry, "quote", claim.quote, document)
            for kind, items in (("denial", claim.denials), ("corroboration", claim.corroborations)):
                for item in items:
                    name = f"{item.slug} ({kind} of {claim.slug})"
                    nested_keys.append((name, item.slug))
                    item_document = (
                        self.document_of(file, name, "document", item.document) if item.document else document
                    )
                    self.source(file, name, "source", item.source, item_document)
                    self.dates(file, name, "stated", item.stated)
                    self.quote(file, name, "quote", item.quote, item_document)
                    if item.place is not None and item.place not in slugs:
                        self.fail(
                            file,
                            name,
                            "place",
                            f"{item.place!r} is not one of the claim's places ({', '.join(slugs) or 'none'})",
                        )
                    latest = item.stated.latest
                    if latest is not None and latest < claim.stated.earliest:
                        self.fail(
                            file,
                            name,
                            "stated",
                            f"a {kind} ({latest}) cannot come before the claim ({claim.stated.earliest})",
                        )
        _duplicates(self.problems, file, nested_keys, "slug")

    def check_losses(self) -> None:
        file = "losses.yaml"
        _duplicates(self.problems, file, ((loss.slug, loss.slug) for loss in self.folder.losses), "slug")
        for loss in self.folder.losses:
            document = self.document_of(file, loss.slug, "quote", None)
            self.source(file, loss.slug, "reported_by", loss.reported_by, document)
            self.party(file, loss.slug, "losing_party", loss.losing_party)
            self.place(file, loss.slug, "place", loss.place)
            if loss.claim is not None and loss.claim not in self.claims:
                self.fail(
                    file,
                    loss.slug,
                    "claim",
                    f"unknown claim {loss.claim!r}: it is not in claims.yaml{self.claims.suggest(loss.claim)}",
                )
            self.dates(file, loss.slug, "as_of", loss.as_of)
            self.quote(file, loss.slug, "quote", loss.quote, document)


def check_campaign(folder: CampaignFolder, problems: Problems) -> None:
    """Every check that needs more than one entry; problems are recorded."""
    checker = _Checker(folder, problems)
    checker.check_campaign_file()
    checker.check_parties_and_sources()
    checker.check_places()
    checker.check_claims()
    checker.check_losses()


def areas_of(place: AreaIn | AreasOf) -> tuple[str, str]:
    """(area slug, relation) of an area entry."""
    if isinstance(place, AreaIn):
        return place.area, "in"
    return place.areas_of, "beside"


__all__ = ["NARRATIVE", "areas_of", "check_campaign", "defaultdict"]
