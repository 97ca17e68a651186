-- grain: one row per source: how many claims it made and how they fared
-- (with everything known today).

create view reporting.source_scorecard as

with

sources as (

    select
        source_id,
        slug,
        name,
        kind,
        party_id
    from core.sources

),

parties as (

    select
        party_id,
        code,
        name
    from core.parties

),

claims as (

    select
        claim_id,
        source_id,
        kind
    from core.claims

),

denied_claims as (

    select distinct claim_id
    from core.denials

),

corroborated_claims as (

    select distinct claim_id
    from core.corroborations

),

contradicted_claims as (

    select distinct claim_id
    from reporting_int.self_contradictions

),

claim_counts as (

    select
        claims.source_id,
        count(*) as claims,
        count(*) filter (where claims.kind in ('capture', 'control')) as control_claims,
        count(denied_claims.claim_id) as denied,
        count(corroborated_claims.claim_id) as corroborated,
        count(contradicted_claims.claim_id) as contradicted
    from claims
    left join denied_claims
        on denied_claims.claim_id = claims.claim_id
    left join corroborated_claims
        on corroborated_claims.claim_id = claims.claim_id
    left join contradicted_claims
        on contradicted_claims.claim_id = claims.claim_id
    group by claims.source_id

),

denials_made as (

    select
        source_id,
        count(*) as denials_made
    from core.denials
    group by source_id

),

corroborations_made as (

    select
        source_id,
        count(*) as corroborations_made
    from core.corroborations
    group by source_id

),

final as (

    select
        sources.name as source,
        parties.name as party,
        sources.kind,
        coalesce(claim_counts.claims, 0) as claims,
        coalesce(claim_counts.denied, 0) as denied,
        coalesce(claim_counts.corroborated, 0) as corroborated,
        coalesce(claim_counts.contradicted, 0) as contradicted,
        coalesce(claim_counts.control_claims, 0) as control_claims,
        coalesce(denials_made.denials_made, 0) as denials_made,
        coalesce(corroborations_made.corroborations_made, 0) as corroborations_made,
        parties.code as party_code,
        sources.source_id,
        sources.slug as source_slug
    from sources
    left join parties
        on parties.party_id = sources.party_id
    left join claim_counts
        on claim_counts.source_id = sources.source_id
    left join denials_made
        on denials_made.source_id = sources.source_id
    left join corroborations_made
        on corroborations_made.source_id = sources.source_id

)

select
    source,
    party,
    kind,
    claims,
    denied,
    corroborated,
    contradicted,
    control_claims,
    denials_made,
    corroborations_made,
    party_code,
    source_id,
    source_slug
from final;

comment on view reporting.source_scorecard is
'The track record of each source (ministry, head of state, outlet, the account''s narrative), with everything known today: one row per source, with how many claims it made and how many were denied, corroborated or contradicted by its own side. A claim can be both denied and corroborated.';
comment on column reporting.source_scorecard.source is 'The source, by name.';
comment on column reporting.source_scorecard.party is 'The source''s party; null for an independent source.';
comment on column reporting.source_scorecard.kind is 'ministry_of_defence, head_of_state, head_of_government, government, authorities, news_outlet, international_organisation or narrative.';
comment on column reporting.source_scorecard.claims is 'Number of claims the source made (all kinds).';
comment on column reporting.source_scorecard.denied is 'Number of its claims denied at least once (wholly or for one place).';
comment on column reporting.source_scorecard.corroborated is 'Number of its claims corroborated at least once (independent confirmation, footage, the adversary''s admission).';
comment on column reporting.source_scorecard.contradicted is 'Number of its area claims contradicted by its own side''s later captures inside the area.';
comment on column reporting.source_scorecard.control_claims is 'Number of its capture and control claims.';
comment on column reporting.source_scorecard.denials_made is 'Number of denials the source itself issued.';
comment on column reporting.source_scorecard.corroborations_made is 'Number of corroborations the source itself provided.';
comment on column reporting.source_scorecard.party_code is 'Short code of party.';
comment on column reporting.source_scorecard.source_id is 'The source (core.sources.source_id).';
comment on column reporting.source_scorecard.source_slug is 'The source''s stable natural key (the same in every copy of the database).';
