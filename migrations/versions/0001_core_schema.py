"""Core schema: the base tables of the domain model, the name-folding
function, and an empty ``reporting`` schema.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# core.fold_name: case, accents and the Azerbaijani letters (ə ı İ ş ç ğ ö ü) to
# plain Latin, apostrophes dropped, dashes and runs of spaces to one space.
# Immutable, so place_names.folded_name can be a stored generated column with
# an index; no contrib extension (unaccent) needed.
FOLD_NAME_SQL = r"""
create function core.fold_name(name text) returns text
    language sql
    immutable
    strict
    parallel safe
as $$
    select btrim(regexp_replace(lower(translate(name,
        'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳƏəıØøĐđŁłß-–—’‘''`ʼ',
        'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyeeiooddlls   '
    )), '\s+', ' ', 'g'))
$$
"""

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("create schema core")
    op.execute("comment on schema core is 'Base tables of campaign-db. Consumers read the views in schema reporting.'")
    op.execute("create schema reporting")
    op.execute("comment on schema reporting is 'The public, read-only interface of campaign-db: views and functions for analysts and BI tools.'")
    op.execute(FOLD_NAME_SQL)
    op.create_table('documents',
    sa.Column('document_id', sa.Integer(), sa.Identity(always=False), nullable=False),
    sa.Column('slug', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('publisher', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('licence', sa.Text(), nullable=True),
    sa.Column('retrieved_on', sa.Date(), nullable=True),
    sa.Column('sha256', sa.Text(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.CheckConstraint("sha256 = encode(sha256(convert_to(content, 'UTF8')), 'hex')", name=op.f('ck_documents_sha256_matches_content')),
    sa.PrimaryKeyConstraint('document_id', name=op.f('pk_documents')),
    sa.UniqueConstraint('slug', name=op.f('uq_documents_slug')),
    schema='core'
    )
    op.create_table('parties',
    sa.Column('party_id', sa.Integer(), sa.Identity(always=False), nullable=False),
    sa.Column('code', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('party_id', name=op.f('pk_parties')),
    sa.UniqueConstraint('code', name=op.f('uq_parties_code')),
    sa.UniqueConstraint('name', name=op.f('uq_parties_name')),
    schema='core'
    )
    op.create_table('places',
    sa.Column('place_id', sa.Integer(), sa.Identity(always=False), nullable=False),
    sa.Column('slug', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('latitude', sa.Double(), nullable=True),
    sa.Column('longitude', sa.Double(), nullable=True),
    sa.Column('coordinate_precision', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint("coordinate_precision in ('exact', 'approximate', 'centroid')", name=op.f('ck_places_coordinate_precision_known')),
    sa.CheckConstraint("kind in ('city', 'town', 'village', 'district', 'province', 'country', 'region', 'bridge', 'dam', 'river', 'border', 'valley')", name=op.f('ck_places_kind_known')),
    sa.CheckConstraint('(latitude is null) = (longitude is null) and (latitude is null) = (coordinate_precision is null)', name=op.f('ck_places_coordinates_complete')),
    sa.CheckConstraint('latitude between -90 and 90', name=op.f('ck_places_latitude_in_range')),
    sa.CheckConstraint('longitude between -180 and 180', name=op.f('ck_places_longitude_in_range')),
    sa.CheckConstraint('parent_id <> place_id', name=op.f('ck_places_not_own_parent')),
    sa.ForeignKeyConstraint(['parent_id'], ['core.places.place_id'], name=op.f('fk_places_parent_id_places')),
    sa.PrimaryKeyConstraint('place_id', name=op.f('pk_places')),
    sa.UniqueConstraint('slug', name=op.f('uq_places_slug')),
    schema='core'
    )
    op.create_index(op.f('ix_places_parent_id'), 'places', ['parent_id'], unique=False, schema='core')
    op.create_table('place_names',
    sa.Column('place_name_id', sa.Integer(), sa.Identity(always=False), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('folded_name', sa.Text(), sa.Computed('core.fold_name(name)', persisted=True), nullable=False),
    sa.CheckConstraint("btrim(name) <> ''", name=op.f('ck_place_names_name_not_blank')),
    sa.ForeignKeyConstraint(['place_id'], ['core.places.place_id'], name=op.f('fk_place_names_place_id_places'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('place_name_id', name=op.f('pk_place_names')),
    sa.UniqueConstraint('place_id', 'name', name=op.f('uq_place_names_place_id_name')),
    schema='core'
    )
    op.create_index('ix_place_names_folded_name', 'place_names', ['folded_name'], unique=False, schema='core')
    op.create_table('sources',
    sa.Column('source_id', sa.Integer(), sa.Identity(always=False), nullable=False),
    sa.Column('slug', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint("kind in ('ministry_of_defence', 'head_of_state', 'head_of_government', 'government', 'authorities', 'news_outlet', 'international_organisation', 'narrative')", name=op.f('ck_sources_kind_known')),
    sa.ForeignKeyConstraint(['party_id'], ['core.parties.party_id'], name=op.f('fk_sources_party_id_parties')),
    sa.PrimaryKeyConstraint('source_id', name=op.f('pk_sources')),
    sa.UniqueConstraint('slug', name=op.f('uq_sources_slug')),
    schema='core'
    )
    op.create_index(op.f('ix_sources_party_id'), 'sources', ['party_id'], unique=False, schema='core')
    op.create_table('claims',
    sa.Column('claim_id', sa.Integer(), sa.Identity(always=False), nullable=False),
    sa.Column('slug', sa.Text(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('actor_party_id', sa.Integer(), nullable=True),
    sa.Column('target_party_id', sa.Integer(), nullable=True),
    sa.Column('stated_earliest_on', sa.Date(), nullable=False),
    sa.Column('stated_latest_on', sa.Date(), nullable=False),
    sa.Column('stated_local_time', sa.Time(), nullable=True),
    sa.Column('occurred_earliest_on', sa.Date(), nullable=False),
    sa.Column('occurred_latest_on', sa.Date(), nullable=False),
    sa.Column('occurred_local_time', sa.Time(), nullable=True),
    sa.Column('event_key', sa.Text(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint("kind in ('capture', 'control', 'offensive', 'clash', 'shelling', 'rocket_attack', 'attack_attempt', 'aircraft_downed', 'retreat', 'footage', 'ceasefire', 'ceasefire_violation', 'accusation', 'admission', 'appeal')", name=op.f('ck_claims_kind_known')),
    sa.CheckConstraint('occurred_earliest_on <= occurred_latest_on', name=op.f('ck_claims_occurred_range_ordered')),
    sa.CheckConstraint('occurred_earliest_on <= stated_latest_on', name=op.f('ck_claims_occurred_not_after_stated')),
    sa.CheckConstraint('stated_earliest_on <= stated_latest_on', name=op.f('ck_claims_stated_range_ordered')),
    sa.ForeignKeyConstraint(['actor_party_id'], ['core.parties.party_id'], name=op.f('fk_claims_actor_party_id_parties')),
    sa.ForeignKeyConstraint(['document_id'], ['core.documents.document_id'], name=op.f('fk_claims_document_id_documents')),
    sa.ForeignKeyConstraint(['source_id'], ['core.sources.source_id'], name=op.f('fk_claims_source_id_sources')),
    sa.ForeignKeyConstraint(['target_party_id'], ['core.parties.party_id'], name=op.f('fk_claims_target_party_id_parties')),
    sa.PrimaryKeyConstraint('claim_id', name=op.f('pk_claims')),
    sa.UniqueConstraint('slug', name=op.f('uq_claims_slug')),
    schema='core'
    )
    op.create_index(op.f('ix_claims_actor_party_id'), 'claims', ['actor_party_id'], unique=False, schema='core')
    op.create_index('ix_claims_control_by_occurred_latest_on', 'claims', ['occurred_latest_on'], unique=False, schema='core', postgresql_where=sa.text("kind in ('capture', 'control')"))
    op.create_index(op.f('ix_claims_document_id'), 'claims', ['document_id'], unique=False, schema='core')
    op.create_index(op.f('ix_claims_event_key'), 'claims', ['event_key'], unique=False, schema='core')
    op.create_index(op.f('ix_claims_source_id'), 'claims', ['source_id'], unique=False, schema='core')
    op.create_index(op.f('ix_claims_target_party_id'), 'claims', ['target_party_id'], unique=False, schema='core')
    op.create_table('claim_places',
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Text(), nullable=False),
    sa.CheckConstraint("role in ('subject', 'origin', 'near', 'target')", name=op.f('ck_claim_places_role_known')),
    sa.ForeignKeyConstraint(['claim_id'], ['core.claims.claim_id'], name=op.f('fk_claim_places_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['place_id'], ['core.places.place_id'], name=op.f('fk_claim_places_place_id_places')),
    sa.PrimaryKeyConstraint('claim_id', 'place_id', name=op.f('pk_claim_places')),
    schema='core'
    )
    op.create_index('ix_claim_places_place_id_claim_id', 'claim_places', ['place_id', 'claim_id'], unique=False, schema='core')
    op.create_table('losses',
    sa.Column('loss_id', sa.Integer(), sa.Identity(always=False), nullable=False),
    sa.Column('slug', sa.Text(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('as_of_date', sa.Date(), nullable=False),
    sa.Column('losing_party_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.Text(), nullable=False),
    sa.Column('equipment', sa.Text(), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('qualifier', sa.Text(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('claim_id', sa.Integer(), nullable=True),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint("(quantity is null) = (qualifier = 'unspecified')", name=op.f('ck_losses_quantity_matches_qualifier')),
    sa.CheckConstraint("category in ('personnel', 'civilians', 'tanks', 'vehicles', 'rocket_artillery', 'howitzers', 'air_defence', 'uavs', 'aircraft')", name=op.f('ck_losses_category_known')),
    sa.CheckConstraint("outcome in ('killed', 'injured', 'destroyed', 'downed', 'captured')", name=op.f('ck_losses_outcome_known')),
    sa.CheckConstraint("qualifier in ('exact', 'at_least', 'unspecified')", name=op.f('ck_losses_qualifier_known')),
    sa.CheckConstraint('quantity >= 0', name=op.f('ck_losses_quantity_not_negative')),
    sa.ForeignKeyConstraint(['claim_id'], ['core.claims.claim_id'], name=op.f('fk_losses_claim_id_claims'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['document_id'], ['core.documents.document_id'], name=op.f('fk_losses_document_id_documents')),
    sa.ForeignKeyConstraint(['losing_party_id'], ['core.parties.party_id'], name=op.f('fk_losses_losing_party_id_parties')),
    sa.ForeignKeyConstraint(['place_id'], ['core.places.place_id'], name=op.f('fk_losses_place_id_places')),
    sa.ForeignKeyConstraint(['source_id'], ['core.sources.source_id'], name=op.f('fk_losses_source_id_sources')),
    sa.PrimaryKeyConstraint('loss_id', name=op.f('pk_losses')),
    sa.UniqueConstraint('slug', name=op.f('uq_losses_slug')),
    schema='core'
    )
    op.create_index(op.f('ix_losses_claim_id'), 'losses', ['claim_id'], unique=False, schema='core')
    op.create_index(op.f('ix_losses_document_id'), 'losses', ['document_id'], unique=False, schema='core')
    op.create_index(op.f('ix_losses_losing_party_id'), 'losses', ['losing_party_id'], unique=False, schema='core')
    op.create_index(op.f('ix_losses_place_id'), 'losses', ['place_id'], unique=False, schema='core')
    op.create_index(op.f('ix_losses_source_id'), 'losses', ['source_id'], unique=False, schema='core')
    op.create_table('corroborations',
    sa.Column('corroboration_id', sa.Integer(), sa.Identity(always=False), nullable=False),
    sa.Column('slug', sa.Text(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('corroborated_earliest_on', sa.Date(), nullable=False),
    sa.Column('corroborated_latest_on', sa.Date(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint("kind in ('independent_confirmation', 'footage', 'adversary_admission')", name=op.f('ck_corroborations_kind_known')),
    sa.CheckConstraint('corroborated_earliest_on <= corroborated_latest_on', name=op.f('ck_corroborations_corroborated_range_ordered')),
    sa.ForeignKeyConstraint(['claim_id', 'place_id'], ['core.claim_places.claim_id', 'core.claim_places.place_id'], name='fk_corroborations_claim_place_claim_places', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['claim_id'], ['core.claims.claim_id'], name=op.f('fk_corroborations_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['core.documents.document_id'], name=op.f('fk_corroborations_document_id_documents')),
    sa.ForeignKeyConstraint(['source_id'], ['core.sources.source_id'], name=op.f('fk_corroborations_source_id_sources')),
    sa.PrimaryKeyConstraint('corroboration_id', name=op.f('pk_corroborations')),
    sa.UniqueConstraint('slug', name=op.f('uq_corroborations_slug')),
    schema='core'
    )
    op.create_index(op.f('ix_corroborations_claim_id'), 'corroborations', ['claim_id'], unique=False, schema='core')
    op.create_index(op.f('ix_corroborations_document_id'), 'corroborations', ['document_id'], unique=False, schema='core')
    op.create_index(op.f('ix_corroborations_source_id'), 'corroborations', ['source_id'], unique=False, schema='core')
    op.create_table('denials',
    sa.Column('denial_id', sa.Integer(), sa.Identity(always=False), nullable=False),
    sa.Column('slug', sa.Text(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('denied_earliest_on', sa.Date(), nullable=False),
    sa.Column('denied_latest_on', sa.Date(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('counter_statement', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint('denied_earliest_on <= denied_latest_on', name=op.f('ck_denials_denied_range_ordered')),
    sa.ForeignKeyConstraint(['claim_id', 'place_id'], ['core.claim_places.claim_id', 'core.claim_places.place_id'], name='fk_denials_claim_place_claim_places', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['claim_id'], ['core.claims.claim_id'], name=op.f('fk_denials_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['core.documents.document_id'], name=op.f('fk_denials_document_id_documents')),
    sa.ForeignKeyConstraint(['source_id'], ['core.sources.source_id'], name=op.f('fk_denials_source_id_sources')),
    sa.PrimaryKeyConstraint('denial_id', name=op.f('pk_denials')),
    sa.UniqueConstraint('slug', name=op.f('uq_denials_slug')),
    schema='core'
    )
    op.create_index(op.f('ix_denials_claim_id'), 'denials', ['claim_id'], unique=False, schema='core')
    op.create_index(op.f('ix_denials_document_id'), 'denials', ['document_id'], unique=False, schema='core')
    op.create_index(op.f('ix_denials_source_id'), 'denials', ['source_id'], unique=False, schema='core')


def downgrade() -> None:
    op.drop_index(op.f('ix_denials_source_id'), table_name='denials', schema='core')
    op.drop_index(op.f('ix_denials_document_id'), table_name='denials', schema='core')
    op.drop_index(op.f('ix_denials_claim_id'), table_name='denials', schema='core')
    op.drop_table('denials', schema='core')
    op.drop_index(op.f('ix_corroborations_source_id'), table_name='corroborations', schema='core')
    op.drop_index(op.f('ix_corroborations_document_id'), table_name='corroborations', schema='core')
    op.drop_index(op.f('ix_corroborations_claim_id'), table_name='corroborations', schema='core')
    op.drop_table('corroborations', schema='core')
    op.drop_index(op.f('ix_losses_source_id'), table_name='losses', schema='core')
    op.drop_index(op.f('ix_losses_place_id'), table_name='losses', schema='core')
    op.drop_index(op.f('ix_losses_losing_party_id'), table_name='losses', schema='core')
    op.drop_index(op.f('ix_losses_document_id'), table_name='losses', schema='core')
    op.drop_index(op.f('ix_losses_claim_id'), table_name='losses', schema='core')
    op.drop_table('losses', schema='core')
    op.drop_index('ix_claim_places_place_id_claim_id', table_name='claim_places', schema='core')
    op.drop_table('claim_places', schema='core')
    op.drop_index(op.f('ix_claims_target_party_id'), table_name='claims', schema='core')
    op.drop_index(op.f('ix_claims_source_id'), table_name='claims', schema='core')
    op.drop_index(op.f('ix_claims_event_key'), table_name='claims', schema='core')
    op.drop_index(op.f('ix_claims_document_id'), table_name='claims', schema='core')
    op.drop_index('ix_claims_control_by_occurred_latest_on', table_name='claims', schema='core', postgresql_where=sa.text("kind in ('capture', 'control')"))
    op.drop_index(op.f('ix_claims_actor_party_id'), table_name='claims', schema='core')
    op.drop_table('claims', schema='core')
    op.drop_index(op.f('ix_sources_party_id'), table_name='sources', schema='core')
    op.drop_table('sources', schema='core')
    op.drop_index('ix_place_names_folded_name', table_name='place_names', schema='core')
    op.drop_table('place_names', schema='core')
    op.drop_index(op.f('ix_places_parent_id'), table_name='places', schema='core')
    op.drop_table('places', schema='core')
    op.drop_table('parties', schema='core')
    op.drop_table('documents', schema='core')
    op.execute("drop function core.fold_name(text)")
    op.execute("drop schema reporting")
    op.execute("drop schema core")
