-- grain: one row per place of the shared gazetteer, with every spelling
-- any campaign uses, the areas it lies in, its report area over all
-- campaigns, its coordinates, and the campaigns that name it.

create view reporting.places as

select
    places.place_id,
    places.slug as place_slug,
    places.name as place_name,
    places.kind as place_kind,
    (
        select string_agg(distinct place_names.name, '; ')
        from core.place_names as place_names
        where place_names.place_id = places.place_id
    ) as names,
    (
        select string_agg(distinct areas.name, '; ')
        from core.place_areas as place_areas
        inner join core.places as areas
            on areas.place_id = place_areas.area_id
        where place_areas.place_id = places.place_id
    ) as areas,
    details.district_name as district,
    places.latitude,
    places.longitude,
    places.coordinate_precision,
    (
        select string_agg(campaigns.slug, ', ' order by campaigns.slug)
        from core.campaign_places as links
        inner join core.campaigns as campaigns
            on campaigns.campaign_id = links.campaign_id
        where links.place_id = places.place_id
    ) as campaigns,
    places.kind in ('city', 'town', 'village', 'settlement') as is_settlement,
    places.latitude is not null as is_mapped,
    (
        -- the campaign whose coordinates the place keeps: the most precise,
        -- then by campaign slug (the loader's rule, campaign_db/seeding/
        -- writer.py), so that no load order or generated id decides
        select coalesce(links.coordinates_url, documents.title)
        from core.campaign_places as links
        inner join core.campaigns as campaigns
            on campaigns.campaign_id = links.campaign_id
        left join core.documents as documents
            on documents.document_id = links.coordinates_document_id
        where
            links.place_id = places.place_id
            and links.latitude is not null
        order by
            array_position(array['exact', 'settlement', 'approximate'], links.coordinate_precision),
            campaigns.slug
        limit 1
    ) as coordinates_source,
    details.district_id
from core.places as places
left join reporting_int.place_details as details
    on
        details.scope = 'all'
        and details.place_id = places.place_id;

comment on view reporting.places is
'The shared gazetteer: one row per place any campaign names, whatever account names it. Spellings and areas of every campaign, the coordinates every campaign giving them agrees on, and the campaigns naming it. reporting.place_citations says where each fact was read.';
comment on column reporting.places.place_id is 'The place (the place_id of every other view).';
comment on column reporting.places.place_slug is 'The place''s stable natural key (the same in every copy of the database).';
comment on column reporting.places.place_name is 'Display name.';
comment on column reporting.places.place_kind is 'Kind of place: city, town, village, settlement, city_district, neighbourhood, district, raion, hromada, oblast, governorate, region, country, island, bridge, dam, river, road, ...';
comment on column reporting.places.names is 'Every spelling any campaign uses, ''; ''-separated. Search any of them accent- and case-insensitively with reporting.find_places(name).';
comment on column reporting.places.areas is 'The areas the place lies in directly (any campaign''s cited reading), ''; ''-separated.';
comment on column reporting.places.district is 'The place''s report area over all campaigns (the kind of the first campaign, by slug, that names it).';
comment on column reporting.places.latitude is 'Latitude in decimal degrees (WGS 84); null when no citable text gives it.';
comment on column reporting.places.longitude is 'Longitude in decimal degrees (WGS 84).';
comment on column reporting.places.coordinate_precision is 'exact (the point itself), settlement (a settlement''s centre as a gazetteer gives it) or approximate.';
comment on column reporting.places.campaigns is 'The campaigns that name the place, comma-separated.';
comment on column reporting.places.is_settlement is 'True for cities, towns, villages and other settlements.';
comment on column reporting.places.is_mapped is 'True when the place has cited coordinates.';
comment on column reporting.places.coordinates_source is 'Where the coordinates were read: a page''s address or a document''s title.';
comment on column reporting.places.district_id is 'place_id of the district column.';
