-- grain: one row per campaign scope × day × place that has a basis of
-- control that day, with everything known today.
--
-- The days are the campaign's own period (campaign.yaml: period); for the
-- 'all' scope, a place's days are the periods of the campaigns that name
-- it (reporting_int.report_spans). Each row is the reporting.control_periods
-- period covering that day, so it agrees with reporting.control_as_of(day)
-- (tested): each period is expanded into its days within the spans, with no
-- join of every day to every period.

create view reporting.control_daily as

select
    series.day::date as day,
    periods.campaign,
    periods.campaign_title,
    periods.place_id,
    periods.place_name,
    periods.place_kind,
    periods.district,
    periods.controller,
    periods.controller_code,
    periods.controller_side,
    periods.since,
    periods.basis,
    periods.status,
    periods.evidence,
    periods.claim_id,
    periods.claimant,
    periods.claimant_party,
    periods.basis_place_id,
    periods.basis_place_name,
    periods.counter_claim_id,
    periods.counter_claimant,
    periods.counter_side,
    periods.counter_kind,
    periods.share_percent,
    periods.district_id,
    periods.is_settlement,
    periods.place_slug,
    periods.claim_slug
from reporting.control_periods as periods
inner join reporting_int.report_spans as spans
    on
        spans.campaign = periods.campaign
        and spans.place_id = periods.place_id
cross join lateral generate_series(
    greatest(periods.valid_from, spans.span_from),
    least(coalesce(periods.valid_to - 1, spans.span_to), spans.span_to),
    interval '1 day'
) as series (day);

comment on view reporting.control_daily is
'Who controlled each place on each day of its campaign, according to the claims and everything known today: reporting.control_as_of for every day, ready for charts and BI filters. One row per campaign scope, day and place with a basis of control. The days are each campaign''s period; for the ''all'' scope, a place''s days are the periods of the campaigns naming it. For other days, or to ask what was known on an earlier day, use reporting.control_as_of(as_of, known_by, campaign).';
comment on column reporting.control_daily.day is 'The day described.';
comment on column reporting.control_daily.campaign is 'The campaign scope: a campaign''s slug (its account''s claims only), or ''all'' (every campaign together).';
comment on column reporting.control_daily.campaign_title is 'The campaign''s title (''All campaigns'' for the all scope).';
comment on column reporting.control_daily.place_id is 'The place (reporting.places.place_id).';
comment on column reporting.control_daily.place_name is 'The place''s name as the gazetteer spells it.';
comment on column reporting.control_daily.place_kind is 'Kind of place: city, town, village, settlement, city_district, district, raion, oblast, governorate, island, bridge, ...';
comment on column reporting.control_daily.district is 'The place''s report area: the nearest area (itself included) of the kind the campaign''s reports group by (district, raion, governorate, ...).';
comment on column reporting.control_daily.controller is 'The party in control during the period, by name; null when no side holds the place (after a withdrawal, or while only contested).';
comment on column reporting.control_daily.controller_code is 'The controlling party''s short code.';
comment on column reporting.control_daily.controller_side is 'The controlling party''s side in the campaign (control changes hands only between sides).';
comment on column reporting.control_daily.since is 'First day of the controlling side''s unbroken control (for a place no side holds: the day it became so).';
comment on column reporting.control_daily.basis is 'direct: the basis claim names this place; inherited: it names an area containing it (see basis_place_name).';
comment on column reporting.control_daily.status is 'How solid the answer is: contradicted (the claimant''s own side later claimed captures inside the area it claimed), contested (another side claimed it, was present or held a share, and did not take it over; see counter_*), disputed (denied and confirmed), denied, corroborated (confirmed by a source of no side or the other side, or corroborated), or claimed.';
comment on column reporting.control_daily.evidence is 'Rank of the basis claim''s evidence: confirmed (stated or corroborated by a source of no side, or admitted by the other side), claimed, or denied (by another side or an independent analyst, not confirmed).';
comment on column reporting.control_daily.claim_id is 'The basis claim (reporting.claims.claim_id): the strongest, then latest, claim of the controlling side.';
comment on column reporting.control_daily.claimant is 'Who made the basis claim (a ministry, a head of state, an outlet, the account''s narrative voice).';
comment on column reporting.control_daily.claimant_party is 'The claimant''s party; null for a source of no party.';
comment on column reporting.control_daily.basis_place_id is 'The place the basis claim names: this place (direct) or the area it is inherited from.';
comment on column reporting.control_daily.basis_place_name is 'Name of basis_place_id.';
comment on column reporting.control_daily.counter_claim_id is 'For a contested place: the latest claim of another side that did not take it over (reporting.claims.claim_id).';
comment on column reporting.control_daily.counter_claimant is 'Who made the counter-claim.';
comment on column reporting.control_daily.counter_side is 'The side the counter-claim is for.';
comment on column reporting.control_daily.counter_kind is 'What the counter-claim says: capture, control, presence or partial.';
comment on column reporting.control_daily.share_percent is 'For a partial counter-claim: the share of the place it says its side holds, in percent.';
comment on column reporting.control_daily.district_id is 'place_id of the district column.';
comment on column reporting.control_daily.is_settlement is 'True for cities, towns, villages and other settlements.';
comment on column reporting.control_daily.place_slug is 'The place''s stable natural key (the same in every copy of the database).';
comment on column reporting.control_daily.claim_slug is 'The basis claim''s natural key within its campaign.';
