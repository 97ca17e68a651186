-- grain: one row per reported loss figure ("at least 7 tanks destroyed",
-- "between 1,300 and 1,700 killed"), with who reported it, as of which day,
-- and who lost what. Flattenable (no WITH).

create view reporting.losses as

select
    campaigns.slug as campaign,
    losses.loss_id,
    losses.as_of_date as as_of,
    sources.name as reported_by,
    reporters.name as reported_by_party,
    losers.name as losing_party,
    losses.category,
    losses.equipment,
    losses.outcome,
    case
        when losses.qualifier in ('exact', 'approximately', 'at_least') then losses.quantity_low
        when losses.qualifier = 'up_to' then losses.quantity_high
    end as quantity,
    losses.quantity_low,
    losses.quantity_high,
    losses.qualifier,
    places.name as place_name,
    losses.quote,
    campaigns.title as campaign_title,
    losses.slug as loss_slug,
    reporters.code as reported_by_party_code,
    losers.code as losing_party_code,
    loser_sides.side_name as losing_side,
    losses.place_id,
    losses.claim_id
from core.losses as losses
inner join core.campaigns as campaigns
    on campaigns.campaign_id = losses.campaign_id
inner join core.sources as sources
    on sources.source_id = losses.source_id
left join core.parties as reporters
    on reporters.party_id = sources.party_id
inner join core.parties as losers
    on losers.party_id = losses.losing_party_id
left join reporting_int.party_sides as loser_sides
    on
        loser_sides.campaign_id = losses.campaign_id
        and loser_sides.party_id = losses.losing_party_id
left join core.places as places
    on places.place_id = losses.place_id;

comment on view reporting.losses is
'Every reported loss figure: one row per figure, as reported (the same loss reported by two sources is two rows). Figures are ranges like UCDP''s low/high: quantity_low/quantity_high, equal when exact or approximate; at_least has only a low end, up_to only a high end, between both, unspecified ("many tanks") neither. quantity is the single figure the source gives (null for between and unspecified).';
comment on column reporting.losses.campaign is 'The campaign (account) the figure belongs to.';
comment on column reporting.losses.loss_id is 'The figure''s id.';
comment on column reporting.losses.as_of is 'The day the figure is given as of.';
comment on column reporting.losses.reported_by is 'Who reported the figure.';
comment on column reporting.losses.reported_by_party is 'The reporting source''s party; null for a source of no party.';
comment on column reporting.losses.losing_party is 'The party that suffered the loss.';
comment on column reporting.losses.category is 'What was lost: personnel, civilians, prisoners, tanks, ifv, apc, vehicles, artillery, howitzers, rocket_artillery, air_defence, radar, uavs, aircraft, helicopters, ships, facilities, equipment.';
comment on column reporting.losses.equipment is 'The model where named (BM-21 Grad, Su-25).';
comment on column reporting.losses.outcome is 'killed, injured, missing, destroyed, damaged, downed, captured, fled, abandoned or surrendered.';
comment on column reporting.losses.quantity is 'The figure the source gives: the exact or approximate number, the "at least" or "up to" bound; null for a range (see quantity_low/quantity_high) and for unspecified.';
comment on column reporting.losses.quantity_low is 'Low end of the figure (null: no low end given).';
comment on column reporting.losses.quantity_high is 'High end of the figure (null: no high end given).';
comment on column reporting.losses.qualifier is 'exact, approximately, at_least, up_to, between or unspecified.';
comment on column reporting.losses.place_name is 'Where the loss happened, when the source says.';
comment on column reporting.losses.quote is 'The verbatim text the figure was transcribed from.';
comment on column reporting.losses.campaign_title is 'The campaign''s title.';
comment on column reporting.losses.loss_slug is 'The figure''s natural key within its campaign.';
comment on column reporting.losses.reported_by_party_code is 'Short code of reported_by_party.';
comment on column reporting.losses.losing_party_code is 'Short code of losing_party.';
comment on column reporting.losses.losing_side is 'The losing party''s side in the campaign.';
comment on column reporting.losses.place_id is 'place_id of place_name.';
comment on column reporting.losses.claim_id is 'The claim the figure belongs to (a downed aircraft''s claim), when linked.';
