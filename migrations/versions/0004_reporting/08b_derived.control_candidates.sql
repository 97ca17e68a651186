-- grain: one row per scope × place × control claim that may decide who
-- holds it: reporting_int.control_candidates, kept as a table, indexed by
-- scope and place so that one place's candidates are an index probe.
--
-- Derived data: see derived.place_lineage.

create table derived.control_candidates (
    scope text not null,
    place_id integer not null,
    claim_id integer not null,
    claim_key text not null,
    basis_place_id integer not null,
    depth integer not null,
    claim_kind text not null,
    actor_party_id integer,
    actor_side_key text,
    target_party_id integer,
    target_side_key text,
    occurred_to date not null,
    stated_on date,
    share_percent double precision,
    confirmed_on date,
    denied_on date,
    corroborated_on date,
    contradicted_on date,
    constraint pk_control_candidates primary key (scope, place_id, claim_id, basis_place_id)
);

comment on table derived.control_candidates is
'reporting_int.control_candidates kept as a table: one row per scope, place and control claim that may decide who holds it, with the days its evidence is certainly known.';
