-- grain: an index of derived.control_contests (one row per scope × place ×
-- contesting claim × contested claim × day) by the contested claim: the
-- other direction of 01_derived.control_contests.sql, for the contests in
-- which a re-derived edit's claim was the one contested.

create index ix_control_contests_counter_claim_id on derived.control_contests (counter_claim_id);
