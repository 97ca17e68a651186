-- grain: one row per claim × place it names (a claim naming no place has one
-- row with empty place columns): the flat fact table of every statement.
--
-- Flattenable (no WITH): a filter on campaign, claim_id or place_id reaches
-- the base tables' indexes; the counts are looked up per row.
--
-- Built on the tables, not on reporting_int.claim_details (whose columns it
-- repeats): the planner reorders at most join_collapse_limit (8) relations
-- together, and the three party_sides lookups alone are 15. Joined first,
-- claims and claim_places are ordered together, so one place's claims are
-- found through claim_places' index; the lookups come after, per row.

create view reporting.claims as

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
left join reporting_int.place_details as details
    on
        details.scope = campaigns.slug
        and details.place_id = claim_places.place_id;

comment on view reporting.claims is
'Every statement in the data, flat: one row per claim and place it names (a claim naming no place, such as a ceasefire, has one row with empty place columns). Count claims with count(distinct claim_id). Dates are ranges because accounts say "the next day" or give no day: occurred_from/occurred_to bound the event, stated_from/stated_on the statement (null latest day: open).';
comment on column reporting.claims.campaign is 'The campaign (account) the claim belongs to, by slug.';
comment on column reporting.claims.claim_id is 'The claim; repeated once per place it names.';
comment on column reporting.claims.stated_on is 'The latest possible day of the statement: from this day on the claim is certainly known (the known_by cut-off of reporting.control_as_of compares with it). Equal to stated_from when the account gives the day; null when open.';
comment on column reporting.claims.occurred_from is 'Earliest possible day of the event the claim reports.';
comment on column reporting.claims.occurred_to is 'Latest possible day of the event; control inference counts a claim from this day (null: open, never certainly over).';
comment on column reporting.claims.claimant is 'Who made the claim: a ministry of defence, a head of state, an outlet, an analyst, the account''s own narrative voice.';
comment on column reporting.claims.claimant_party is 'The claimant''s party; null for a source of no party.';
comment on column reporting.claims.claim_kind is 'What is claimed: capture, control, withdrawal, presence, partial (the kinds control inference reads), or offensive, clash, shelling, strike, ceasefire, annexation, territory_gain, ...';
comment on column reporting.claims.actor_party is 'The party said to act; for control kinds, the party whose control is claimed.';
comment on column reporting.claims.actor_side is 'The acting party''s side in the campaign.';
comment on column reporting.claims.place_id is 'A place the claim names; null when it names none.';
comment on column reporting.claims.place_name is 'Name of the place.';
comment on column reporting.claims.place_kind is 'Kind of the place (city, village, district, raion, island, bridge, ...).';
comment on column reporting.claims.district is 'The place''s report area in the claim''s campaign (district, raion, governorate, ...).';
comment on column reporting.claims.hedge is 'The hedge the text puts on the claim: likely, reportedly, apparently, allegedly, possibly, unconfirmed; null when stated plainly.';
comment on column reporting.claims.summary is 'One-line summary of the claim.';
comment on column reporting.claims.quote is 'The verbatim text of the source document the claim was transcribed from (fragments joined by " … ").';
comment on column reporting.claims.denials is 'Number of denials of this claim that concern this place (denials of the whole claim count for every place).';
comment on column reporting.claims.corroborations is 'Number of corroborations (independent confirmation, footage, the adversary''s admission, an analyst''s assessment) that concern this place.';
comment on column reporting.claims.campaign_title is 'The campaign''s title.';
comment on column reporting.claims.claim_slug is 'The claim''s natural key within its campaign.';
comment on column reporting.claims.stated_from is 'Earliest possible day of the statement.';
comment on column reporting.claims.stated_time is 'Local time of the statement (HH:MM) where the account gives it.';
comment on column reporting.claims.occurred_time is 'Local time of the event (HH:MM) where the account gives it.';
comment on column reporting.claims.place_role is 'The place''s role in the claim: subject (the place taken, shelled, ...), origin (of fire), near, or target (of a movement). Only subjects are claimed for control.';
comment on column reporting.claims.share_percent is 'For a partial-control claim: the share of the place it says the actor holds, in percent.';
comment on column reporting.claims.claimant_side is 'The claimant''s side in the campaign; null for a source of no side.';
comment on column reporting.claims.target_party is 'The party acted against; for a withdrawal, the party that took over where the text says.';
comment on column reporting.claims.target_side is 'The target party''s side.';
comment on column reporting.claims.claimant_party_code is 'Short code of claimant_party.';
comment on column reporting.claims.actor_party_code is 'Short code of actor_party.';
comment on column reporting.claims.target_party_code is 'Short code of target_party.';
comment on column reporting.claims.event_key is 'Shared by the claims of one campaign that report the same event (how two passages giving different dates for one event are found).';
comment on column reporting.claims.same_as is 'campaign/claim slug of the same statement as reported by another campaign''s account, when linked.';
comment on column reporting.claims.is_control_claim is 'True for capture, control, withdrawal, presence and partial claims: the ones control inference reads.';
comment on column reporting.claims.district_id is 'place_id of the district column.';
comment on column reporting.claims.is_settlement is 'True when the place is a city, town, village or other settlement.';
comment on column reporting.claims.place_slug is 'The place''s stable natural key.';
comment on column reporting.claims.document_title is 'Title of the document the claim was read from.';
