-- grain: one row per scope × place × control period, with everything known
-- today, described for readers: reporting_int.control_answers kept as a
-- table, so that a map of control on a day is one index range scan.
--
-- Derived data, rewritten with derived.control_candidates by
-- reporting_int.refresh_derived (for one campaign's scope and 'all', and
-- within them for the places a change touched).

create table derived.control_periods (
    campaign text not null,
    campaign_title text not null,
    place_id integer not null,
    place_name text not null,
    place_kind text not null,
    district text,
    controller text,
    controller_code text,
    controller_side text,
    valid_from date not null,
    valid_to date,
    since date not null,
    basis text not null,
    status text not null,
    evidence text not null,
    claim_id integer not null,
    claimant text not null,
    claimant_party text,
    basis_place_id integer not null,
    basis_place_name text not null,
    counter_claim_id integer,
    counter_claimant text,
    counter_side text,
    counter_kind text,
    share_percent double precision,
    district_id integer,
    is_settlement boolean not null,
    place_slug text not null,
    claim_slug text not null,
    constraint pk_control_periods primary key (campaign, place_id, valid_from)
);

create index ix_control_periods_campaign_valid_from on derived.control_periods (campaign, valid_from)
include (place_id, valid_to);

comment on table derived.control_periods is
'reporting_int.control_answers(null, null, scope) kept as a table: one row per scope, place and control period, with everything known today.';
