-- grain: a trigger function with no rows of its own: after a statement on
-- claims, claim_places, denials or corroborations it re-derives the places
-- the changed rows name (one row per scope × place × candidate, × period, ×
-- contest) and the contested claims of their campaigns.
--
-- As in revision 0004 (08c_reporting_int.refresh_derived.sql, with the
-- triggers that call it), except that the 'all' contests are rewritten
-- only when the change reached a place another campaign uses (see
-- reporting_int.refresh_contests).

create or replace function reporting_int.claim_rows_changed()
returns trigger
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
set jit = off
as $function$
declare
    claim_ids integer[] := '{}';
    place_ids integer[] := '{}';
    -- campaigns of rows that no longer exist (a deleted claim, denial, ...)
    old_campaign_ids integer[] := '{}';
    changed_campaigns text[];
begin
    if coalesce(current_setting('campaign_db.defer_refresh', true), '') = 'on' then
        return null;
    end if;
    if tg_table_name = 'claim_places' then
        if tg_op in ('INSERT', 'UPDATE') then
            select claim_ids || coalesce(array_agg(claim_id), '{}'), place_ids || coalesce(array_agg(place_id), '{}')
            into claim_ids, place_ids
            from new_rows;
        end if;
        if tg_op in ('DELETE', 'UPDATE') then
            select claim_ids || coalesce(array_agg(claim_id), '{}'), place_ids || coalesce(array_agg(place_id), '{}')
            into claim_ids, place_ids
            from old_rows;
        end if;
    else
        if tg_op in ('INSERT', 'UPDATE') then
            select claim_ids || coalesce(array_agg(claim_id), '{}') into claim_ids from new_rows;
        end if;
        if tg_op in ('DELETE', 'UPDATE') then
            select claim_ids || coalesce(array_agg(claim_id), '{}'), coalesce(array_agg(campaign_id), '{}')
            into claim_ids, old_campaign_ids
            from old_rows;
        end if;
    end if;
    -- the places the claims name now (a deleted claim's places come through
    -- the delete of its claim_places rows, which fires this trigger too)
    select place_ids || coalesce(array_agg(distinct claim_places.place_id), '{}')
    into place_ids
    from core.claim_places as claim_places
    where claim_places.claim_id = any(claim_ids);
    if cardinality(place_ids) > 0 then
        perform reporting_int.refresh_derived(null, array(select distinct unnest(place_ids)));
    end if;
    -- the contested claims of the campaigns whose claims changed (those of
    -- the claims as they are now, and those of deleted rows); every 'all'
    -- row too when a place the changed rows name (before or after) is used
    -- by two campaigns, or by another than those (it was shared before the
    -- change took a claim away from it)
    changed_campaigns := array(
        select distinct campaigns.slug
        from core.campaigns as campaigns
        where
            campaigns.campaign_id = any(old_campaign_ids)
            or campaigns.campaign_id in (
                select claims.campaign_id from core.claims as claims where claims.claim_id = any(claim_ids)
            )
    );
    perform reporting_int.refresh_contests(
        changed_campaigns,
        exists (
            select
            from reporting_int.campaign_place_uses as uses
            where uses.place_id = any(place_ids)
            group by uses.place_id
            having count(*) > 1 or bool_or(uses.campaign <> all(changed_campaigns))
        )
    );
    return null;
end
$function$;
