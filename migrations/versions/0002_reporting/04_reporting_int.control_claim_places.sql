-- grain: one row per control claim × place it names as its subject.
--
-- A control claim is a claim of kind 'capture' or 'control' with an acting
-- party: that party is the (new) controller of every subject place. Places
-- a claim names in another role (origin of fire, near, target) are not
-- claimed. `occurred_on` is the latest day the event can have happened (a
-- ranged date counts from its latest day); `stated_on` is the latest day the
-- claim can have been stated (it counts as known from that day).

create view reporting_int.control_claim_places as

with

claims as (

    select
        claim_id,
        source_id,
        kind,
        actor_party_id,
        stated_earliest_on,
        stated_latest_on,
        occurred_earliest_on,
        occurred_latest_on
    from core.claims
    where
        kind in ('capture', 'control')
        and actor_party_id is not null

),

claim_places as (

    select
        claim_id,
        place_id
    from core.claim_places
    where role = 'subject'

),

sources as (

    select
        source_id,
        party_id
    from core.sources

),

final as (

    select
        claims.claim_id,
        claim_places.place_id,
        claims.kind as claim_kind,
        claims.actor_party_id,
        claims.source_id,
        sources.party_id as claimant_party_id,
        claims.occurred_earliest_on as occurred_from,
        claims.occurred_latest_on as occurred_on,
        claims.stated_earliest_on as stated_from,
        claims.stated_latest_on as stated_on
    from claims
    inner join claim_places
        on claim_places.claim_id = claims.claim_id
    inner join sources
        on sources.source_id = claims.source_id

)

select
    claim_id,
    place_id,
    claim_kind,
    actor_party_id,
    source_id,
    claimant_party_id,
    occurred_from,
    occurred_on,
    stated_from,
    stated_on
from final;
