-- grain: one row per denial: a source rejecting a claim, or one place of it
-- (contest kind 'denial'), with its counter-statement. An independent
-- analyst disputing a claim is a denial by a source of no party.

create view reporting_int.contests_denials as

select
    campaigns.slug as campaign,
    denials.claim_id,
    denied_places.name as places,
    'denial' as contest_kind,
    denials.source_id as contested_by_source_id,
    denials.denied_latest_on as contested_on,
    denials.quote as contest_quote,
    denials.counter_statement,
    denials.denial_id,
    null::integer as counter_claim_id
from core.denials as denials
inner join core.campaigns as campaigns
    on campaigns.campaign_id = denials.campaign_id
left join core.places as denied_places
    on denied_places.place_id = denials.place_id;
