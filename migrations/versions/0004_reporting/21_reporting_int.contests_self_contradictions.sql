-- grain: a function of one campaign (null: every campaign; 'all': between
-- campaigns): one row per area claim × later capture by its own side inside
-- the area (contest kind 'self_contradiction', design rule 2).
--
-- Within a campaign: both claims of that campaign (its scope). Over all
-- campaigns ('all'): a capture from another campaign's account that
-- contradicts the area claim.

create function reporting_int.contests_self_contradictions(for_campaign text)
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

select
    contradictions.scope as campaign,
    contradictions.claim_id,
    string_agg(areas.name, ', ' order by areas.name) as places,
    'self_contradiction' as contest_kind,
    contradicting.source_id as contested_by_source_id,
    contradicting.stated_on as contested_on,
    contradicting.quote as contest_quote,
    null::text as counter_statement,
    null::integer as denial_id,
    contradicting.claim_id as counter_claim_id
from reporting_int.self_contradictions_of(for_campaign, null) as contradictions
inner join core.places as areas
    on areas.place_id = contradictions.place_id
inner join reporting_int.claim_details as contradicted
    on contradicted.claim_id = contradictions.claim_id
inner join reporting_int.claim_details as contradicting
    on contradicting.claim_id = contradictions.contradicting_claim_id
where
    contradictions.scope = contradicted.campaign
    or (contradictions.scope = 'all' and contradicting.campaign <> contradicted.campaign)
group by
    contradictions.scope,
    contradictions.claim_id,
    contradicting.claim_id,
    contradicting.source_id,
    contradicting.stated_on,
    contradicting.quote
$function$;

comment on function reporting_int.contests_self_contradictions(text) is
'Contest kind self_contradiction of one campaign (null: every campaign; ''all'': between campaigns): each area claim with each later capture by its own side inside the area.';
