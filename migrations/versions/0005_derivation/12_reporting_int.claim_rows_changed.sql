-- grain: a trigger function with no rows of its own: after a statement on
-- claims, claim_places, denials or corroborations it re-derives the places
-- the changed rows name (one row per scope × place × candidate, × period, ×
-- contest) and the contested claims of their campaigns.
--
-- As in revision 0004 (08c_reporting_int.refresh_derived.sql, with the
-- triggers that call it), except for the contested claims: 0004 rewrote
-- every contest of the campaigns whose claims changed; this rewrites those
-- the changed claims and the claims of their places take part in
-- (reporting_int.refresh_contest_rows).

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
            select claim_ids || coalesce(array_agg(claim_id), '{}') into claim_ids from old_rows;
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
    -- the contested claims of the claims changed: those naming a place came
    -- with refresh_derived (with every claim of the places re-derived); a
    -- claim naming no place, or deleted, comes only here
    perform reporting_int.refresh_placeless_contests(claim_ids);
    return null;
end
$function$;
