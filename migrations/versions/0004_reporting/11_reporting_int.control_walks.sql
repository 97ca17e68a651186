-- grain: a function: one row per scope × place × step of its control walk:
-- a 'state' row for each day its answer changes, a 'contest' row for each
-- claim that contested the holder.
--
-- reporting_int.control_walks(as_of, known_by, scope) walks every place of a
-- scope (null: every scope) once on its candidates as known by the cut-off
-- (one pass over the kept rules, derived.control_candidates, grouped by
-- place).

create function reporting_int.control_walks(
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
        select
            candidates.scope,
            candidates.place_id,
            array_agg(reporting_int.as_known(candidates, known_by)) as known
        from derived.control_candidates as candidates
        where
            (for_scope is null or candidates.scope = for_scope)
            and (for_places is null or candidates.place_id = any(for_places))
            and reporting_int.is_known(candidates, as_of, known_by)
        group by
            candidates.scope,
            candidates.place_id
    ) as walked
    cross join lateral reporting_int.control_walk(walked.known) as steps
$function$;

comment on function reporting_int.control_walks(date, date, text, integer[]) is
'Every place of a scope (null: every scope; for_places: only those) walked on its control candidates with events certainly over by as_of, as known by known_by (null: no limit): the steps of reporting_int.control_walk for each place.';
