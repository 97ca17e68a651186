-- grain: one row per campaign scope × source: how many claims it made and
-- how they fared (with everything known today).
--
-- Per campaign: that account's claims. Over all campaigns ('all'): a
-- statement two accounts report and link with same_as counts once.

create view reporting.source_scorecard as

with

statements as (

    -- one key per statement: a claim and the claims it is linked with by
    -- same_as (in either direction) share the least of their natural keys.
    -- One join per direction, each on equalities (a hash join): joined on
    -- either direction at once, every claim was compared with every other.
    select
        claims.claim_id,
        claims.campaign,
        claims.source_id,
        claims.claim_kind,
        claims.is_control_claim,
        least(claims.claim_key, min(forward.claim_key), min(backward.claim_key)) as statement_key,
        exists(select from core.denials as denials where denials.claim_id = claims.claim_id) as is_denied,
        exists(
            select from core.corroborations as corroborations where corroborations.claim_id = claims.claim_id
        ) as is_corroborated
    from reporting_int.claim_details as claims
    -- the claim this one names as the same statement
    left join reporting_int.claim_details as forward
        on
            forward.campaign = claims.same_as_campaign
            and forward.claim_slug = claims.same_as_slug
    -- the claims that name this one
    left join reporting_int.claim_details as backward
        on
            backward.same_as_campaign = claims.campaign
            and backward.same_as_slug = claims.claim_slug
    group by
        claims.claim_id,
        claims.campaign,
        claims.source_id,
        claims.claim_kind,
        claims.is_control_claim,
        claims.claim_key

),

scoped as (

    select
        statements.campaign as scope,
        statements.claim_id,
        statements.source_id,
        statements.is_control_claim,
        statements.statement_key,
        statements.is_denied,
        statements.is_corroborated
    from statements

    union all

    select
        'all' as scope,
        statements.claim_id,
        statements.source_id,
        statements.is_control_claim,
        statements.statement_key,
        statements.is_denied,
        statements.is_corroborated
    from statements

),

contradicted as (

    select distinct
        scope,
        claim_id
    from reporting_int.self_contradictions

),

counts as (

    select
        scoped.scope,
        scoped.source_id,
        count(distinct scoped.statement_key) as claims,
        count(distinct scoped.statement_key) filter (where scoped.is_control_claim) as control_claims,
        count(distinct scoped.statement_key) filter (where scoped.is_denied) as denied,
        count(distinct scoped.statement_key) filter (where scoped.is_corroborated) as corroborated,
        count(distinct scoped.statement_key) filter (where contradicted.claim_id is not null) as contradicted
    from scoped
    left join contradicted
        on
            contradicted.scope = scoped.scope
            and contradicted.claim_id = scoped.claim_id
    group by
        scoped.scope,
        scoped.source_id

),

answers_made as (

    select
        campaigns.slug as scope,
        denials.source_id,
        count(*) as denials_made,
        0 as corroborations_made
    from core.denials as denials
    inner join core.campaigns as campaigns
        on campaigns.campaign_id = denials.campaign_id
    group by
        campaigns.slug,
        denials.source_id

    union all

    select
        campaigns.slug as scope,
        corroborations.source_id,
        0 as denials_made,
        count(*) as corroborations_made
    from core.corroborations as corroborations
    inner join core.campaigns as campaigns
        on campaigns.campaign_id = corroborations.campaign_id
    group by
        campaigns.slug,
        corroborations.source_id

),

answers as (

    select
        scope,
        source_id,
        sum(denials_made) as denials_made,
        sum(corroborations_made) as corroborations_made
    from answers_made
    group by
        scope,
        source_id

    union all

    select
        'all' as scope,
        source_id,
        sum(denials_made) as denials_made,
        sum(corroborations_made) as corroborations_made
    from answers_made
    group by source_id

),

final as (

    select
        coalesce(counts.scope, answers.scope) as campaign,
        sources.name as source,
        parties.name as party,
        sources.kind,
        coalesce(counts.claims, 0) as claims,
        coalesce(counts.denied, 0) as denied,
        coalesce(counts.corroborated, 0) as corroborated,
        coalesce(counts.contradicted, 0) as contradicted,
        coalesce(counts.control_claims, 0) as control_claims,
        coalesce(answers.denials_made, 0)::bigint as denials_made,
        coalesce(answers.corroborations_made, 0)::bigint as corroborations_made,
        sources.slug as source_slug,
        parties.code as party_code
    from counts
    full join answers
        on
            answers.scope = counts.scope
            and answers.source_id = counts.source_id
    inner join core.sources as sources
        on sources.source_id = coalesce(counts.source_id, answers.source_id)
    left join core.parties as parties
        on parties.party_id = sources.party_id

)

select
    campaign,
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
    source_slug,
    party_code
from final;

comment on view reporting.source_scorecard is
'Each source''s track record, with everything known today: one row per campaign scope and source (campaign = a campaign''s slug, or ''all'' for every campaign together, where a statement two accounts report and link with same_as counts once). claims it made, how many were denied, corroborated or contradicted by its own side, and how many denials and corroborations it made of others'' claims.';
comment on column reporting.source_scorecard.campaign is 'The campaign scope: a campaign''s slug, or ''all''.';
comment on column reporting.source_scorecard.source is 'The source, by name.';
comment on column reporting.source_scorecard.party is 'The source''s party; null for a source of no party.';
comment on column reporting.source_scorecard.kind is 'Kind of source: narrative, ministry_of_defence, head_of_state, news_outlet, independent_analyst, unnamed, ...';
comment on column reporting.source_scorecard.claims is 'Claims the source made (statements linked by same_as count once in the all scope).';
comment on column reporting.source_scorecard.denied is 'Of those, how many were denied (any denial).';
comment on column reporting.source_scorecard.corroborated is 'Of those, how many were corroborated (any corroboration).';
comment on column reporting.source_scorecard.contradicted is 'Of those, how many area claims its own side later contradicted (design rule 2).';
comment on column reporting.source_scorecard.control_claims is 'Of those, how many were control claims (capture, control, withdrawal, presence, partial).';
comment on column reporting.source_scorecard.denials_made is 'Denials the source made of other claims.';
comment on column reporting.source_scorecard.corroborations_made is 'Corroborations the source made of other claims.';
comment on column reporting.source_scorecard.source_slug is 'The source''s natural key.';
comment on column reporting.source_scorecard.party_code is 'Short code of party.';
