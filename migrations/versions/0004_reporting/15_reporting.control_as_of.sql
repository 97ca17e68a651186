-- grain: one row per campaign scope × place that has a basis of control on
-- day `as_of`, as known on day `known_by` (null: everything known today),
-- in the scope `campaign` (a campaign's slug or 'all'; null: every scope).
--
-- The period covering `as_of` in the periods kept as a table
-- (derived.control_periods, what reporting.control_periods shows), except,
-- with a cut-off, for the places whose answer on `as_of` the cut-off can
-- change: those with a candidate over by `as_of` that is not wholly known
-- by `known_by` (its statement, or some of its evidence, came later). Only
-- those are walked again on what was known then
-- (reporting_int.control_answers, the query the periods are kept from): a
-- place's walk up to `as_of` reads only candidates over by then, so a place
-- whose candidates were all wholly known by `known_by` has today's answer.
-- Only statements certainly made by `known_by` count (the latest possible
-- day of the statement is on or before it): claims, denials, corroborations
-- and the captures that contradict an area claim alike.
--
-- Runs as its owner (security definer) so that campaign_reader can call it
-- without any privilege on the base tables or the building blocks; the
-- search_path is pinned and every name in the body is schema-qualified.
-- JIT compilation is off: at scale it cost several times the query itself.

create function reporting.control_as_of(as_of date, known_by date default null, campaign text default null)
returns table (
    campaign text,
    campaign_title text,
    place_id integer,
    place_name text,
    place_kind text,
    district text,
    controller text,
    controller_code text,
    controller_side text,
    since date,
    basis text,
    status text,
    evidence text,
    claim_id integer,
    claimant text,
    claimant_party text,
    basis_place_id integer,
    basis_place_name text,
    counter_claim_id integer,
    counter_claimant text,
    counter_side text,
    counter_kind text,
    share_percent double precision,
    district_id integer,
    is_settlement boolean,
    place_slug text,
    claim_slug text
)
language sql
stable
security definer
set search_path = pg_catalog, pg_temp
set jit = off
as $function$
    with

    -- with a cut-off: the places whose answer on as_of it can change (for
    -- as_of <= known_by, an index probe; else a scan of the scope's candidates)
    changed as (
        select candidates.scope, candidates.place_id
        from derived.control_candidates as candidates
        where
            $2 is not null
            and $1 <= $2
            and candidates.occurred_to < candidates.known_on
            and daterange(candidates.occurred_to, candidates.known_on) @> daterange($1, $2, '[]')
            and ($3 is null or candidates.scope = $3)
        union
        select candidates.scope, candidates.place_id
        from derived.control_candidates as candidates
        where
            $2 is not null
            and $2 < $1
            and candidates.occurred_to <= $1
            and candidates.known_on > $2
            and ($3 is null or candidates.scope = $3)
    )

    -- everything known: today's answers kept as a table (one index range scan)
    select
        periods.campaign,
        periods.campaign_title,
        periods.place_id,
        periods.place_name,
        periods.place_kind,
        periods.district,
        periods.controller,
        periods.controller_code,
        periods.controller_side,
        periods.since,
        periods.basis,
        periods.status,
        periods.evidence,
        periods.claim_id,
        periods.claimant,
        periods.claimant_party,
        periods.basis_place_id,
        periods.basis_place_name,
        periods.counter_claim_id,
        periods.counter_claimant,
        periods.counter_side,
        periods.counter_kind,
        periods.share_percent,
        periods.district_id,
        periods.is_settlement,
        periods.place_slug,
        periods.claim_slug
    from derived.control_periods as periods
    where
        $2 is null
        and ($3 is null or periods.campaign = $3)
        and periods.valid_from <= $1
        and (periods.valid_to is null or $1 < periods.valid_to)

    union all

    -- with a cut-off: today's answers for the places it does not change
    select
        periods.campaign,
        periods.campaign_title,
        periods.place_id,
        periods.place_name,
        periods.place_kind,
        periods.district,
        periods.controller,
        periods.controller_code,
        periods.controller_side,
        periods.since,
        periods.basis,
        periods.status,
        periods.evidence,
        periods.claim_id,
        periods.claimant,
        periods.claimant_party,
        periods.basis_place_id,
        periods.basis_place_name,
        periods.counter_claim_id,
        periods.counter_claimant,
        periods.counter_side,
        periods.counter_kind,
        periods.share_percent,
        periods.district_id,
        periods.is_settlement,
        periods.place_slug,
        periods.claim_slug
    from derived.control_periods as periods
    where
        $2 is not null
        and ($3 is null or periods.campaign = $3)
        and periods.valid_from <= $1
        and (periods.valid_to is null or $1 < periods.valid_to)
        and not exists (
            select from changed
            where
                changed.scope = periods.campaign
                and changed.place_id = periods.place_id
        )

    union all

    -- the places the cut-off changes: the rules walked on what was known then
    select
        answers.campaign,
        answers.campaign_title,
        answers.place_id,
        answers.place_name,
        answers.place_kind,
        answers.district,
        answers.controller,
        answers.controller_code,
        answers.controller_side,
        answers.since,
        answers.basis,
        answers.status,
        answers.evidence,
        answers.claim_id,
        answers.claimant,
        answers.claimant_party,
        answers.basis_place_id,
        answers.basis_place_name,
        answers.counter_claim_id,
        answers.counter_claimant,
        answers.counter_side,
        answers.counter_kind,
        answers.share_percent,
        answers.district_id,
        answers.is_settlement,
        answers.place_slug,
        answers.claim_slug
    from reporting_int.control_answers(
        $1, $2, $3, coalesce((select array_agg(distinct changed.place_id) from changed), '{}')
    ) as answers
    where
        $2 is not null
        and exists (
            select from changed
            where
                changed.scope = answers.campaign
                and changed.place_id = answers.place_id
        )
$function$;

comment on function reporting.control_as_of(date, date, text) is
'Who controlled each place on day as_of according to the claims, on what basis and how solidly, as known on day known_by (default null: everything known today), in the scope campaign (a campaign''s slug, or ''all'' for every campaign together; default null: every scope). One row per scope and place with a basis; a place no claim covers has no row. Columns as reporting.control_periods, with since (first day of the side''s unbroken control) instead of valid_from/valid_to. Only statements certainly made by known_by count (the latest possible day of the statement is on or before it), and so for denials, corroborations and the captures that contradict an area claim. Example: select place_name, controller_side, status from reporting.control_as_of(''2020-10-22'', campaign => ''aras-valley'') where is_settlement;';
