-- grain: one row per day × place that has a basis of control that day, over
-- the span of the data, with everything known today.
--
-- The span runs from the first day the data records a change of basis for a
-- place that already had one (before it, every place is at its starting
-- point, such as a pre-war baseline, and control_as_of answers for any
-- earlier day) to the last day any claim, denial, corroboration or loss
-- mentions. Built on reporting.control_periods, so each row is the period
-- covering that day; it agrees with reporting.control_as_of(day) (tested).

create view reporting.control_daily as

with

periods as (

    select
        place_id,
        place_name,
        place_kind,
        district,
        controller,
        controller_code,
        valid_from,
        valid_to,
        basis,
        status,
        claim_id,
        claimant,
        claimant_party,
        basis_place_id,
        basis_place_name,
        district_id,
        is_settlement,
        place_slug
    from reporting.control_periods

),

period_starts as (

    select
        valid_from,
        min(valid_from) over (partition by place_id) as first_valid_from
    from periods

),

last_dates as (

    select max(greatest(stated_latest_on, occurred_latest_on)) as last_on
    from core.claims
    union all
    select max(denied_latest_on) as last_on
    from core.denials
    union all
    select max(corroborated_latest_on) as last_on
    from core.corroborations
    union all
    select max(as_of_date) as last_on
    from core.losses

),

span as (

    select
        coalesce(
            min(valid_from) filter (where valid_from > first_valid_from),
            min(valid_from)
        ) as first_day,
        (select max(last_on) from last_dates) as last_day
    from period_starts

),

days as (

    select series.day::date as day
    from span
    cross join lateral generate_series(span.first_day, span.last_day, interval '1 day') as series (day)

),

final as (

    select
        days.day,
        periods.place_id,
        periods.place_name,
        periods.place_kind,
        periods.district,
        periods.controller,
        periods.controller_code,
        periods.valid_from as since,
        periods.basis,
        periods.status,
        periods.claim_id,
        periods.claimant,
        periods.claimant_party,
        periods.basis_place_id,
        periods.basis_place_name,
        periods.district_id,
        periods.is_settlement,
        periods.place_slug
    from days
    inner join periods
        on
            periods.valid_from <= days.day
            and (periods.valid_to is null or days.day < periods.valid_to)

)

select
    day,
    place_id,
    place_name,
    place_kind,
    district,
    controller,
    controller_code,
    since,
    basis,
    status,
    claim_id,
    claimant,
    claimant_party,
    basis_place_id,
    basis_place_name,
    district_id,
    is_settlement,
    place_slug
from final;

comment on view reporting.control_daily is
'Who controlled each place on each day, according to the claims and everything known today: reporting.control_as_of for every day of the data, ready for charts and BI filters. One row per day and place with a basis of control. The days run from the first change of control the data records to the last date it mentions; for other days, or to ask what was known on an earlier day, use reporting.control_as_of(as_of, known_by).';
comment on column reporting.control_daily.day is 'The day described.';
comment on column reporting.control_daily.place_id is 'The place (core.places.place_id).';
comment on column reporting.control_daily.place_name is 'The place''s name as the data spells it.';
comment on column reporting.control_daily.place_kind is 'city, town, village, district, province, country, region, bridge, dam, river, border or valley.';
comment on column reporting.control_daily.district is 'The district the place lies in (for a district: itself); null above or outside districts.';
comment on column reporting.control_daily.controller is 'The party in control that day, by name.';
comment on column reporting.control_daily.controller_code is 'The controlling party''s short code.';
comment on column reporting.control_daily.since is 'The day the basis took effect: the latest possible day of its event.';
comment on column reporting.control_daily.basis is 'direct: the basis claim names this place; inherited: it names an area containing it (see basis_place_name).';
comment on column reporting.control_daily.status is 'How solid the basis is, with everything known today: contradicted, disputed (denied and corroborated), denied, corroborated or claimed.';
comment on column reporting.control_daily.claim_id is 'The basis claim (reporting.claims.claim_id).';
comment on column reporting.control_daily.claimant is 'Who made the basis claim.';
comment on column reporting.control_daily.claimant_party is 'The claimant''s party; null for an independent source.';
comment on column reporting.control_daily.basis_place_id is 'The place the basis claim names: this place (direct) or the area it is inherited from.';
comment on column reporting.control_daily.basis_place_name is 'Name of basis_place_id.';
comment on column reporting.control_daily.district_id is 'place_id of the district column.';
comment on column reporting.control_daily.is_settlement is 'True for cities, towns and villages.';
comment on column reporting.control_daily.place_slug is 'The place''s stable natural key (the same in every copy of the database).';
