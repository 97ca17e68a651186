-- grain: one row per place, with its district: the nearest place of kind
-- 'district' among the place itself and its ancestors (a district is its own
-- district), and whether it is a settlement (city, town or village).

create view reporting_int.place_details as

with

places as not materialized (

    select
        place_id,
        slug,
        name,
        kind,
        parent_id
    from core.places

),

lineage as (

    select
        place_id,
        ancestor_id,
        depth
    from reporting_int.place_lineage

),

nearest_districts as (

    select distinct on (lineage.place_id)
        lineage.place_id,
        districts.place_id as district_id,
        districts.name as district_name
    from lineage
    inner join places as districts
        on districts.place_id = lineage.ancestor_id
    where districts.kind = 'district'
    order by
        lineage.place_id,
        lineage.depth

),

final as (

    select
        places.place_id,
        places.slug as place_slug,
        places.name as place_name,
        places.kind as place_kind,
        places.parent_id,
        nearest_districts.district_id,
        nearest_districts.district_name,
        places.kind in ('city', 'town', 'village') as is_settlement
    from places
    left join nearest_districts
        on nearest_districts.place_id = places.place_id

)

select
    place_id,
    place_slug,
    place_name,
    place_kind,
    parent_id,
    district_id,
    district_name,
    is_settlement
from final;
