-- grain: one row per campaign scope × day × report area ("district") ×
-- controlling side, counting the area's settlements that side held that day
-- according to reporting.control_daily (everything known today).
--
-- Counted without expanding every settlement into its days: each period of
-- a settlement (within the spans its scope reports it on) adds one on its
-- first day and takes one off the day after its last; a running sum per
-- area and side gives the count, held until its next change.
--
-- The report area is the kind each campaign's reports group by (district,
-- raion, governorate, ...). Settlements no side holds that day (after a
-- withdrawal, or only contested) count under a null side; settlements no
-- claim covers are not counted, and `settlements` gives the area's total so
-- that shares and the uncovered rest can be computed.

create view reporting.district_progress as

with

settlement_periods as (

    select
        periods.campaign,
        periods.district_id,
        periods.district,
        periods.controller_side,
        greatest(periods.valid_from, spans.span_from) as first_day,
        least(coalesce(periods.valid_to - 1, spans.span_to), spans.span_to) as last_day
    from reporting.control_periods as periods
    inner join reporting_int.report_spans as spans
        on
            spans.campaign = periods.campaign
            and spans.place_id = periods.place_id
    where
        periods.is_settlement
        and periods.district_id is not null

),

changes as (

    select
        campaign,
        district_id,
        district,
        controller_side,
        first_day as day,
        1 as delta
    from settlement_periods
    where first_day <= last_day

    union all

    select
        campaign,
        district_id,
        district,
        controller_side,
        last_day + 1 as day,
        -1 as delta
    from settlement_periods
    where first_day <= last_day

),

daily_changes as (

    select
        campaign,
        district_id,
        district,
        controller_side,
        day,
        sum(delta)::integer as delta
    from changes
    group by
        campaign,
        district_id,
        district,
        controller_side,
        day

),

running as (

    select
        campaign,
        district_id,
        district,
        controller_side,
        day,
        sum(delta) over (
            partition by campaign, district_id, controller_side
            order by day
            rows between unbounded preceding and current row
        ) as places,
        lead(day) over (
            partition by campaign, district_id, controller_side
            order by day
        ) as next_day
    from daily_changes

),

-- computed once (materialized): inlined, the planner may rerun it per area
district_sizes as materialized (

    select
        scope as campaign,
        district_id,
        count(*) as settlements
    from reporting_int.place_details
    where
        is_settlement
        and district_id is not null
    group by
        scope,
        district_id

),

final as (

    select
        running.campaign,
        series.day::date as day,
        running.district,
        running.controller_side,
        running.places,
        running.district_id,
        district_sizes.settlements
    from running
    inner join district_sizes
        on
            district_sizes.campaign = running.campaign
            and district_sizes.district_id = running.district_id
    cross join
        lateral generate_series(
            running.day, coalesce(running.next_day - 1, running.day), interval '1 day'
        ) as series (day)
    where running.places > 0

)

select
    campaign,
    day,
    district,
    controller_side,
    places,
    district_id,
    settlements
from final;

comment on view reporting.district_progress is
'How many settlements of each report area (district, raion, governorate: the level each campaign''s reports group by) each side held, day by day, according to the claims and everything known today (from reporting.control_daily). One row per campaign scope, day, area and side. Settlements no side holds that day count under a null side; settlements no claim covers are not counted; settlements gives the area''s total.';
comment on column reporting.district_progress.campaign is 'The campaign scope: a campaign''s slug, or ''all''.';
comment on column reporting.district_progress.day is 'The day described.';
comment on column reporting.district_progress.district is 'The report area, by name.';
comment on column reporting.district_progress.controller_side is 'The side holding the settlements; null for settlements no side holds that day.';
comment on column reporting.district_progress.places is 'Number of the area''s settlements the side held that day.';
comment on column reporting.district_progress.district_id is 'The area''s place_id.';
comment on column reporting.district_progress.settlements is 'Number of settlements the campaign knows in the area, whoever holds them.';
