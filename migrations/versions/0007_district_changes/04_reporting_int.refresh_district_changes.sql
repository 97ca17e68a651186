-- grain: a function with no rows of its own: it rewrites the rows of
-- derived.district_changes (one row per scope × report area × controlling
-- side × day of change) of one scope from their rule
-- (reporting_int.district_changes): those of some areas.
--
-- Caller: reporting_int.refresh_derived, after the control periods, for the
-- areas of the places it re-derived (a whole scope it rewrites itself). An
-- area's counts change only with the periods of its settlements, or with
-- the spans a scope reports them on: a change of a campaign's period or of
-- its places re-derives its whole scope.
--
-- Joined by hashing (enable_nestloop off for this function alone): the
-- spans of a scope are a list the planner cannot count (estimated at a
-- two-hundredth of the campaigns' places), so it probed the periods once
-- per place of the campaign (10 000 probes, 0.16 s, for the three areas of
-- an edit; ten times that at 100 000 places) instead of hashing the spans
-- against the few thousand periods of the areas' settlements (0.04 s).
--
-- Planned anew on every call (plan_cache_mode force_custom_plan), as
-- reporting_int.refresh_contest_rows explains: a generic plan knows
-- neither the scope nor the places or claims.

create function reporting_int.refresh_district_changes(for_scope text, for_districts integer[])
returns void
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
set jit = off
set plan_cache_mode = force_custom_plan
set enable_nestloop = off
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

comment on function reporting_int.refresh_district_changes(text, integer[]) is
'Rewrites derived.district_changes from its rule (reporting_int.district_changes) for one scope''s given report areas. Called by reporting_int.refresh_derived.';
