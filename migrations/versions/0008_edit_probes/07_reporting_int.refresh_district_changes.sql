-- grain: a function with no rows of its own: it rewrites the rows of
-- derived.district_changes (one row per scope × report area × controlling
-- side × day of change) of one scope from their rule
-- (reporting_int.district_changes): those of some areas.
--
-- As in revision 0007 (04_reporting_int.refresh_district_changes.sql,
-- where its caller is named), joined as the planner chooses: the rule now
-- reads the spans from derived.report_spans, a table it can count, so the
-- areas' settlements probe their own spans by index. (Revision 0007 turned
-- nested loops off for this function: the spans were then computed on the
-- fly, a list the planner could not count.)
--
-- Planned anew on every call (plan_cache_mode force_custom_plan), as
-- reporting_int.refresh_contest_rows explains: a generic plan knows
-- neither the scope nor the places or claims.

create or replace function reporting_int.refresh_district_changes(for_scope text, for_districts integer[])
returns void
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
set jit = off
set plan_cache_mode = force_custom_plan
as $function$
begin
    if cardinality(for_districts) > 0 then
        delete from derived.district_changes as changes
        where
            changes.scope = for_scope
            and changes.district_id = any(for_districts);
        insert into derived.district_changes (scope, district_id, district, controller_side, day, delta)
        select changes.scope, changes.district_id, changes.district, changes.controller_side, changes.day, changes.delta
        from reporting_int.district_changes as changes
        where
            changes.scope = for_scope
            and changes.district_id = any(for_districts);
    end if;
end
$function$;
