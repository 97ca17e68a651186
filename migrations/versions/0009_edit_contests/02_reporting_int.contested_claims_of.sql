-- grain: a function of one campaign (null: every campaign; 'all': the
-- contests found only with every campaign together) and some claims (null:
-- all): one row per claim × contest, described; with `for_claims`, only the
-- rows in which one of those claims is contested or contests.
--
-- As in revision 0007 (08_reporting_int.contested_claims_of.sql): every
-- kind of contest, now asked of the function that also takes the kinds
-- (01_reporting_int.contested_claims_of.sql), which holds the rules.

create or replace function reporting_int.contested_claims_of(for_campaign text, for_claims integer[])
returns table (
    campaign text,
    claim_id integer,
    claim_date date,
    claimant text,
    claimant_party text,
    claim_kind text,
    summary text,
    places text,
    contest_kind text,
    contested_by text,
    contested_by_party text,
    contested_on date,
    contest_quote text,
    counter_statement text,
    days_after_claim integer,
    denial_id integer,
    counter_claim_id integer,
    counter_claim_kind text,
    counter_side text,
    counter_campaign text,
    actor_side text,
    claim_quote text,
    claimant_party_code text,
    contested_by_party_code text,
    claim_campaign text,
    claim_slug text,
    counter_claim_slug text
)
language sql
stable
as $function$
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
from reporting_int.contested_claims_of(for_campaign, for_claims, null) as rules
$function$;
