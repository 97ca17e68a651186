-- grain: one row per reported loss figure ("at least 7 tanks destroyed"),
-- with who reported it, as of which day, and who lost what.

create view reporting.losses as

with

losses as (

    select
        loss_id,
        slug,
        source_id,
        as_of_date,
        losing_party_id,
        category,
        equipment,
        outcome,
        quantity,
        qualifier,
        place_id,
        claim_id,
        quote
    from core.losses

),

sources as (

    select
        source_id,
        name,
        party_id
    from core.sources

),

parties as not materialized (

    select
        party_id,
        code,
        name
    from core.parties

),

places as (

    select
        place_id,
        name
    from core.places

),

final as (

    select
        losses.loss_id,
        losses.as_of_date as as_of,
        sources.name as reported_by,
        reporting_parties.name as reported_by_party,
        losing_parties.name as losing_party,
        losses.category,
        losses.equipment,
        losses.outcome,
        losses.quantity,
        losses.qualifier,
        places.name as place_name,
        losses.quote,
        losing_parties.code as losing_party_code,
        reporting_parties.code as reported_by_party_code,
        losses.place_id,
        losses.claim_id,
        losses.slug as loss_slug
    from losses
    inner join sources
        on sources.source_id = losses.source_id
    left join parties as reporting_parties
        on reporting_parties.party_id = sources.party_id
    inner join parties as losing_parties
        on losing_parties.party_id = losses.losing_party_id
    left join places
        on places.place_id = losses.place_id

)

select
    loss_id,
    as_of,
    reported_by,
    reported_by_party,
    losing_party,
    category,
    equipment,
    outcome,
    quantity,
    qualifier,
    place_name,
    quote,
    losing_party_code,
    reported_by_party_code,
    place_id,
    claim_id,
    loss_slug
from final;

comment on view reporting.losses is
'Reported losses, as each side or outlet reported them: one row per loss figure ("at least 7 tanks destroyed"). Figures are claims, not verified counts: read quantity together with qualifier, and do not add up figures reported by different sources or as of different days.';
comment on column reporting.losses.loss_id is 'The loss figure (core.losses.loss_id).';
comment on column reporting.losses.as_of is 'The day the figure is reported as of.';
comment on column reporting.losses.reported_by is 'Who reported the figure.';
comment on column reporting.losses.reported_by_party is 'The reporting source''s party; null for an independent source.';
comment on column reporting.losses.losing_party is 'The party said to have suffered the loss.';
comment on column reporting.losses.category is 'personnel, civilians, tanks, vehicles, rocket_artillery, howitzers, air_defence, uavs or aircraft.';
comment on column reporting.losses.equipment is 'The model where named (BM-21 Grad, Su-25, ...).';
comment on column reporting.losses.outcome is 'killed, injured, destroyed, downed or captured.';
comment on column reporting.losses.quantity is 'The number reported; null when the source gives none ("many").';
comment on column reporting.losses.qualifier is 'exact, at_least ("at least 40"), or unspecified (no number given).';
comment on column reporting.losses.place_name is 'Where, when the report says.';
comment on column reporting.losses.quote is 'The verbatim text the figure was transcribed from.';
comment on column reporting.losses.losing_party_code is 'Short code of losing_party.';
comment on column reporting.losses.reported_by_party_code is 'Short code of reported_by_party.';
comment on column reporting.losses.place_id is 'The place (core.places.place_id), when the report names one.';
comment on column reporting.losses.claim_id is 'The claim the figure belongs to (reporting.claims.claim_id), if any.';
comment on column reporting.losses.loss_slug is 'The figure''s stable natural key (the same in every copy of the database).';
