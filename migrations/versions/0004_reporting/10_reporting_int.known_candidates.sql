-- grain: two functions of one candidate (one row per scope × place ×
-- control claim of derived.control_candidates): is it a candidate as known
-- by a cut-off, and what is it then (the walk's input).
--
-- The one home of "as known by K" (design rules 1-3): a candidate counts
-- when its event is certainly over by `as_of` and it was certainly stated
-- by `known_by`; an inherited candidate is dropped once its area claim is
-- contradicted as known by `known_by` (the area's own row keeps it); its
-- rank and status flags count the evidence certainly known by `known_by`.
-- Null `as_of` or `known_by` mean no limit. Both are plain SQL expressions,
-- inlined into the queries that use them.

create function reporting_int.is_known(
    candidate derived.control_candidates,
    as_of date,
    known_by date
)
returns boolean
language sql
immutable
parallel safe
return
candidate.occurred_to <= coalesce(as_of, 'infinity')
and coalesce(candidate.stated_on, 'infinity') <= coalesce(known_by, 'infinity')
and (
    candidate.depth = 0
    or not coalesce(candidate.contradicted_on <= coalesce(known_by, 'infinity'), false)
);

comment on function reporting_int.is_known(derived.control_candidates, date, date) is
'True when a control candidate counts for a day as_of as known by known_by (null: no limit): its event is certainly over, its statement certainly made, and (if inherited) its area claim not contradicted as known by then.';

create function reporting_int.as_known(candidate derived.control_candidates, known_by date)
returns reporting_int.walk_candidate
language sql
immutable
parallel safe
return row(
    candidate.claim_id,
    candidate.claim_key,
    candidate.basis_place_id,
    candidate.depth,
    candidate.claim_kind,
    candidate.actor_party_id,
    candidate.actor_side_key,
    candidate.target_party_id,
    candidate.target_side_key,
    candidate.occurred_to,
    candidate.stated_on,
    reporting_int.evidence_rank(
        coalesce(candidate.confirmed_on <= coalesce(known_by, 'infinity'), false),
        coalesce(candidate.denied_on <= coalesce(known_by, 'infinity'), false)
    ),
    coalesce(candidate.confirmed_on <= coalesce(known_by, 'infinity'), false),
    coalesce(candidate.denied_on <= coalesce(known_by, 'infinity'), false),
    coalesce(candidate.corroborated_on <= coalesce(known_by, 'infinity'), false),
    coalesce(candidate.contradicted_on <= coalesce(known_by, 'infinity'), false),
    candidate.share_percent
)::reporting_int.walk_candidate;

comment on function reporting_int.as_known(derived.control_candidates, date) is
'A control candidate as the walk sees it when known by known_by (null: everything known): its evidence rank and status flags count only the evidence certainly known by then.';
