-- grain: one row per campaign × place it uses in any way: lists it
-- (places.yaml), names it in a claim (kept claims included, even when their
-- entry left the files), or places it in or around an area. Two campaigns
-- using one place share it: their answers over 'all' meet there.

create view reporting_int.campaign_place_uses as

select
    campaigns.slug as campaign,
    links.place_id
from core.campaign_places as links
inner join core.campaigns as campaigns
    on campaigns.campaign_id = links.campaign_id

union

select
    campaigns.slug as campaign,
    claim_places.place_id
from core.claim_places as claim_places
inner join core.claims as claims
    on claims.claim_id = claim_places.claim_id
inner join core.campaigns as campaigns
    on campaigns.campaign_id = claims.campaign_id

union

select
    campaigns.slug as campaign,
    areas.place_id
from core.place_areas as areas
inner join core.campaigns as campaigns
    on campaigns.campaign_id = areas.campaign_id

union

select
    campaigns.slug as campaign,
    areas.area_id as place_id
from core.place_areas as areas
inner join core.campaigns as campaigns
    on campaigns.campaign_id = areas.campaign_id;

comment on view reporting_int.campaign_place_uses is
'Every place each campaign uses: listed, named by one of its claims, or placed in or around an area by it. Two campaigns using one place share it.';
