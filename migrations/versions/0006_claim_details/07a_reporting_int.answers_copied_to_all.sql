-- grain: a function with no rows of its own: true when the 'all' answers of
-- some places (one row per scope × place × candidate, × period, × contest)
-- are exactly one campaign's own, so that reporting_int.refresh_derived
-- copies them instead of deriving 'all'.
--
-- So it is when the campaign lists every one of the places (a place it only
-- names in a claim has an 'all' lineage but none in its scope) and no other
-- campaign uses any of them (lists it, names it in a claim, places it in or
-- around an area): no other campaign's claims or areas reach them. The
-- caller gives the places with every area around them.

create function reporting_int.answers_copied_to_all(for_campaign text, considered integer[])
returns boolean
language sql
stable
security definer
set search_path = pg_catalog, pg_temp
as $function$
    select
        not exists (
            select
            from reporting_int.campaign_place_uses as uses
            where
                uses.place_id = any(considered)
                and uses.campaign <> for_campaign
        )
        and not exists (
            select
            from unnest(considered) as given (place_id)
            where not exists (
                select
                from core.campaign_places as listed
                inner join core.campaigns as campaigns
                    on campaigns.campaign_id = listed.campaign_id
                where
                    listed.place_id = given.place_id
                    and campaigns.slug = for_campaign
            )
        )
$function$;

comment on function reporting_int.answers_copied_to_all(text, integer[]) is
'True when the ''all'' answers of the places considered (with every area around them) are exactly the campaign''s own: it lists every one and no other campaign uses any.';
