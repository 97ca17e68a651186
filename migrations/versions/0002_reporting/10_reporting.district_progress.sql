-- grain: one row per day × district × controlling party, counting the
-- district's settlements (cities, towns, villages) that party controlled that
-- day according to reporting.control_daily (everything known today).
--
-- Settlements no claim covers that day are not counted; `settlements` gives
-- the district's total so that shares and the uncovered rest can be computed.

create view reporting.district_progress as

with

daily as (

    select
        day,
        district_id,
        district,
        controller,
        controller_code
    from reporting.control_daily
    where
        is_settlement
        and district_id is not null

),

place_details as (

    select
        district_id,
        is_settlement
    from reporting_int.place_details

),

district_sizes as (

    select
        district_id,
        count(*) as settlements
    from place_details
    where
        is_settlement
        and district_id is not null
    group by district_id

),

progress as (

    select
        day,
        district_id,
        district,
        controller,
        controller_code,
        count(*) as places
    from daily
    group by
        day,
        district_id,
        district,
        controller,
        controller_code

),

final as (

    select
        progress.day,
        progress.district,
        progress.controller,
        progress.places,
        progress.controller_code,
        progress.district_id,
        district_sizes.settlements
    from progress
    inner join district_sizes
        on district_sizes.district_id = progress.district_id

)

select
    day,
    district,
    controller,
    places,
    controller_code,
    district_id,
    settlements
from final;

comment on view reporting.district_progress is
'How many settlements of each district each party controlled, day by day, according to the claims and everything known today (from reporting.control_daily). One row per day, district and controlling party. Settlements no claim covers that day are not counted; settlements gives the district''s total.';
comment on column reporting.district_progress.day is 'The day described.';
comment on column reporting.district_progress.district is 'The district, by name.';
comment on column reporting.district_progress.controller is 'The controlling party, by name.';
comment on column reporting.district_progress.places is 'Number of the district''s settlements (cities, towns, villages) the party controlled that day.';
comment on column reporting.district_progress.controller_code is 'The controlling party''s short code.';
comment on column reporting.district_progress.district_id is 'The district''s place_id.';
comment on column reporting.district_progress.settlements is 'Number of settlements the data knows in the district, whoever controls them.';
