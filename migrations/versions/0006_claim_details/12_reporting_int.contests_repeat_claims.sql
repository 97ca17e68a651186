-- grain: a function of one campaign (null: every campaign) and some claims
-- (null: all): one row per capture or control claim × the latest earlier
-- claim of the same side for a place it names; with `for_claims`, only the
-- rows in which one of those claims repeats or is repeated.
--
-- As in revision 0005 (07_reporting_int.contests_repeat_claims.sql), with
-- the places of the claims asked for given as an array, a condition on the
-- place that reaches claim_places' index, instead of a semi-join: planned
-- for the claims of a re-derived edit (inlined into
-- reporting_int.refresh_contest_rows, whose plan knows the claims), the
-- semi-join came after every capture and control claim of the campaign had
-- been read (0.4 s at 10 000 places).

create or replace function reporting_int.contests_repeat_claims(for_campaign text, for_claims integer[])
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

claims as (

    select
        claims.campaign_id,
        claims.campaign,
        claims.claim_id,
        claims.claim_key,
        claims.place_id,
        claims.actor_side_key,
        coalesce(claims.claimant_side_key, 'source:' || details.source_id) as claimant_key,
        claims.stated_from,
        claims.stated_on
    from reporting_int.control_claim_places as claims
    inner join reporting_int.claim_details as details
        on details.claim_id = claims.claim_id
    where
        claims.claim_kind in ('capture', 'control')
        and (for_campaign is null or claims.campaign = for_campaign)
        -- with for_claims: every claim of the places they name (a claim's
        -- latest earlier one is found among the claims of its places), as
        -- an array computed once: a condition on the place itself, which
        -- reaches claim_places' index by place
        and (
            for_claims is null
            or claims.place_id = any(array(
                select named.place_id
                from core.claim_places as named
                where named.claim_id = any(for_claims)
            ))
        )

),

sequences as (

    -- every claim of a place twice: as a probe on the first day it may have
    -- been stated, and as a claim on the last. Sorted by day (probes before
    -- claims of the same day), the claims before a probe are exactly those
    -- certainly stated earlier; the running maximum of (day, key) finds the
    -- latest of them.
    select
        campaign_id,
        campaign,
        place_id,
        actor_side_key,
        claimant_key,
        claim_id,
        stated_from as sequence_on,
        0 as event_order,
        null::text as sort_key
    from claims

    union all

    select
        campaign_id,
        campaign,
        place_id,
        actor_side_key,
        claimant_key,
        claim_id,
        stated_on as sequence_on,
        1 as event_order,
        to_char(stated_on, 'YYYYMMDD') || ' ' || claim_key || ' ' || claim_id as sort_key
    from claims
    where stated_on is not null

),

running as (

    select
        campaign,
        claim_id,
        place_id,
        event_order,
        max(sort_key) over (
            partition by campaign_id, place_id, actor_side_key, claimant_key
            order by sequence_on, event_order
            rows between unbounded preceding and current row
        ) as earlier_sort_key
    from sequences

),

repeated_places as (

    select
        campaign,
        claim_id,
        place_id,
        split_part(earlier_sort_key, ' ', 3)::integer as earlier_claim_id
    from running
    where
        event_order = 0
        and earlier_sort_key is not null

),

final as (

    select
        repeated_places.campaign,
        repeated_places.claim_id,
        string_agg(repeated.name, ', ' order by repeated.name) as places,
        'repeat_claim' as contest_kind,
        earlier.source_id as contested_by_source_id,
        earlier.stated_latest_on as contested_on,
        earlier.quote as contest_quote,
        null::text as counter_statement,
        null::integer as denial_id,
        earlier.claim_id as counter_claim_id
    from repeated_places
    inner join core.places as repeated
        on repeated.place_id = repeated_places.place_id
    inner join core.claims as earlier
        on earlier.claim_id = repeated_places.earlier_claim_id
    where
        for_claims is null
        or repeated_places.claim_id = any(for_claims)
        or repeated_places.earlier_claim_id = any(for_claims)
    group by
        repeated_places.campaign,
        repeated_places.claim_id,
        earlier.claim_id,
        earlier.source_id,
        earlier.stated_latest_on,
        earlier.quote

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

comment on function reporting_int.contests_repeat_claims(text, integer[]) is
'Contest kind repeat_claim of one campaign (null: every campaign) and some claims (null: all): each capture or control claim with the latest earlier claim of the same side for a place it names; with for_claims, the rows one of them is in.';
