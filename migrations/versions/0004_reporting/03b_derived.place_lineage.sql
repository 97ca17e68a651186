-- grain: one row per scope × place × area it lies in, to any depth, the
-- place itself included (depth 0): reporting_int.place_lineage, kept as a
-- table.
--
-- Derived data: never edited by hand. reporting_int.refresh_derived(campaign)
-- rewrites a campaign's scope and the 'all' scope from the rules (the views
-- of reporting_int); the seed loader calls it in the same transaction as its
-- writes, and triggers on the base tables call it after any other change.

create schema derived;

comment on schema derived is
'Derived tables of campaign-db: answers of the reporting_int rules kept as tables, maintained in the same transaction as every change of the base tables (reporting_int.refresh_derived). Not a stable interface, not readable by campaign_reader.';

create table derived.place_lineage (
    scope text not null,
    place_id integer not null,
    ancestor_id integer not null,
    depth integer not null,
    constraint pk_place_lineage primary key (scope, place_id, ancestor_id)
);

create index ix_place_lineage_scope_ancestor_id on derived.place_lineage (scope, ancestor_id);

comment on table derived.place_lineage is
'reporting_int.place_lineage kept as a table: one row per scope, place and area it lies in (depth 0: itself).';
