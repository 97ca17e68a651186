-- grain: a function of one campaign (null: every campaign) and some claims
-- (null: all): one row per accusation × counter-accusation of the accused
-- side about the same event; with `for_claims`, only the rows in which one
-- of those claims accuses or is accused.
--
-- As in revision 0005 (05_reporting_int.contests_mutual_accusations.sql),
-- with partners looked for from the given claims that can be accusations
-- only (no control claim is one).

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

-- with for_claims: the claims that may pair with one of them (the same
-- event, a place in common, or, for a claim naming no place, any other
-- naming none); the pairs of the others are left out. Without: every claim
-- (one semi-join either way: inside an `or` the planner may rescan the
-- subquery for every claim; a semi-join needs no distinct list). Only a
-- claim that is no control claim can be an accusation, so only those of
-- the given claims look for partners: a war's edit gives thousands of
-- captures, whose places hold hundreds of thousands of claims.
partners as materialized (

    select every_claim.claim_id
    from core.claims as every_claim
    where for_claims is null

    union all

    select given.claim_id
    from unnest(for_claims) as given (claim_id)

    union all

    select same_events.claim_id
    from reporting_int.claim_details as given
    inner join core.claims as same_events
        on same_events.event_key = given.event_key
    where
        given.claim_id = any(for_claims)
        and not given.is_control_claim

    union all

    select same_places.claim_id
    from core.claim_places as given
    inner join reporting_int.claim_details as given_claims
        on given_claims.claim_id = given.claim_id
    inner join core.claim_places as same_places
        on same_places.place_id = given.place_id
    where
        given.claim_id = any(for_claims)
        and not given_claims.is_control_claim

    union all

    select placeless.claim_id
    from core.claims as placeless
    where
        not exists (
            select from core.claim_places as named
            where named.claim_id = placeless.claim_id
        )
        and exists (
            select from unnest(for_claims) as given (claim_id)
            where not exists (
                select from core.claim_places as named
                where named.claim_id = given.claim_id
            )
        )

),

accusations as (

    select
        claims.campaign,
        claims.campaign_id,
        claims.claim_id,
        claims.claim_kind,
        claims.source_id,
        claims.claimant_side_key,
        claims.actor_side_key,
        claims.occurred_from,
        coalesce(claims.occurred_to, 'infinity') as occurred_to,
        claims.stated_on,
        claims.event_key,
        claims.quote,
        coalesce(
            (
                select string_agg(claim_places.place_id::text, ',' order by claim_places.place_id)
                from core.claim_places as claim_places
                where claim_places.claim_id = claims.claim_id
            ),
            ''
        ) as place_set
    from reporting_int.claim_details as claims
    where
        not claims.is_control_claim
        and claims.claimant_side_key is not null
        and claims.actor_side_key is not null
        and claims.claimant_side_key <> claims.actor_side_key
        and (for_campaign is null or claims.campaign = for_campaign)
        and claims.claim_id in (select partners.claim_id from partners)

),

pairs as (

    select
        accusations.claim_id,
        counters.claim_id as counter_claim_id
    from accusations
    inner join accusations as counters
        on
            counters.campaign_id = accusations.campaign_id
            and counters.claim_kind = accusations.claim_kind
            and counters.claimant_side_key = accusations.actor_side_key
            and counters.actor_side_key = accusations.claimant_side_key
            and (
                counters.event_key = accusations.event_key
                or (
                    (accusations.event_key is null or counters.event_key is null)
                    and counters.place_set = accusations.place_set
                    and counters.occurred_from <= accusations.occurred_to
                    and accusations.occurred_from <= counters.occurred_to
                )
            )

),

final as (

    select
        accusations.campaign,
        pairs.claim_id,
        null::text as places,
        'mutual_accusation' as contest_kind,
        counters.source_id as contested_by_source_id,
        counters.stated_on as contested_on,
        counters.quote as contest_quote,
        null::text as counter_statement,
        null::integer as denial_id,
        pairs.counter_claim_id
    from pairs
    inner join accusations
        on accusations.claim_id = pairs.claim_id
    inner join accusations as counters
        on counters.claim_id = pairs.counter_claim_id
    where
        for_claims is null
        or pairs.claim_id = any(for_claims)
        or pairs.counter_claim_id = any(for_claims)

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
