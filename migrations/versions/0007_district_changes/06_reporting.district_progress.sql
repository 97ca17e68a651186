-- grain: one row per campaign scope × day × report area ("district") ×
-- controlling side, counting the area's settlements that side held that day
-- according to reporting.control_daily (everything known today).
--
-- Revision 0004's view (17_reporting.district_progress.sql), with the same
-- columns and rows, now summing the days of change kept in
-- derived.district_changes (the rule: reporting_int.district_changes) in
-- the order of their index: no sort of every control period of the scope.
-- A running sum per area and side gives the count, held until its next
-- change.
--
-- Settlements no side holds that day (after a withdrawal, or only
-- contested) count under a null side; settlements no claim covers are not
-- counted, and `settlements` gives the area's total so that shares and the
-- uncovered rest can be computed.

create or replace view reporting.district_progress as

with

running as (

    select
        changes.scope as campaign,
        changes.district_id,
        changes.district,
        changes.controller_side,
        changes.day,
        sum(changes.delta) over (
            partition by changes.scope, changes.district_id, changes.controller_side
            order by changes.day
            rows between unbounded preceding and current row
        ) as places,
        lead(changes.day) over (
            partition by changes.scope, changes.district_id, changes.controller_side
            order by changes.day
        ) as next_day
    from derived.district_changes as changes

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
