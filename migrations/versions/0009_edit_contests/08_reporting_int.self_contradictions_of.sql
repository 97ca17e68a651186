-- grain: a function of a scope, some areas (null: all) and some claims
-- (null: all): one row per scope × area control claim × area it names ×
-- later capture claim that contradicts it (design rule 2), with
-- `for_claims` only those in which one of the claims is the area claim or
-- the capture. It runs as its owner (reporting.source_scorecard reads it,
-- through the two-argument function, as campaign_reader).
--
-- As revision 0006's reporting_int.self_contradictions_of(text, integer[])
-- (14_reporting_int.self_contradictions_of.sql, where the rule's history
-- is), with the claims: the captures read are those of the places the
-- claims name and of the places inside them. An edit asks for the
-- contests of the claims naming its places
-- (reporting_int.contests_self_contradictions): without them, every
-- contradiction of the areas around those places was found (3 400 pairs
-- of a district's 5 000 captures) and all but a few hundred dropped. The
-- places whose captures are read are listed before the query, as one
-- array (for some areas too: 0006's text listed them inside it).

create function reporting_int.self_contradictions_of(for_scope text, for_areas integer[], for_claims integer[])
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
    -- the places whose captures can pair (null: every place), listed
    -- before the query as one array: a constant the planner counts, where
    -- two conditions on the place, each an array it could not count, were
    -- thought to leave one capture and joined each to every area claim
    capture_places integer[];
begin
    if for_areas is not null then
        -- for some areas: the places inside them
        capture_places := array(
            select inside.place_id
            from derived.place_lineage as inside
            where
                inside.ancestor_id = any(for_areas)
                and inside.depth > 0
                and (for_scope is null or inside.scope = for_scope)
        );
    end if;
    if for_claims is not null then
        -- for some claims: of those, the places the claims name and the
        -- places inside them (a capture pairs with a given area claim
        -- inside its area, with any area claim when it is given itself)
        capture_places := array(
            select inside.place_id
            from derived.place_lineage as inside
            where
                inside.ancestor_id = any(array(
                    select named.place_id
                    from core.claim_places as named
                    where named.claim_id = any(for_claims)
                ))
                and (for_scope is null or inside.scope = for_scope)
                and (capture_places is null or inside.place_id = any(capture_places))
        );
    end if;
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
        -- the captures of the places listed above (a condition on the
        -- place, which reaches claim_places' index by place)
        and ($5::integer[] is null or claims.place_id = any($5))

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
    where
        $4 is null
        or area_claims.claim_id = any($4)
        or captures.claim_id = any($4)
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
    $query$ using for_scope, for_areas, scope_campaign_id, for_claims, capture_places;
end
$function$;

comment on function reporting_int.self_contradictions_of(text, integer[], integer[]) is
'Design rule 2 for one scope (null: every scope), the area claims naming some areas (null: every area) and some claims (null: all; else the pairs one of them is in): each area claim with each later capture by its own side inside the area.';
