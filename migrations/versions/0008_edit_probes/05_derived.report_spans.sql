-- grain: one row per scope × place × span of days the scope reports the
-- place on: reporting_int.report_spans, kept as a table.
--
-- The settlement counts of a few report areas (re-derived after an edit,
-- reporting_int.refresh_district_changes) join the areas' control periods
-- with the spans of their places. Computed on the fly, the spans are those
-- of every place a campaign lists (the 'all' scope's are ordered per place
-- over every campaign's periods) before any is joined: 0.15 s for a
-- campaign's scope and 0.3 s for 'all' at 100 000 places, for a few
-- hundred settlements. Kept here, each place's spans are an index probe.
-- The spans change only with a campaign's period or its list of places,
-- both of which re-derive the campaign's whole scope (the seed loader) or
-- every scope (the base tables' triggers). Derived data: see
-- derived.place_lineage; reporting_int.refresh_derived rewrites a scope's
-- rows.

create table derived.report_spans (
    scope text not null,
    place_id integer not null,
    span_from date not null,
    span_to date not null,
    constraint pk_report_spans primary key (scope, place_id, span_from)
);

comment on table derived.report_spans is
'reporting_int.report_spans kept as a table: one row per scope, place and span of days the scope reports the place on (a campaign''s period for its places; for ''all'', the union of the periods of the campaigns listing the place, as disjoint spans). Read by reporting_int.district_changes.';
