-- grain: one row per scope × report area ("district") × controlling side ×
-- day on which the number of the area's settlements that side holds
-- changes (delta: how many more, or fewer, than the day before).
--
-- The rule revision 0004 wrote inside reporting.district_progress
-- (17_reporting.district_progress.sql): each control period of a
-- settlement, within the spans its scope reports it on
-- (reporting_int.report_spans), adds one on its first day and takes one off
-- the day after its last. Days on which the changes cancel out are left
-- out: the running sum is the same without them. Kept as derived.district_changes.

create view reporting_int.district_changes as

with

settlement_periods as (

    select
        periods.campaign,
        periods.district_id,
        periods.district,
        periods.controller_side,
        greatest(periods.valid_from, spans.span_from) as first_day,
        least(coalesce(periods.valid_to - 1, spans.span_to), spans.span_to) as last_day
    from derived.control_periods as periods
    inner join reporting_int.report_spans as spans
        on
            spans.campaign = periods.campaign
            and spans.place_id = periods.place_id
    where
        periods.is_settlement
        and periods.district_id is not null

),

-- both ends of a period from one reading of it (named twice, the periods
-- would be read whole before a filter on an area could reach them)
changes as (

    select
        settlement_periods.campaign,
        settlement_periods.district_id,
        settlement_periods.district,
        settlement_periods.controller_side,
        ends.day,
        ends.delta
    from settlement_periods
    cross join
        lateral (
            values (settlement_periods.first_day, 1), (settlement_periods.last_day + 1, -1)
        ) as ends (day, delta)
    where settlement_periods.first_day <= settlement_periods.last_day

),

final as (

    select
        campaign as scope,
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
    having sum(delta) <> 0

)

select
    scope,
    district_id,
    district,
    controller_side,
    day,
    delta
from final;

comment on view reporting_int.district_changes is
'The days on which the number of a report area''s settlements a side holds changes, per scope, from the control periods within the spans each scope reports a place on; kept as derived.district_changes.';
