-- grain: one row per claim × claim of another side that claimed the same
-- place for the same days (contest kind 'conflicting_control'), each row
-- naming the other claim; the places they disputed are listed together.
--
-- Found by the control walk ('contest' steps, kept in derived.control_contests):
-- a capture, control or partial claim that did not take a place over from
-- the holder's basis claim, on the same day or while the holder's claim
-- stood. Both directions are listed. Within a campaign: its own walk. Over
-- all campaigns ('all'): pairs whose two claims come from different
-- campaigns' accounts.

create view reporting_int.contests_conflicting_control as

with

pairs as (

    select
        contests.scope,
        contests.claim_id,
        contests.counter_claim_id,
        contests.place_id
    from derived.control_contests as contests

    union

    select
        contests.scope,
        contests.counter_claim_id as claim_id,
        contests.claim_id as counter_claim_id,
        contests.place_id
    from derived.control_contests as contests

),

final as (

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
    inner join reporting_int.claim_details as claims
        on claims.claim_id = pairs.claim_id
    inner join reporting_int.claim_details as counters
        on counters.claim_id = pairs.counter_claim_id
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
from final;
