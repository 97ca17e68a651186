-- grain: a function of one campaign (null: every campaign) and some claims
-- (null: all): one row per claim × claim of another side that claimed the
-- same place for the same days (contest kind 'conflicting_control'); with
-- `for_claims`, only the rows in which one of those claims is contested or
-- contests.
--
-- The rows of revision 0004's view reporting_int.contests_conflicting_control
-- (24_reporting_int.contests_conflicting_control.sql, where the rule is
-- described), asked for some claims: the contests of those claims are
-- listed first (in both directions, as the view lists them), then each
-- claim and counter-claim is looked up by its key. Asked through the view,
-- the planner expected thousands of contests for a re-derived edit's claims
-- (a few hundred) and read every claim's description twice to join them
-- (0.3 s per scope at 10 000 places). For all claims the view is read as
-- it is.

create function reporting_int.contests_conflicting_control_of(for_campaign text, for_claims integer[])
returns table (
    campaign text,
    claim_id integer,
    places text,
    contest_kind text,
    contested_by_source_id integer,
    contested_on date,
    contest_quote text,
    counter_statement text,
    denial_id integer,
    counter_claim_id integer
)
language sql
stable
as $function$

with

pairs as (

    select
        contests.scope,
        contests.claim_id,
        contests.counter_claim_id,
        contests.place_id
    from derived.control_contests as contests
    where
        for_claims is not null
        and (for_campaign is null or contests.scope = for_campaign)
        and (contests.claim_id = any(for_claims) or contests.counter_claim_id = any(for_claims))

    union

    select
        contests.scope,
        contests.counter_claim_id as claim_id,
        contests.claim_id as counter_claim_id,
        contests.place_id
    from derived.control_contests as contests
    where
        for_claims is not null
        and (for_campaign is null or contests.scope = for_campaign)
        and (contests.claim_id = any(for_claims) or contests.counter_claim_id = any(for_claims))

),

asked as (

    select
        pairs.scope as campaign,
        pairs.claim_id,
        string_agg(disputed.name, ', ' order by disputed.name) as places,
        'conflicting_control' as contest_kind,
        counters.source_id as contested_by_source_id,
        counters.stated_on as contested_on,
        counters.quote as contest_quote,
        null::text as counter_statement,
        null::integer as denial_id,
        pairs.counter_claim_id
    from pairs
    inner join core.places as disputed
        on disputed.place_id = pairs.place_id
    -- (each description looked up by its key: one row or none, as the join)
    cross join
        lateral (
            select details.campaign
            from reporting_int.claim_details as details
            where details.claim_id = pairs.claim_id
            limit 1
        ) as claims
    cross join
        lateral (
            select
                details.campaign,
                details.source_id,
                details.stated_on,
                details.quote
            from reporting_int.claim_details as details
            where details.claim_id = pairs.counter_claim_id
            limit 1
        ) as counters
    where
        pairs.scope = claims.campaign
        or (pairs.scope = 'all' and claims.campaign <> counters.campaign)
    group by
        pairs.scope,
        pairs.claim_id,
        pairs.counter_claim_id,
        counters.source_id,
        counters.stated_on,
        counters.quote

)

select
    asked.campaign,
    asked.claim_id,
    asked.places,
    asked.contest_kind,
    asked.contested_by_source_id,
    asked.contested_on,
    asked.contest_quote,
    asked.counter_statement,
    asked.denial_id,
    asked.counter_claim_id
from asked

union all

select
    every_claim.campaign,
    every_claim.claim_id,
    every_claim.places,
    every_claim.contest_kind,
    every_claim.contested_by_source_id,
    every_claim.contested_on,
    every_claim.contest_quote,
    every_claim.counter_statement,
    every_claim.denial_id,
    every_claim.counter_claim_id
from reporting_int.contests_conflicting_control as every_claim
where
    for_claims is null
    and (for_campaign is null or every_claim.campaign = for_campaign)

$function$;

comment on function reporting_int.contests_conflicting_control_of(text, integer[]) is
'The rows of reporting_int.contests_conflicting_control for one campaign (null: every campaign) and some claims (null: all; else the rows one of them is in), each claim''s description looked up by its key.';
