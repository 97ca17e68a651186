-- grain: a function of one campaign (null: every campaign; 'all': between
-- campaigns) and some claims (null: all): one row per area claim × later
-- capture by its own side inside the area; with `for_claims`, only the rows
-- in which one of those claims is the area claim or the capture.
--
-- Revision 0004's rule (21_reporting_int.contests_self_contradictions.sql),
-- asked for some claims (see reporting_int.refresh_contest_rows).

create function reporting_int.contests_self_contradictions(for_campaign text, for_claims integer[])
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
from reporting_int.self_contradictions_of(
    for_campaign,
    -- with for_claims: the areas they name and the areas around the places
    -- they name (an area claim, or a capture inside an area) that a capture
    -- or control claim names (no other area can be contradicted)
    case when for_claims is not null then array(
        select distinct lineage.ancestor_id
        from core.claim_places as named
        inner join derived.place_lineage as lineage
            on lineage.place_id = named.place_id
        where
            named.claim_id = any(for_claims)
            and exists (
                select
                from core.claim_places as area_named
                inner join core.claims as area_claims
                    on area_claims.claim_id = area_named.claim_id
                where
                    area_named.place_id = lineage.ancestor_id
                    and area_claims.kind in ('capture', 'control')
            )
    ) end
) as contradictions
inner join core.places as areas
    on areas.place_id = contradictions.place_id
inner join reporting_int.claim_details as contradicted
    on contradicted.claim_id = contradictions.claim_id
inner join reporting_int.claim_details as contradicting
    on contradicting.claim_id = contradictions.contradicting_claim_id
where
    (
        contradictions.scope = contradicted.campaign
        or (contradictions.scope = 'all' and contradicting.campaign <> contradicted.campaign)
    )
    and (
        for_claims is null
        or contradictions.claim_id = any(for_claims)
        or contradictions.contradicting_claim_id = any(for_claims)
    )
group by
    contradictions.scope,
    contradictions.claim_id,
    contradicting.claim_id,
    contradicting.source_id,
    contradicting.stated_on,
    contradicting.quote
$function$;

comment on function reporting_int.contests_self_contradictions(text, integer[]) is
'Contest kind self_contradiction of one campaign (null: every campaign; ''all'': between campaigns) and some claims (null: all): each area claim with each later capture by its own side inside the area; with for_claims, the rows one of them is in.';
