-- grain: one row per scope × place × control claim that may decide who
-- holds it (design rule 1): every control claim of the scope naming the
-- place itself (depth 0) and every one naming an area it lies in (depth =
-- how many levels up).
--
-- Candidates are listed whatever the day asked and the knowledge cut-off;
-- the consumers keep those with `occurred_to` <= the day and `stated_on` <=
-- the cut-off, and drop an inherited (depth > 0) candidate whose area claim
-- is contradicted as known by the cut-off (`contradicted_on`, rule 2); the
-- area's own row (depth 0) keeps it. A claim whose event has no latest day
-- is never certainly over, so never a candidate.

create view reporting_int.control_candidates as

select
    scopes.scope,
    lineage.place_id,
    claims.claim_id,
    claims.claim_key,
    claims.place_id as basis_place_id,
    lineage.depth,
    claims.claim_kind,
    claims.actor_party_id,
    claims.actor_side_key,
    claims.target_party_id,
    claims.target_side_key,
    claims.occurred_to,
    claims.stated_on,
    claims.share_percent,
    claims.confirmed_on,
    claims.denied_on,
    claims.corroborated_on,
    contradictions.contradicted_on
from reporting_int.control_claim_places as claims
inner join reporting_int.scopes as scopes
    on scopes.campaign_id is null or scopes.campaign_id = claims.campaign_id
inner join derived.place_lineage as lineage
    on
        lineage.scope = scopes.scope
        and lineage.ancestor_id = claims.place_id
left join (
    select
        self_contradictions.scope,
        self_contradictions.claim_id,
        self_contradictions.place_id,
        min(self_contradictions.contradicted_on) as contradicted_on
    from reporting_int.self_contradictions as self_contradictions
    group by
        self_contradictions.scope,
        self_contradictions.claim_id,
        self_contradictions.place_id
) as contradictions
    on
        contradictions.scope = scopes.scope
        and contradictions.claim_id = claims.claim_id
        and contradictions.place_id = claims.place_id
where claims.occurred_to is not null;
