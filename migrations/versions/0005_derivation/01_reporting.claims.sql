-- grain: one row per claim × place it names (a claim naming no place has one
-- row with empty place columns): the flat fact table of every statement.
--
-- As in revision 0004, with the report area looked up per row (a LATERAL
-- probe of derived.place_lineage) instead of joined from
-- reporting_int.place_details, whose WITH parts are computed whole: one
-- place's claims (a timeline) read that place's rows through indexes only,
-- not every place of every scope. The view's columns and comments are
-- unchanged.
--
-- Flattenable (no WITH): a filter on campaign, claim_id or place_id reaches
-- the base tables' indexes; the counts and the report area are looked up
-- per row.
--
-- Built on the tables, not on reporting_int.claim_details (whose columns it
-- repeats): the planner reorders at most join_collapse_limit (8) relations
-- together, and the three party_sides lookups alone are 15. Joined first,
-- claims and claim_places are ordered together, so one place's claims are
-- found through claim_places' index; the lookups come after, per row.

create or replace view reporting.claims as

select
    campaigns.slug as campaign,
    claims.claim_id,
    claims.stated_latest_on as stated_on,
    claims.occurred_earliest_on as occurred_from,
    claims.occurred_latest_on as occurred_to,
    sources.name as claimant,
    claimant_sides.party_name as claimant_party,
    claims.kind as claim_kind,
    actor_sides.party_name as actor_party,
    actor_sides.side_name as actor_side,
    claim_places.place_id,
    places.name as place_name,
    places.kind as place_kind,
    details.district_name as district,
    claims.hedge,
    claims.summary,
    claims.quote,
    (
        select count(*)
        from core.denials as denials
        where
            denials.claim_id = claims.claim_id
            and (denials.place_id is null or denials.place_id = claim_places.place_id)
    ) as denials,
    (
        select count(*)
        from core.corroborations as corroborations
        where
            corroborations.claim_id = claims.claim_id
            and (corroborations.place_id is null or corroborations.place_id = claim_places.place_id)
    ) as corroborations,
    campaigns.title as campaign_title,
    claims.slug as claim_slug,
    claims.stated_earliest_on as stated_from,
    to_char(claims.stated_local_time, 'HH24:MI') as stated_time,
    to_char(claims.occurred_local_time, 'HH24:MI') as occurred_time,
    claim_places.role as place_role,
    claim_places.share_percent,
    claimant_sides.side_name as claimant_side,
    target_sides.party_name as target_party,
    target_sides.side_name as target_side,
    claimant_sides.party_code as claimant_party_code,
    actor_sides.party_code as actor_party_code,
    target_sides.party_code as target_party_code,
    claims.event_key,
    case when claims.same_as_slug is not null then claims.same_as_campaign || '/' || claims.same_as_slug end
        as same_as,
    claims.kind in ('capture', 'control', 'withdrawal', 'presence', 'partial') as is_control_claim,
    details.district_id,
    places.kind in ('city', 'town', 'village', 'settlement') as is_settlement,
    places.slug as place_slug,
    documents.title as document_title
from core.claims as claims
inner join core.campaigns as campaigns
    on campaigns.campaign_id = claims.campaign_id
inner join core.sources as sources
    on sources.source_id = claims.source_id
inner join core.documents as documents
    on documents.document_id = claims.document_id
left join core.claim_places as claim_places
    on claim_places.claim_id = claims.claim_id
left join core.places as places
    on places.place_id = claim_places.place_id
left join reporting_int.party_sides as claimant_sides
    on
        claimant_sides.campaign_id = claims.campaign_id
        and claimant_sides.party_id = sources.party_id
left join reporting_int.party_sides as actor_sides
    on
        actor_sides.campaign_id = claims.campaign_id
        and actor_sides.party_id = claims.actor_party_id
left join reporting_int.party_sides as target_sides
    on
        target_sides.campaign_id = claims.campaign_id
        and target_sides.party_id = claims.target_party_id
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
) as details on true;
