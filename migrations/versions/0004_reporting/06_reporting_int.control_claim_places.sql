-- grain: one row per control claim × place it names as its subject, with
-- the first day each kind of evidence about it is certainly known.
--
-- Control claims are those of kind capture, control, withdrawal, presence
-- and partial with an acting party. The evidence dates (design rule 3) make
-- "as known by K" a comparison with K:
--   - `confirmed_on`: the claim was stated by a source of no side (the
--     narrative voice, an independent outlet or analyst) or by the other
--     side (an admission), or was corroborated by such a source; from the
--     day that is certain;
--   - `denied_on`: denied by a source of another side, or disputed by a
--     source of no side (an independent analyst);
--   - `corroborated_on`: any corroboration, the claimant's own footage
--     included (it shows in the status, not in the rank).
-- Evidence about the whole claim counts for each of its places. A date
-- left open (null latest day) is never certainly known.

create view reporting_int.control_claim_places as

select
    claims.claim_id,
    claims.claim_key,
    claims.campaign_id,
    claims.campaign,
    claim_places.place_id,
    claims.claim_kind,
    claims.actor_party_id,
    claims.actor_side_key,
    claims.target_party_id,
    claims.target_side_key,
    claims.claimant_party_id,
    claims.claimant_side_key,
    claims.occurred_from,
    claims.occurred_to,
    claims.stated_from,
    claims.stated_on,
    claim_places.share_percent,
    least(
        case
            when claims.is_independent_source or claims.claimant_side_key is distinct from claims.actor_side_key
                then claims.stated_on
        end,
        supporting.confirmed_on
    ) as confirmed_on,
    opposing.denied_on,
    supporting.corroborated_on
from reporting_int.claim_details as claims
inner join core.claim_places as claim_places
    on
        claim_places.claim_id = claims.claim_id
        and claim_places.role = 'subject'
left join lateral (
    select
        min(corroborations.corroborated_latest_on) filter (
            where
            sources.kind = 'narrative'
            or sources.party_id is null
            or source_sides.is_belligerent is not true
            or source_sides.side_key is distinct from claims.actor_side_key
        ) as confirmed_on,
        min(corroborations.corroborated_latest_on) as corroborated_on
    from core.corroborations as corroborations
    inner join core.sources as sources
        on sources.source_id = corroborations.source_id
    left join reporting_int.party_sides as source_sides
        on
            source_sides.campaign_id = corroborations.campaign_id
            and source_sides.party_id = sources.party_id
    where
        corroborations.claim_id = claims.claim_id
        and (corroborations.place_id is null or corroborations.place_id = claim_places.place_id)
) as supporting on true
left join lateral (
    select min(denials.denied_latest_on) as denied_on
    from core.denials as denials
    inner join core.sources as sources
        on sources.source_id = denials.source_id
    left join reporting_int.party_sides as source_sides
        on
            source_sides.campaign_id = denials.campaign_id
            and source_sides.party_id = sources.party_id
    where
        denials.claim_id = claims.claim_id
        and (denials.place_id is null or denials.place_id = claim_places.place_id)
        and (
            sources.kind = 'narrative'
            or sources.party_id is null
            or source_sides.is_belligerent is not true
            or source_sides.side_key is distinct from claims.actor_side_key
        )
) as opposing on true
where
    claims.is_control_claim
    and claims.actor_party_id is not null;
