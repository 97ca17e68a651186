-- grain: an index of derived.contested_claims (one row per claim × contest)
-- by the contested claim, of the conflicting-control rows only: an edit
-- rewrites those of every claim of the places it re-derived
-- (reporting_int.refresh_contest_rows asked for that kind). Through the
-- index of every kind, the rows of a district's 1 500 claims were 157 000
-- entries, of which 200 were rewritten (90 ms).

create index ix_contested_claims_control_claim_id on derived.contested_claims (claim_id)
where contest_kind = 'conflicting_control';
