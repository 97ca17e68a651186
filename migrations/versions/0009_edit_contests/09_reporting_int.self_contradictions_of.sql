-- grain: a function of a scope and some areas (null: all): one row per
-- scope × area control claim × area it names × later capture claim that
-- contradicts it (design rule 2). It runs as its owner
-- (reporting.source_scorecard reads it as campaign_reader, who may not
-- read the tables).
--
-- As in revision 0006 (14_reporting_int.self_contradictions_of.sql): every
-- claim's contradictions, now asked of the function that also takes the
-- claims (08_reporting_int.self_contradictions_of.sql), which holds the
-- rule.

create or replace function reporting_int.self_contradictions_of(for_scope text, for_areas integer[])
returns table (
    scope text,
    claim_id integer,
    place_id integer,
    contradicting_claim_id integer,
    contradicted_on date,
    captured_places bigint
)
language sql
stable
security definer
set search_path = pg_catalog, pg_temp
as $function$
select
    contradictions.scope,
    contradictions.claim_id,
    contradictions.place_id,
    contradictions.contradicting_claim_id,
    contradictions.contradicted_on,
    contradictions.captured_places
from reporting_int.self_contradictions_of(for_scope, for_areas, null) as contradictions
$function$;
