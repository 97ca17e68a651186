-- grain: a function of one campaign (null: every campaign) and some claims
-- (null: all): one row per accusation × counter-accusation of the accused
-- side about the same event; with `for_claims`, only the rows in which one
-- of those claims accuses or is accused.
--
-- The rule of revision 0006 (16_reporting_int.contests_mutual_accusations.sql):
-- an accusation and one by the accused side about the accuser, of the same
-- kind and campaign, pair when they name the same event, or, when either
-- names none, the same places on overlapping days. The accusations and
-- their keys are now read from derived.accusations: the given claims'
-- accusations are paired by two index probes each (event, places), where
-- the earlier text listed every claim sharing a place with them and built
-- each one's place list. Pairs go both ways (the relation is symmetric), so
-- a pair found from one side is listed for the other as well. Asked of
-- 'all', where no claim belongs (an accusation and its counter-accusation
-- are of one campaign), it finds no given accusation and pairs nothing;
-- the earlier text first listed the partners (0.13 s for a war's edit).

create or replace function reporting_int.contests_mutual_accusations(for_campaign text, for_claims integer[])
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

given as (

    select
        accusations.claim_id,
        accusations.campaign_id,
        accusations.claim_kind,
        accusations.claimant_side_key,
        accusations.actor_side_key,
        accusations.occurred_from,
        accusations.occurred_to,
        accusations.event_key,
        accusations.place_set
    from derived.accusations as accusations
    where
        (for_campaign is null or accusations.campaign = for_campaign)
        and (for_claims is null or accusations.claim_id = any(for_claims))

),

pairs as (

    -- the same event
    select
        given.claim_id,
        counters.claim_id as counter_claim_id
    from given
    inner join derived.accusations as counters
        on
            counters.event_key = given.event_key
            and counters.campaign_id = given.campaign_id
            and counters.claim_kind = given.claim_kind
            and counters.claimant_side_key = given.actor_side_key
            and counters.actor_side_key = given.claimant_side_key

    union

    -- either without an event: the same places on overlapping days
    select
        given.claim_id,
        counters.claim_id as counter_claim_id
    from given
    inner join derived.accusations as counters
        on
            counters.place_set = given.place_set
            and counters.campaign_id = given.campaign_id
            and counters.claim_kind = given.claim_kind
            and counters.claimant_side_key = given.actor_side_key
            and counters.actor_side_key = given.claimant_side_key
    where
        (given.event_key is null or counters.event_key is null)
        and counters.occurred_from <= given.occurred_to
        and given.occurred_from <= counters.occurred_to

),

both_ways as (

    select
        pairs.claim_id,
        pairs.counter_claim_id
    from pairs

    union

    select
        pairs.counter_claim_id as claim_id,
        pairs.claim_id as counter_claim_id
    from pairs

),

final as (

    select
        claims.campaign,
        both_ways.claim_id,
        null::text as places,
        'mutual_accusation' as contest_kind,
        counters.source_id as contested_by_source_id,
        counters.stated_on as contested_on,
        counters.quote as contest_quote,
        null::text as counter_statement,
        null::integer as denial_id,
        both_ways.counter_claim_id
    from both_ways
    inner join reporting_int.claim_details as claims
        on claims.claim_id = both_ways.claim_id
    inner join reporting_int.claim_details as counters
        on counters.claim_id = both_ways.counter_claim_id

)

select
    campaign,
    claim_id,
    places,
    contest_kind,
    contested_by_source_id,
    contested_on,
    contest_quote,
    counter_statement,
    denial_id,
    counter_claim_id
from final
$function$;
