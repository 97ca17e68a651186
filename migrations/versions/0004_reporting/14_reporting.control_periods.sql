-- grain: one row per campaign scope × place × period during which its
-- answer (controlling side, basis claim, status) stays the same, with
-- everything known today.
--
-- Each campaign is its own scope (that account's claims only), and 'all'
-- is every campaign together. Reads derived.control_periods, which
-- reporting_int.refresh_derived keeps equal to reporting_int.control_answers
-- (the query behind reporting.control_as_of): the two agree on every day
-- (tested). Flattenable: a filter on campaign and place_id is an index probe.

create view reporting.control_periods as

select
    answers.campaign,
    answers.campaign_title,
    answers.place_id,
    answers.place_name,
    answers.place_kind,
    answers.district,
    answers.controller,
    answers.controller_code,
    answers.controller_side,
    answers.valid_from,
    answers.valid_to,
    answers.since,
    answers.basis,
    answers.status,
    answers.evidence,
    answers.claim_id,
    answers.claimant,
    answers.claimant_party,
    answers.basis_place_id,
    answers.basis_place_name,
    answers.counter_claim_id,
    answers.counter_claimant,
    answers.counter_side,
    answers.counter_kind,
    answers.share_percent,
    answers.district_id,
    answers.is_settlement,
    answers.place_slug,
    answers.claim_slug
from derived.control_periods as answers;

comment on view reporting.control_periods is
'Who controlled each place, period by period, according to the claims and everything known today. One row per campaign scope, place and period during which the controlling side, the basis claim and the status stay the same. campaign is a campaign''s slug (that account''s claims only) or ''all'' (every campaign together): filter on it. A period runs from valid_from (included) to valid_to (excluded; null = still open); since is the first day of the side''s unbroken control. Use reporting.control_as_of(date, known_by, campaign) to ask what was known on an earlier day.';
comment on column reporting.control_periods.campaign is 'The campaign scope: a campaign''s slug (its account''s claims only), or ''all'' (every campaign together).';
comment on column reporting.control_periods.campaign_title is 'The campaign''s title (''All campaigns'' for the all scope).';
comment on column reporting.control_periods.place_id is 'The place (reporting.places.place_id).';
comment on column reporting.control_periods.place_name is 'The place''s name as the gazetteer spells it.';
comment on column reporting.control_periods.place_kind is 'Kind of place: city, town, village, settlement, city_district, district, raion, oblast, governorate, island, bridge, ...';
comment on column reporting.control_periods.district is 'The place''s report area: the nearest area (itself included) of the kind the campaign''s reports group by (district, raion, governorate, ...).';
comment on column reporting.control_periods.controller is 'The party in control during the period, by name; null when no side holds the place (after a withdrawal, or while only contested).';
comment on column reporting.control_periods.controller_code is 'The controlling party''s short code.';
comment on column reporting.control_periods.controller_side is 'The controlling party''s side in the campaign (control changes hands only between sides).';
comment on column reporting.control_periods.valid_from is 'First day of the period.';
comment on column reporting.control_periods.valid_to is 'The day the next period starts, excluded from this one; null while the period is still open. A day d is in the period when valid_from <= d and (valid_to is null or d < valid_to).';
comment on column reporting.control_periods.since is 'First day of the controlling side''s unbroken control (for a place no side holds: the day it became so).';
comment on column reporting.control_periods.basis is 'direct: the basis claim names this place; inherited: it names an area containing it (see basis_place_name).';
comment on column reporting.control_periods.status is 'How solid the answer is: contradicted (the claimant''s own side later claimed captures inside the area it claimed), contested (another side claimed it, was present or held a share, and did not take it over; see counter_*), disputed (denied and confirmed), denied, corroborated (confirmed by a source of no side or the other side, or corroborated), or claimed.';
comment on column reporting.control_periods.evidence is 'Rank of the basis claim''s evidence: confirmed (stated or corroborated by a source of no side, or admitted by the other side), claimed, or denied (by another side or an independent analyst, not confirmed).';
comment on column reporting.control_periods.claim_id is 'The basis claim (reporting.claims.claim_id): the strongest, then latest, claim of the controlling side.';
comment on column reporting.control_periods.claimant is 'Who made the basis claim (a ministry, a head of state, an outlet, the account''s narrative voice).';
comment on column reporting.control_periods.claimant_party is 'The claimant''s party; null for a source of no party.';
comment on column reporting.control_periods.basis_place_id is 'The place the basis claim names: this place (direct) or the area it is inherited from.';
comment on column reporting.control_periods.basis_place_name is 'Name of basis_place_id.';
comment on column reporting.control_periods.counter_claim_id is 'For a contested place: the latest claim of another side that did not take it over (reporting.claims.claim_id).';
comment on column reporting.control_periods.counter_claimant is 'Who made the counter-claim.';
comment on column reporting.control_periods.counter_side is 'The side the counter-claim is for.';
comment on column reporting.control_periods.counter_kind is 'What the counter-claim says: capture, control, presence or partial.';
comment on column reporting.control_periods.share_percent is 'For a partial counter-claim: the share of the place it says its side holds, in percent.';
comment on column reporting.control_periods.district_id is 'place_id of the district column.';
comment on column reporting.control_periods.is_settlement is 'True for cities, towns, villages and other settlements.';
comment on column reporting.control_periods.place_slug is 'The place''s stable natural key (the same in every copy of the database).';
comment on column reporting.control_periods.claim_slug is 'The basis claim''s natural key within its campaign.';
