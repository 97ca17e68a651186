-- grain: one row per scope × place the scope names, with the place's
-- report area ("district"): the nearest place, itself included, of the kind
-- the scope's reports group by (a district, a raion, a governorate); for the
-- 'all' scope, the kind of the first campaign by slug that names the place.
--
-- The rule that revision 0004 wrote as reporting_int.place_details, under a
-- new name: that view now reads derived.place_details, which keeps these
-- rows (reporting_int.refresh_derived writes them from here).

create view reporting_int.place_descriptions as

with

scoped_places as (

    select
        campaigns.slug as scope,
        links.place_id,
        campaigns.report_area_kind
    from core.campaign_places as links
    inner join core.campaigns as campaigns
        on campaigns.campaign_id = links.campaign_id

    union all

    select
        'all' as scope,
        firsts.place_id,
        firsts.report_area_kind
    from (
        select distinct on (links.place_id)
            links.place_id,
            campaigns.report_area_kind
        from core.campaign_places as links
        inner join core.campaigns as campaigns
            on campaigns.campaign_id = links.campaign_id
        order by
            links.place_id,
            campaigns.slug
    ) as firsts

),

report_areas as (

    select distinct on (lineage.scope, lineage.place_id)
        lineage.scope,
        lineage.place_id,
        areas.place_id as district_id,
        areas.name as district_name
    from derived.place_lineage as lineage
    inner join scoped_places
        on
            scoped_places.scope = lineage.scope
            and scoped_places.place_id = lineage.place_id
    inner join core.places as areas
        on
            areas.place_id = lineage.ancestor_id
            and areas.kind = scoped_places.report_area_kind
    order by
        lineage.scope,
        lineage.place_id,
        lineage.depth,
        areas.slug

),

final as (

    select
        scoped_places.scope,
        places.place_id,
        places.slug as place_slug,
        places.name as place_name,
        places.kind as place_kind,
        report_areas.district_id,
        report_areas.district_name,
        places.kind in ('city', 'town', 'village', 'settlement') as is_settlement,
        places.latitude,
        places.longitude,
        places.coordinate_precision
    from scoped_places
    inner join core.places as places
        on places.place_id = scoped_places.place_id
    left join report_areas
        on
            report_areas.scope = scoped_places.scope
            and report_areas.place_id = scoped_places.place_id

)

select
    scope,
    place_id,
    place_slug,
    place_name,
    place_kind,
    district_id,
    district_name,
    is_settlement,
    latitude,
    longitude,
    coordinate_precision
from final;

comment on view reporting_int.place_descriptions is
'The rule describing each place of each scope (name, kind, report area) from the base tables and the lineage; derived.place_details keeps its rows, read through reporting_int.place_details.';
