-- grain: a function of a scope and some places (null: all): one row per
-- scope × place × control claim that may decide who holds it (design rule
-- 1), as in revision 0004 (08_reporting_int.control_candidates.sql, where
-- the rule is described).
--
-- As in revision 0006 (17_reporting_int.control_candidates_of.sql), with
-- the places a claim may name (the given places and the areas around them)
-- listed once as an array, a condition on the claim's place that reaches
-- claim_places' index by place. Written as `in (subquery)`, the planner
-- estimated half of all claim-place links and tested each of them against
-- the list: every link read for a one-claim edit (0.8 s at 5 000 000
-- links, for 4 300 links named).

create or replace function reporting_int.control_candidates_of(for_scope text, for_places integer[])
returns table (
    scope text,
    place_id integer,
    claim_id integer,
    claim_key text,
    basis_place_id integer,
    depth integer,
    claim_kind text,
    actor_party_id integer,
    actor_side_key text,
    target_party_id integer,
    target_side_key text,
    occurred_to date,
    stated_on date,
    share_percent double precision,
    confirmed_on date,
    denied_on date,
    corroborated_on date,
    contradicted_on date
)
language plpgsql
stable
as $function$
declare
    -- a campaign's scope reads that campaign's control claims only: named as
    -- a constant (as in reporting_int.self_contradictions_of), the filter
    -- reaches the claims' index before any join, where the join with the
    -- scope alone read every campaign's claims
    scope_campaign_id integer := (
        select campaigns.campaign_id
        from core.campaigns as campaigns
        where campaigns.slug = for_scope
    );
begin
    -- planned for the arguments given
    return query execute $query$
    with

    -- the contradictions of the area claims these places inherit, computed
    -- once (a nested loop would run the function again for every candidate)
    -- and joined on one key: joined on scope, claim and place, the scope's
    -- constant reached the CTE as a filter, the planner counted one row
    -- left and scanned all of them again for every candidate (29 s for a
    -- war of 384 000 candidates and 395 contradictions; 5.6 s so)
    contradictions as materialized (
        select
            self_contradictions.scope || ' ' || self_contradictions.claim_id || ' ' || self_contradictions.place_id
                as contradiction_key,
            min(self_contradictions.contradicted_on) as contradicted_on
        from reporting_int.self_contradictions_of(
            $1,
            -- (the areas around these places that a capture or control
            -- claim names: no other area can be contradicted)
            case when $2 is not null then array(
                select areas.place_id
                from (
                    select distinct lineage.ancestor_id as place_id
                    from derived.place_lineage as lineage
                    where
                        ($1 is null or lineage.scope = $1)
                        and lineage.place_id = any($2)
                ) as areas
                cross join lateral (
                    -- (limit 1: probed per area, never joined whole)
                    select 1 as found
                    from core.claim_places as area_named
                    inner join core.claims as area_claims
                        on area_claims.claim_id = area_named.claim_id
                    where
                        area_named.place_id = areas.place_id
                        and area_claims.kind in ('capture', 'control')
                    limit 1
                ) as named_by
            ) end
        ) as self_contradictions
        group by
            self_contradictions.scope,
            self_contradictions.claim_id,
            self_contradictions.place_id
    )

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
    left join contradictions
        on contradictions.contradiction_key = scopes.scope || ' ' || claims.claim_id || ' ' || claims.place_id
    where
        claims.occurred_to is not null
        and ($1 is null or scopes.scope = $1)
        and ($3::integer is null or claims.campaign_id = $3)
        and ($2 is null or lineage.place_id = any($2))
        and (
            $2 is null
            or claims.place_id = any(array(
                select bases.ancestor_id
                from derived.place_lineage as bases
                where
                    ($1 is null or bases.scope = $1)
                    and bases.place_id = any($2)
            ))
        )
    $query$ using for_scope, for_places, scope_campaign_id;
end
$function$;
