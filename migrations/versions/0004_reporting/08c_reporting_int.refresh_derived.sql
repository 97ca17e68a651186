-- grain: a trigger function and triggers with no rows of their own: after
-- any statement on a base table the rules read, they rewrite the derived
-- tables (one row per scope × place × area, × candidate, × period; see
-- 13d_reporting_int.refresh_derived.sql), unless the session defers it (the
-- seed loader and the importer set campaign_db.defer_refresh and refresh
-- once, at the end of their transaction, for what they changed).

-- after any statement on a base table the rules read: refresh every scope
-- (the loader defers this and refreshes its campaign once, at the end)
create function reporting_int.base_tables_changed()
returns trigger
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
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
create trigger refresh_derived after insert or update or delete or truncate on core.claims
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.claim_places
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.denials
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.corroborations
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
