"""Many campaigns in one database: campaign ownership, a shared and cited
gazetteer, sides, and the widened vocabularies of the second round.

- ``campaigns`` own their documents, claims, denials, corroborations and
  losses, whose slugs become unique per campaign.
- Parties, sources and places stay shared; ``campaign_parties``,
  ``campaign_sources`` and ``campaign_places`` record which campaigns use them
  (with each campaign's own note). The narrative voice becomes one source per
  document.
- ``places.parent_id`` gives way to ``place_areas`` (a place in several
  areas, each membership cited, per campaign); spellings (``place_names``)
  are per campaign and cited too.
- ``sides`` and ``side_members`` group a campaign's parties.
- Claims get a hedge, open-ended dates and ``same_as``; partial control a
  share; losses a low/high quantity; every vocabulary is widened.

An existing round-1 database is upgraded in place: each document becomes a
campaign named after it (version 0.0.0; the seed loader adopts it when the
folder holding that document is next loaded), every row is attached to it,
parents become cited area memberships (citing the old note), and nothing is
lost. The reporting objects of revision 0002 depend on the old columns, so
they are dropped here and revision 0004 creates their successors.

Downgrading needs an empty database: a round-1 schema cannot hold several
campaigns. It refuses when campaigns are loaded, unless run with
``alembic -x drop_data=yes downgrade``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from campaign_db.migration_guards import refuse_to_drop_data, run_sql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

READER_ROLE = "campaign_reader"

#: Revision 0002's reporting objects, in its creation order (pinned here).
REVISION_0002_OBJECTS = (
    ("01_reporting_int.place_lineage.sql", "view", "reporting_int.place_lineage"),
    ("02_reporting_int.place_details.sql", "view", "reporting_int.place_details"),
    ("03_reporting_int.claim_details.sql", "view", "reporting_int.claim_details"),
    ("04_reporting_int.control_claim_places.sql", "view", "reporting_int.control_claim_places"),
    ("05_reporting_int.self_contradictions.sql", "view", "reporting_int.self_contradictions"),
    ("06_reporting_int.control_candidates.sql", "view", "reporting_int.control_candidates"),
    ("07_reporting.control_periods.sql", "view", "reporting.control_periods"),
    ("08_reporting.control_as_of.sql", "function", "reporting.control_as_of(date, date)"),
    ("09_reporting.control_daily.sql", "view", "reporting.control_daily"),
    ("10_reporting.district_progress.sql", "view", "reporting.district_progress"),
    ("11_reporting.claims.sql", "view", "reporting.claims"),
    ("12_reporting.contested_claims.sql", "view", "reporting.contested_claims"),
    ("13_reporting.losses.sql", "view", "reporting.losses"),
    ("14_reporting.source_scorecard.sql", "view", "reporting.source_scorecard"),
)
REVISION_0002_FOLDER = Path(__file__).with_name("0002_reporting")

# core.fold_name, second version: as revision 0001's, plus the Cyrillic
# letters whose accented forms a reader does not type (ё й ї є ґ). Cyrillic
# capitals are lowered by the inner translate, not by lower(), whose reach
# beyond ASCII depends on the database's locale (none under LC_CTYPE C).
FOLD_NAME_V2 = r"""
create or replace function core.fold_name(name text) returns text
    language sql
    immutable
    strict
    parallel safe
as $$
    select btrim(regexp_replace(lower(translate(translate(name,
        'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯІЎ',
        'абвгдежзиклмнопрстуфхцчшщъыьэюяіў'),
        'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳƏəıØøĐđŁłßЁёЙйЇїЄєҐґ-–—’‘''`ʼ',
        'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyeeiooddllsееииііеегг   '
    )), '\s+', ' ', 'g'))
$$
"""

# Round-1 rows, attached to campaigns. Each document becomes a campaign named
# after it; the loader adopts it when the folder holding that document loads.
ADOPT_ROUND_ONE = """
insert into core.campaigns (
    slug, title, version, period_start_on, period_end_on, earliest_on, latest_on, report_area_kind, note
)
select
    documents.slug,
    documents.title,
    '0.0.0',
    coalesce(claim_dates.first_on, current_date),
    coalesce(claim_dates.last_on, current_date),
    coalesce(claim_dates.earliest_on, current_date),
    coalesce(claim_dates.latest_on, current_date),
    'district',
    'Upgraded from a round-1 database of campaign-db; the next seed load of the folder holding document '
    || documents.slug || ' adopts it.'
from core.documents as documents
left join lateral (
    select
        min(claims.stated_earliest_on) as first_on,
        max(claims.stated_latest_on) as last_on,
        min(least(claims.stated_earliest_on, claims.occurred_earliest_on)) as earliest_on,
        max(greatest(claims.stated_latest_on, claims.occurred_latest_on)) as latest_on
    from core.claims as claims
    where claims.document_id = documents.document_id
) as claim_dates on true;

update core.documents as documents
set
    campaign_id = campaigns.campaign_id,
    kind = 'account'
from core.campaigns as campaigns
where campaigns.slug = documents.slug;

