-- grain: one row per claim that is an accusation: of no control kind,
-- its claimant's side and its actor's side both known and different; with
-- the keys a counter-accusation is matched on (its event, the set of places
-- it names, its days).
--
-- The accusations of revision 0006's reporting_int.contests_mutual_accusations
-- (16_reporting_int.contests_mutual_accusations.sql), for every claim; kept
-- as derived.accusations. The place set is the claim's place ids in order,
-- a key compared within one database only (none at all: an empty set).

create view reporting_int.accusation_descriptions as

select
    claims.claim_id,
    claims.campaign,
    claims.campaign_id,
    claims.claim_kind,
    claims.claimant_side_key,
    claims.actor_side_key,
    claims.occurred_from,
    coalesce(claims.occurred_to, 'infinity') as occurred_to,
    claims.event_key,
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
    and claims.claimant_side_key <> claims.actor_side_key;

comment on view reporting_int.accusation_descriptions is
'The accusations (claims of no control kind by one side about another) with the keys a counter-accusation is matched on; kept as derived.accusations.';
