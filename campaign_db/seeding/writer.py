"""Writing one campaign: staging rows in, set-based upserts out.

The campaign's rows are copied into staging tables (``staging``), then each
table is written with one statement that inserts new rows and updates only
rows whose values changed (``is distinct from``), so an unchanged row is
counted as unchanged and never rewritten.

What a campaign owns (documents, claims, denials, corroborations, losses, its
spellings, areas and coordinates of places, its links to shared rows) is
written under its ``campaign_id`` and never touches another campaign's rows.
Shared rows (parties, sides, sources, places) are checked first: a value that
differs from what another campaign defined is a conflict, reported with both
campaigns and both values, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, text

from ..models.vocabularies import ADMINISTRATIVE_KINDS, COORDINATE_PRECISIONS, sql_list
from .checks import NARRATIVE, areas_of
from .errors import SeedProblem, shorten
from .quotes import join_fragments
from .reading import CampaignFolder
from .report import LoadReport
from .schema import AreaIn, ClaimEntry, Spelling
from .staging import copy_rows, create_staging

#: Narrative voices are named after their document.
NARRATIVE_NAME = "The account: {title}"


class ConflictError(Exception):
    """The folder disagrees with another campaign about a shared row."""

    def __init__(self, folder: str, problems: list[SeedProblem]) -> None:
        self.folder = folder
        self.problems = problems
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        heading = (
            f"{count} conflict{'s' if count != 1 else ''} between {self.folder} and other campaigns "
            "in the database; nothing was loaded:"
        )
        return "\n".join([heading, *(f"  {problem}" for problem in self.problems)])


def _source_key(source: str, document: str) -> str:
    if source == NARRATIVE:
        return f"{NARRATIVE}:{document}"
    return source


#: Tables whose change rewrites a campaign's whole derived scope.
STRUCTURAL_TABLES = frozenset({"parties", "sides", "sources", "places", "links", "place_areas"})


class CampaignWriter:
    """Writes one checked campaign folder in the caller's transaction."""

    def __init__(
        self,
        connection: Connection,
        folder: CampaignFolder,
        after_staging: Callable[[Connection, CampaignWriter], None] | None = None,
    ) -> None:
        """``after_staging`` adds rows to the staging tables before anything is
        written (the bulk import's claims and places)."""
        self.connection = connection
        self.folder = folder
        self.after_staging = after_staging
        self.campaign_id = 0
        self.report = LoadReport(folder.folder, folder.slug)
        self.structural = False
        self.touched_claims: set[int] = set()
        self.touched_places: set[int] = set()

    # --- plumbing -----------------------------------------------------------------------

    def _execute(self, sql: str, **parameters: Any) -> Any:
        return self.connection.execute(text(sql), {"campaign_id": self.campaign_id, **parameters})

    def _count(self, table: str, sql: str, **parameters: Any) -> None:
        """Run an upsert that returns ``inserted`` per row; add to the report,
        and note what the change touches for the derived tables."""
        rows = self._execute(sql, **parameters).all()
        counts = self.report.tables[table]
        inserted = sum(1 for row in rows if row.inserted)
        counts.inserted += inserted
        counts.updated += len(rows) - inserted
        self._touches(table, rows)

    def _touches(self, table: str, rows: Any) -> None:
        """What changed rows mean for the derived tables: a change of a shared
        or structural row (a party's side, a source's party, a place's areas)
        rewrites the campaign's whole scope; a change of claims and their
        evidence, only the places they name."""
        if not rows:
            return
        if table in STRUCTURAL_TABLES:
            self.structural = True
        for row in rows:
            if row is None:
                continue
            mapping = row._mapping
            if "claim_id" in mapping:
                self.touched_claims.add(mapping["claim_id"])
            if "place_id" in mapping:
                self.touched_places.add(mapping["place_id"])

    def _temporary(self, name: str, query: str) -> None:
        """A temporary table of the load (replacing the previous campaign's,
        when several load in one transaction), dropped at commit."""
        self._execute(f"drop table if exists pg_temp.{name}")
        self._execute(f"create temporary table {name} on commit drop as {query}")
        self._execute(f"analyze {name}")

    def _deleted(self, table: str, sql: str, **parameters: Any) -> None:
        result = self._execute(sql, **parameters)
        rows = result.all() if result.returns_rows else []
        self.report.tables[table].deleted += len(rows) if result.returns_rows else result.rowcount
        if rows or result.rowcount:
            self._touches(table, rows or [None])

    def touched_place_ids(self) -> list[int] | None:
        """The places whose derived answers this load changed (None: all of the
        campaign's scope), for reporting_int.refresh_derived."""
        if self.structural:
            return None
        if self.touched_claims:
            self.touched_places.update(
                self.connection.execute(
                    text("select distinct place_id from core.claim_places where claim_id = any(:ids)"),
                    {"ids": sorted(self.touched_claims)},
                ).scalars()
            )
        return sorted(self.touched_places)

    def refresh_derived(self) -> None:
        """Re-derive what this load changed: the descriptions of the claims
        it touched, the campaign's scope and 'all', for the places it touched
        when it can tell (with the contests of every claim of those places),
        and the contests of the touched claims that name no place or were
        deleted (reached only so)."""
        places = self.touched_place_ids()
        if places is not None and self.touched_claims:
            # their descriptions first (a whole scope rewrites its claims' itself)
            self.connection.execute(
                text("select reporting_int.refresh_claim_details(null, :claims)"),
                {"claims": sorted(self.touched_claims)},
            )
        self.connection.execute(
            text("select reporting_int.refresh_derived(:slug, :places)"), {"slug": self.folder.slug, "places": places}
        )
        if places is not None and self.touched_claims:
            self.connection.execute(
                text("select reporting_int.refresh_placeless_contests(:claims)"),
                {"claims": sorted(self.touched_claims)},
            )

    # --- staging --------------------------------------------------------------------------

    def _default_document(self, slug: str | None) -> str:
        if slug is not None:
            return slug
        return self.folder.account_documents()[0]

    def _stage(self) -> None:
        folder = self.folder
        connection = self.connection
        create_staging(connection)
        counts = self.report.tables
        counts["documents"].in_files = copy_rows(
            connection,
            "stg_documents",
            (
                (
                    d.entry.slug,
                    d.entry.kind,
                    d.entry.title,
                    d.entry.publisher,
                    d.entry.url,
                    d.entry.licence,
                    d.entry.retrieved_on,
                    d.entry.sha256,
                    d.content,
                    d.entry.note,
                )
                for d in folder.documents.values()
            ),
        )
        counts["parties"].in_files = copy_rows(
            connection, "stg_parties", ((p.code, p.name, p.note) for p in folder.parties)
        )
        counts["sides"].in_files = copy_rows(
            connection,
            "stg_sides",
            ((side.slug, side.name, position) for position, side in enumerate(folder.campaign.sides, start=1)),
        )
        copy_rows(
            connection,
            "stg_side_members",
            ((side.slug, code) for side in folder.campaign.sides for code in side.parties),
        )
        counts["sources"].in_files = copy_rows(
            connection, "stg_sources", ((s.slug, s.name, s.kind, s.party, s.note) for s in folder.sources)
        ) + len(folder.account_documents())
        counts["places"].in_files = copy_rows(connection, "stg_places", self._place_rows())
        counts["place_names"].in_files = copy_rows(connection, "stg_place_names", self._spelling_rows())
        counts["place_areas"].in_files = copy_rows(
            connection,
            "stg_place_areas",
            (
                (place.slug, *areas_of(area), self._citation_document(area), area.url, area.quote)
                for place in folder.places
                for area in place.areas
            ),
        )
        counts["claims"].in_files = copy_rows(connection, "stg_claims", (self._claim_row(c) for c in folder.claims))
        counts["claim_places"].in_files = copy_rows(
            connection,
            "stg_claim_places",
            (
                (claim.slug, place.place, place.role, place.share)
                for claim in folder.claims
                for place in claim.named_places()
            ),
        )
        counts["denials"].in_files = copy_rows(
            connection,
            "stg_denials",
            (
                (
                    d.slug,
                    claim.slug,
                    d.place,
                    self._default_document(d.document or claim.document),
                    _source_key(d.source, self._default_document(d.document or claim.document)),
                    d.stated.earliest,
                    d.stated.latest,
                    join_fragments(d.quote),
                    d.counter_statement,
                    d.note,
                )
                for claim in folder.claims
                for d in claim.denials
            ),
        )
        counts["corroborations"].in_files = copy_rows(
            connection,
            "stg_corroborations",
            (
                (
                    c.slug,
                    claim.slug,
                    c.place,
                    self._default_document(c.document or claim.document),
                    _source_key(c.source, self._default_document(c.document or claim.document)),
                    c.kind,
                    c.stated.earliest,
                    c.stated.latest,
                    join_fragments(c.quote),
                    c.note,
                )
                for claim in folder.claims
                for c in claim.corroborations
            ),
        )
        counts["losses"].in_files = copy_rows(
            connection,
            "stg_losses",
            (
                (
                    loss.slug,
                    self._default_document(None),
                    _source_key(loss.reported_by, self._default_document(None)),
                    loss.as_of,
                    loss.losing_party,
                    loss.category,
                    loss.equipment,
                    loss.outcome,
                    *loss.low_high,
                    loss.qualifier,
                    loss.place,
                    loss.claim,
                    join_fragments(loss.quote),
                    loss.note,
                )
                for loss in folder.losses
            ),
        )
        counts["links"].in_files = (
            counts["parties"].in_files
            + counts["sides"].in_files
            + counts["sources"].in_files
            + counts["places"].in_files
            + sum(len(side.parties) for side in folder.campaign.sides)
        )
        for table in ("stg_claims", "stg_claim_places", "stg_places", "stg_place_names", "stg_place_areas"):
            self.connection.execute(text(f"analyze {table}"))

    def _citation_document(self, citation: Any) -> str | None:
        if citation.url is not None:
            return None
        return self._default_document(citation.document)

    def _place_rows(self) -> Iterator[tuple[Any, ...]]:
        for place in self.folder.places:
            c = place.coordinates
            if c is None:
                yield (place.slug, place.name, place.kind, place.note, None, None, None, None, None, None)
            else:
                yield (
                    place.slug,
                    place.name,
                    place.kind,
                    place.note,
                    c.latitude,
                    c.longitude,
                    c.precision,
                    self._citation_document(c),
                    c.url,
                    c.quote,
                )

    def _spelling_rows(self) -> Iterator[tuple[Any, ...]]:
        for place in self.folder.places:
            listed = [name.name if isinstance(name, Spelling) else name for name in place.names]
            names: list[Any] = list(place.names)
            if place.name not in listed:
                names.insert(0, place.name)
            for name in names:
                if isinstance(name, Spelling):
                    yield (place.slug, name.name, self._citation_document(name), name.url, name.quote)
                else:
                    document = self.folder.spelling_documents[(place.slug, name)]
                    yield (place.slug, name, document, None, name)

    def _claim_row(self, claim: ClaimEntry) -> tuple[Any, ...]:
        document = self._default_document(claim.document)
        same_as = claim.same_as.split("/", 1) if claim.same_as else [None, None]
        return (
            claim.slug,
            document,
            _source_key(claim.source, document),
            claim.kind,
            claim.actor,
            claim.target,
            claim.stated.earliest,
            claim.stated.latest,
            claim.stated_time,
            claim.occurred.earliest,
            claim.occurred.latest,
            claim.occurred_time,
            claim.hedge,
            claim.event,
            same_as[0],
            same_as[1],
            claim.summary,
            join_fragments(claim.quote),
            claim.note,
        )

    # --- the campaign row -------------------------------------------------------------------

    def _campaign(self) -> None:
        campaign = self.folder.campaign
        found = self.connection.execute(
            text("select campaign_id from core.campaigns where slug = :slug"), {"slug": campaign.slug}
        ).scalar()
        if found is None:
            # a campaign upgraded from a round-1 database is adopted by the
            # folder that holds its document
            found = self.connection.execute(
                text(
                    "select campaigns.campaign_id from core.campaigns as campaigns "
                    "inner join core.documents as documents on documents.campaign_id = campaigns.campaign_id "
                    "where campaigns.version = '0.0.0' and documents.slug = any(:slugs) "
                    "and documents.sha256 = any(:hashes) order by campaigns.slug limit 1"
                ),
                {
                    "slugs": [d.entry.slug for d in self.folder.documents.values()],
                    "hashes": [d.entry.sha256 for d in self.folder.documents.values()],
                },
            ).scalar()
            if found is not None:
                self.connection.execute(
                    text("update core.campaigns set slug = :slug where campaign_id = :id"),
                    {"slug": campaign.slug, "id": found},
                )
        values = {
            "slug": campaign.slug,
            "title": campaign.title,
            "war": campaign.war,
            "version": campaign.version,
            "period_start_on": campaign.period.earliest,
            "period_end_on": campaign.period.latest,
            "earliest_on": campaign.dates.earliest,
            "latest_on": campaign.dates.latest,
            "report_area_kind": campaign.report_area_kind,
            "seed_sha256": self.folder.seed_sha256,
            "note": campaign.note,
        }
        columns = list(values)
        # what every derived answer of the campaign repeats, and the days it reports
        # (the areas' settlement counts): a change rewrites its whole scope
        described = self.connection.execute(
            text(
                "select title, report_area_kind, period_start_on, period_end_on from core.campaigns "
                "where slug = :slug"
            ),
            {"slug": campaign.slug},
        ).first()
        if described is not None and tuple(described) != (
            campaign.title, campaign.report_area_kind, campaign.period.earliest, campaign.period.latest
        ):
            self.structural = True
        rows = self.connection.execute(
            text(
                f"insert into core.campaigns ({', '.join(columns)}) values ({', '.join(':' + c for c in columns)}) "
                f"on conflict (slug) do update set {', '.join(f'{c} = excluded.{c}' for c in columns[1:])} "
                f"where ({', '.join('campaigns.' + c for c in columns[1:])}) is distinct from "
                f"({', '.join('excluded.' + c for c in columns[1:])}) "
                "returning campaign_id, (xmax = 0) as inserted"
            ),
            values,
        ).all()
        counts = self.report.tables["campaigns"]
        counts.in_files = 1
        if rows:
            self.campaign_id = rows[0].campaign_id
            counts.inserted += int(rows[0].inserted)
            counts.updated += int(not rows[0].inserted)
        else:
            self.campaign_id = self.connection.execute(
                text("select campaign_id from core.campaigns where slug = :slug"), {"slug": campaign.slug}
            ).scalar_one()

    # --- conflicts with other campaigns ----------------------------------------------------------

    def _conflicts(self) -> list[SeedProblem]:
        """Shared rows this folder defines differently from another campaign."""
        problems: list[SeedProblem] = []

        def add(file: str, entry: str, field: str, here: Any, there: Any, campaigns: str, what: str) -> None:
            problems.append(
                SeedProblem(
                    file,
                    entry,
                    field,
                    f"{shorten(repr(here))} here, but {shorten(repr(there))} in campaign {campaigns}: {what}",
                )
            )

        for row in self._execute("""
            select staged.code, staged.name as here, parties.name as there,
                string_agg(campaigns.slug, ', ' order by campaigns.slug) as campaigns
            from stg_parties as staged
            inner join core.parties as parties on parties.code = staged.code
            inner join core.campaign_parties as links
                on links.party_id = parties.party_id and links.campaign_id <> :campaign_id
            inner join core.campaigns as campaigns on campaigns.campaign_id = links.campaign_id
            where parties.name is distinct from staged.name
            group by staged.code, staged.name, parties.name
        """):
            add("parties.yaml", row.code, "name", row.here, row.there, row.campaigns, "a shared party has one name")
        for row in self._execute("""
            select staged.code, parties.code as other_code, staged.name
            from stg_parties as staged
            inner join core.parties as parties on parties.name = staged.name and parties.code <> staged.code
        """):
            problems.append(
                SeedProblem(
                    "parties.yaml",
                    row.code,
                    "name",
                    f"{row.name!r} is already the name of party {row.other_code}: one party, one code",
                )
            )
        for row in self._execute("""
            select staged.slug, staged.name as here, sides.name as there,
                string_agg(campaigns.slug, ', ' order by campaigns.slug) as campaigns
            from stg_sides as staged
            inner join core.sides as sides on sides.slug = staged.slug
            inner join core.campaign_sides as links
                on links.side_id = sides.side_id and links.campaign_id <> :campaign_id
            inner join core.campaigns as campaigns on campaigns.campaign_id = links.campaign_id
            where sides.name is distinct from staged.name
            group by staged.slug, staged.name, sides.name
        """):
            add(
                "campaign.yaml",
                "(campaign)",
                f"sides ({row.slug}).name",
                row.here,
                row.there,
                row.campaigns,
                "a shared side has one name",
            )
        for row in self._execute("""
            select staged.slug, staged.name, staged.kind, staged.party_code, sources.name as there_name,
                sources.kind as there_kind, parties.code as there_party,
                string_agg(campaigns.slug, ', ' order by campaigns.slug) as campaigns
            from stg_sources as staged
            inner join core.sources as sources on sources.slug = staged.slug and sources.document_id is null
            left join core.parties as parties on parties.party_id = sources.party_id
            inner join core.campaign_sources as links
                on links.source_id = sources.source_id and links.campaign_id <> :campaign_id
            inner join core.campaigns as campaigns on campaigns.campaign_id = links.campaign_id
            where (sources.name, sources.kind, parties.code)
                is distinct from (staged.name, staged.kind, staged.party_code)
            group by staged.slug, staged.name, staged.kind, staged.party_code, sources.name, sources.kind, parties.code
        """):
            for field, here, there in (
                ("name", row.name, row.there_name),
                ("kind", row.kind, row.there_kind),
                ("party", row.party_code, row.there_party),
            ):
                if here != there:
                    add("sources.yaml", row.slug, field, here, there, row.campaigns, f"a shared source has one {field}")
        for row in self._execute("""
            select staged.slug, staged.name, staged.kind, places.name as there_name, places.kind as there_kind,
                string_agg(campaigns.slug, ', ' order by campaigns.slug) as campaigns
            from stg_places as staged
            inner join core.places as places on places.slug = staged.slug
            inner join core.campaign_places as links
                on links.place_id = places.place_id and links.campaign_id <> :campaign_id
            inner join core.campaigns as campaigns on campaigns.campaign_id = links.campaign_id
            where (places.name, places.kind) is distinct from (staged.name, staged.kind)
            group by staged.slug, staged.name, staged.kind, places.name, places.kind
        """):
            for field, here, there in (("name", row.name, row.there_name), ("kind", row.kind, row.there_kind)):
                if here != there:
                    add("places.yaml", row.slug, field, here, there, row.campaigns, f"a shared place has one {field}")
        for row in self._execute("""
            select staged.slug, staged.latitude, staged.longitude, links.latitude as there_latitude,
                links.longitude as there_longitude, campaigns.slug as campaign
            from stg_places as staged
            inner join core.places as places on places.slug = staged.slug
            inner join core.campaign_places as links
                on links.place_id = places.place_id and links.campaign_id <> :campaign_id
            inner join core.campaigns as campaigns on campaigns.campaign_id = links.campaign_id
            where staged.latitude is not null and links.latitude is not null
                and (abs(staged.latitude - links.latitude) > 1e-6 or abs(staged.longitude - links.longitude) > 1e-6)
            order by staged.slug, campaigns.slug
        """):
            add(
                "places.yaml",
                row.slug,
                "coordinates",
                (row.latitude, row.longitude),
                (row.there_latitude, row.there_longitude),
                row.campaign,
                "a shared place has one position",
            )
        for row in self._execute(f"""
            select staged.place_slug, areas.kind, areas.slug as here, others.slug as there, campaigns.slug as campaign
            from stg_place_areas as staged
            inner join core.places as places on places.slug = staged.place_slug
            inner join core.places as areas on areas.slug = staged.area_slug
            inner join core.place_areas as links
                on links.place_id = places.place_id and links.campaign_id <> :campaign_id and links.relation = 'in'
            inner join core.places as others
                on others.place_id = links.area_id and others.kind = areas.kind and others.place_id <> areas.place_id
            inner join core.campaigns as campaigns on campaigns.campaign_id = links.campaign_id
            where staged.relation = 'in' and areas.kind in {sql_list(ADMINISTRATIVE_KINDS)}
            order by staged.place_slug, campaigns.slug
        """):
            add(
                "places.yaml",
                row.place_slug,
                "areas",
                row.here,
                row.there,
                row.campaign,
                f"a place lies in one {row.kind}",
            )
        return problems

    # --- shared rows and the campaign's links to them --------------------------------------------

    def _parties_and_sides(self) -> None:
        self._count(
            "parties",
            """
            insert into core.parties (code, name)
            select code, name from stg_parties
            on conflict (code) do update set name = excluded.name
            where parties.name is distinct from excluded.name
            returning (xmax = 0) as inserted
        """,
        )
        self._deleted(
            "links",
            """
            delete from core.campaign_parties as links
            where links.campaign_id = :campaign_id
                and links.party_id not in (
                    select parties.party_id from stg_parties as staged
                    inner join core.parties as parties on parties.code = staged.code
                )
        """,
        )
        self._count(
            "links",
            """
            insert into core.campaign_parties (campaign_id, party_id, note)
            select :campaign_id, parties.party_id, staged.note
            from stg_parties as staged
            inner join core.parties as parties on parties.code = staged.code
            on conflict (campaign_id, party_id) do update set note = excluded.note
            where campaign_parties.note is distinct from excluded.note
            returning (xmax = 0) as inserted
        """,
        )
        self._count(
            "sides",
            """
            insert into core.sides (slug, name)
            select slug, name from stg_sides
            on conflict (slug) do update set name = excluded.name
            where sides.name is distinct from excluded.name
            returning (xmax = 0) as inserted
        """,
        )
        self._deleted(
            "links",
            """
            delete from core.side_members as members
            where members.campaign_id = :campaign_id
                and (members.party_id, members.side_id) not in (
                    select parties.party_id, sides.side_id
                    from stg_side_members as staged
                    inner join core.parties as parties on parties.code = staged.party_code
                    inner join core.sides as sides on sides.slug = staged.side_slug
                )
        """,
        )
        self._deleted(
            "links",
            """
            delete from core.campaign_sides as links
            where links.campaign_id = :campaign_id
                and links.side_id not in (
                    select sides.side_id from stg_sides as staged
                    inner join core.sides as sides on sides.slug = staged.slug
                )
        """,
        )
        self._count(
            "links",
            """
            insert into core.campaign_sides (campaign_id, side_id, position)
            select :campaign_id, sides.side_id, staged.position
            from stg_sides as staged inner join core.sides as sides on sides.slug = staged.slug
            on conflict (campaign_id, side_id) do update set position = excluded.position
            where campaign_sides.position is distinct from excluded.position
            returning (xmax = 0) as inserted
        """,
        )
        self._count(
            "links",
            """
            insert into core.side_members (campaign_id, party_id, side_id)
            select :campaign_id, parties.party_id, sides.side_id
            from stg_side_members as staged
            inner join core.parties as parties on parties.code = staged.party_code
            inner join core.sides as sides on sides.slug = staged.side_slug
            on conflict (campaign_id, party_id) do update set side_id = excluded.side_id
            where side_members.side_id is distinct from excluded.side_id
            returning (xmax = 0) as inserted
        """,
        )

    def _documents_and_sources(self) -> None:
        self._count(
            "documents",
            """
            insert into core.documents (
                campaign_id, slug, kind, title, publisher, url, licence, retrieved_on, sha256, content, note
            )
            select :campaign_id, slug, kind, title, publisher, url, licence, retrieved_on, sha256, content, note
            from stg_documents
            on conflict (campaign_id, slug) do update set
                kind = excluded.kind, title = excluded.title, publisher = excluded.publisher, url = excluded.url,
                licence = excluded.licence, retrieved_on = excluded.retrieved_on, sha256 = excluded.sha256,
                content = excluded.content, note = excluded.note
            where (documents.kind, documents.title, documents.publisher, documents.url, documents.licence,
                    documents.retrieved_on, documents.sha256, documents.note)
                is distinct from (excluded.kind, excluded.title, excluded.publisher, excluded.url, excluded.licence,
                    excluded.retrieved_on, excluded.sha256, excluded.note)
            returning (xmax = 0) as inserted
        """,
        )
        self._count(
            "sources",
            """
            insert into core.sources (slug, name, kind, party_id)
            select staged.slug, staged.name, staged.kind, parties.party_id
            from stg_sources as staged
            left join core.parties as parties on parties.code = staged.party_code
            on conflict (slug) where document_id is null do update set
                name = excluded.name, kind = excluded.kind, party_id = excluded.party_id
            where (sources.name, sources.kind, sources.party_id)
                is distinct from (excluded.name, excluded.kind, excluded.party_id)
            returning (xmax = 0) as inserted
        """,
        )
        self._count(
            "sources",
            """
            insert into core.sources (slug, name, kind, party_id, document_id)
            select 'narrative', replace(:narrative_name, '{title}', documents.title), 'narrative', null,
                documents.document_id
            from core.documents as documents
            where documents.campaign_id = :campaign_id and documents.kind = 'account'
            on conflict (document_id) where document_id is not null do update set name = excluded.name
            where sources.name is distinct from excluded.name
            returning (xmax = 0) as inserted
        """,
            narrative_name=NARRATIVE_NAME,
        )
        self._temporary(
            "stg_source_ids",
            """
            select staged.slug as source_key, sources.source_id
            from stg_sources as staged
            inner join core.sources as sources on sources.slug = staged.slug and sources.document_id is null
            union all
            select 'narrative:' || documents.slug, sources.source_id
            from core.documents as documents
            inner join core.sources as sources on sources.document_id = documents.document_id
            where documents.campaign_id = :campaign_id
        """,
        )
        self._deleted(
            "links",
            """
            delete from core.campaign_sources as links
            where links.campaign_id = :campaign_id
                and links.source_id not in (select source_id from stg_source_ids)
        """,
        )
        self._count(
            "links",
            """
            insert into core.campaign_sources (campaign_id, source_id, note)
            select :campaign_id, ids.source_id, staged.note
            from stg_source_ids as ids
            left join stg_sources as staged on staged.slug = ids.source_key
            on conflict (campaign_id, source_id) do update set note = excluded.note
            where campaign_sources.note is distinct from excluded.note
            returning (xmax = 0) as inserted
        """,
        )

    def _places(self) -> None:
        self._count(
            "places",
            """
            insert into core.places (slug, name, kind, latitude, longitude, coordinate_precision)
            select slug, name, kind, latitude, longitude, coordinate_precision from stg_places
            on conflict (slug) do update set name = excluded.name, kind = excluded.kind
            where (places.name, places.kind) is distinct from (excluded.name, excluded.kind)
            returning (xmax = 0) as inserted
        """,
        )
        # the ids of the places the files list, resolved once for the statements below
        self._temporary(
            "stg_place_ids",
            """
            select places.place_id, staged.slug from stg_places as staged
            inner join core.places as places on places.slug = staged.slug
        """,
        )
        self._temporary(
            "stg_touched_places",
            """
            select place_id from core.campaign_places where campaign_id = :campaign_id
            union
            select place_id from stg_place_ids
        """,
        )
        # the campaign's reading of places it no longer lists goes with them
        for table in ("place_names", "place_areas"):
            self._deleted(
                table,
                f"""
                delete from core.{table} as rows
                where rows.campaign_id = :campaign_id
                    and rows.place_id not in (select place_id from stg_place_ids)
            """,
            )
        self._deleted(
            "links",
            """
            delete from core.campaign_places as links
            where links.campaign_id = :campaign_id
                and links.place_id not in (select place_id from stg_place_ids)
        """,
        )
        self._count(
            "links",
            """
            insert into core.campaign_places (
                campaign_id, place_id, note, latitude, longitude, coordinate_precision,
                coordinates_document_id, coordinates_url, coordinates_quote
            )
            select :campaign_id, ids.place_id, staged.note, staged.latitude, staged.longitude,
                staged.coordinate_precision, documents.document_id, staged.coordinates_url, staged.coordinates_quote
            from stg_places as staged
            inner join stg_place_ids as ids on ids.slug = staged.slug
            left join core.documents as documents
                on documents.campaign_id = :campaign_id and documents.slug = staged.coordinates_document
            on conflict (campaign_id, place_id) do update set
                note = excluded.note, latitude = excluded.latitude, longitude = excluded.longitude,
                coordinate_precision = excluded.coordinate_precision,
                coordinates_document_id = excluded.coordinates_document_id,
                coordinates_url = excluded.coordinates_url, coordinates_quote = excluded.coordinates_quote
            where (campaign_places.note, campaign_places.latitude, campaign_places.longitude,
                    campaign_places.coordinate_precision, campaign_places.coordinates_document_id,
                    campaign_places.coordinates_url, campaign_places.coordinates_quote)
                is distinct from (excluded.note, excluded.latitude, excluded.longitude,
                    excluded.coordinate_precision, excluded.coordinates_document_id,
                    excluded.coordinates_url, excluded.coordinates_quote)
            returning (xmax = 0) as inserted
        """,
        )
        # the agreed position of every place this load touched (a shared
        # place's is set here only): the one its campaigns give (they agree,
        # or the load stopped at the conflicts), the most precise first, then
        # by campaign slug, so that no load order or generated id decides
        self._count(
            "places",
            """
            update core.places as places
            set latitude = agreed.latitude, longitude = agreed.longitude,
                coordinate_precision = agreed.coordinate_precision
            from (
                select touched.place_id, given.latitude, given.longitude, given.coordinate_precision
                from stg_touched_places as touched
                left join lateral (
                    select links.latitude, links.longitude, links.coordinate_precision
                    from core.campaign_places as links
                    inner join core.campaigns as campaigns on campaigns.campaign_id = links.campaign_id
                    where links.place_id = touched.place_id and links.latitude is not null
                    order by
                        array_position(cast(:precisions as text[]), links.coordinate_precision),
                        campaigns.slug
                    limit 1
                ) as given on true
            ) as agreed
            where agreed.place_id = places.place_id
                and (places.latitude, places.longitude, places.coordinate_precision)
                    is distinct from (agreed.latitude, agreed.longitude, agreed.coordinate_precision)
            returning false as inserted
        """,
            precisions=list(COORDINATE_PRECISIONS),  # the most precise first
        )
        self._deleted(
            "place_names",
            """
            delete from core.place_names as rows
            where rows.campaign_id = :campaign_id
                and (rows.place_id, rows.name) not in (
                    select places.place_id, staged.name from stg_place_names as staged
                    inner join core.places as places on places.slug = staged.place_slug
                )
        """,
        )
        self._count(
            "place_names",
            """
            insert into core.place_names (place_id, campaign_id, name, document_id, url, quote)
            select places.place_id, :campaign_id, staged.name, documents.document_id, staged.url, staged.quote
            from stg_place_names as staged
            inner join core.places as places on places.slug = staged.place_slug
            left join core.documents as documents
                on documents.campaign_id = :campaign_id and documents.slug = staged.document
            on conflict (place_id, campaign_id, name) do update set
                document_id = excluded.document_id, url = excluded.url, quote = excluded.quote
            where (place_names.document_id, place_names.url, place_names.quote)
                is distinct from (excluded.document_id, excluded.url, excluded.quote)
            returning (xmax = 0) as inserted
        """,
        )
        self._deleted(
            "place_areas",
            """
            delete from core.place_areas as rows
            where rows.campaign_id = :campaign_id
                and (rows.place_id, rows.area_id) not in (
                    select places.place_id, areas.place_id from stg_place_areas as staged
                    inner join core.places as places on places.slug = staged.place_slug
                    inner join core.places as areas on areas.slug = staged.area_slug
                )
        """,
        )
        self._count(
            "place_areas",
            """
            insert into core.place_areas (campaign_id, place_id, area_id, relation, document_id, url, quote)
            select :campaign_id, places.place_id, areas.place_id, staged.relation, documents.document_id,
                staged.url, staged.quote
            from stg_place_areas as staged
            inner join core.places as places on places.slug = staged.place_slug
            inner join core.places as areas on areas.slug = staged.area_slug
            left join core.documents as documents
                on documents.campaign_id = :campaign_id and documents.slug = staged.document
            on conflict (campaign_id, place_id, area_id) do update set
                relation = excluded.relation, document_id = excluded.document_id, url = excluded.url,
                quote = excluded.quote
            where (place_areas.relation, place_areas.document_id, place_areas.url, place_areas.quote)
                is distinct from (excluded.relation, excluded.document_id, excluded.url, excluded.quote)
            returning (xmax = 0) as inserted
        """,
        )

    # --- owned rows ------------------------------------------------------------------------------

    def _claims(self) -> None:
        self._count(
            "claims",
            """
            insert into core.claims (
                campaign_id, slug, document_id, source_id, kind, actor_party_id, target_party_id,
                stated_earliest_on, stated_latest_on, stated_local_time, occurred_earliest_on, occurred_latest_on,
                occurred_local_time, hedge, event_key, same_as_campaign, same_as_slug, summary, quote, note
            )
            select :campaign_id, staged.slug, documents.document_id, ids.source_id, staged.kind,
                actors.party_id, targets.party_id, staged.stated_earliest_on, staged.stated_latest_on,
                staged.stated_local_time, staged.occurred_earliest_on, staged.occurred_latest_on,
                staged.occurred_local_time, staged.hedge, staged.event_key, staged.same_as_campaign,
                staged.same_as_slug, staged.summary, staged.quote, staged.note
            from stg_claims as staged
            inner join core.documents as documents
                on documents.campaign_id = :campaign_id and documents.slug = staged.document
            inner join stg_source_ids as ids on ids.source_key = staged.source_key
            left join core.parties as actors on actors.code = staged.actor
            left join core.parties as targets on targets.code = staged.target
            on conflict (campaign_id, slug) do update set
                document_id = excluded.document_id, source_id = excluded.source_id, kind = excluded.kind,
                actor_party_id = excluded.actor_party_id, target_party_id = excluded.target_party_id,
                stated_earliest_on = excluded.stated_earliest_on, stated_latest_on = excluded.stated_latest_on,
                stated_local_time = excluded.stated_local_time, occurred_earliest_on = excluded.occurred_earliest_on,
                occurred_latest_on = excluded.occurred_latest_on, occurred_local_time = excluded.occurred_local_time,
                hedge = excluded.hedge, event_key = excluded.event_key, same_as_campaign = excluded.same_as_campaign,
                same_as_slug = excluded.same_as_slug, summary = excluded.summary, quote = excluded.quote,
                note = excluded.note
            where (claims.document_id, claims.source_id, claims.kind, claims.actor_party_id, claims.target_party_id,
                    claims.stated_earliest_on, claims.stated_latest_on, claims.stated_local_time,
                    claims.occurred_earliest_on, claims.occurred_latest_on, claims.occurred_local_time, claims.hedge,
                    claims.event_key, claims.same_as_campaign, claims.same_as_slug, claims.summary, claims.quote,
                    claims.note)
                is distinct from (excluded.document_id, excluded.source_id, excluded.kind, excluded.actor_party_id,
                    excluded.target_party_id, excluded.stated_earliest_on, excluded.stated_latest_on,
                    excluded.stated_local_time, excluded.occurred_earliest_on, excluded.occurred_latest_on,
                    excluded.occurred_local_time, excluded.hedge, excluded.event_key, excluded.same_as_campaign,
                    excluded.same_as_slug, excluded.summary, excluded.quote, excluded.note)
            returning (xmax = 0) as inserted, claim_id
        """,
        )
        self._temporary(
            "stg_claim_ids",
            """
            select claims.slug, claims.claim_id
            from core.claims as claims
            inner join stg_claims as staged on staged.slug = claims.slug
            where claims.campaign_id = :campaign_id
        """,
        )
        self._execute("create index on stg_claim_ids (slug)")
        self._deleted(
            "claim_places",
            """
            delete from core.claim_places as rows
            using stg_claim_ids as ids
            where rows.claim_id = ids.claim_id
                and (rows.claim_id, rows.place_id) not in (
                    select ids.claim_id, places.place_id
                    from stg_claim_places as staged
                    inner join stg_claim_ids as ids on ids.slug = staged.claim_slug
                    inner join core.places as places on places.slug = staged.place_slug
                )
            returning rows.claim_id, rows.place_id
        """,
        )
        self._count(
            "claim_places",
            """
            insert into core.claim_places (claim_id, place_id, role, share_percent)
            select ids.claim_id, places.place_id, staged.role, staged.share_percent
            from stg_claim_places as staged
            inner join stg_claim_ids as ids on ids.slug = staged.claim_slug
            inner join core.places as places on places.slug = staged.place_slug
            on conflict (claim_id, place_id) do update set role = excluded.role, share_percent = excluded.share_percent
            where (claim_places.role, claim_places.share_percent)
                is distinct from (excluded.role, excluded.share_percent)
            returning (xmax = 0) as inserted, claim_id, place_id
        """,
        )
        for table, date_prefix, extra in (
            ("denials", "denied", ("counter_statement",)),
            ("corroborations", "corroborated", ("kind",)),
        ):
            columns = [
                "claim_id",
                "place_id",
                "document_id",
                "source_id",
                f"{date_prefix}_earliest_on",
                f"{date_prefix}_latest_on",
                "quote",
                *extra,
                "note",
            ]
            self._count(
                table,
                f"""
                insert into core.{table} (campaign_id, slug, {", ".join(columns)})
                select :campaign_id, staged.slug, ids.claim_id, places.place_id, documents.document_id,
                    sources.source_id, staged.earliest_on, staged.latest_on, staged.quote,
                    {", ".join("staged." + column for column in extra)}, staged.note
                from stg_{table} as staged
                inner join stg_claim_ids as ids on ids.slug = staged.claim_slug
                left join core.places as places on places.slug = staged.place_slug
                inner join core.documents as documents
                    on documents.campaign_id = :campaign_id and documents.slug = staged.document
                inner join stg_source_ids as sources on sources.source_key = staged.source_key
                on conflict (campaign_id, slug) do update set
                    {", ".join(f"{column} = excluded.{column}" for column in columns)}
                where ({", ".join(f"{table}.{column}" for column in columns)})
                    is distinct from ({", ".join(f"excluded.{column}" for column in columns)})
                returning (xmax = 0) as inserted, claim_id
            """,
            )

    def _losses(self) -> None:
        columns = [
            "document_id",
            "source_id",
            "as_of_date",
            "losing_party_id",
            "category",
            "equipment",
            "outcome",
            "quantity_low",
            "quantity_high",
            "qualifier",
            "place_id",
            "claim_id",
            "quote",
            "note",
        ]
        self._count(
            "losses",
            f"""
            insert into core.losses (campaign_id, slug, {", ".join(columns)})
            select :campaign_id, staged.slug, documents.document_id, sources.source_id, staged.as_of_date,
                parties.party_id, staged.category, staged.equipment, staged.outcome, staged.quantity_low,
                staged.quantity_high, staged.qualifier, places.place_id, claims.claim_id, staged.quote, staged.note
            from stg_losses as staged
            inner join core.documents as documents
                on documents.campaign_id = :campaign_id and documents.slug = staged.document
            inner join stg_source_ids as sources on sources.source_key = staged.source_key
            inner join core.parties as parties on parties.code = staged.losing_party
            left join core.places as places on places.slug = staged.place_slug
            left join core.claims as claims on claims.campaign_id = :campaign_id and claims.slug = staged.claim_slug
            on conflict (campaign_id, slug) do update set
                {", ".join(f"{column} = excluded.{column}" for column in columns)}
            where ({", ".join(f"losses.{column}" for column in columns)})
                is distinct from ({", ".join(f"excluded.{column}" for column in columns)})
            returning (xmax = 0) as inserted
        """,
        )

    # --- what the files no longer hold ---------------------------------------------------------------

    def _stale(self) -> None:
        stale: dict[str, list[str]] = {}
        for table, staged in (
            ("claims", "stg_claims"),
            ("denials", "stg_denials"),
            ("corroborations", "stg_corroborations"),
            ("losses", "stg_losses"),
            ("documents", "stg_documents"),
        ):
            keys = (
                self._execute(f"""
                select slug from core.{table}
                where campaign_id = :campaign_id and slug not in (select slug from {staged})
                order by slug
            """)
                .scalars()
                .all()
            )
            if keys:
                stale[table] = list(keys)
        # shared rows: stale only when this campaign was their only user
        for table, key, links, staged, column in (
            ("places", "slug", "campaign_places", "stg_places", "place_id"),
            ("parties", "code", "campaign_parties", "stg_parties", "party_id"),
        ):
            rows = self._execute(f"""
                select shared.{key} as key,
                    string_agg(campaigns.slug, ', ' order by campaigns.slug) as users
                from core.{table} as shared
                left join core.{links} as links on links.{column} = shared.{column}
                left join core.campaigns as campaigns on campaigns.campaign_id = links.campaign_id
                where shared.{column} in (select {column} from stg_was_linked_{table})
                    and shared.{key} not in (select {key} from {staged})
                group by shared.{key}
                order by shared.{key}
            """).all()
            for row in rows:
                if row.users is None:
                    stale.setdefault(table, []).append(row.key)
                else:
                    stale.setdefault(f"{table} (still used by other campaigns)", []).append(f"{row.key} ({row.users})")
        self.report.stale = stale

    def _remember_links(self) -> None:
        """The shared rows this campaign used before the load (for stale rows)."""
        for table, links, column in (
            ("places", "campaign_places", "place_id"),
            ("parties", "campaign_parties", "party_id"),
        ):
            self._temporary(
                f"stg_was_linked_{table}", f"select {column} from core.{links} where campaign_id = :campaign_id"
            )

    # --- the whole load ---------------------------------------------------------------------------------

    def write(self) -> LoadReport:
        self._stage()
        if self.after_staging is not None:
            self.after_staging(self.connection, self)
        self._campaign()
        self._remember_links()
        conflicts = self._conflicts()
        if conflicts:
            raise ConflictError(str(self.folder.folder), conflicts)
        self._parties_and_sides()
        self._documents_and_sources()
        self._places()
        self._claims()
        self._losses()
        self._stale()
        return self.report


__all__ = ["AreaIn", "CampaignWriter", "ConflictError"]
