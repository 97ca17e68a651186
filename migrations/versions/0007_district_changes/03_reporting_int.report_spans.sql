-- grain: one row per scope × place × span of days the scope reports the
-- place on: a campaign's period for its places; for 'all', the periods of
-- the campaigns naming the place, each clipped to begin after the earlier
-- ones end, so that the spans of a place never share a day.
--
-- Revision 0004's view (15b_reporting_int.report_spans.sql), with the same
-- columns and rows, except that a campaign's spans are read from its
-- places directly, not from a list of every campaign's places made once
-- for both parts: a filter by campaign now reaches its places, and the
-- planner knows how many there are (estimated at a two-hundredth, a
-- campaign of 10 000 places was joined one place at a time).

create or replace view reporting_int.report_spans as

with

links as (

    select
        campaigns.slug as campaign,
        places.place_id,
        campaigns.period_start_on,
        campaigns.period_end_on
    from core.campaign_places as places
    inner join core.campaigns as campaigns
        on campaigns.campaign_id = places.campaign_id

),

ordered as (

    select
        links.place_id,
        links.period_start_on,
        links.period_end_on,
        max(links.period_end_on) over (
            partition by links.place_id
            order by links.period_start_on, links.period_end_on, links.campaign
            rows between unbounded preceding and 1 preceding
        ) as earlier_end_on
    from links

),

final as (

    select
        campaigns.slug as campaign,
        places.place_id,
        campaigns.period_start_on as span_from,
        campaigns.period_end_on as span_to
    from core.campaign_places as places
    inner join core.campaigns as campaigns
        on campaigns.campaign_id = places.campaign_id

    union all

    select
        'all' as campaign,
        ordered.place_id,
        greatest(ordered.period_start_on, ordered.earlier_end_on + 1) as span_from,
        ordered.period_end_on as span_to
    from ordered
    where ordered.earlier_end_on is null or ordered.earlier_end_on < ordered.period_end_on

)

select
    campaign,
    place_id,
    span_from,
    span_to
from final;
