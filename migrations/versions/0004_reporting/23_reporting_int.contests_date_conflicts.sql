-- grain: one row per claim × claim of the same campaign reporting the same
-- event (the same event_key) on days that cannot overlap (contest kind
-- 'date_conflict': two passages or documents date one event differently).

create view reporting_int.contests_date_conflicts as

select
    campaigns.slug as campaign,
    claims.claim_id,
    null::text as places,
    'date_conflict' as contest_kind,
    others.source_id as contested_by_source_id,
    others.stated_latest_on as contested_on,
    others.quote as contest_quote,
    null::text as counter_statement,
    null::integer as denial_id,
    others.claim_id as counter_claim_id
from core.claims as claims
inner join core.campaigns as campaigns
    on campaigns.campaign_id = claims.campaign_id
inner join core.claims as others
    on
        others.campaign_id = claims.campaign_id
        and others.event_key = claims.event_key
        and others.claim_id <> claims.claim_id
        and (
            coalesce(others.occurred_latest_on, 'infinity') < claims.occurred_earliest_on
            or coalesce(claims.occurred_latest_on, 'infinity') < others.occurred_earliest_on
        );
