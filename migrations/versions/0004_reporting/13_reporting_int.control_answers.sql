-- grain: a function: one row per scope × place × control period as known by
-- `known_by` (null: everything known today); with `as_of`, only the period
-- covering that day, i.e. who held each place on `as_of`.
--
-- The one query behind reporting.control_periods, reporting.control_as_of
-- and (through control_periods) reporting.control_daily: each place of the
-- scope is walked once (reporting_int.control_walks) on its candidates as
-- known by the cut-off, and every period is
-- described the same way: the place, its report area, the controlling party
-- and side, the basis claim and its claimant, the counter-claim. A period
-- runs from `valid_from` (included) to `valid_to` (excluded; null = open).

create function reporting_int.control_answers(
    as_of date, known_by date, for_scope text, for_places integer[] default null
)
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
    valid_from date,
    valid_to date,
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
    claim_slug text,
    controller_side_key text
)
language sql
stable
as $function$
    select
        periods.scope as campaign,
        scopes.scope_title as campaign_title,
        periods.place_id,
        details.place_name,
        details.place_kind,
        details.district_name as district,
        controllers.name as controller,
        controllers.code as controller_code,
        controller_sides.side_name as controller_side,
        periods.day as valid_from,
        periods.valid_to,
        periods.since,
        case when periods.depth = 0 then 'direct' else 'inherited' end as basis,
        periods.status,
        case periods.rank when 3 then 'confirmed' when 2 then 'claimed' else 'denied' end as evidence,
        periods.claim_id,
        claims.claimant,
        claims.claimant_party,
        periods.basis_place_id,
        basis_places.name as basis_place_name,
        periods.counter_claim_id,
        counter_claims.claimant as counter_claimant,
        counter_sides.side_name as counter_side,
        periods.counter_kind,
        periods.counter_share_percent as share_percent,
        details.district_id,
        details.is_settlement,
        details.place_slug,
        claims.claim_slug,
        periods.side_key as controller_side_key
    from (
        select
            walks.scope,
            walks.place_id,
            walks.day,
            lead(walks.day) over (partition by walks.scope, walks.place_id order by walks.day) as valid_to,
            walks.party_id,
            walks.side_key,
            walks.since,
            walks.claim_id,
            walks.basis_place_id,
            walks.depth,
            walks.rank,
            walks.status,
            walks.counter_claim_id,
            walks.counter_side_key,
            walks.counter_kind,
            walks.counter_share_percent
        from reporting_int.control_walks(as_of, known_by, for_scope, for_places) as walks
        where walks.event = 'state'
    ) as periods
    inner join reporting_int.scopes as scopes
        on scopes.scope = periods.scope
    inner join reporting_int.place_details as details
        on
            details.scope = periods.scope
            and details.place_id = periods.place_id
    inner join reporting_int.claim_details as claims
        on claims.claim_id = periods.claim_id
    inner join core.places as basis_places
        on basis_places.place_id = periods.basis_place_id
    left join core.parties as controllers
        on controllers.party_id = periods.party_id
    left join reporting_int.side_names as controller_sides
        on controller_sides.side_key = periods.side_key
    left join reporting_int.claim_details as counter_claims
        on counter_claims.claim_id = periods.counter_claim_id
    left join reporting_int.side_names as counter_sides
        on counter_sides.side_key = periods.counter_side_key
    where as_of is null or periods.valid_to is null
$function$;

comment on function reporting_int.control_answers(date, date, text, integer[]) is
'Control periods of every place of a scope (null: every scope; for_places: only those) as known by known_by; with as_of, the period covering as_of only. The one query behind reporting.control_periods and reporting.control_as_of.';
