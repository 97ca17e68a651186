-- grain: one row per area control claim × area it names × later capture claim
-- that contradicts it (design rule 2).
--
-- An area claim ("our forces control Jabrayil District") is contradicted by
-- its own side when, after it, a source of the same party claims that the
-- same acting party captured a place inside that area: the area cannot have
-- been wholly held when the claim was made. "After it" means the capture
-- claim was certainly stated later (its earliest possible statement day is
-- after the area claim's latest one) and its event may have happened later
-- (its latest possible day is after the area claim's): "on 22 October we
-- took Sirik" contradicts "on 7 October we held the district", whereas a
-- capture announced before the area claim does not. `contradicted_on` is the
-- day the contradicting claim was certainly stated, i.e. from when the
-- contradiction is known.

create view reporting_int.self_contradictions as

with

control_claim_places as not materialized (

    select
        claim_id,
        place_id,
        claim_kind,
        actor_party_id,
        claimant_party_id,
        occurred_on,
        stated_from,
        stated_on
    from reporting_int.control_claim_places

),

parent_places as (

    select distinct parent_id as place_id
    from core.places
    where parent_id is not null

),

lineage as (

    select
        place_id,
        ancestor_id,
        depth
    from reporting_int.place_lineage
    where depth > 0

),

area_claims as (

    select
        area_claims.claim_id,
        area_claims.place_id,
        area_claims.actor_party_id,
        area_claims.claimant_party_id,
        area_claims.occurred_on,
        area_claims.stated_on
    from parent_places
    cross join lateral (
        -- the claims naming each area, looked up by index (`offset 0`
        -- keeps this a lookup rather than a scan of every claim)
        select
            control_claim_places.claim_id,
            control_claim_places.place_id,
            control_claim_places.actor_party_id,
            control_claim_places.claimant_party_id,
            control_claim_places.occurred_on,
            control_claim_places.stated_on
        from control_claim_places
        where
            control_claim_places.place_id = parent_places.place_id
            and control_claim_places.claimant_party_id is not null
        offset 0
    ) as area_claims

),

inner_places as (

    select
        area_claims.claim_id,
        area_claims.place_id,
        area_claims.actor_party_id,
        area_claims.claimant_party_id,
        area_claims.occurred_on,
        area_claims.stated_on,
        lineage.place_id as inner_place_id
    from area_claims
    inner join lineage
        on lineage.ancestor_id = area_claims.place_id

),

contradictions as (

    select
        inner_places.claim_id,
        inner_places.place_id,
        captures.claim_id as contradicting_claim_id,
        captures.stated_on as contradicted_on,
        count(*) as captured_places
    from inner_places
    cross join lateral (
        -- Area claims are few and their areas small next to the whole
        -- campaign: look up the captures of each place inside an area by
        -- index rather than joining every capture with its ancestors.
        -- `offset 0` keeps the planner from flattening this lookup back
        -- into a join over all captures.
        select
            control_claim_places.claim_id,
            control_claim_places.stated_on
        from control_claim_places
        where
            control_claim_places.place_id = inner_places.inner_place_id
            and control_claim_places.claim_kind = 'capture'
            and control_claim_places.claimant_party_id = inner_places.claimant_party_id
            and control_claim_places.actor_party_id = inner_places.actor_party_id
            and control_claim_places.stated_from > inner_places.stated_on
            and control_claim_places.occurred_on > inner_places.occurred_on
        offset 0
    ) as captures
    group by
        inner_places.claim_id,
        inner_places.place_id,
        captures.claim_id,
        captures.stated_on

),

final as (

    select
        claim_id,
        place_id,
        contradicting_claim_id,
        contradicted_on,
        captured_places
    from contradictions

)

select
    claim_id,
    place_id,
    contradicting_claim_id,
    contradicted_on,
    captured_places
from final;