update core.claims as claims
set campaign_id = documents.campaign_id
from core.documents as documents
where documents.document_id = claims.document_id;

update core.denials as denials
set campaign_id = claims.campaign_id
from core.claims as claims
where claims.claim_id = denials.claim_id;

update core.corroborations as corroborations
set campaign_id = claims.campaign_id
from core.claims as claims
where claims.claim_id = corroborations.claim_id;

update core.losses as losses
set
    campaign_id = documents.campaign_id,
    quantity_low = case when losses.qualifier <> 'unspecified' then losses.quantity end,
    quantity_high = case when losses.qualifier = 'exact' then losses.quantity end
from core.documents as documents
where documents.document_id = losses.document_id;

-- the narrative voice: one source per document, taking over its statements
insert into core.sources (slug, name, kind, party_id, document_id, note)
select distinct
    narratives.slug,
    narratives.name,
    'narrative',
    null::integer,
    used.document_id,
    narratives.note
from core.sources as narratives
inner join (
    select source_id, document_id from core.claims
    union
    select source_id, document_id from core.denials
    union
    select source_id, document_id from core.corroborations
    union
    select source_id, document_id from core.losses
) as used
    on used.source_id = narratives.source_id
where narratives.kind = 'narrative';

update core.claims as rows
set source_id = voices.source_id
from core.sources as voices, core.sources as narratives
where
    narratives.source_id = rows.source_id
    and narratives.kind = 'narrative'
    and narratives.document_id is null
    and voices.document_id = rows.document_id;

update core.denials as rows
set source_id = voices.source_id
from core.sources as voices, core.sources as narratives
where
    narratives.source_id = rows.source_id
    and narratives.kind = 'narrative'
    and narratives.document_id is null
    and voices.document_id = rows.document_id;

update core.corroborations as rows
set source_id = voices.source_id
from core.sources as voices, core.sources as narratives
where
    narratives.source_id = rows.source_id
    and narratives.kind = 'narrative'
    and narratives.document_id is null
    and voices.document_id = rows.document_id;

update core.losses as rows
set source_id = voices.source_id
from core.sources as voices, core.sources as narratives
where
    narratives.source_id = rows.source_id
    and narratives.kind = 'narrative'
    and narratives.document_id is null
    and voices.document_id = rows.document_id;

delete from core.sources
where kind = 'narrative' and document_id is null;

-- who uses what: every campaign of a round-1 database used every shared row
insert into core.campaign_parties (campaign_id, party_id, note)
select campaigns.campaign_id, parties.party_id, parties.note
from core.campaigns as campaigns
cross join core.parties as parties;

insert into core.campaign_sources (campaign_id, source_id, note)
select campaigns.campaign_id, sources.source_id, sources.note
from core.campaigns as campaigns
inner join core.sources as sources
    on sources.document_id is null
    or sources.document_id in (
        select documents.document_id
        from core.documents as documents
        where documents.campaign_id = campaigns.campaign_id
    );

insert into core.campaign_places (campaign_id, place_id, note)
select campaigns.campaign_id, places.place_id, places.note
from core.campaigns as campaigns
cross join core.places as places;

-- a parent becomes a cited area membership; round 1 kept the reason in the
-- place's note, which is the best citation it has
insert into core.place_areas (campaign_id, place_id, area_id, relation, document_id, url, quote)
select
    documents.campaign_id,
    places.place_id,
    places.parent_id,
    'in',
    documents.document_id,
    null,
    coalesce(nullif(btrim(places.note), ''), 'Recorded as the parent before citations were kept.')
from core.places as places
cross join core.documents as documents
where places.parent_id is not null;

-- each spelling, for every campaign, cited by the name itself in the document
insert into core.place_names (place_id, campaign_id, name, document_id, quote)
select
    place_names.place_id,
    documents.campaign_id,
    place_names.name,
    documents.document_id,
    place_names.name
from core.place_names as place_names
cross join core.documents as documents
where place_names.campaign_id is null;

