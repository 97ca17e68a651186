-- grain: an index of derived.contested_claims (one row per claim × contest)
-- by the contesting claim, of the conflicting-control rows only: the
-- counterpart of 06_derived.contested_claims.sql, for the rows in which an
-- edit's claims contest another.

create index ix_contested_claims_control_counter_claim_id on derived.contested_claims (counter_claim_id)
where contest_kind = 'conflicting_control';
