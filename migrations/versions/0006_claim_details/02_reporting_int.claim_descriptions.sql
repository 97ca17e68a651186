-- grain: one row per claim, with its campaign, its claimant (the source that
-- made it), the parties and sides involved, and whether the claimant speaks
-- for no side (the account's narrative voice, an independent outlet or
-- analyst, a neutral state).
--
-- The rule that revision 0004 wrote as reporting_int.claim_details, under a
-- new name: that view now reads derived.claim_details, which keeps these
-- rows (reporting_int.refresh_claim_details writes them from here).
--
-- Dates: `stated_on` is the latest day the statement can have been made,
-- i.e. the day by which it is certainly known (the knowledge cut-off
-- compares with it; null = open, known only with everything known);
-- `occurred_to` is the latest day the event can have happened (control
-- inference counts a claim from that day; null = open, never).
-- Flattenable (no WITH): a filter on claim_id or campaign reaches the tables.

create view reporting_int.claim_descriptions as

select
    claims.claim_id,
    claims.slug as claim_slug,
    campaigns.slug as campaign,
    campaigns.campaign_id,
    campaigns.title as campaign_title,
    campaigns.slug || '/' || claims.slug as claim_key,
    claims.kind as claim_kind,
    claims.kind in ('capture', 'control', 'withdrawal', 'presence', 'partial') as is_control_claim,
    claims.document_id,
    claims.source_id,
    sources.name as claimant,
    sources.kind as claimant_kind,
    sources.party_id as claimant_party_id,
    claimant_sides.party_name as claimant_party,
    claimant_sides.party_code as claimant_party_code,
    claimant_sides.side_key as claimant_side_key,
    claimant_sides.side_name as claimant_side,
    sources.kind = 'narrative'
    or sources.party_id is null
    or claimant_sides.is_belligerent is not true as is_independent_source,
    claims.actor_party_id,
    actor_sides.party_name as actor_party,
    actor_sides.party_code as actor_party_code,
    actor_sides.side_key as actor_side_key,
    actor_sides.side_name as actor_side,
    claims.target_party_id,
    target_sides.party_name as target_party,
    target_sides.party_code as target_party_code,
    target_sides.side_key as target_side_key,
    target_sides.side_name as target_side,
    claims.stated_earliest_on as stated_from,
    claims.stated_latest_on as stated_on,
    claims.stated_local_time as stated_time,
    claims.occurred_earliest_on as occurred_from,
    claims.occurred_latest_on as occurred_to,
    claims.occurred_local_time as occurred_time,
    claims.hedge,
    claims.event_key,
    claims.same_as_campaign,
    claims.same_as_slug,
    claims.summary,
    claims.quote,
    claims.note
from core.claims as claims
inner join core.campaigns as campaigns
    on campaigns.campaign_id = claims.campaign_id
inner join core.sources as sources
    on sources.source_id = claims.source_id
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
        and target_sides.party_id = claims.target_party_id;

comment on view reporting_int.claim_descriptions is
'The rule describing each claim (campaign, claimant, parties, sides, dates) from the base tables; derived.claim_details keeps its rows, read through reporting_int.claim_details.';
