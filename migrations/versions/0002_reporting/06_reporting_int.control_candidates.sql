-- grain: one row per place × control claim that could be its basis of control
-- (design rule 1): every control claim naming the place itself ('direct',
-- depth 0) and every control claim naming one of its ancestors ('inherited',
-- depth = how many levels up the named area is).
--
-- Candidates are listed whatever the date and the knowledge cut-off; the
-- consumers (reporting.control_as_of, reporting.control_periods) keep those
-- with `occurred_on` <= the day asked and `stated_on` <= the cut-off. The
-- evidence columns hold the first day on which each kind of evidence about
-- the claim (for the place it names: `basis_place_id`) is certainly known,
-- so that "denied as known by K" is `denied_on <= K`:
--   - `denied_on`: a denial of the whole claim or of that place;
--   - `corroborated_on`: a corroboration of the whole claim or of that place;
--   - `contradicted_on`: the claim's own side later claimed a capture inside
--     that area (rule 2). An inherited candidate whose area claim is
--     contradicted as known by the cut-off is not inherited; the area's own
--     (direct) row keeps it, with status 'contradicted'.

create view reporting_int.control_candidates as

with

control_claim_places as (

    select
        claim_id,
        place_id,
        actor_party_id,
        source_id,
        occurred_on,
        stated_from,
        stated_on
    from reporting_int.control_claim_places

),

lineage as (

    select
        place_id,
        ancestor_id,
        depth
    from reporting_int.place_lineage

),

denials as (

    select
        claim_id,
        place_id,
        denied_latest_on
    from core.denials

),

corroborations as (

    select
        claim_id,
        place_id,
        corroborated_latest_on
    from core.corroborations

),

self_contradictions as (

    select
        claim_id,
        place_id,
        contradicted_on
    from reporting_int.self_contradictions

),

evidence_dates as (

    select
        claim_id,
        place_id,
        denied_latest_on as denied_on,
        null::date as corroborated_on,
        null::date as contradicted_on
    from denials

    union all

    select
        claim_id,
        place_id,
        null::date as denied_on,
        corroborated_latest_on as corroborated_on,
        null::date as contradicted_on
    from corroborations

    union all

    select
        claim_id,
        place_id,
        null::date as denied_on,
        null::date as corroborated_on,
        contradicted_on
    from self_contradictions

),

-- one row per claim and place the evidence concerns; place_id is null for
-- evidence about the whole claim
first_evidence as (

    select
        claim_id,
        place_id,
        min(denied_on) as denied_on,
        min(corroborated_on) as corroborated_on,
        min(contradicted_on) as contradicted_on
    from evidence_dates
    group by
        claim_id,
        place_id

),

evidence as (

    select
        control_claim_places.claim_id,
        control_claim_places.place_id,
        control_claim_places.actor_party_id,
        control_claim_places.source_id,
        control_claim_places.occurred_on,
        control_claim_places.stated_from,
        control_claim_places.stated_on,
        least(claim_evidence.denied_on, place_evidence.denied_on) as denied_on,
        least(claim_evidence.corroborated_on, place_evidence.corroborated_on) as corroborated_on,
        place_evidence.contradicted_on
    from control_claim_places
    left join first_evidence as claim_evidence
        on
            claim_evidence.claim_id = control_claim_places.claim_id
            and claim_evidence.place_id is null
    left join first_evidence as place_evidence
        on
            place_evidence.claim_id = control_claim_places.claim_id
            and place_evidence.place_id = control_claim_places.place_id

),

final as (

    select
        lineage.place_id,
        evidence.claim_id,
        evidence.place_id as basis_place_id,
        case when lineage.depth = 0 then 'direct' else 'inherited' end as basis,
        lineage.depth,
        evidence.actor_party_id as controller_party_id,
        evidence.source_id,
        evidence.occurred_on,
        evidence.stated_from,
        evidence.stated_on,
        evidence.denied_on,
        evidence.corroborated_on,
        evidence.contradicted_on
    from evidence
    inner join lineage
        on lineage.ancestor_id = evidence.place_id

)

select
    place_id,
    claim_id,
    basis_place_id,
    basis,
    depth,
    controller_party_id,
    source_id,
    occurred_on,
    stated_from,
    stated_on,
    denied_on,
    corroborated_on,
    contradicted_on
from final;
