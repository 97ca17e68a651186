-- grain: one row per claim × place it names: the place's name, kind and
-- report area in the claim's campaign, the role it has in the claim, and
-- how many denials and corroborations reach it
-- (reporting_int.claim_place_descriptions), kept as a table.
--
-- With derived.claim_details, the rows of reporting.claims: one place's
-- claims (a timeline) are one index range scan and a key probe per claim,
-- with nothing computed per row. Derived data: see derived.place_lineage
-- and derived.claim_details; reporting_int.refresh_claim_details rewrites
-- the rows of changed and deleted claims.

create table derived.claim_place_details (
    claim_id integer not null,
    place_id integer not null,
    place_name text not null,
    place_kind text not null,
    place_slug text not null,
    is_settlement boolean not null,
    place_role text not null,
    share_percent double precision,
    district text,
    district_id integer,
    denials bigint not null,
    corroborations bigint not null,
    constraint pk_claim_place_details primary key (claim_id, place_id)
);

create index ix_claim_place_details_place_id_claim_id on derived.claim_place_details (place_id, claim_id);

comment on table derived.claim_place_details is
'reporting_int.claim_place_descriptions kept as a table: one row per claim and place it names, with the place''s report area in the claim''s campaign and the denials and corroborations that reach it. Read through reporting.claims.';
