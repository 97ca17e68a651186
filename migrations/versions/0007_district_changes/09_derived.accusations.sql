-- grain: one row per claim that is an accusation (a claim of no control
-- kind whose claimant's side names another side as its actor), with what
-- a counter-accusation is matched on: reporting_int.accusation_descriptions,
-- kept as a table.
--
-- Mutual accusations (reporting_int.contests_mutual_accusations) pair an
-- accusation with one of the accused side about the same event, or about
-- the same places on overlapping days. Computed on the fly, the places of
-- every claim sharing a place with an edit's claims were listed and joined
-- as text: a war's one-claim edit read about 100 000 claims (0.2 s). Kept
-- here with an index on each key, the partners are two index probes per
-- accusation. Derived data: see derived.place_lineage;
-- reporting_int.refresh_claim_details rewrites the rows of the claims it
-- describes.

create table derived.accusations (
    claim_id integer not null,
    campaign text not null,
    campaign_id integer not null,
    claim_kind text not null,
    claimant_side_key text not null,
    actor_side_key text not null,
    occurred_from date not null,
    occurred_to date not null,
    event_key text,
    place_set text not null,
    constraint pk_accusations primary key (claim_id)
);

-- (hash indexes: an event key or a long place list may exceed what a
-- b-tree entry holds, and both are only ever compared for equality)
create index ix_accusations_event_key on derived.accusations using hash (event_key);

create index ix_accusations_place_set on derived.accusations using hash (place_set);

create index ix_accusations_campaign on derived.accusations (campaign);

comment on table derived.accusations is
'reporting_int.accusation_descriptions kept as a table: one row per accusation (a claim of no control kind by one side about another), with the keys a counter-accusation is matched on (event, places, days). Read by reporting_int.contests_mutual_accusations.';
