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
    -- the first day everything about the candidate is certainly known (its
    -- statement and all its evidence): before it, a knowledge cut-off sees it
    -- otherwise than today ('infinity' when its statement date is open)
    known_on date not null,
    constraint pk_control_candidates primary key (scope, place_id, claim_id, basis_place_id)
);

-- "which places does a cut-off K see otherwise than today on day D >= K?":
-- the candidates over by D that are not wholly known by K, i.e. whose
-- [occurred_to, known_on) holds both D and K (a candidate known on or
-- before its event's end never differs for such a pair)
create index ix_control_candidates_unknown_while on derived.control_candidates
using gist (daterange(occurred_to, known_on))
where occurred_to < known_on;

comment on table derived.control_candidates is
'reporting_int.control_candidates kept as a table: one row per scope, place and control claim that may decide who holds it, with the days its evidence is certainly known.';
