-- grain: one row per campaign scope: each campaign, and 'all' (every
-- campaign together).
--
-- Control answers are computed once per campaign (that account's claims
-- only) and once over all campaigns; every answer row names its scope in
-- `campaign`. `report_area_kind` is the place kind the scope's reports group
-- by (null for 'all': each place then uses the kind of the first campaign,
-- by slug, that names it).

create view reporting_int.scopes as

select
    campaigns.slug as scope,
    campaigns.campaign_id,
    campaigns.title as scope_title,
    campaigns.report_area_kind,
    campaigns.period_start_on,
    campaigns.period_end_on
from core.campaigns as campaigns

union all

select
    'all' as scope,
    null::integer as campaign_id,
    'All campaigns' as scope_title,
    null::text as report_area_kind,
    min(campaigns.period_start_on) as period_start_on,
    max(campaigns.period_end_on) as period_end_on
from core.campaigns as campaigns
having count(*) > 0;
