-- grain: one row per claim × place it names (a claim naming no place has one
-- row with empty place columns): the flat fact table of every statement.
--
-- As in revision 0005 (01_reporting.claims.sql), with the claim, its
-- claimant, parties and sides read from derived.claim_details (one row per
-- claim, kept by the loads) instead of joined from the base tables: seven
-- relations instead of sixteen, so one place's claims (a timeline) are
-- planned in a fraction of the time and found through claim_places' index.
-- The view's columns and comments are unchanged.
--
-- Flattenable (no WITH): a filter on campaign, claim_id or place_id reaches
-- the tables' indexes; the counts and the report area are looked up per
-- row.

create or replace view reporting.claims as

select
    details.campaign,
    details.claim_id,
    details.stated_on,
    details.occurred_from,
    details.occurred_to,
    details.claimant,
    details.claimant_party,
    details.claim_kind,
    details.actor_party,
    details.actor_side,
    claim_places.place_id,
    places.name as place_name,
    places.kind as place_kind,
    report_areas.district_name as district,
    details.hedge,
    details.summary,
    details.quote,
    (
        select count(*)
        from core.denials as denials
        where
            denials.claim_id = details.claim_id
            and (denials.place_id is null or denials.place_id = claim_places.place_id)
    ) as denials,
    (
        select count(*)
        from core.corroborations as corroborations
        where
            corroborations.claim_id = details.claim_id
            and (corroborations.place_id is null or corroborations.place_id = claim_places.place_id)
    ) as corroborations,
    details.campaign_title,
    details.claim_slug,
    details.stated_from,
    to_char(details.stated_time, 'HH24:MI') as stated_time,
    to_char(details.occurred_time, 'HH24:MI') as occurred_time,
    claim_places.role as place_role,
    claim_places.share_percent,
    details.claimant_side,
    details.target_party,
    details.target_side,
    details.claimant_party_code,
    details.actor_party_code,
    details.target_party_code,
    details.event_key,
    case when details.same_as_slug is not null then details.same_as_campaign || '/' || details.same_as_slug end
        as same_as,
    details.is_control_claim,
    report_areas.district_id,
    places.kind in ('city', 'town', 'village', 'settlement') as is_settlement,
    places.slug as place_slug,
    documents.title as document_title
from derived.claim_details as details
inner join core.campaigns as campaigns
    on campaigns.campaign_id = details.campaign_id
inner join core.documents as documents
    on documents.document_id = details.document_id
left join core.claim_places as claim_places
    on claim_places.claim_id = details.claim_id
left join core.places as places
    on places.place_id = claim_places.place_id
left join lateral (
    -- the place's report area in the claim's campaign: as
    -- reporting_int.place_details finds it (the nearest area, itself
    -- included, of the campaign's report-area kind; then by slug), for this
    -- one place; a place the campaign does not list has no lineage in its
    -- scope, so no area
    select
        areas.place_id as district_id,
        areas.name as district_name
    from derived.place_lineage as lineage
    inner join core.places as areas
        on
            areas.place_id = lineage.ancestor_id
            and areas.kind = campaigns.report_area_kind
    where
        lineage.scope = campaigns.slug
        and lineage.place_id = claim_places.place_id
    order by
        lineage.depth,
        areas.slug
    limit 1
) as report_areas on true;
