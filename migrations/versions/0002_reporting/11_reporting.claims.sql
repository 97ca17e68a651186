-- grain: one row per claim × place it names (a claim naming no place has one
-- row with empty place columns): the flat fact table of every statement.

create view reporting.claims as

with

claim_details as not materialized (

    select
        claim_id,
        claim_slug,
        claim_kind,
        is_control_claim,
        claimant,
        claimant_party,
        claimant_party_code,
        actor_party,
        actor_party_code,
        target_party,
        target_party_code,
        stated_from,
        stated_on,
        stated_time,
        occurred_from,
        occurred_to,
        occurred_time,
        event_key,
        summary,
        quote
    from reporting_int.claim_details

),

claim_places as (

    select
        claim_id,
        place_id,
        role
    from core.claim_places

),

place_details as (

    select
        place_id,
        place_name,
        place_kind,
        district_id,
        district_name,
        is_settlement
    from reporting_int.place_details

),

denial_counts as not materialized (

    select
        claim_id,
        place_id,
        count(*) as denials
    from core.denials
    group by
        claim_id,
        place_id

),

corroboration_counts as not materialized (

    select
        claim_id,
        place_id,
        count(*) as corroborations
    from core.corroborations
    group by
        claim_id,
        place_id

),

named_places as (

    select
        claim_details.claim_id,
        claim_places.place_id,
        claim_places.role
    from claim_details
    left join claim_places
        on claim_places.claim_id = claim_details.claim_id

),

final as (

    select
        claim_details.claim_id,
        claim_details.stated_on,
        claim_details.occurred_from,
        claim_details.occurred_to,
        claim_details.claimant,
        claim_details.claimant_party,
        claim_details.claim_kind,
        claim_details.actor_party,
        named_places.place_id,
        place_details.place_name,
        place_details.place_kind,
        place_details.district_name as district,
        claim_details.summary,
        claim_details.quote,
        coalesce(claim_denials.denials, 0)
        + coalesce(place_denials.denials, 0) as denials,
        coalesce(claim_corroborations.corroborations, 0)
        + coalesce(place_corroborations.corroborations, 0) as corroborations,
        claim_details.claim_slug,
        claim_details.stated_from,
        to_char(claim_details.stated_time, 'HH24:MI') as stated_time,
        to_char(claim_details.occurred_time, 'HH24:MI') as occurred_time,
        named_places.role as place_role,
        claim_details.target_party,
        claim_details.claimant_party_code,
        claim_details.actor_party_code,
        claim_details.target_party_code,
        claim_details.event_key,
        claim_details.is_control_claim,
        place_details.district_id,
        place_details.is_settlement
    from named_places
    inner join claim_details
        on claim_details.claim_id = named_places.claim_id
    left join place_details
        on place_details.place_id = named_places.place_id
    left join denial_counts as claim_denials
        on
            claim_denials.claim_id = named_places.claim_id
            and claim_denials.place_id is null
    left join denial_counts as place_denials
        on
            place_denials.claim_id = named_places.claim_id
            and place_denials.place_id = named_places.place_id
    left join corroboration_counts as claim_corroborations
        on
            claim_corroborations.claim_id = named_places.claim_id
            and claim_corroborations.place_id is null
    left join corroboration_counts as place_corroborations
        on
            place_corroborations.claim_id = named_places.claim_id
            and place_corroborations.place_id = named_places.place_id

)

select
    claim_id,
    stated_on,
    occurred_from,
    occurred_to,
    claimant,
    claimant_party,
    claim_kind,
    actor_party,
    place_id,
    place_name,
    place_kind,
    district,
    summary,
    quote,
    denials,
    corroborations,
    claim_slug,
    stated_from,
    stated_time,
    occurred_time,
    place_role,
    target_party,
    claimant_party_code,
    actor_party_code,
    target_party_code,
    event_key,
    is_control_claim,
    district_id,
    is_settlement
from final;

comment on view reporting.claims is
'Every statement in the data, flat: one row per claim and place it names (a claim naming no place, such as a ceasefire, has one row with empty place columns). Count claims with count(distinct claim_id). Dates are ranges because accounts say "the next day" or give no day: occurred_from/occurred_to bound the event, stated_from/stated_on the statement.';
comment on column reporting.claims.claim_id is 'The claim (core.claims.claim_id); repeated once per place it names.';
comment on column reporting.claims.stated_on is 'The latest possible day of the statement: from this day on the claim is certainly known (the known_by cut-off of reporting.control_as_of compares with it). Equal to stated_from when the account gives the day.';
comment on column reporting.claims.occurred_from is 'Earliest possible day of the event the claim reports.';
comment on column reporting.claims.occurred_to is 'Latest possible day of the event; control inference counts a claim from this day.';
comment on column reporting.claims.claimant is 'Who made the claim: a ministry of defence, a head of state, an outlet, the account''s own narrative voice.';
comment on column reporting.claims.claimant_party is 'The claimant''s party; null for an independent source.';
comment on column reporting.claims.claim_kind is 'What is claimed: capture, control, offensive, clash, shelling, rocket_attack, attack_attempt, aircraft_downed, retreat, footage, ceasefire, ceasefire_violation, accusation, admission or appeal.';
comment on column reporting.claims.actor_party is 'The party said to act; for capture and control claims, the new controller.';
comment on column reporting.claims.place_id is 'A place the claim names; null when it names none.';
comment on column reporting.claims.place_name is 'Name of the place.';
comment on column reporting.claims.place_kind is 'Kind of the place: city, town, village, district, province, country, region, bridge, dam, river, border or valley.';
comment on column reporting.claims.district is 'The district the place lies in (for a district: itself).';
comment on column reporting.claims.summary is 'One-line summary of the claim, in the data''s words.';
comment on column reporting.claims.quote is 'The verbatim text of the source document the claim was transcribed from (fragments joined by " … ").';
comment on column reporting.claims.denials is 'Number of denials of this claim that concern this place (denials of the whole claim count for every place).';
comment on column reporting.claims.corroborations is 'Number of corroborations (independent confirmation, footage, the adversary''s admission) that concern this place (those of the whole claim count for every place).';
comment on column reporting.claims.claim_slug is 'The claim''s stable natural key (the same in every copy of the database).';
comment on column reporting.claims.stated_from is 'Earliest possible day of the statement.';
comment on column reporting.claims.stated_time is 'Local time of the statement (HH:MM) where the account gives it.';
comment on column reporting.claims.occurred_time is 'Local time of the event (HH:MM) where the account gives it.';
comment on column reporting.claims.place_role is 'The place''s role in the claim: subject (the place taken, shelled, ...), origin (of fire), near, or target (of a movement). Only subjects are claimed for control.';
comment on column reporting.claims.target_party is 'The party acted against, where the claim says.';
comment on column reporting.claims.claimant_party_code is 'Short code of claimant_party.';
comment on column reporting.claims.actor_party_code is 'Short code of actor_party.';
comment on column reporting.claims.target_party_code is 'Short code of target_party.';
comment on column reporting.claims.event_key is 'Shared by the claims that report the same event (how two accounts giving different dates for one event are found).';
comment on column reporting.claims.is_control_claim is 'True for capture and control claims: the ones control inference uses.';
comment on column reporting.claims.district_id is 'place_id of the district column.';
comment on column reporting.claims.is_settlement is 'True when the place is a city, town or village.';
