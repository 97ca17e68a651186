"""Writing a checked campaign to the ``core`` tables.

Parents are written before children (documents, parties, sources, places from
the top of the hierarchy down, claims, then what hangs off claims) so that
every foreign key can be resolved from the ids just written. Child lists of an
entry (a place's spellings, a claim's places) are synchronised with the file:
they are part of the entry, so removing one is an edit of the entry.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Connection, Table, and_, delete, exists, select, update
from sqlalchemy.dialects.postgresql import insert

from ..models import Base, Claim, ClaimPlace, Corroboration, Denial, Document, Loss, Party, Place, PlaceName, Source
from .files import CLAIMS_FILE, DOCUMENT_FILE, LOSSES_FILE, PARTIES_FILE, PLACES_FILE, SOURCES_FILE
from .records import Campaign, PlaceRecord
from .report import LoadReport
from .upserts import Row, execute_for_entry, upsert


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


DOCUMENTS, PARTIES, SOURCES, PLACES, PLACE_NAMES = map(_table, (Document, Party, Source, Place, PlaceName))
CLAIMS, CLAIM_PLACES, DENIALS, CORROBORATIONS, LOSSES = map(_table, (Claim, ClaimPlace, Denial, Corroboration, Loss))


def _places_parents_first(places: tuple[PlaceRecord, ...]) -> list[PlaceRecord]:
    by_slug = {place.slug: place for place in places}
    depth: dict[str, int] = {}

    def depth_of(slug: str) -> int:
        if slug not in depth:
            parent = by_slug[slug].parent
            depth[slug] = 0 if parent is None else depth_of(parent) + 1
        return depth[slug]

    return sorted(places, key=lambda place: depth_of(place.slug))


class CampaignWriter:
    """Writes one campaign on one connection, counting into a ``LoadReport``."""

    def __init__(self, connection: Connection, campaign: Campaign) -> None:
        self.connection = connection
        self.campaign = campaign
        self.report = LoadReport(campaign.folder, campaign.document.slug)
        self.document_id = 0
        self.party_ids: dict[str, int] = {}
        self.source_ids: dict[str, int] = {}
        self.place_ids: dict[str, int] = {}
        self.claim_ids: dict[str, int] = {}

    def _where(self, file: str) -> tuple[Any, str]:
        return (self.campaign.folder, file)

    def write(self) -> LoadReport:
        self._document()
        self._parties()
        self._sources()
        self._places()
        self._place_names()
        self._claims()
        self._claim_places()
        self._denials()
        self._corroborations()
        self._losses()
        self._remove_dropped_claim_places()
        return self.report

    def _document(self) -> None:
        document = self.campaign.document
        row: Row = (document.slug, {
            "slug": document.slug,
            "title": document.title,
            "publisher": document.publisher,
            "url": document.url,
            "licence": document.licence,
            "retrieved_on": document.retrieved_on,
            "sha256": document.sha256,
            "content": document.content,
        })
        ids = upsert(self.connection, DOCUMENTS, "slug", [row], self.report.tables["documents"],
                     self._where(DOCUMENT_FILE))
        self.document_id = ids[document.slug]

    def _parties(self) -> None:
        rows: list[Row] = [
            (party.code, {"code": party.code, "name": party.name, "note": party.note})
            for party in self.campaign.parties
        ]
        self.party_ids = upsert(self.connection, PARTIES, "code", rows, self.report.tables["parties"],
                                self._where(PARTIES_FILE))

    def _party(self, code: str | None) -> int | None:
        return None if code is None else self.party_ids[code]

    def _sources(self) -> None:
        rows: list[Row] = [
            (source.slug, {
                "slug": source.slug,
                "name": source.name,
                "kind": source.kind,
                "party_id": self._party(source.party),
                "note": source.note,
            })
            for source in self.campaign.sources
        ]
        self.source_ids = upsert(self.connection, SOURCES, "slug", rows, self.report.tables["sources"],
                                 self._where(SOURCES_FILE))

    def _places(self) -> None:
        counts = self.report.tables["places"]
        for place in _places_parents_first(self.campaign.places):
            row: Row = (place.slug, {
                "slug": place.slug,
                "name": place.name,
                "kind": place.kind,
                "parent_id": None if place.parent is None else self.place_ids[place.parent],
                "latitude": place.latitude,
                "longitude": place.longitude,
                "coordinate_precision": place.coordinate_precision,
                "note": place.note,
            })
            self.place_ids.update(upsert(self.connection, PLACES, "slug", [row], counts,
                                         self._where(PLACES_FILE)))

    def _place_names(self) -> None:
        counts = self.report.tables["place_names"]
        table = PLACE_NAMES
        existing: dict[int, dict[str, int]] = {}
        rows = self.connection.execute(
            select(table.c.place_id, table.c.name, table.c.place_name_id)
            .where(table.c.place_id.in_(list(self.place_ids.values())))
        )
        for place_id, name, place_name_id in rows:
            existing.setdefault(place_id, {})[name] = place_name_id
        for place in self.campaign.places:
            place_id = self.place_ids[place.slug]
            stored = existing.get(place_id, {})
            for name in place.names:
                counts.in_files += 1
                if name in stored:
                    counts.unchanged += 1
                    continue
                execute_for_entry(
                    self.connection,
                    insert(table).values(place_id=place_id, name=name).on_conflict_do_nothing(),
                    (self.campaign.folder, PLACES_FILE, place.slug),
                )
                counts.inserted += 1
            dropped = [place_name_id for name, place_name_id in stored.items() if name not in place.names]
            if dropped:
                self.connection.execute(delete(table).where(table.c.place_name_id.in_(dropped)))
                counts.deleted += len(dropped)

    def _claims(self) -> None:
        rows: list[Row] = [
            (claim.slug, {
                "slug": claim.slug,
                "document_id": self.document_id,
                "source_id": self.source_ids[claim.source],
                "kind": claim.kind,
                "actor_party_id": self._party(claim.actor),
                "target_party_id": self._party(claim.target),
                "stated_earliest_on": claim.stated.earliest,
                "stated_latest_on": claim.stated.latest,
                "stated_local_time": claim.stated_time,
                "occurred_earliest_on": claim.occurred.earliest,
                "occurred_latest_on": claim.occurred.latest,
                "occurred_local_time": claim.occurred_time,
                "event_key": claim.event,
                "summary": claim.summary,
                "quote": claim.quote,
                "note": claim.note,
            })
            for claim in self.campaign.claims
        ]
        self.claim_ids = upsert(self.connection, CLAIMS, "slug", rows, self.report.tables["claims"],
                                self._where(CLAIMS_FILE))

    def _stored_claim_places(self) -> dict[tuple[int, int], str]:
        table = CLAIM_PLACES
        rows = self.connection.execute(
            select(table.c.claim_id, table.c.place_id, table.c.role)
            .where(table.c.claim_id.in_(list(self.claim_ids.values())))
        )
        return {(claim_id, place_id): role for claim_id, place_id, role in rows}

    def _claim_places(self) -> None:
        counts = self.report.tables["claim_places"]
        table = CLAIM_PLACES
        stored = self._stored_claim_places()
        for claim in self.campaign.claims:
            claim_id = self.claim_ids[claim.slug]
            for claim_place in claim.places:
                counts.in_files += 1
                key = (claim_id, self.place_ids[claim_place.place])
                context = (self.campaign.folder, CLAIMS_FILE, claim.slug)
                if key not in stored:
                    execute_for_entry(
                        self.connection,
                        insert(table).values(claim_id=key[0], place_id=key[1], role=claim_place.role),
                        context,
                    )
                    counts.inserted += 1
                elif stored[key] != claim_place.role:
                    execute_for_entry(
                        self.connection,
                        update(table)
                        .where(table.c.claim_id == key[0], table.c.place_id == key[1])
                        .values(role=claim_place.role),
                        context,
                    )
                    counts.updated += 1
                else:
                    counts.unchanged += 1

    def _remove_dropped_claim_places(self) -> None:
        """Delete the places removed from a claim's ``places``, after denials
        and corroborations were rewritten (they may point at a claim's place).
        A pair still used by a denial or corroboration that left the files is
        kept: that row is reported as stale, and deleting the pair would
        silently delete it through the foreign key's cascade."""
        table = CLAIM_PLACES
        in_files = {
            (self.claim_ids[claim.slug], self.place_ids[claim_place.place])
            for claim in self.campaign.claims
            for claim_place in claim.places
        }
        dropped = [key for key in self._stored_claim_places() if key not in in_files]
        for claim_id, place_id in dropped:
            used = [
                exists().where(and_(answer.c.claim_id == claim_id, answer.c.place_id == place_id))
                for answer in (DENIALS, CORROBORATIONS)
            ]
            result = self.connection.execute(
                delete(table).where(table.c.claim_id == claim_id, table.c.place_id == place_id, ~used[0], ~used[1])
            )
            self.report.tables["claim_places"].deleted += result.rowcount

    def _denials(self) -> None:
        rows: list[Row] = [
            (f"{denial.slug} (denial of {claim.slug})", {
                "slug": denial.slug,
                "claim_id": self.claim_ids[claim.slug],
                "place_id": None if denial.place is None else self.place_ids[denial.place],
                "document_id": self.document_id,
                "source_id": self.source_ids[denial.source],
                "denied_earliest_on": denial.stated.earliest,
                "denied_latest_on": denial.stated.latest,
                "quote": denial.quote,
                "counter_statement": denial.counter_statement,
                "note": denial.note,
            })
            for claim in self.campaign.claims
            for denial in claim.denials
        ]
        upsert(self.connection, DENIALS, "slug", rows, self.report.tables["denials"],
               self._where(CLAIMS_FILE))

    def _corroborations(self) -> None:
        rows: list[Row] = [
            (f"{corroboration.slug} (corroboration of {claim.slug})", {
                "slug": corroboration.slug,
                "claim_id": self.claim_ids[claim.slug],
                "place_id": None if corroboration.place is None else self.place_ids[corroboration.place],
                "document_id": self.document_id,
                "source_id": self.source_ids[corroboration.source],
                "kind": corroboration.kind,
                "corroborated_earliest_on": corroboration.stated.earliest,
                "corroborated_latest_on": corroboration.stated.latest,
                "quote": corroboration.quote,
                "note": corroboration.note,
            })
            for claim in self.campaign.claims
            for corroboration in claim.corroborations
        ]
        upsert(self.connection, CORROBORATIONS, "slug", rows, self.report.tables["corroborations"],
               self._where(CLAIMS_FILE))

    def _losses(self) -> None:
        rows: list[Row] = [
            (loss.slug, {
                "slug": loss.slug,
                "document_id": self.document_id,
                "source_id": self.source_ids[loss.reported_by],
                "as_of_date": loss.as_of,
                "losing_party_id": self.party_ids[loss.losing_party],
                "category": loss.category,
                "equipment": loss.equipment,
                "outcome": loss.outcome,
                "quantity": loss.quantity,
                "qualifier": loss.qualifier,
                "place_id": None if loss.place is None else self.place_ids[loss.place],
                "claim_id": None if loss.claim is None else self.claim_ids[loss.claim],
                "quote": loss.quote,
                "note": loss.note,
            })
            for loss in self.campaign.losses
        ]
        upsert(self.connection, LOSSES, "slug", rows, self.report.tables["losses"],
               self._where(LOSSES_FILE))
