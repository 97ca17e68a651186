-- grain: one row per gazetteer fact a campaign states about a place (a
-- spelling, an area it lies in, its coordinates), with where it was read:
-- how a user sees where a place is defined and why.

create view reporting.place_citations as

select
    campaigns.slug as campaign,
    place_names.place_id,
    places.name as place_name,
    'spelling' as fact,
    place_names.name as value,
    documents.title as document_title,
    place_names.url,
    place_names.quote
from core.place_names as place_names
inner join core.places as places
    on places.place_id = place_names.place_id
inner join core.campaigns as campaigns
    on campaigns.campaign_id = place_names.campaign_id
left join core.documents as documents
    on documents.document_id = place_names.document_id

union all

select
    campaigns.slug as campaign,
    place_areas.place_id,
    places.name as place_name,
    case place_areas.relation when 'in' then 'area' else 'beside' end as fact,
    areas.name as value,
    documents.title as document_title,
    place_areas.url,
    place_areas.quote
from core.place_areas as place_areas
inner join core.places as places
    on places.place_id = place_areas.place_id
inner join core.places as areas
    on areas.place_id = place_areas.area_id
inner join core.campaigns as campaigns
    on campaigns.campaign_id = place_areas.campaign_id
left join core.documents as documents
    on documents.document_id = place_areas.document_id

union all

select
    campaigns.slug as campaign,
    links.place_id,
    places.name as place_name,
    'coordinates' as fact,
    round(links.latitude::numeric, 5) || ', ' || round(links.longitude::numeric, 5)
    || ' (' || links.coordinate_precision || ')' as value,
    documents.title as document_title,
    links.coordinates_url as url,
    links.coordinates_quote as quote
from core.campaign_places as links
inner join core.places as places
    on places.place_id = links.place_id
inner join core.campaigns as campaigns
    on campaigns.campaign_id = links.campaign_id
left join core.documents as documents
    on documents.document_id = links.coordinates_document_id
where links.latitude is not null

union all

select
    campaigns.slug as campaign,
    links.place_id,
    places.name as place_name,
    'note' as fact,
    links.note as value,
    null::text as document_title,
    null::text as url,
    null::text as quote
from core.campaign_places as links
inner join core.places as places
    on places.place_id = links.place_id
inner join core.campaigns as campaigns
    on campaigns.campaign_id = links.campaign_id
where links.note is not null;

comment on view reporting.place_citations is
'Where each gazetteer fact was read: one row per spelling, area membership, coordinates and note a campaign gives for a place, with the document (or the page''s address) and the verbatim quote. Facts of different campaigns stand side by side; single-valued facts (kind, name, coordinates) agree across campaigns, since the loader refuses a folder that disagrees.';
comment on column reporting.place_citations.campaign is 'The campaign whose files state the fact.';
comment on column reporting.place_citations.place_id is 'The place.';
comment on column reporting.place_citations.place_name is 'The place''s display name.';
comment on column reporting.place_citations.fact is 'spelling, area (lies in), beside (shares the areas of a nearby place), coordinates, or note (the campaign''s remark on the place).';
comment on column reporting.place_citations.value is 'The spelling, the area''s name, the coordinates (latitude, longitude, precision) or the note.';
comment on column reporting.place_citations.document_title is 'The document of the campaign the quote is from; null when a public page is cited (url).';
comment on column reporting.place_citations.url is 'The address of the public page that states the fact; null when a document is cited.';
comment on column reporting.place_citations.quote is 'The words of the document or page that state the fact.';
