-- grain: a function with no rows of its own: it rewrites the rows of
-- derived.contested_claims (one row per claim × contest) in which some
-- claims are contested or contest, every kind, in every campaign and in
-- 'all', from the rules.
--
-- As in revision 0007 (13_reporting_int.refresh_contest_rows.sql): asked
-- now of the function that also takes the kinds
-- (03_reporting_int.refresh_contest_rows.sql), for every kind. Called with
-- the claims a change touched that name no place
-- (reporting_int.refresh_placeless_contests).

create or replace function reporting_int.refresh_contest_rows(for_claims integer[])
returns void
language sql
security definer
set search_path = pg_catalog, pg_temp
as $function$
select reporting_int.refresh_contest_rows(for_claims, null)
$function$;

comment on function reporting_int.refresh_contest_rows(integer[]) is
'Rewrite the rows of derived.contested_claims in which some claims are contested or contest, every kind (every campaign and ''all''), from the rules. Called with the claims a change touched that name no place (reporting_int.refresh_placeless_contests); reporting_int.refresh_derived asks reporting_int.refresh_contest_rows(integer[], text[]) for the kinds of each claim it re-derives.';
