-- grain: a function of a scope and some areas (null: all): one row per
-- scope × area control claim × area it names × later capture claim that
-- contradicts it (design rule 2), as in revision 0004
-- (07_reporting_int.self_contradictions.sql, where the rule is described).
-- It runs as its owner (reporting.source_scorecard reads it as
-- campaign_reader, who may not read the tables).
--
-- As in revision 0005 (03_reporting_int.self_contradictions_of.sql), with
-- the places inside the areas asked about given as an array, a condition
-- on the capture's place that reaches claim_places' index, instead of a
-- semi-join that came after every capture of the scope had been read.

create or replace function reporting_int.self_contradictions_of(for_scope text, for_areas integer[])
returns table (
    scope text,
    claim_id integer,
    place_id integer,
    contradicting_claim_id integer,
    contradicted_on date,
    captured_places bigint
)
language plpgsql
stable
security definer
set search_path = pg_catalog, pg_temp
as $function$
declare
    -- a campaign's scope reads that campaign's claims only: named as a
    -- constant, the filter reaches the claims' index before any join
    scope_campaign_id integer := (
        select campaigns.campaign_id
        from core.campaigns as campaigns
        where campaigns.slug = for_scope
    );
begin
    -- planned for the arguments given (a plan made for any scope and any
    -- areas joins every capture with every area claim: minutes, not milliseconds)
    return query execute $query$

with

scopes as (

    select
        scope,
        campaign_id
    from reporting_int.scopes
    where $1 is null or scope = $1

),

area_claims as (

    select
        scopes.scope,
        claims.claim_id,
        claims.place_id,
        claims.actor_side_key,
        claims.claimant_side_key,
        claims.occurred_to,
        claims.stated_on
    from reporting_int.control_claim_places as claims
    inner join scopes
        on scopes.campaign_id is null or scopes.campaign_id = claims.campaign_id
    where
        claims.claim_kind in ('capture', 'control')
        and ($3::integer is null or claims.campaign_id = $3)
        and claims.claimant_side_key is not null
        and claims.stated_on is not null
        and ($2 is null or claims.place_id = any($2))
        and exists (
            select from core.place_areas as inside
            where inside.area_id = claims.place_id
        )

),

captures as (

    select
        scopes.scope,
        claims.claim_id,
        claims.place_id,
        claims.actor_side_key,
        claims.claimant_side_key,
        claims.occurred_to,
        claims.stated_from,
        claims.stated_on
    from reporting_int.control_claim_places as claims
    inner join scopes
        on scopes.campaign_id is null or scopes.campaign_id = claims.campaign_id
    where
        claims.claim_kind = 'capture'
        and ($3::integer is null or claims.campaign_id = $3)
        -- for some areas: the captures inside them only, as an array
        -- computed once (a condition on the place, which reaches
        -- claim_places' index by place)
        and (
            $2 is null
            or claims.place_id = any(array(
                select inside.place_id
                from derived.place_lineage as inside
                where
                    inside.ancestor_id = any($2)
                    and inside.depth > 0
                    and ($1 is null or inside.scope = $1)
            ))
        )

),

final as (

    select
        area_claims.scope,
        area_claims.claim_id,
        area_claims.place_id,
        captures.claim_id as contradicting_claim_id,
        min(captures.stated_on) as contradicted_on,
        count(*) as captured_places
    from area_claims
    inner join derived.place_lineage as lineage
        on
            lineage.scope = area_claims.scope
            and lineage.ancestor_id = area_claims.place_id
            and lineage.depth > 0
    inner join captures
        on
            captures.scope = area_claims.scope
            and captures.place_id = lineage.place_id
            and captures.actor_side_key = area_claims.actor_side_key
            and captures.claimant_side_key = area_claims.claimant_side_key
            and captures.stated_from > area_claims.stated_on
            and captures.occurred_to > area_claims.occurred_to
    group by
        area_claims.scope,
        area_claims.claim_id,
        area_claims.place_id,
        captures.claim_id

)

select
    scope,
    claim_id,
    place_id,
    contradicting_claim_id,
    contradicted_on,
    captured_places
from final
    $query$ using for_scope, for_areas, scope_campaign_id;
end
$function$;
