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

# One valid row per table; the baseline below inserts them, and each case
# inserts a variant of one of them.
VALID: dict[str, dict[str, Any]] = {
    "parties": {"party_id": 1, "code": "XA", "name": "Party A"},
    "documents": {"document_id": 1, "slug": "doc", "title": "Doc", "content": CONTENT, "sha256": None},
    "sources": {"source_id": 1, "slug": "src", "name": "Source", "kind": "ministry_of_defence", "party_id": 1},
    "places": {"place_id": 1, "slug": "district", "name": "District", "kind": "district"},
    "place_names": {"place_name_id": 1, "place_id": 1, "name": "District"},
    "claims": {
        "claim_id": 1, "slug": "claim", "document_id": 1, "source_id": 1, "kind": "capture",
        "actor_party_id": 1, "target_party_id": 2,
        "stated_earliest_on": D, "stated_latest_on": D, "occurred_earliest_on": D, "occurred_latest_on": D,
        "summary": "s", "quote": "q",
    },
    "claim_places": {"claim_id": 1, "place_id": 1, "role": "subject"},
    "denials": {
        "denial_id": 1, "slug": "denial", "claim_id": 1, "place_id": 1, "document_id": 1, "source_id": 1,
        "denied_earliest_on": D, "denied_latest_on": D, "quote": "q",
    },
    "corroborations": {
        "corroboration_id": 1, "slug": "corroboration", "claim_id": 1, "place_id": 1, "document_id": 1,
        "source_id": 1, "kind": "footage", "corroborated_earliest_on": D, "corroborated_latest_on": D, "quote": "q",
    },
    "losses": {
        "loss_id": 1, "slug": "loss", "document_id": 1, "source_id": 1, "as_of_date": D, "losing_party_id": 1,
        "category": "tanks", "outcome": "destroyed", "quantity": 7, "qualifier": "at_least",
        "place_id": 1, "claim_id": 1, "quote": "q",
    },
}

MISSING = 999_999
LATER = D + dt.timedelta(days=1)

