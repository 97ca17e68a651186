-- grain: one row per claim: reporting_int.claim_descriptions (the claim
-- with its campaign, claimant, parties and sides), kept as a table.
--
-- Every rule reads a claim's description (control candidates, periods,
-- contests, the scorecard). Computed on the fly it joins eighteen
-- relations, more than the planner reorders together, so a rule asking
-- about a few claims read all of them; kept as a table, it is one index
-- probe per claim. Derived data: see derived.place_lineage (no foreign key
-- to the base tables, like the other derived tables: truncating the base
-- tables stays possible); reporting_int.refresh_claim_details rewrites the
-- rows of changed and deleted claims.

create table derived.claim_details (
    claim_id integer not null,
    claim_slug text not null,
    campaign text not null,
    campaign_id integer not null,
    campaign_title text not null,
    claim_key text not null,
    claim_kind text not null,
    is_control_claim boolean not null,
    document_id integer not null,
    source_id integer not null,
    claimant text not null,
    claimant_kind text not null,
    claimant_party_id integer,
    claimant_party text,
    claimant_party_code text,
    claimant_side_key text,
    claimant_side text,
    is_independent_source boolean,
    actor_party_id integer,
    actor_party text,
    actor_party_code text,
    actor_side_key text,
    actor_side text,
    target_party_id integer,
    target_party text,
    target_party_code text,
    target_side_key text,
    target_side text,
    stated_from date not null,
    stated_on date,
    stated_time time without time zone,
    occurred_from date not null,
    occurred_to date,
    occurred_time time without time zone,
    hedge text,
    event_key text,
    same_as_campaign text,
    same_as_slug text,
    summary text not null,
    quote text not null,
    note text,
    constraint pk_claim_details primary key (claim_id)
);

create index ix_claim_details_campaign_id on derived.claim_details (campaign_id);

comment on table derived.claim_details is
'reporting_int.claim_descriptions kept as a table: one row per claim, with its campaign, claimant, parties and sides. Read through reporting_int.claim_details and by reporting.claims.';
