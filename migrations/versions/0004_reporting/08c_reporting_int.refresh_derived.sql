-- grain: trigger functions and triggers with no rows of their own: after
-- any statement on a base table the rules read, they rewrite the derived
-- tables (one row per scope × place × area, × candidate, × period; see
-- 13d_reporting_int.refresh_derived.sql), unless the session defers it (the
-- seed loader and the importer set campaign_db.defer_refresh and refresh
-- once, at the end of their transaction, for what they changed).
--
-- A statement on claims, their places, denials or corroborations re-derives
-- only the places the changed rows name (read from the statement's
-- transition tables), in every scope: an edit by hand of one claim of a war
-- does not recompute the war. Any other base table (sources, areas, sides,
-- campaigns) changes what every place inherits: all is re-derived.

-- after any statement on a base table the rules read: refresh every scope
-- (the loader defers this and refreshes its campaign once, at the end)
create function reporting_int.base_tables_changed()
returns trigger
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
set jit = off
as $function$
begin
    if coalesce(current_setting('campaign_db.defer_refresh', true), '') = 'on' then
        return null;
    end if;
    perform reporting_int.refresh_derived(null, null);
    return null;
end
$function$;

comment on function reporting_int.base_tables_changed() is
'Statement trigger of the base tables: keeps the derived tables equal to the rules after a change made outside the seed loader (the loader sets campaign_db.defer_refresh and refreshes once).';

create trigger refresh_derived after insert or update or delete or truncate on core.campaigns
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.sources
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.place_areas
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.campaign_places
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.campaign_parties
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.campaign_sides
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.side_members
for each statement execute function reporting_int.base_tables_changed();

-- after a statement on claims, claim_places, denials or corroborations: the
-- places the changed rows name (before and after), in every scope
create function reporting_int.claim_rows_changed()
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
    -- the claims as they are now, and those of deleted rows)
    perform reporting_int.refresh_contests(array(
        select distinct campaigns.slug
        from core.campaigns as campaigns
        where
            campaigns.campaign_id = any(old_campaign_ids)
            or campaigns.campaign_id in (
                select claims.campaign_id from core.claims as claims where claims.claim_id = any(claim_ids)
            )
    ));
    return null;
end
$function$;

comment on function reporting_int.claim_rows_changed() is
'Statement trigger of claims, claim_places, denials and corroborations: re-derives the places the changed rows name (from the transition tables), in every scope.';

create trigger refresh_derived_insert after insert on core.claims
referencing new table as new_rows
for each statement execute function reporting_int.claim_rows_changed();
create trigger refresh_derived_update after update on core.claims
referencing old table as old_rows new table as new_rows
for each statement execute function reporting_int.claim_rows_changed();
create trigger refresh_derived_delete after delete on core.claims
referencing old table as old_rows
for each statement execute function reporting_int.claim_rows_changed();
create trigger refresh_derived after truncate on core.claims
for each statement execute function reporting_int.base_tables_changed();

create trigger refresh_derived_insert after insert on core.claim_places
referencing new table as new_rows
for each statement execute function reporting_int.claim_rows_changed();
create trigger refresh_derived_update after update on core.claim_places
referencing old table as old_rows new table as new_rows
for each statement execute function reporting_int.claim_rows_changed();
create trigger refresh_derived_delete after delete on core.claim_places
referencing old table as old_rows
for each statement execute function reporting_int.claim_rows_changed();
create trigger refresh_derived after truncate on core.claim_places
for each statement execute function reporting_int.base_tables_changed();

create trigger refresh_derived_insert after insert on core.denials
referencing new table as new_rows
for each statement execute function reporting_int.claim_rows_changed();
create trigger refresh_derived_update after update on core.denials
referencing old table as old_rows new table as new_rows
for each statement execute function reporting_int.claim_rows_changed();
create trigger refresh_derived_delete after delete on core.denials
referencing old table as old_rows
for each statement execute function reporting_int.claim_rows_changed();
create trigger refresh_derived after truncate on core.denials
for each statement execute function reporting_int.base_tables_changed();

create trigger refresh_derived_insert after insert on core.corroborations
referencing new table as new_rows
for each statement execute function reporting_int.claim_rows_changed();
create trigger refresh_derived_update after update on core.corroborations
referencing old table as old_rows new table as new_rows
for each statement execute function reporting_int.claim_rows_changed();
create trigger refresh_derived_delete after delete on core.corroborations
referencing old table as old_rows
for each statement execute function reporting_int.claim_rows_changed();
create trigger refresh_derived after truncate on core.corroborations
for each statement execute function reporting_int.base_tables_changed();
