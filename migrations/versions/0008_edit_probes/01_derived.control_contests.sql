-- grain: an index of derived.control_contests (one row per scope × place ×
-- contesting claim × contested claim × day) by the contesting claim: the
-- contests of a re-derived edit's claims
-- (reporting_int.contests_conflicting_control_of) are an index probe. The
-- primary key leads with the scope and the place: asked by claim, it was
-- read whole (250 000 entries per scope at 100 000 places).

create index ix_control_contests_claim_id on derived.control_contests (claim_id);
