"""Bad rows are impossible: for every CHECK, foreign key and unique key of the
base tables, a row that must be rejected, asserting the constraint's name.
A catalog test makes sure no constraint is left without such a case."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Connection, insert, text
from sqlalchemy.exc import IntegrityError

from campaign_db.models import metadata

CONTENT = "On 27 September the MoD stated it had taken Qaraxanbəyli."
D = dt.date(2020, 9, 27)
LATER = D + dt.timedelta(days=1)
MISSING = 999_999

# Rows the cases build on, in insertion order: (table, row). The first row of
# each table is the "valid row" a case varies.
BASELINE: list[tuple[str, dict[str, Any]]] = [
    ("campaigns", {"campaign_id": 1, "slug": "camp", "title": "C", "version": "1.0.0", "period_start_on": D,
                   "period_end_on": D, "earliest_on": D, "latest_on": D, "report_area_kind": "district"}),
    ("campaigns", {"campaign_id": 2, "slug": "other", "title": "O", "version": "1.0.0", "period_start_on": D,
                   "period_end_on": D, "earliest_on": D, "latest_on": D, "report_area_kind": "raion"}),
    ("parties", {"party_id": 1, "code": "XA", "name": "Party A"}),
    ("parties", {"party_id": 2, "code": "XB", "name": "Party B"}),
    ("sides", {"side_id": 1, "slug": "side-a", "name": "Side A"}),
    ("campaign_parties", {"campaign_id": 1, "party_id": 1}),
    ("campaign_parties", {"campaign_id": 1, "party_id": 2}),
    ("campaign_sides", {"campaign_id": 1, "side_id": 1, "position": 1}),
    ("side_members", {"campaign_id": 1, "party_id": 1, "side_id": 1}),
    ("documents", {"document_id": 1, "campaign_id": 1, "slug": "doc", "kind": "account", "title": "Doc",
                   "content": CONTENT, "sha256": None}),
    ("sources", {"source_id": 1, "slug": "src", "name": "Source", "kind": "ministry_of_defence", "party_id": 1}),
    ("sources", {"source_id": 2, "slug": "narrative", "name": "Narrative", "kind": "narrative", "document_id": 1}),
    ("campaign_sources", {"campaign_id": 1, "source_id": 1}),
    ("places", {"place_id": 1, "slug": "district", "name": "District", "kind": "district"}),
    ("places", {"place_id": 2, "slug": "village", "name": "Village", "kind": "village"}),
    ("campaign_places", {"campaign_id": 1, "place_id": 1}),
    ("place_names", {"place_name_id": 1, "place_id": 1, "campaign_id": 1, "name": "District", "document_id": 1,
                     "quote": "District"}),
    ("place_areas", {"campaign_id": 1, "place_id": 2, "area_id": 1, "relation": "in", "document_id": 1,
                     "quote": "in the District"}),
    ("claims", {"claim_id": 1, "campaign_id": 1, "slug": "claim", "document_id": 1, "source_id": 1, "kind": "capture",
                "actor_party_id": 1, "target_party_id": 2, "stated_earliest_on": D, "stated_latest_on": D,
                "occurred_earliest_on": D, "occurred_latest_on": D, "summary": "s", "quote": "q"}),
    ("claim_places", {"claim_id": 1, "place_id": 1, "role": "subject"}),
    ("denials", {"denial_id": 1, "campaign_id": 1, "slug": "denial", "claim_id": 1, "place_id": 1, "document_id": 1,
                 "source_id": 1, "denied_earliest_on": D, "denied_latest_on": D, "quote": "q"}),
    ("corroborations", {"corroboration_id": 1, "campaign_id": 1, "slug": "corroboration", "claim_id": 1, "place_id": 1,
                        "document_id": 1, "source_id": 1, "kind": "footage", "corroborated_earliest_on": D,
                        "corroborated_latest_on": D, "quote": "q"}),
    ("losses", {"loss_id": 1, "campaign_id": 1, "slug": "loss", "document_id": 1, "source_id": 1, "as_of_date": D,
                "losing_party_id": 1, "category": "tanks", "outcome": "destroyed", "quantity_low": 7,
                "quantity_high": None, "qualifier": "at_least", "place_id": 1, "claim_id": 1, "quote": "q"}),
]
VALID: dict[str, dict[str, Any]] = {}
for _table, _row in BASELINE:
    VALID.setdefault(_table, _row)

# (table, changes to the valid row, constraint that must reject it)
CASES: list[tuple[str, dict[str, Any], str]] = [
    # unique keys: the valid row again under a new id
    ("campaigns", {"campaign_id": 3}, "uq_campaigns_slug"),
    ("parties", {"party_id": 3, "name": "Other"}, "uq_parties_code"),
    ("parties", {"party_id": 3, "code": "XC"}, "uq_parties_name"),
    ("sides", {"side_id": 2, "name": "Other"}, "uq_sides_slug"),
    ("sides", {"side_id": 2, "slug": "side-b"}, "uq_sides_name"),
    ("documents", {"document_id": 2}, "uq_documents_campaign_id_slug"),
    ("sources", {"source_id": 3}, "uq_sources_slug"),
    ("sources", {"source_id": 3, "slug": "narrative-again", "kind": "narrative", "party_id": None, "document_id": 1},
     "uq_sources_document_id"),
    ("places", {"place_id": 3}, "uq_places_slug"),
    ("place_names", {"place_name_id": 2}, "uq_place_names_place_id_campaign_id_name"),
    ("claims", {"claim_id": 2}, "uq_claims_campaign_id_slug"),
    ("denials", {"denial_id": 2}, "uq_denials_campaign_id_slug"),
    ("corroborations", {"corroboration_id": 2}, "uq_corroborations_campaign_id_slug"),
    ("losses", {"loss_id": 2}, "uq_losses_campaign_id_slug"),
    # foreign keys
    ("documents", {"document_id": 2, "slug": "d2", "campaign_id": MISSING}, "fk_documents_campaign_id_campaigns"),
    ("campaign_parties", {"campaign_id": MISSING}, "fk_campaign_parties_campaign_id_campaigns"),
    ("campaign_parties", {"party_id": MISSING}, "fk_campaign_parties_party_id_parties"),
    ("campaign_sides", {"campaign_id": MISSING}, "fk_campaign_sides_campaign_id_campaigns"),
    ("campaign_sides", {"side_id": MISSING}, "fk_campaign_sides_side_id_sides"),
    ("side_members", {"campaign_id": 2}, "fk_side_members_campaign_party_campaign_parties"),
    ("side_members", {"campaign_id": MISSING}, "fk_side_members_campaign_party_campaign_parties"),
    ("side_members", {"party_id": 2, "side_id": MISSING}, "fk_side_members_campaign_side_campaign_sides"),
    ("sources", {"source_id": 3, "slug": "s2", "party_id": MISSING}, "fk_sources_party_id_parties"),
    ("sources", {"source_id": 3, "slug": "s3", "kind": "narrative", "party_id": None, "document_id": MISSING},
     "fk_sources_document_id_documents"),
    ("campaign_sources", {"campaign_id": MISSING}, "fk_campaign_sources_campaign_id_campaigns"),
    ("campaign_sources", {"source_id": MISSING}, "fk_campaign_sources_source_id_sources"),
    ("campaign_places", {"campaign_id": MISSING}, "fk_campaign_places_campaign_id_campaigns"),
    ("campaign_places", {"place_id": MISSING}, "fk_campaign_places_place_id_places"),
    ("campaign_places", {"place_id": 2, "latitude": 39.6, "longitude": 47.1, "coordinate_precision": "settlement",
                         "coordinates_document_id": MISSING, "coordinates_quote": "39.6, 47.1"},
     "fk_campaign_places_coordinates_document_id_documents"),
    ("place_names", {"place_name_id": 2, "place_id": MISSING}, "fk_place_names_place_id_places"),
    ("place_names", {"place_name_id": 2, "campaign_id": MISSING}, "fk_place_names_campaign_id_campaigns"),
    ("place_names", {"place_name_id": 2, "name": "D2", "document_id": MISSING}, "fk_place_names_document_id_documents"),
    ("place_areas", {"campaign_id": MISSING}, "fk_place_areas_campaign_id_campaigns"),
    ("place_areas", {"place_id": MISSING}, "fk_place_areas_place_id_places"),
    ("place_areas", {"area_id": MISSING}, "fk_place_areas_area_id_places"),
    ("place_areas", {"campaign_id": 2, "document_id": MISSING}, "fk_place_areas_document_id_documents"),
    ("claims", {"claim_id": 2, "slug": "c2", "campaign_id": MISSING}, "fk_claims_campaign_id_campaigns"),
    ("claims", {"claim_id": 2, "slug": "c2", "document_id": MISSING}, "fk_claims_document_id_documents"),
    ("claims", {"claim_id": 2, "slug": "c2", "source_id": MISSING}, "fk_claims_source_id_sources"),
    ("claims", {"claim_id": 2, "slug": "c2", "actor_party_id": MISSING}, "fk_claims_actor_party_id_parties"),
    ("claims", {"claim_id": 2, "slug": "c2", "target_party_id": MISSING}, "fk_claims_target_party_id_parties"),
    ("claim_places", {"claim_id": MISSING}, "fk_claim_places_claim_id_claims"),
    ("claim_places", {"place_id": MISSING}, "fk_claim_places_place_id_places"),
    ("denials", {"denial_id": 2, "slug": "d2", "campaign_id": MISSING}, "fk_denials_campaign_id_campaigns"),
    ("denials", {"denial_id": 2, "slug": "d2", "claim_id": MISSING, "place_id": None}, "fk_denials_claim_id_claims"),
    ("denials", {"denial_id": 2, "slug": "d2", "campaign_id": 2}, "fk_denials_claim_campaign_claims"),
    ("denials", {"denial_id": 2, "slug": "d2", "place_id": 2}, "fk_denials_claim_place_claim_places"),
    ("denials", {"denial_id": 2, "slug": "d2", "document_id": MISSING}, "fk_denials_document_id_documents"),
    ("denials", {"denial_id": 2, "slug": "d2", "source_id": MISSING}, "fk_denials_source_id_sources"),
    ("corroborations", {"corroboration_id": 2, "slug": "c2", "campaign_id": MISSING},
     "fk_corroborations_campaign_id_campaigns"),
    ("corroborations", {"corroboration_id": 2, "slug": "c2", "claim_id": MISSING, "place_id": None},
     "fk_corroborations_claim_id_claims"),
    ("corroborations", {"corroboration_id": 2, "slug": "c2", "campaign_id": 2}, "fk_corroborations_claim_campaign_claims"),
    ("corroborations", {"corroboration_id": 2, "slug": "c2", "place_id": 2}, "fk_corroborations_claim_place_claim_places"),
    ("corroborations", {"corroboration_id": 2, "slug": "c2", "document_id": MISSING},
     "fk_corroborations_document_id_documents"),
    ("corroborations", {"corroboration_id": 2, "slug": "c2", "source_id": MISSING}, "fk_corroborations_source_id_sources"),
    ("losses", {"loss_id": 2, "slug": "l2", "campaign_id": MISSING}, "fk_losses_campaign_id_campaigns"),
    ("losses", {"loss_id": 2, "slug": "l2", "document_id": MISSING}, "fk_losses_document_id_documents"),
    ("losses", {"loss_id": 2, "slug": "l2", "source_id": MISSING}, "fk_losses_source_id_sources"),
    ("losses", {"loss_id": 2, "slug": "l2", "losing_party_id": MISSING}, "fk_losses_losing_party_id_parties"),
    ("losses", {"loss_id": 2, "slug": "l2", "place_id": MISSING}, "fk_losses_place_id_places"),
    ("losses", {"loss_id": 2, "slug": "l2", "claim_id": MISSING}, "fk_losses_claim_id_claims"),
    # checks
    ("campaigns", {"campaign_id": 3, "slug": "All Campaigns"}, "ck_campaigns_slug_well_formed"),
    ("campaigns", {"campaign_id": 3, "slug": "all"}, "ck_campaigns_slug_well_formed"),
    ("campaigns", {"campaign_id": 3, "slug": "c3", "version": "1.0"}, "ck_campaigns_version_semantic"),
    ("campaigns", {"campaign_id": 3, "slug": "c3", "period_start_on": LATER, "latest_on": LATER},
     "ck_campaigns_period_ordered"),
    ("campaigns", {"campaign_id": 3, "slug": "c3", "earliest_on": LATER, "latest_on": LATER, "period_end_on": LATER},
     "ck_campaigns_dates_contain_period"),
    ("campaigns", {"campaign_id": 3, "slug": "c3", "report_area_kind": "county"}, "ck_campaigns_report_area_kind_known"),
    ("sides", {"side_id": 2, "slug": "Side B", "name": "B"}, "ck_sides_slug_well_formed"),
    ("documents", {"document_id": 2, "slug": "d2", "sha256": "0" * 64}, "ck_documents_sha256_matches_content"),
    ("documents", {"document_id": 2, "slug": "d2", "kind": "rumour"}, "ck_documents_kind_known"),
    ("sources", {"source_id": 3, "slug": "s3", "kind": "blogger"}, "ck_sources_kind_known"),
    ("sources", {"source_id": 3, "slug": "s3", "kind": "narrative"}, "ck_sources_narrative_has_document"),
    ("places", {"place_id": 3, "slug": "p3", "kind": "hamlet"}, "ck_places_kind_known"),
    ("places", {"place_id": 3, "slug": "p3", "latitude": 39.6, "longitude": 47.1, "coordinate_precision": "roughly"},
     "ck_places_coordinate_precision_known"),
    ("places", {"place_id": 3, "slug": "p3", "latitude": 91, "longitude": 47.1, "coordinate_precision": "exact"},
     "ck_places_latitude_in_range"),
    ("places", {"place_id": 3, "slug": "p3", "latitude": 39.6, "longitude": -181, "coordinate_precision": "exact"},
     "ck_places_longitude_in_range"),
    ("places", {"place_id": 3, "slug": "p3", "latitude": 39.6}, "ck_places_coordinates_complete"),
    ("campaign_places", {"place_id": 2, "latitude": 39.6, "longitude": 47.1, "coordinate_precision": "roughly",
                         "coordinates_url": "https://example.org", "coordinates_quote": "q"},
     "ck_campaign_places_coordinate_precision_known"),
    ("campaign_places", {"place_id": 2, "latitude": 91, "longitude": 47.1, "coordinate_precision": "exact",
                         "coordinates_url": "https://example.org", "coordinates_quote": "q"},
     "ck_campaign_places_latitude_in_range"),
    ("campaign_places", {"place_id": 2, "latitude": 39.6, "longitude": 181, "coordinate_precision": "exact",
                         "coordinates_url": "https://example.org", "coordinates_quote": "q"},
     "ck_campaign_places_longitude_in_range"),
    ("campaign_places", {"place_id": 2, "latitude": 39.6, "coordinates_url": "https://example.org",
                         "coordinates_quote": "q"}, "ck_campaign_places_coordinates_complete"),
    ("campaign_places", {"place_id": 2, "latitude": 39.6, "longitude": 47.1, "coordinate_precision": "exact"},
     "ck_campaign_places_coordinates_cited"),
    ("place_names", {"place_name_id": 2, "name": "  "}, "ck_place_names_name_not_blank"),
    ("place_names", {"place_name_id": 2, "name": "D2", "document_id": None}, "ck_place_names_citation_given"),
    ("place_areas", {"campaign_id": 2, "relation": "near"}, "ck_place_areas_relation_known"),
    ("place_areas", {"campaign_id": 2, "area_id": 2}, "ck_place_areas_not_own_area"),
    ("place_areas", {"campaign_id": 2, "quote": " "}, "ck_place_areas_citation_given"),
    ("claims", {"claim_id": 2, "slug": "c2", "kind": "rumour"}, "ck_claims_kind_known"),
    ("claims", {"claim_id": 2, "slug": "c2", "hedge": "surely"}, "ck_claims_hedge_known"),
    ("claims", {"claim_id": 2, "slug": "c2", "stated_earliest_on": LATER, "occurred_earliest_on": D},
     "ck_claims_stated_range_ordered"),
    ("claims", {"claim_id": 2, "slug": "c2", "occurred_earliest_on": LATER, "stated_latest_on": LATER,
                "stated_earliest_on": LATER}, "ck_claims_occurred_range_ordered"),
    ("claims", {"claim_id": 2, "slug": "c2", "occurred_earliest_on": LATER, "occurred_latest_on": LATER},
     "ck_claims_occurred_not_after_stated"),
    ("claims", {"claim_id": 2, "slug": "c2", "same_as_campaign": "other"}, "ck_claims_same_as_complete"),
    ("claim_places", {"place_id": 2, "role": "bystander"}, "ck_claim_places_role_known"),
    ("claim_places", {"place_id": 2, "share_percent": 120}, "ck_claim_places_share_is_percent"),
    ("denials", {"denial_id": 2, "slug": "d2", "denied_earliest_on": LATER}, "ck_denials_denied_range_ordered"),
    ("corroborations", {"corroboration_id": 2, "slug": "c2", "kind": "rumour"}, "ck_corroborations_kind_known"),
    ("corroborations", {"corroboration_id": 2, "slug": "c2", "corroborated_earliest_on": LATER},
     "ck_corroborations_corroborated_range_ordered"),
    ("losses", {"loss_id": 2, "slug": "l2", "category": "horses"}, "ck_losses_category_known"),
    ("losses", {"loss_id": 2, "slug": "l2", "outcome": "lost"}, "ck_losses_outcome_known"),
    ("losses", {"loss_id": 2, "slug": "l2", "qualifier": "about"}, "ck_losses_qualifier_known"),
    ("losses", {"loss_id": 2, "slug": "l2", "quantity_low": -1}, "ck_losses_quantity_not_negative"),
    ("losses", {"loss_id": 2, "slug": "l2", "quantity_low": None}, "ck_losses_quantity_matches_qualifier"),
    ("losses", {"loss_id": 2, "slug": "l2", "qualifier": "unspecified"}, "ck_losses_quantity_matches_qualifier"),
    ("losses", {"loss_id": 2, "slug": "l2", "qualifier": "between", "quantity_high": 5},
     "ck_losses_quantity_matches_qualifier"),
]


def table(name: str) -> Any:
    return metadata.tables[f"core.{name}"]


@pytest.fixture
def baseline(connection: Connection) -> Connection:
    sha = connection.execute(text("select encode(sha256(convert_to(:c, 'UTF8')), 'hex')"), {"c": CONTENT}).scalar_one()
    VALID["documents"]["sha256"] = sha
    for name, row in BASELINE:
        connection.execute(insert(table(name)).values(**row))
    return connection


@pytest.mark.parametrize(("table_name", "changes", "constraint"), CASES, ids=[f"{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_bad_row_is_rejected(baseline: Connection, table_name: str, changes: dict[str, Any], constraint: str) -> None:
    row = VALID[table_name] | changes
    savepoint = baseline.begin_nested()
    with pytest.raises(IntegrityError) as raised:
        baseline.execute(insert(table(table_name)).values(**row))
    savepoint.rollback()
    assert raised.value.orig.diag.constraint_name == constraint  # type: ignore[union-attr]


def test_valid_rows_are_accepted(baseline: Connection) -> None:
    """The baseline itself is valid, so each rejection above is due to its change."""
    for name in VALID:
        assert baseline.execute(text(f"select count(*) from core.{name}")).scalar_one() >= 1


def test_every_constraint_has_a_case(connection: Connection) -> None:
    names = set(
        connection.execute(
            text(
                "select conname from pg_constraint as co "
                "inner join pg_namespace as n on n.oid = co.connamespace "
                "where n.nspname = 'core' and co.contype in ('c', 'f', 'u') "
                "union all "
                "select c.relname from pg_index as i inner join pg_class as c on c.oid = i.indexrelid "
                "inner join pg_namespace as n on n.oid = c.relnamespace "
                "where n.nspname = 'core' and i.indisunique and not i.indisprimary "
                "and not exists (select from pg_constraint as co where co.conindid = i.indexrelid)"
            )
        ).scalars()
    )
    assert len(names) > 100
    # a target of composite foreign keys that the primary key already implies: no row can break it alone
    implied = {"uq_claims_claim_id_campaign_id"}
    assert names - {case[2] for case in CASES} == implied
