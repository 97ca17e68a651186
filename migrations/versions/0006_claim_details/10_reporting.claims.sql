-- grain: one row per claim × place it names (a claim naming no place has one
-- row with empty place columns): the flat fact table of every statement.
--
-- As in revision 0005 (01_reporting.claims.sql), read from the tables the
-- loads keep: the claim, its claimant, parties and sides from
-- derived.claim_details, the place, its report area and the denials and
-- corroborations reaching it from derived.claim_place_details. Nothing is
-- computed per row: one place's claims (a timeline) are an index range scan
-- and a key probe per claim, planned on three relations instead of more than
-- fifteen.
-- The view's columns and comments are unchanged.
--
-- Flattenable (no WITH): a filter on campaign, claim_id or place_id reaches
-- the tables' indexes.

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
    places.place_id,
    places.place_name,
    places.place_kind,
    places.district,
    details.hedge,
    details.summary,
    details.quote,
    -- (a claim naming no place: its denials and corroborations naming none)
    coalesce(places.denials, (
        select count(*)
        from core.denials as denials
        where denials.claim_id = details.claim_id and denials.place_id is null
    )) as denials,
    coalesce(places.corroborations, (
        select count(*)
        from core.corroborations as corroborations
        where corroborations.claim_id = details.claim_id and corroborations.place_id is null
    )) as corroborations,
    details.campaign_title,
    details.claim_slug,
    details.stated_from,
    to_char(details.stated_time, 'HH24:MI') as stated_time,
    to_char(details.occurred_time, 'HH24:MI') as occurred_time,
    places.place_role,
    places.share_percent,
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
    places.district_id,
    places.is_settlement,
    places.place_slug,
    documents.title as document_title
from derived.claim_details as details
inner join core.documents as documents
    on documents.document_id = details.document_id
left join derived.claim_place_details as places
    on places.claim_id = details.claim_id;
