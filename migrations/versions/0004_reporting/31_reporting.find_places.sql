-- grain: a function: one row per place with a spelling that matches a
-- name accent- and case-insensitively (Fuzuli, FÜZULİ, füzuli; Kupiansk,
-- Купянськ), so that readers can search spellings without any privilege on
-- the base tables or core.fold_name.

create function reporting.fold_name(name text)
returns text
language sql
immutable
strict
parallel safe
security definer
set search_path = pg_catalog, pg_temp
return core.fold_name(name);

comment on function reporting.fold_name(text) is
'A name folded for comparison: lower case, accents and the letters ə ı ş ç ğ (and Cyrillic ё й ї є ґ) to plain letters, dashes to spaces. Two spellings match when their folded forms are equal; this is how reporting.find_places compares.';

create function reporting.find_places(name text)
returns table (
    place_id integer,
    place_slug text,
    place_name text,
    place_kind text,
    matched_name text,
    campaigns text
)
language sql
stable
security definer
set search_path = pg_catalog, pg_temp
as $function$
    select distinct on (places.place_id)
        places.place_id,
        places.slug as place_slug,
        places.name as place_name,
        places.kind as place_kind,
        place_names.name as matched_name,
        (
            select string_agg(campaigns.slug, ', ' order by campaigns.slug)
            from core.campaign_places as links
            inner join core.campaigns as campaigns
                on campaigns.campaign_id = links.campaign_id
            where links.place_id = places.place_id
        ) as campaigns
    from core.place_names as place_names
    inner join core.places as places
        on places.place_id = place_names.place_id
    where place_names.folded_name = core.fold_name($1)
    order by
        places.place_id,
        place_names.name
$function$;

comment on function reporting.find_places(text) is
'Places with a spelling that matches name, accent- and case-insensitively, in any script: select * from reporting.find_places(''fuzuli''). One row per place, with the spelling that matched and the campaigns naming it.';
