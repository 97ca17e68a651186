-- grain: one row per scope × place the scope names, with the place's
-- report area: reporting_int.place_descriptions, kept as a table.
--
-- Every control answer describes its place (name, kind, report area).
-- Computed on the fly, the rule finds the report area of every place of
-- every scope at once (its WITH parts cannot be asked about one place), so
-- re-deriving a few places read them all: 0.13 s at 10 000 places, 1.3 s
-- at 100 000, for each edit. Derived data: see derived.place_lineage;
-- reporting_int.refresh_derived rewrites a scope's rows with its lineage.

create table derived.place_details (
    scope text not null,
    place_id integer not null,
    place_slug text not null,
    place_name text not null,
    place_kind text not null,
    district_id integer,
    district_name text,
    is_settlement boolean not null,
    latitude double precision,
    longitude double precision,
    coordinate_precision text,
    constraint pk_place_details primary key (scope, place_id)
);

comment on table derived.place_details is
'reporting_int.place_descriptions kept as a table: one row per scope and place it names, with the place''s report area. Read through reporting_int.place_details.';
