-- grain: one row per place × period during which one claim is its basis of
-- control, with everything known today (no knowledge cut-off).
--
-- For each place, the basis on day D is the candidate with the latest event
-- day on or before D (design rule 3), so the basis can only change on a day
-- when a candidate's event happens: each such day opens a period, won by the
-- best candidate of that day (direct before inherited, then the later
-- statement, then the nearer area, then the higher claim id), and the next
-- such day closes it. reporting.control_as_of applies the same ordering to a
-- single day; the two must agree on every day (tested).

create view reporting.control_periods as

with

candidates as (

    select
        place_id,
        claim_id,
        basis_place_id,
        basis,
        depth,
        controller_party_id,
        source_id,
        occurred_on,
        stated_from,
        stated_on,
        denied_on,
        corroborated_on,
        contradicted_on
    from reporting_int.control_candidates
    where
        basis = 'direct'
        or contradicted_on is null

),

place_details as (

    select
        place_id,
        place_slug,
        place_name,
        place_kind,
        district_id,
        district_name,
        is_settlement
    from reporting_int.place_details

),

-- the basis place's name only: read by key from the table, so that the
-- planner never loops over place_details (computed from the lineage)
places as not materialized (

    select
        place_id,
        name
    from core.places

),

parties as not materialized (

    select
        party_id,
        code,
        name
    from core.parties

),

sources as (

    select
        source_id,
        name,
        party_id
    from core.sources

),

day_winners as (

    select distinct on (place_id, occurred_on)
        place_id,
        claim_id,
        basis_place_id,
        basis,
        controller_party_id,
        source_id,
        occurred_on,
        case
            when contradicted_on is not null then 'contradicted'
            when denied_on is not null and corroborated_on is not null then 'disputed'
            when denied_on is not null then 'denied'
            when corroborated_on is not null then 'corroborated'
            else 'claimed'
        end as status
    from candidates
    order by
        place_id,
        occurred_on,
        depth = 0 desc,
        stated_on desc,
        stated_from desc,
        depth asc,
        claim_id desc

),

periods as (

    select
        place_id,
        claim_id,
        basis_place_id,
        basis,
        controller_party_id,
        source_id,
        status,
        occurred_on as valid_from,
        lead(occurred_on) over (
            partition by place_id
            order by occurred_on
        ) as valid_to
    from day_winners

),

final as (

    select
        periods.place_id,
        place_details.place_name,
        place_details.place_kind,
        place_details.district_name as district,
        controllers.name as controller,
        controllers.code as controller_code,
        periods.valid_from,
        periods.valid_to,
        periods.basis,
        periods.status,
        periods.claim_id,
        sources.name as claimant,
        claimant_parties.name as claimant_party,
        periods.basis_place_id,
        basis_places.name as basis_place_name,
        place_details.district_id,
        place_details.is_settlement,
        place_details.place_slug
    from periods
    inner join place_details
        on place_details.place_id = periods.place_id
    inner join places as basis_places
        on basis_places.place_id = periods.basis_place_id
    inner join parties as controllers
        on controllers.party_id = periods.controller_party_id
    inner join sources
        on sources.source_id = periods.source_id
    left join parties as claimant_parties
        on claimant_parties.party_id = sources.party_id

)

select
    place_id,
    place_name,
    place_kind,
    district,
    controller,
    controller_code,
    valid_from,
    valid_to,
    basis,
    status,
    claim_id,
    claimant,
    claimant_party,
    basis_place_id,
    basis_place_name,
    district_id,
    is_settlement,
    place_slug
from final;

comment on view reporting.control_periods is
'Who controlled each place, period by period, according to the claims and everything known today. One row per place and period during which one claim is the basis of control; a new period starts whenever a newer claim (about the place itself or an area containing it) takes over. A period runs from valid_from (included) to valid_to (excluded; null = still open). Use reporting.control_as_of(date, known_by) to ask what was known on an earlier day.';
comment on column reporting.control_periods.place_id is 'The place (core.places.place_id).';
comment on column reporting.control_periods.place_name is 'The place''s name as the data spells it.';
comment on column reporting.control_periods.place_kind is 'city, town, village, district, province, country, region, bridge, dam, river, border or valley.';
comment on column reporting.control_periods.district is 'The district the place lies in (for a district: itself); null above or outside districts.';
comment on column reporting.control_periods.controller is 'The party in control during the period, by name.';
comment on column reporting.control_periods.controller_code is 'The controlling party''s short code.';
comment on column reporting.control_periods.valid_from is 'First day of the period: the latest possible day of the basis claim''s event (a ranged date counts from its latest day).';
comment on column reporting.control_periods.valid_to is 'The day the next period starts, excluded from this one; null while the period is still open. A day d is in the period when valid_from <= d and (valid_to is null or d < valid_to).';
comment on column reporting.control_periods.basis is 'direct: the basis claim names this place; inherited: it names an area containing it (see basis_place_name).';
comment on column reporting.control_periods.status is 'How solid the basis is, with everything known today: contradicted (the claimant''s own side later claimed captures inside the area it claimed), disputed (denied and corroborated), denied, corroborated (independent confirmation, footage or the adversary''s admission), or claimed (neither).';
comment on column reporting.control_periods.claim_id is 'The basis claim (reporting.claims.claim_id).';
comment on column reporting.control_periods.claimant is 'Who made the basis claim (a ministry, a head of state, an outlet, the account''s narrative).';
comment on column reporting.control_periods.claimant_party is 'The claimant''s party; null for an independent source.';
comment on column reporting.control_periods.basis_place_id is 'The place the basis claim names: this place (direct) or the area it is inherited from.';
comment on column reporting.control_periods.basis_place_name is 'Name of basis_place_id.';
comment on column reporting.control_periods.district_id is 'place_id of the district column.';
comment on column reporting.control_periods.is_settlement is 'True for cities, towns and villages.';
comment on column reporting.control_periods.place_slug is 'The place''s stable natural key (the same in every copy of the database).';
