-- grain: one row per scope × report area ("district") × controlling side ×
-- day on which the number of the area's settlements that side holds
-- changes: reporting_int.district_changes, kept as a table.
--
-- reporting.district_progress counts settlements by running sums of these
-- changes. Computed on the fly, the changes come from every control period
-- of the scope, sorted by area, side and day: at 100 000 places that sort
-- spilled 897 MB to disk and took 15 s for one campaign's year. Kept here,
-- in the order of the index below, the running sums read them as they lie.
-- Derived data: see derived.place_lineage; reporting_int.refresh_derived
-- rewrites a scope's rows, or those of the areas whose settlements it
-- re-derived.

create table derived.district_changes (
    scope text not null,
    district_id integer not null,
    district text,
    controller_side text,
    day date not null,
    delta integer not null
);

create index ix_district_changes_scope_district_id on derived.district_changes (
    scope, district_id, controller_side, day
);

comment on table derived.district_changes is
'reporting_int.district_changes kept as a table: one row per scope, report area, controlling side (null: no side) and day on which the number of the area''s settlements that side holds changes, by delta. Read through reporting.district_progress.';
