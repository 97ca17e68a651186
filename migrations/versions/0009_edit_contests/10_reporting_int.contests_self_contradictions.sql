-- grain: a function of one campaign (null: every campaign; 'all': between
-- campaigns) and some claims (null: all): one row per area claim × later
-- capture by its own side inside the area; with `for_claims`, only the rows
-- in which one of those claims is the area claim or the capture.
--
-- As in revision 0008 (04_reporting_int.contests_self_contradictions.sql,
-- where the areas looked up are explained), with the claims handed to the
-- rule (reporting_int.self_contradictions_of with its third argument), so
-- that it reads only the captures that can pair with them instead of
-- every capture inside the areas and dropping the pairs of other claims
-- afterwards (still dropped here too: the rows of a claim are those it is
-- in).

create or replace function reporting_int.contests_self_contradictions(for_campaign text, for_claims integer[])
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
    -- or control claim names (no other area can be contradicted); the areas
    -- are listed once before the test, so it probes each area's claims by
    -- index instead of reading every capture and control claim
    case when for_claims is not null then array(
        select areas.place_id
        from (
            -- (the places named, each an area its claim may be about,
            -- whether or not the scope lists it)
            select named.place_id
            from core.claim_places as named
            where named.claim_id = any(for_claims)
            union
            select lineage.ancestor_id as place_id
            from derived.place_lineage as lineage
            where
                (for_campaign is null or lineage.scope = for_campaign)
                and lineage.place_id = any(array(
                    select named.place_id
                    from core.claim_places as named
                    where named.claim_id = any(for_claims)
                ))
        ) as areas
        cross join lateral (
            -- (limit 1: probed per area, never joined whole)
            select 1 as found
            from core.claim_places as area_named
            inner join core.claims as area_claims
                on area_claims.claim_id = area_named.claim_id
            where
                area_named.place_id = areas.place_id
                and area_claims.kind in ('capture', 'control')
            limit 1
        ) as named_by
    ) end,
    for_claims
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
