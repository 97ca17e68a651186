-- grain: one row per claim, with its claimant (the source that made it), the
-- claimant's party and the acting and target parties spelled out.
--
-- Dates: `stated_on` is the latest day the statement can have been made,
-- i.e. the day by which it is certainly known (the knowledge cut-off compares
-- with it); `occurred_to` is the latest day the event can have happened (a
-- ranged event counts from that day in control inference).

create view reporting_int.claim_details as

with

claims as (

    select
        claim_id,
        slug,
        source_id,
        kind,
        actor_party_id,
        target_party_id,
        stated_earliest_on,
        stated_latest_on,
        stated_local_time,
        occurred_earliest_on,
        occurred_latest_on,
        occurred_local_time,
        event_key,
        summary,
        quote
    from core.claims

),

sources as (

    select
        source_id,
        name,
        kind,
        party_id
    from core.sources

),

parties as not materialized (

    select
        party_id,
        code,
        name
    from core.parties

),

final as (

    select
        claims.claim_id,
        claims.slug as claim_slug,
        claims.kind as claim_kind,
        claims.kind in ('capture', 'control') as is_control_claim,
        claims.source_id,
        sources.name as claimant,
        sources.kind as claimant_kind,
        sources.party_id as claimant_party_id,
        claimant_parties.name as claimant_party,
        claimant_parties.code as claimant_party_code,
        claims.actor_party_id,
        actor_parties.name as actor_party,
        actor_parties.code as actor_party_code,
        claims.target_party_id,
        target_parties.name as target_party,
        target_parties.code as target_party_code,
        claims.stated_earliest_on as stated_from,
        claims.stated_latest_on as stated_on,
        claims.stated_local_time as stated_time,
        claims.occurred_earliest_on as occurred_from,
        claims.occurred_latest_on as occurred_to,
        claims.occurred_local_time as occurred_time,
        claims.event_key,
        claims.summary,
        claims.quote
    from claims
    inner join sources
        on sources.source_id = claims.source_id
    left join parties as claimant_parties
        on claimant_parties.party_id = sources.party_id
    left join parties as actor_parties
        on actor_parties.party_id = claims.actor_party_id
    left join parties as target_parties
        on target_parties.party_id = claims.target_party_id

)

select
    claim_id,
    claim_slug,
    claim_kind,
    is_control_claim,
    source_id,
    claimant,
    claimant_kind,
    claimant_party_id,
    claimant_party,
    claimant_party_code,
    actor_party_id,
    actor_party,
    actor_party_code,
    target_party_id,
    target_party,
    target_party_code,
    stated_from,
    stated_on,
    stated_time,
    occurred_from,
    occurred_to,
    occurred_time,
    event_key,
    summary,
    quote
from final;