# (table, changes to the valid row, constraint that must reject it)
CASES: list[tuple[str, dict[str, Any], str]] = [
    # unique keys: the valid row again under a new id
    ("parties", {"party_id": 3, "name": "Other"}, "uq_parties_code"),
    ("parties", {"party_id": 3, "code": "XC"}, "uq_parties_name"),
    ("documents", {"document_id": 2}, "uq_documents_slug"),
    ("sources", {"source_id": 2}, "uq_sources_slug"),
    ("places", {"place_id": 2}, "uq_places_slug"),
    ("place_names", {"place_name_id": 2}, "uq_place_names_place_id_name"),
    ("claims", {"claim_id": 2}, "uq_claims_slug"),
    ("denials", {"denial_id": 2}, "uq_denials_slug"),
    ("corroborations", {"corroboration_id": 2}, "uq_corroborations_slug"),
    ("losses", {"loss_id": 2}, "uq_losses_slug"),
    # foreign keys
    ("sources", {"source_id": 2, "slug": "s2", "party_id": MISSING}, "fk_sources_party_id_parties"),
    ("places", {"place_id": 2, "slug": "p2", "parent_id": MISSING}, "fk_places_parent_id_places"),
    ("place_names", {"place_name_id": 2, "place_id": MISSING}, "fk_place_names_place_id_places"),
    ("claims", {"claim_id": 2, "slug": "c2", "document_id": MISSING}, "fk_claims_document_id_documents"),
    ("claims", {"claim_id": 2, "slug": "c2", "source_id": MISSING}, "fk_claims_source_id_sources"),
    ("claims", {"claim_id": 2, "slug": "c2", "actor_party_id": MISSING}, "fk_claims_actor_party_id_parties"),
    ("claims", {"claim_id": 2, "slug": "c2", "target_party_id": MISSING}, "fk_claims_target_party_id_parties"),
    ("claim_places", {"claim_id": MISSING}, "fk_claim_places_claim_id_claims"),
    ("claim_places", {"place_id": MISSING}, "fk_claim_places_place_id_places"),
    ("denials", {"denial_id": 2, "slug": "d2", "claim_id": MISSING, "place_id": None}, "fk_denials_claim_id_claims"),
    ("denials", {"denial_id": 2, "slug": "d2", "place_id": 2}, "fk_denials_claim_place_claim_places"),
    ("denials", {"denial_id": 2, "slug": "d2", "document_id": MISSING}, "fk_denials_document_id_documents"),
    ("denials", {"denial_id": 2, "slug": "d2", "source_id": MISSING}, "fk_denials_source_id_sources"),
    ("corroborations", {"corroboration_id": 2, "slug": "c2", "claim_id": MISSING, "place_id": None},
     "fk_corroborations_claim_id_claims"),
    ("corroborations", {"corroboration_id": 2, "slug": "c2", "place_id": 2}, "fk_corroborations_claim_place_claim_places"),
    ("corroborations", {"corroboration_id": 2, "slug": "c2", "document_id": MISSING},
     "fk_corroborations_document_id_documents"),
    ("corroborations", {"corroboration_id": 2, "slug": "c2", "source_id": MISSING}, "fk_corroborations_source_id_sources"),
    ("losses", {"loss_id": 2, "slug": "l2", "document_id": MISSING}, "fk_losses_document_id_documents"),
    ("losses", {"loss_id": 2, "slug": "l2", "source_id": MISSING}, "fk_losses_source_id_sources"),
    ("losses", {"loss_id": 2, "slug": "l2", "losing_party_id": MISSING}, "fk_losses_losing_party_id_parties"),
    ("losses", {"loss_id": 2, "slug": "l2", "place_id": MISSING}, "fk_losses_place_id_places"),
    ("losses", {"loss_id": 2, "slug": "l2", "claim_id": MISSING}, "fk_losses_claim_id_claims"),
    # checks
    ("documents", {"document_id": 2, "slug": "d2", "sha256": "0" * 64}, "ck_documents_sha256_matches_content"),
    ("sources", {"source_id": 2, "slug": "s2", "kind": "blogger"}, "ck_sources_kind_known"),
    ("places", {"place_id": 2, "slug": "p2", "kind": "hamlet"}, "ck_places_kind_known"),
    ("places", {"place_id": 2, "slug": "p2", "latitude": 39.6, "longitude": 47.1, "coordinate_precision": "roughly"},
     "ck_places_coordinate_precision_known"),
    ("places", {"place_id": 2, "slug": "p2", "latitude": 91, "longitude": 47.1, "coordinate_precision": "exact"},
     "ck_places_latitude_in_range"),
    ("places", {"place_id": 2, "slug": "p2", "latitude": 39.6, "longitude": -181, "coordinate_precision": "exact"},
     "ck_places_longitude_in_range"),
    ("places", {"place_id": 2, "slug": "p2", "latitude": 39.6}, "ck_places_coordinates_complete"),
    ("places", {"place_id": 2, "slug": "p2", "parent_id": 2}, "ck_places_not_own_parent"),
    ("place_names", {"place_name_id": 2, "name": "  "}, "ck_place_names_name_not_blank"),
    ("claims", {"claim_id": 2, "slug": "c2", "kind": "rumour"}, "ck_claims_kind_known"),
    ("claims", {"claim_id": 2, "slug": "c2", "stated_earliest_on": LATER, "occurred_earliest_on": D},
     "ck_claims_stated_range_ordered"),
    ("claims", {"claim_id": 2, "slug": "c2", "occurred_earliest_on": LATER, "stated_latest_on": LATER,
                "stated_earliest_on": LATER}, "ck_claims_occurred_range_ordered"),
    ("claims", {"claim_id": 2, "slug": "c2", "occurred_earliest_on": LATER, "occurred_latest_on": LATER},
     "ck_claims_occurred_not_after_stated"),
    ("claim_places", {"place_id": 1, "claim_id": 1, "role": "bystander"}, "ck_claim_places_role_known"),
    ("denials", {"denial_id": 2, "slug": "d2", "denied_earliest_on": LATER}, "ck_denials_denied_range_ordered"),
    ("corroborations", {"corroboration_id": 2, "slug": "c2", "kind": "rumour"}, "ck_corroborations_kind_known"),
    ("corroborations", {"corroboration_id": 2, "slug": "c2", "corroborated_earliest_on": LATER},
     "ck_corroborations_corroborated_range_ordered"),
    ("losses", {"loss_id": 2, "slug": "l2", "category": "horses"}, "ck_losses_category_known"),
    ("losses", {"loss_id": 2, "slug": "l2", "outcome": "lost"}, "ck_losses_outcome_known"),
    ("losses", {"loss_id": 2, "slug": "l2", "qualifier": "about"}, "ck_losses_qualifier_known"),
    ("losses", {"loss_id": 2, "slug": "l2", "quantity": -1}, "ck_losses_quantity_not_negative"),
    ("losses", {"loss_id": 2, "slug": "l2", "quantity": None}, "ck_losses_quantity_matches_qualifier"),
    ("losses", {"loss_id": 2, "slug": "l2", "qualifier": "unspecified"}, "ck_losses_quantity_matches_qualifier"),
]


def table(name: str) -> Any:
    return metadata.tables[f"core.{name}"]


@pytest.fixture
def baseline(connection: Connection) -> Connection:
    sha = connection.execute(text("select encode(sha256(convert_to(:c, 'UTF8')), 'hex')"), {"c": CONTENT}).scalar_one()
    VALID["documents"]["sha256"] = sha
    connection.execute(insert(table("parties")).values(party_id=2, code="XB", name="Party B"))
    for name in VALID:
        connection.execute(insert(table(name)).values(**VALID[name]))
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
                "where n.nspname = 'core' and co.contype in ('c', 'f', 'u')"
            )
        ).scalars()
    )
    assert names, "no constraints found"
    assert names - {case[2] for case in CASES} == set()
