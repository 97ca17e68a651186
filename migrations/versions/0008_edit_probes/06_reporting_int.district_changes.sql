-- grain: one row per scope × report area ("district") × controlling side ×
-- day on which the number of the area's settlements that side holds
-- changes (delta: how many more, or fewer, than the day before).
--
-- As in revision 0007 (02_reporting_int.district_changes.sql, where the
-- rule is described), with the spans read from derived.report_spans (the
-- rows of reporting_int.report_spans, kept): a few areas' settlements are
-- joined to their own spans by index, instead of to every place's spans
-- computed first. Kept as derived.district_changes.

create or replace view reporting_int.district_changes as

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
    inner join derived.report_spans as spans
        on
            spans.scope = periods.campaign
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
