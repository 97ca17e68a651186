-- grain: one row per claim × contest: reporting_int.contested_claims kept
-- as a table, per campaign (and the 'all' rows between campaigns), indexed
-- by campaign, claim and counter-claim so that one campaign's, one claim's or
-- one place's contests are an index probe.
--
-- Derived data: see derived.place_lineage. Rewritten by
-- reporting_int.refresh_contests for the campaigns a change touches.

-- (created from the rules' own columns, so that the two never differ)
create table derived.contested_claims as
select
    rules.campaign,
    rules.claim_id,
    rules.claim_date,
    rules.claimant,
    rules.claimant_party,
    rules.claim_kind,
    rules.summary,
    rules.places,
    rules.contest_kind,
    rules.contested_by,
    rules.contested_by_party,
    rules.contested_on,
    rules.contest_quote,
    rules.counter_statement,
    rules.days_after_claim,
    rules.denial_id,
    rules.counter_claim_id,
    rules.counter_claim_kind,
    rules.counter_side,
    rules.counter_campaign,
    rules.actor_side,
    rules.claim_quote,
    rules.claimant_party_code,
    rules.contested_by_party_code,
    rules.claim_campaign,
    rules.claim_slug,
    rules.counter_claim_slug
from reporting_int.contested_claims(null) as rules
with no data;

create index ix_contested_claims_campaign on derived.contested_claims (campaign);
create index ix_contested_claims_claim_id on derived.contested_claims (claim_id);
create index ix_contested_claims_counter_claim_id on derived.contested_claims (counter_claim_id);
create index ix_contested_claims_claim_campaign on derived.contested_claims (claim_campaign);

comment on table derived.contested_claims is
'reporting_int.contested_claims kept as a table: one row per claim and contest of every campaign, and the ''all'' rows between two campaigns'' accounts.';
