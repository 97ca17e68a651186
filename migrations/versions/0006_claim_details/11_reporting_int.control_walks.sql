-- grain: a function: one row per place of a scope (or some places) and day
-- its answer changes ('state'), and per claim that contested the holder
-- ('contest'), as known by a cut-off: reporting_int.control_walk over each
-- place's candidates.
--
-- As in revision 0004 (11_reporting_int.control_walks.sql), with the places
-- asked for read through the candidates' primary key. The function runs as
-- its owner, so it is never inlined into its caller: its query is planned
-- once for any arguments, and "for_places is null or place_id = any(...)"
-- then read every candidate of the database (0.1 s per call at 10 000
-- places, several calls per re-derived edit). Two branches, each under a
-- condition on the arguments alone that the plan checks once, keep one
-- plan that uses the key when places are given.

create or replace function reporting_int.control_walks(
    as_of date, known_by date, for_scope text, for_places integer[] default null
)
returns table (
    scope text,
    place_id integer,
    event text,
    day date,
    party_id integer,
    side_key text,
    since date,
    claim_id integer,
    basis_place_id integer,
    depth integer,
    rank integer,
    status text,
    counter_claim_id integer,
    counter_side_key text,
    counter_kind text,
    counter_share_percent double precision
)
language sql
stable
security definer
set search_path = pg_catalog, pg_temp
as $function$
    select
        walked.scope,
        walked.place_id,
        steps.event,
        steps.day,
        steps.party_id,
        steps.side_key,
        steps.since,
        steps.claim_id,
        steps.basis_place_id,
        steps.depth,
        steps.rank,
        steps.status,
        steps.counter_claim_id,
        steps.counter_side_key,
        steps.counter_kind,
        steps.counter_share_percent
    from (
        -- every place of the scope (or of every scope)
        select
            candidates.scope,
            candidates.place_id,
            array_agg(reporting_int.as_known(candidates, known_by)) as known
        from derived.control_candidates as candidates
        where
            for_places is null
            and (for_scope is null or candidates.scope = for_scope)
            and reporting_int.is_known(candidates, as_of, known_by)
        group by
            candidates.scope,
            candidates.place_id

        union all

        -- some places: their candidates by the primary key (scope, place)
        select
            candidates.scope,
            candidates.place_id,
            array_agg(reporting_int.as_known(candidates, known_by)) as known
        from derived.control_candidates as candidates
        where
            for_places is not null
            and candidates.scope = any(
                case
                    when for_scope is null then array(select scopes.scope from reporting_int.scopes as scopes)
                    else array[for_scope]
                end
            )
            and candidates.place_id = any(for_places)
            and reporting_int.is_known(candidates, as_of, known_by)
        group by
            candidates.scope,
            candidates.place_id
    ) as walked
    cross join lateral reporting_int.control_walk(walked.known) as steps
$function$;
