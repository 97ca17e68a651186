-- grain: a function of one campaign (null: every campaign): one row per
-- claim × claim of the other side accusing its side back of the same thing
-- (contest kind 'mutual_accusation'), within a campaign.
--
-- An accusation is a claim (not a control claim) whose claimant's side is
-- not the acting side. Its counter is a claim of the same kind by the
-- accused side, accusing the accuser's side, about the same event: the same
-- event_key, or, when either has none, overlapping event dates and the same
-- named places.

create function reporting_int.contests_mutual_accusations(for_campaign text)
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

comment on function reporting_int.contests_mutual_accusations(text) is
'Contest kind mutual_accusation of one campaign (null: every campaign): each accusation with the counter-accusation of the accused side about the same event.';