delete from core.place_names
where campaign_id is null;
"""

DOWNGRADE_ROWS = """
update core.losses set quantity = coalesce(quantity_low, quantity_high);
"""


def _check(table: str, name: str, condition: str) -> None:
    op.create_check_constraint(op.f(f"ck_{table}_{name}"), table, condition, schema="core")


def _drop_check(table: str, name: str) -> None:
    op.drop_constraint(op.f(f"ck_{table}_{name}"), table, schema="core", type_="check")


def _in(values: Sequence[str]) -> str:
    return "(" + ", ".join(f"'{value}'" for value in values) + ")"


# The vocabularies of this revision (pinned: a later revision widens them with its own lists).
SOURCE_KINDS = (
    "narrative", "ministry_of_defence", "military_command", "military_spokesman", "head_of_state",
    "head_of_government", "government", "authorities", "local_authority", "official", "news_outlet",
    "independent_analyst", "international_organisation", "social_media", "unnamed",
)
PLACE_KINDS = (
    "city", "town", "village", "settlement", "city_district", "neighbourhood", "country", "province", "oblast",
    "raion", "hromada", "district", "governorate", "subdistrict", "region", "island", "bridge", "dam", "river",
    "road", "border", "valley", "airbase", "military_base", "oil_field", "gas_field", "hill", "facility",
)
CONTROL_CLAIM_KINDS = ("capture", "control", "withdrawal", "presence", "partial")
CLAIM_KINDS = (
    *CONTROL_CLAIM_KINDS,
    "offensive", "advance", "clash", "siege", "encirclement", "shelling", "strike", "rocket_attack",
    "attack_attempt", "aircraft_downed", "retreat", "surrender", "footage", "ceasefire", "ceasefire_violation",
    "accusation", "admission", "appeal", "annexation", "mobilisation", "atrocity", "territory_gain", "statement",
)
HEDGES = ("likely", "reportedly", "apparently", "allegedly", "possibly", "unconfirmed")
CORROBORATION_KINDS = ("independent_confirmation", "footage", "adversary_admission", "analyst_assessment")
LOSS_CATEGORIES = (
    "personnel", "civilians", "prisoners", "tanks", "ifv", "apc", "vehicles", "artillery", "howitzers",
    "rocket_artillery", "air_defence", "radar", "uavs", "aircraft", "helicopters", "ships", "facilities",
    "equipment",
)
LOSS_OUTCOMES = (
    "killed", "injured", "missing", "destroyed", "damaged", "downed", "captured", "fled", "abandoned",
    "surrendered",
)
LOSS_QUALIFIERS = ("exact", "at_least", "approximately", "up_to", "between", "unspecified")
QUANTITY_SHAPE = (
    "case qualifier"
    " when 'exact' then quantity_low = quantity_high"
    " when 'approximately' then quantity_low = quantity_high"
    " when 'at_least' then quantity_low is not null and quantity_high is null"
    " when 'up_to' then quantity_low is null and quantity_high is not null"
    " when 'between' then quantity_low < quantity_high"
    " else quantity_low is null and quantity_high is null end"
)
CITATION_GIVEN = "(document_id is not null or url is not null) and btrim(quote) <> ''"

# Round 1's vocabularies, restored by the downgrade.
ROUND_ONE_SOURCE_KINDS = (
    "ministry_of_defence", "head_of_state", "head_of_government", "government", "authorities", "news_outlet",
    "international_organisation", "narrative",
)
ROUND_ONE_PLACE_KINDS = (
    "city", "town", "village", "district", "province", "country", "region", "bridge", "dam", "river", "border",
    "valley",
)
ROUND_ONE_CLAIM_KINDS = (
    "capture", "control", "offensive", "clash", "shelling", "rocket_attack", "attack_attempt", "aircraft_downed",
    "retreat", "footage", "ceasefire", "ceasefire_violation", "accusation", "admission", "appeal",
)
ROUND_ONE_CORROBORATION_KINDS = ("independent_confirmation", "footage", "adversary_admission")
ROUND_ONE_LOSS_CATEGORIES = (
    "personnel", "civilians", "tanks", "vehicles", "rocket_artillery", "howitzers", "air_defence", "uavs",
    "aircraft",
)
ROUND_ONE_LOSS_OUTCOMES = ("killed", "injured", "destroyed", "downed", "captured")
ROUND_ONE_LOSS_QUALIFIERS = ("exact", "at_least", "unspecified")


def _coordinate_checks(table: str) -> None:
    _check(table, "coordinate_precision_known", "coordinate_precision in ('exact', 'settlement', 'approximate')")
    _check(table, "latitude_in_range", "latitude between -90 and 90")
    _check(table, "longitude_in_range", "longitude between -180 and 180")
    _check(
        table,
        "coordinates_complete",
        "(latitude is null) = (longitude is null) and (latitude is null) = (coordinate_precision is null)",
    )


def _drop_reporting_0002() -> None:
    for _file, kind, name in reversed(REVISION_0002_OBJECTS):
        op.execute(f"drop {kind} if exists {name}")


def _create_reporting_0002() -> None:
    for file, _kind, _name in REVISION_0002_OBJECTS:
        run_sql((REVISION_0002_FOLDER / file).read_text(encoding="utf-8"))
    for _file, kind, name in REVISION_0002_OBJECTS:
        if not name.startswith("reporting."):
            continue
        if kind == "view":
            op.execute(f"grant select on {name} to {READER_ROLE}")
        else:
            op.execute(f"revoke execute on function {name} from public")
            op.execute(f"grant execute on function {name} to {READER_ROLE}")


def upgrade() -> None:
    _drop_reporting_0002()

    # --- new tables
    op.create_table(
        "campaigns",
        sa.Column("campaign_id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("slug", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("war", sa.Text(), nullable=True),
        sa.Column("version", sa.Text(), nullable=False),
        sa.Column("period_start_on", sa.Date(), nullable=False),
        sa.Column("period_end_on", sa.Date(), nullable=False),
        sa.Column("earliest_on", sa.Date(), nullable=False),
        sa.Column("latest_on", sa.Date(), nullable=False),
        sa.Column("report_area_kind", sa.Text(), nullable=False),
        sa.Column("seed_sha256", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(f"report_area_kind in {_in(PLACE_KINDS)}", name=op.f("ck_campaigns_report_area_kind_known")),
        sa.CheckConstraint("slug ~ '^[a-z0-9][a-z0-9-]*$' and slug <> 'all'", name=op.f("ck_campaigns_slug_well_formed")),
        sa.CheckConstraint("version ~ '^[0-9]+\\.[0-9]+\\.[0-9]+$'", name=op.f("ck_campaigns_version_semantic")),
        sa.CheckConstraint(
            "earliest_on <= period_start_on and period_end_on <= latest_on",
            name=op.f("ck_campaigns_dates_contain_period"),
        ),
        sa.CheckConstraint("period_start_on <= period_end_on", name=op.f("ck_campaigns_period_ordered")),
        sa.PrimaryKeyConstraint("campaign_id", name=op.f("pk_campaigns")),
        sa.UniqueConstraint("slug", name=op.f("uq_campaigns_slug")),
        schema="core",
    )
    op.create_table(
        "sides",
        sa.Column("side_id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("slug", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.CheckConstraint("slug ~ '^[a-z0-9][a-z0-9-]*$'", name=op.f("ck_sides_slug_well_formed")),
        sa.PrimaryKeyConstraint("side_id", name=op.f("pk_sides")),
        sa.UniqueConstraint("name", name=op.f("uq_sides_name")),
        sa.UniqueConstraint("slug", name=op.f("uq_sides_slug")),
        schema="core",
    )
    op.create_table(
        "campaign_parties",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["core.campaigns.campaign_id"],
            name=op.f("fk_campaign_parties_campaign_id_campaigns"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["party_id"], ["core.parties.party_id"], name=op.f("fk_campaign_parties_party_id_parties")),
        sa.PrimaryKeyConstraint("campaign_id", "party_id", name=op.f("pk_campaign_parties")),
        schema="core",
    )
    op.create_index(op.f("ix_campaign_parties_party_id"), "campaign_parties", ["party_id"], schema="core")
    op.create_table(
        "campaign_sides",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("side_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["core.campaigns.campaign_id"],
            name=op.f("fk_campaign_sides_campaign_id_campaigns"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["side_id"], ["core.sides.side_id"], name=op.f("fk_campaign_sides_side_id_sides")),
        sa.PrimaryKeyConstraint("campaign_id", "side_id", name=op.f("pk_campaign_sides")),
        schema="core",
    )
    op.create_index(op.f("ix_campaign_sides_side_id"), "campaign_sides", ["side_id"], schema="core")
    op.create_table(
        "side_members",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("side_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id", "party_id"], ["core.campaign_parties.campaign_id", "core.campaign_parties.party_id"],
            name="fk_side_members_campaign_party_campaign_parties", ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id", "side_id"], ["core.campaign_sides.campaign_id", "core.campaign_sides.side_id"],
            name="fk_side_members_campaign_side_campaign_sides", ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("campaign_id", "party_id", name=op.f("pk_side_members")),
        schema="core",
    )
    op.create_index(op.f("ix_side_members_party_id"), "side_members", ["party_id"], schema="core")
    op.create_index(op.f("ix_side_members_side_id"), "side_members", ["side_id"], schema="core")

    # --- documents, sources: owned by a campaign / one narrative voice per document
    op.add_column("documents", sa.Column("campaign_id", sa.Integer(), nullable=True), schema="core")
    op.add_column("documents", sa.Column("kind", sa.Text(), nullable=True), schema="core")
    op.add_column("documents", sa.Column("note", sa.Text(), nullable=True), schema="core")
    op.drop_constraint(op.f("uq_documents_slug"), "documents", schema="core", type_="unique")
    op.add_column("sources", sa.Column("document_id", sa.Integer(), nullable=True), schema="core")
    op.drop_constraint(op.f("uq_sources_slug"), "sources", schema="core", type_="unique")
    op.add_column("claims", sa.Column("campaign_id", sa.Integer(), nullable=True), schema="core")
    op.add_column("denials", sa.Column("campaign_id", sa.Integer(), nullable=True), schema="core")
    op.add_column("corroborations", sa.Column("campaign_id", sa.Integer(), nullable=True), schema="core")
    op.add_column("losses", sa.Column("campaign_id", sa.Integer(), nullable=True), schema="core")
    op.add_column("losses", sa.Column("quantity_low", sa.Integer(), nullable=True), schema="core")
    op.add_column("losses", sa.Column("quantity_high", sa.Integer(), nullable=True), schema="core")

    op.create_table(
        "campaign_sources",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["core.campaigns.campaign_id"],
            name=op.f("fk_campaign_sources_campaign_id_campaigns"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["source_id"], ["core.sources.source_id"], name=op.f("fk_campaign_sources_source_id_sources")),
        sa.PrimaryKeyConstraint("campaign_id", "source_id", name=op.f("pk_campaign_sources")),
        schema="core",
    )
    op.create_index(op.f("ix_campaign_sources_source_id"), "campaign_sources", ["source_id"], schema="core")
    op.create_table(
        "campaign_places",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("latitude", sa.Double(), nullable=True),
        sa.Column("longitude", sa.Double(), nullable=True),
        sa.Column("coordinate_precision", sa.Text(), nullable=True),
        sa.Column("coordinates_document_id", sa.Integer(), nullable=True),
        sa.Column("coordinates_url", sa.Text(), nullable=True),
        sa.Column("coordinates_quote", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "(latitude is null) = (coordinates_quote is null) and (coordinates_quote is null or "
            "((coordinates_document_id is not null or coordinates_url is not null) and btrim(coordinates_quote) <> ''))",
            name=op.f("ck_campaign_places_coordinates_cited"),
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["core.campaigns.campaign_id"],
            name=op.f("fk_campaign_places_campaign_id_campaigns"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["coordinates_document_id"], ["core.documents.document_id"],
            name=op.f("fk_campaign_places_coordinates_document_id_documents"),
        ),
        sa.ForeignKeyConstraint(["place_id"], ["core.places.place_id"], name=op.f("fk_campaign_places_place_id_places")),
        sa.PrimaryKeyConstraint("campaign_id", "place_id", name=op.f("pk_campaign_places")),
        schema="core",
    )
    _coordinate_checks("campaign_places")
    op.create_index(op.f("ix_campaign_places_place_id"), "campaign_places", ["place_id"], schema="core")
    op.create_table(
        "place_areas",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("relation", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.CheckConstraint(CITATION_GIVEN, name=op.f("ck_place_areas_citation_given")),
        sa.CheckConstraint("relation in ('in', 'beside')", name=op.f("ck_place_areas_relation_known")),
        sa.CheckConstraint("area_id <> place_id", name=op.f("ck_place_areas_not_own_area")),
        sa.ForeignKeyConstraint(["area_id"], ["core.places.place_id"], name=op.f("fk_place_areas_area_id_places")),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["core.campaigns.campaign_id"],
            name=op.f("fk_place_areas_campaign_id_campaigns"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["document_id"], ["core.documents.document_id"], name=op.f("fk_place_areas_document_id_documents")),
        sa.ForeignKeyConstraint(
            ["place_id"], ["core.places.place_id"], name=op.f("fk_place_areas_place_id_places"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("campaign_id", "place_id", "area_id", name=op.f("pk_place_areas")),
        schema="core",
    )
    op.create_index(op.f("ix_place_areas_area_id"), "place_areas", ["area_id"], schema="core")

    # --- place names: per campaign, cited; the folding learns Cyrillic
    op.drop_index("ix_place_names_folded_name", table_name="place_names", schema="core")
    op.drop_column("place_names", "folded_name", schema="core")
    run_sql(FOLD_NAME_V2)
    op.add_column(
        "place_names",
        sa.Column("folded_name", sa.Text(), sa.Computed("core.fold_name(name)", persisted=True), nullable=False),
        schema="core",
    )
    op.create_index("ix_place_names_folded_name", "place_names", ["folded_name"], schema="core")
    op.add_column("place_names", sa.Column("campaign_id", sa.Integer(), nullable=True), schema="core")
    op.add_column("place_names", sa.Column("document_id", sa.Integer(), nullable=True), schema="core")
    op.add_column("place_names", sa.Column("url", sa.Text(), nullable=True), schema="core")
    op.add_column("place_names", sa.Column("quote", sa.Text(), nullable=True), schema="core")
    op.drop_constraint(op.f("uq_place_names_place_id_name"), "place_names", schema="core", type_="unique")

    # --- the round-1 rows, attached to their campaigns
    run_sql(ADOPT_ROUND_ONE)

    # --- now every row has its campaign
    for table in ("documents", "claims", "denials", "corroborations", "losses"):
        op.alter_column(table, "campaign_id", nullable=False, schema="core")
        op.create_foreign_key(
            op.f(f"fk_{table}_campaign_id_campaigns"), table, "campaigns", ["campaign_id"], ["campaign_id"],
            source_schema="core", referent_schema="core", ondelete="CASCADE",
        )
    op.alter_column("documents", "kind", nullable=False, schema="core")
    _check("documents", "kind_known", "kind in ('account', 'gazetteer')")
    op.create_unique_constraint(op.f("uq_documents_campaign_id_slug"), "documents", ["campaign_id", "slug"], schema="core")
    op.create_index(
        "uq_sources_slug", "sources", ["slug"], unique=True, schema="core",
        postgresql_where=sa.text("document_id is null"),
    )
    op.create_index(
        "uq_sources_document_id", "sources", ["document_id"], unique=True, schema="core",
        postgresql_where=sa.text("document_id is not null"),
    )
    op.create_foreign_key(
        op.f("fk_sources_document_id_documents"), "sources", "documents", ["document_id"], ["document_id"],
        source_schema="core", referent_schema="core", ondelete="CASCADE",
    )
    _check("sources", "narrative_has_document", "(kind = 'narrative') = (document_id is not null)")
    op.drop_column("sources", "note", schema="core")
    op.drop_column("parties", "note", schema="core")
    op.drop_index(op.f("ix_places_parent_id"), table_name="places", schema="core")
    op.drop_constraint(op.f("ck_places_not_own_parent"), "places", schema="core", type_="check")
    op.drop_constraint(op.f("fk_places_parent_id_places"), "places", schema="core", type_="foreignkey")
    op.drop_column("places", "parent_id", schema="core")
    op.drop_column("places", "note", schema="core")

    op.alter_column("place_names", "campaign_id", nullable=False, schema="core")
    op.alter_column("place_names", "quote", nullable=False, schema="core")
    _check("place_names", "citation_given", CITATION_GIVEN)
    op.create_index(op.f("ix_place_names_campaign_id"), "place_names", ["campaign_id"], schema="core")
    op.create_unique_constraint(
        op.f("uq_place_names_place_id_campaign_id_name"), "place_names", ["place_id", "campaign_id", "name"],
        schema="core",
    )
    op.create_foreign_key(
        op.f("fk_place_names_campaign_id_campaigns"), "place_names", "campaigns", ["campaign_id"], ["campaign_id"],
        source_schema="core", referent_schema="core", ondelete="CASCADE",
    )
    op.create_foreign_key(
        op.f("fk_place_names_document_id_documents"), "place_names", "documents", ["document_id"], ["document_id"],
        source_schema="core", referent_schema="core",
    )

    # --- claims: per-campaign keys, hedges, open dates, same_as
    op.add_column("claims", sa.Column("hedge", sa.Text(), nullable=True), schema="core")
    op.add_column("claims", sa.Column("same_as_campaign", sa.Text(), nullable=True), schema="core")
    op.add_column("claims", sa.Column("same_as_slug", sa.Text(), nullable=True), schema="core")
    op.alter_column("claims", "stated_latest_on", nullable=True, schema="core")
    op.alter_column("claims", "occurred_latest_on", nullable=True, schema="core")
    op.drop_index(op.f("ix_claims_event_key"), table_name="claims", schema="core")
    op.create_index("ix_claims_campaign_id_event_key", "claims", ["campaign_id", "event_key"], schema="core")
    op.drop_constraint(op.f("uq_claims_slug"), "claims", schema="core", type_="unique")
    op.create_unique_constraint(op.f("uq_claims_campaign_id_slug"), "claims", ["campaign_id", "slug"], schema="core")
    op.create_unique_constraint(
        op.f("uq_claims_claim_id_campaign_id"), "claims", ["claim_id", "campaign_id"], schema="core"
    )
    for name in ("kind_known", "stated_range_ordered", "occurred_range_ordered", "occurred_not_after_stated"):
        _drop_check("claims", name)
    _check("claims", "kind_known", f"kind in {_in(CLAIM_KINDS)}")
    _check("claims", "hedge_known", f"hedge in {_in(HEDGES)}")
    _check("claims", "stated_range_ordered", "stated_latest_on is null or stated_earliest_on <= stated_latest_on")
    _check(
        "claims", "occurred_range_ordered", "occurred_latest_on is null or occurred_earliest_on <= occurred_latest_on"
    )
    _check(
        "claims", "occurred_not_after_stated",
        "stated_latest_on is null or occurred_earliest_on <= stated_latest_on",
    )
    _check("claims", "same_as_complete", "(same_as_campaign is null) = (same_as_slug is null)")
    op.drop_index("ix_claims_control_by_occurred_latest_on", table_name="claims", schema="core")
    op.create_index(
        "ix_claims_control_by_occurred_latest_on", "claims", ["occurred_latest_on"], schema="core",
        postgresql_where=sa.text(f"kind in {_in(CONTROL_CLAIM_KINDS)}"),
    )
    op.add_column("claim_places", sa.Column("share_percent", sa.Double(), nullable=True), schema="core")
    _check("claim_places", "share_is_percent", "share_percent > 0 and share_percent <= 100")

    # --- denials, corroborations: per-campaign keys, owned through their claim
    for table, prefix in (("denials", "denied"), ("corroborations", "corroborated")):
        op.alter_column(table, f"{prefix}_latest_on", nullable=True, schema="core")
        _drop_check(table, f"{prefix}_range_ordered")
        _check(
            table, f"{prefix}_range_ordered",
            f"{prefix}_latest_on is null or {prefix}_earliest_on <= {prefix}_latest_on",
        )
        op.drop_constraint(op.f(f"uq_{table}_slug"), table, schema="core", type_="unique")
        op.create_unique_constraint(op.f(f"uq_{table}_campaign_id_slug"), table, ["campaign_id", "slug"], schema="core")
        op.create_foreign_key(
            f"fk_{table}_claim_campaign_claims", table, "claims", ["claim_id", "campaign_id"],
            ["claim_id", "campaign_id"], source_schema="core", referent_schema="core", ondelete="CASCADE",
        )
    _drop_check("corroborations", "kind_known")
    _check("corroborations", "kind_known", f"kind in {_in(CORROBORATION_KINDS)}")

    # --- losses: low/high quantities, wider vocabularies
    op.drop_constraint(op.f("uq_losses_slug"), "losses", schema="core", type_="unique")
    op.create_unique_constraint(op.f("uq_losses_campaign_id_slug"), "losses", ["campaign_id", "slug"], schema="core")
    for name in ("category_known", "outcome_known", "qualifier_known", "quantity_not_negative",
                 "quantity_matches_qualifier"):
        _drop_check("losses", name)
    op.drop_column("losses", "quantity", schema="core")
    _check("losses", "category_known", f"category in {_in(LOSS_CATEGORIES)}")
    _check("losses", "outcome_known", f"outcome in {_in(LOSS_OUTCOMES)}")
    _check("losses", "qualifier_known", f"qualifier in {_in(LOSS_QUALIFIERS)}")
    _check("losses", "quantity_not_negative", "quantity_low >= 0 and quantity_high >= 0")
    _check("losses", "quantity_matches_qualifier", QUANTITY_SHAPE)

    # --- wider vocabularies for sources and places; coordinate precisions renamed
    _drop_check("sources", "kind_known")
    _check("sources", "kind_known", f"kind in {_in(SOURCE_KINDS)}")
    _drop_check("places", "kind_known")
    _check("places", "kind_known", f"kind in {_in(PLACE_KINDS)}")
    op.execute("update core.places set coordinate_precision = 'settlement' where coordinate_precision = 'centroid'")
    _drop_check("places", "coordinate_precision_known")
    _check("places", "coordinate_precision_known", "coordinate_precision in ('exact', 'settlement', 'approximate')")


def downgrade() -> None:
    refuse_to_drop_data("core.campaigns", "revision 0003 (several campaigns in one database)")
    # allowed to drop: a round-1 schema cannot hold this round's rows
    op.execute(
        "truncate core.campaigns, core.parties, core.sides, core.sources, core.places, core.documents, "
        "core.claims, core.claim_places, core.denials, core.corroborations, core.losses, core.place_names, "
        "core.place_areas, core.campaign_places, core.campaign_parties, core.campaign_sources, "
        "core.campaign_sides, core.side_members"
    )
    for name in ("coordinate_precision_known", "kind_known"):
        _drop_check("places", name)
    _check("places", "kind_known", f"kind in {_in(ROUND_ONE_PLACE_KINDS)}")
    _check("places", "coordinate_precision_known", "coordinate_precision in ('exact', 'approximate', 'centroid')")
    _drop_check("sources", "kind_known")
    _check("sources", "kind_known", f"kind in {_in(ROUND_ONE_SOURCE_KINDS)}")

    op.add_column("losses", sa.Column("quantity", sa.Integer(), nullable=True), schema="core")
    run_sql(DOWNGRADE_ROWS)
    for name in ("category_known", "outcome_known", "qualifier_known", "quantity_not_negative",
                 "quantity_matches_qualifier"):
        _drop_check("losses", name)
    _check("losses", "category_known", f"category in {_in(ROUND_ONE_LOSS_CATEGORIES)}")
    _check("losses", "outcome_known", f"outcome in {_in(ROUND_ONE_LOSS_OUTCOMES)}")
    _check("losses", "qualifier_known", f"qualifier in {_in(ROUND_ONE_LOSS_QUALIFIERS)}")
    _check("losses", "quantity_not_negative", "quantity >= 0")
    _check("losses", "quantity_matches_qualifier", "(quantity is null) = (qualifier = 'unspecified')")
    op.drop_constraint(op.f("uq_losses_campaign_id_slug"), "losses", schema="core", type_="unique")
    op.create_unique_constraint(op.f("uq_losses_slug"), "losses", ["slug"], schema="core")
    op.drop_column("losses", "quantity_low", schema="core")
    op.drop_column("losses", "quantity_high", schema="core")

    _drop_check("corroborations", "kind_known")
    _check("corroborations", "kind_known", f"kind in {_in(ROUND_ONE_CORROBORATION_KINDS)}")
    for table, prefix in (("denials", "denied"), ("corroborations", "corroborated")):
        op.drop_constraint(f"fk_{table}_claim_campaign_claims", table, schema="core", type_="foreignkey")
        op.drop_constraint(op.f(f"uq_{table}_campaign_id_slug"), table, schema="core", type_="unique")
        op.create_unique_constraint(op.f(f"uq_{table}_slug"), table, ["slug"], schema="core")
        _drop_check(table, f"{prefix}_range_ordered")
        op.alter_column(table, f"{prefix}_latest_on", nullable=False, schema="core")
        _check(table, f"{prefix}_range_ordered", f"{prefix}_earliest_on <= {prefix}_latest_on")

    _drop_check("claim_places", "share_is_percent")
    op.drop_column("claim_places", "share_percent", schema="core")
    op.drop_index("ix_claims_control_by_occurred_latest_on", table_name="claims", schema="core")
    op.create_index(
        "ix_claims_control_by_occurred_latest_on", "claims", ["occurred_latest_on"], schema="core",
        postgresql_where=sa.text("kind in ('capture', 'control')"),
    )
    for name in ("kind_known", "hedge_known", "stated_range_ordered", "occurred_range_ordered",
                 "occurred_not_after_stated", "same_as_complete"):
        _drop_check("claims", name)
    op.alter_column("claims", "stated_latest_on", nullable=False, schema="core")
    op.alter_column("claims", "occurred_latest_on", nullable=False, schema="core")
    _check("claims", "kind_known", f"kind in {_in(ROUND_ONE_CLAIM_KINDS)}")
    _check("claims", "stated_range_ordered", "stated_earliest_on <= stated_latest_on")
    _check("claims", "occurred_range_ordered", "occurred_earliest_on <= occurred_latest_on")
    _check("claims", "occurred_not_after_stated", "occurred_earliest_on <= stated_latest_on")
    op.drop_constraint(op.f("uq_claims_claim_id_campaign_id"), "claims", schema="core", type_="unique")
    op.drop_constraint(op.f("uq_claims_campaign_id_slug"), "claims", schema="core", type_="unique")
    op.create_unique_constraint(op.f("uq_claims_slug"), "claims", ["slug"], schema="core")
    op.drop_index("ix_claims_campaign_id_event_key", table_name="claims", schema="core")
    op.create_index(op.f("ix_claims_event_key"), "claims", ["event_key"], schema="core")
    for column in ("same_as_slug", "same_as_campaign", "hedge"):
        op.drop_column("claims", column, schema="core")

    op.drop_index("ix_place_names_folded_name", table_name="place_names", schema="core")
    op.drop_column("place_names", "folded_name", schema="core")
    run_sql(FOLD_NAME_V2.replace("ЁёЙйЇїЄєҐґ", "").replace("ееииііеегг", ""))
    op.add_column(
        "place_names",
        sa.Column("folded_name", sa.Text(), sa.Computed("core.fold_name(name)", persisted=True), nullable=False),
        schema="core",
    )
    op.create_index("ix_place_names_folded_name", "place_names", ["folded_name"], schema="core")
    op.drop_constraint(op.f("fk_place_names_document_id_documents"), "place_names", schema="core", type_="foreignkey")
    op.drop_constraint(op.f("fk_place_names_campaign_id_campaigns"), "place_names", schema="core", type_="foreignkey")
    op.drop_constraint(op.f("uq_place_names_place_id_campaign_id_name"), "place_names", schema="core", type_="unique")
    op.drop_index(op.f("ix_place_names_campaign_id"), table_name="place_names", schema="core")
    _drop_check("place_names", "citation_given")
    for column in ("quote", "url", "document_id", "campaign_id"):
        op.drop_column("place_names", column, schema="core")
    op.create_unique_constraint(op.f("uq_place_names_place_id_name"), "place_names", ["place_id", "name"], schema="core")

    op.add_column("places", sa.Column("note", sa.Text(), nullable=True), schema="core")
    op.add_column("places", sa.Column("parent_id", sa.Integer(), nullable=True), schema="core")
    op.create_foreign_key(
        op.f("fk_places_parent_id_places"), "places", "places", ["parent_id"], ["place_id"],
        source_schema="core", referent_schema="core",
    )
    _check("places", "not_own_parent", "parent_id <> place_id")
    op.create_index(op.f("ix_places_parent_id"), "places", ["parent_id"], schema="core")
    op.add_column("parties", sa.Column("note", sa.Text(), nullable=True), schema="core")
    op.add_column("sources", sa.Column("note", sa.Text(), nullable=True), schema="core")
    _drop_check("sources", "narrative_has_document")
    op.drop_constraint(op.f("fk_sources_document_id_documents"), "sources", schema="core", type_="foreignkey")
    op.drop_index("uq_sources_document_id", table_name="sources", schema="core")
    op.drop_index("uq_sources_slug", table_name="sources", schema="core")
    op.create_unique_constraint(op.f("uq_sources_slug"), "sources", ["slug"], schema="core")
    op.drop_column("sources", "document_id", schema="core")

    op.drop_constraint(op.f("uq_documents_campaign_id_slug"), "documents", schema="core", type_="unique")
    _drop_check("documents", "kind_known")
    op.create_unique_constraint(op.f("uq_documents_slug"), "documents", ["slug"], schema="core")
    for table in ("documents", "claims", "denials", "corroborations", "losses"):
        op.drop_constraint(op.f(f"fk_{table}_campaign_id_campaigns"), table, schema="core", type_="foreignkey")
        op.drop_column(table, "campaign_id", schema="core")
    op.drop_column("documents", "kind", schema="core")
    op.drop_column("documents", "note", schema="core")

    for table in ("place_areas", "campaign_places", "campaign_sources", "side_members", "campaign_sides",
                  "campaign_parties", "sides", "campaigns"):
        op.drop_table(table, schema="core")
    _create_reporting_0002()
