-- grain: one row per scope × place × claim that contested the holder of a
-- place and the claim it contested ('contest' steps of the control walk
-- with everything known today), kept as a table for
-- reporting_int.contests_conflicting_control.

create table derived.control_contests (
    scope text not null,
    place_id integer not null,
    day date not null,
    claim_id integer not null,
    counter_claim_id integer not null,
    constraint pk_control_contests primary key (scope, place_id, claim_id, counter_claim_id, day)
);

comment on table derived.control_contests is
'The contest steps of reporting_int.control_walk with everything known today, kept as a table: on day, claim_id (a capture, control or partial claim) did not take place_id over from counter_claim_id.';
