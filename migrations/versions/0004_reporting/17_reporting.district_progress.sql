-- grain: one row per campaign scope × day × report area ("district") ×
-- controlling side, counting the area's settlements that side held that day
-- according to reporting.control_daily (everything known today).
--
-- The report area is the kind each campaign's reports group by (district,
-- raion, governorate, ...). Settlements no side holds that day (after a
-- withdrawal, or only contested) count under a null side; settlements no
-- claim covers are not counted, and `settlements` gives the area's total so
-- that shares and the uncovered rest can be computed.

create view reporting.district_progress as

with

daily as (

    select
        campaign,
        day,
        district_id,
        district,
        controller_side
    from reporting.control_daily
    where
        is_settlement
        and district_id is not null

),

district_sizes as (

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

progress as (

    select
        campaign,
        day,
        district_id,
        district,
        controller_side,
        count(*) as places
    from daily
    group by
        campaign,
        day,
        district_id,
        district,
        controller_side

),

final as (

    select
        progress.campaign,
        progress.day,
        progress.district,
        progress.controller_side,
        progress.places,
        progress.district_id,
        district_sizes.settlements
    from progress
    inner join district_sizes
        on
            district_sizes.campaign = progress.campaign
            and district_sizes.district_id = progress.district_id

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
