-- grain: a function of a scope and some places (null: all), and the view
-- of all of them: one row per scope × place × control claim that may
-- decide who holds it (design rule 1): every control claim of the scope naming the
-- place itself (depth 0) and every one naming an area it lies in (depth =
-- how many levels up).
--
-- Candidates are listed whatever the day asked and the knowledge cut-off;
-- the consumers keep those with `occurred_to` <= the day and `stated_on` <=
-- the cut-off, and drop an inherited (depth > 0) candidate whose area claim
-- is contradicted as known by the cut-off (`contradicted_on`, rule 2); the
-- area's own row (depth 0) keeps it. A claim whose event has no latest day
-- is never certainly over, so never a candidate.

create function reporting_int.control_candidates_of(for_scope text, for_places integer[])
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
    contradictions as materialized (
        select
            self_contradictions.scope,
            self_contradictions.claim_id,
            self_contradictions.place_id,
            min(self_contradictions.contradicted_on) as contradicted_on
        from reporting_int.self_contradictions_of(
            $1,
            case when $2 is not null then array(
                select distinct areas.ancestor_id
                from derived.place_lineage as areas
                where
                    ($1 is null or areas.scope = $1)
                    and areas.place_id = any($2)
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
        on
            contradictions.scope = scopes.scope
            and contradictions.claim_id = claims.claim_id
            and contradictions.place_id = claims.place_id
    where
        claims.occurred_to is not null
        and ($1 is null or scopes.scope = $1)
        and ($3::integer is null or claims.campaign_id = $3)
        and ($2 is null or lineage.place_id = any($2))
        and (
            $2 is null
            or claims.place_id in (
                select bases.ancestor_id
                from derived.place_lineage as bases
                where
                    ($1 is null or bases.scope = $1)
                    and bases.place_id = any($2)
            )
        )
    $query$ using for_scope, for_places, scope_campaign_id;
end
$function$;

comment on function reporting_int.control_candidates_of(text, integer[]) is
'Design rule 1 for one scope (null: every scope) and some places (null: every place): each control claim that may decide who holds a place, naming the place or an area it lies in.';

-- every scope, every place: the rule as a view
create view reporting_int.control_candidates as

select
    candidates.scope,
    candidates.place_id,
    candidates.claim_id,
    candidates.claim_key,
    candidates.basis_place_id,
    candidates.depth,
    candidates.claim_kind,
    candidates.actor_party_id,
    candidates.actor_side_key,
    candidates.target_party_id,
    candidates.target_side_key,
    candidates.occurred_to,
    candidates.stated_on,
    candidates.share_percent,
    candidates.confirmed_on,
    candidates.denied_on,
    candidates.corroborated_on,
    candidates.contradicted_on
from reporting_int.control_candidates_of(null, null) as candidates;

comment on view reporting_int.control_candidates is
'Design rule 1 in every scope: each control claim that may decide who holds a place, naming the place or an area it lies in, with the days its evidence is certainly known.';
