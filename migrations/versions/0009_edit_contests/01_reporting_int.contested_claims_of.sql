-- grain: a function of one campaign (null: every campaign; 'all': the
-- contests found only with every campaign together), some claims (null:
-- all) and some kinds of contest (null: every kind): one row per claim ×
-- contest of those kinds, described; with `for_claims`, only the rows in
-- which one of those claims is contested or contests. The rules of
-- reporting.contested_claims, computed from scratch.
--
-- As in revision 0007 (08_reporting_int.contested_claims_of.sql), with the
-- kinds asked for: each rule is read only when its kind is asked for (a
-- condition on the argument alone, tested once before the rule runs). An
-- edit re-derives the control of a district's places, which changes the
-- conflicting-control contests of every claim there and the other kinds
-- of the claims naming the edited places only: asked for conflicting
-- control alone, the district's 2 000 claims no longer run the repeat,
-- self-contradiction and accusation rules
-- (reporting_int.refresh_derived).

create function reporting_int.contested_claims_of(for_campaign text, for_claims integer[], for_kinds text[])
returns table (
    campaign text,
    claim_id integer,
    claim_date date,
    claimant text,
    claimant_party text,
    claim_kind text,
    summary text,
    places text,
    contest_kind text,
    contested_by text,
    contested_by_party text,
    contested_on date,
    contest_quote text,
    counter_statement text,
    days_after_claim integer,
    denial_id integer,
    counter_claim_id integer,
    counter_claim_kind text,
    counter_side text,
    counter_campaign text,
    actor_side text,
    claim_quote text,
    claimant_party_code text,
    contested_by_party_code text,
    claim_campaign text,
    claim_slug text,
    counter_claim_slug text
)
language sql
stable
as $function$
select
    contests.campaign,
    contests.claim_id,
    claims.stated_on as claim_date,
    claims.claimant,
    claims.claimant_party,
    claims.claim_kind,
    claims.summary,
    coalesce(
        contests.places,
        (
            select
                string_agg(
                    named.name,
                    ', '
                    order by claim_places.role <> 'subject', named.name
                )
            from core.claim_places as claim_places
            inner join core.places as named
                on named.place_id = claim_places.place_id
            where claim_places.claim_id = contests.claim_id
        )
    ) as places,
    contests.contest_kind,
    sources.name as contested_by,
    parties.name as contested_by_party,
    contests.contested_on,
    contests.contest_quote,
    contests.counter_statement,
    contests.contested_on - claims.stated_on as days_after_claim,
    contests.denial_id,
    contests.counter_claim_id,
    counters.claim_kind as counter_claim_kind,
    counters.actor_side as counter_side,
    counters.campaign as counter_campaign,
    claims.actor_side,
    claims.quote as claim_quote,
    claims.claimant_party_code,
    parties.code as contested_by_party_code,
    claims.campaign as claim_campaign,
    claims.claim_slug,
    counters.claim_slug as counter_claim_slug
from (
    select
        campaign,
        claim_id,
        places,
        contest_kind,
        contested_by_source_id,
        contested_on,
        contest_quote,
        counter_statement,
        denial_id,
        counter_claim_id
    from reporting_int.contests_denials
    where
        (for_kinds is null or 'denial' = any(for_kinds))
        and (for_campaign is null or campaign = for_campaign)
        and (for_claims is null or claim_id = any(for_claims))

    union all

    select
        campaign,
        claim_id,
        places,
        contest_kind,
        contested_by_source_id,
        contested_on,
        contest_quote,
        counter_statement,
        denial_id,
        counter_claim_id
    from reporting_int.contests_mutual_accusations(for_campaign, for_claims)
    where (for_kinds is null or 'mutual_accusation' = any(for_kinds))

    union all

    select
        campaign,
        claim_id,
        places,
        contest_kind,
        contested_by_source_id,
        contested_on,
        contest_quote,
        counter_statement,
        denial_id,
        counter_claim_id
    from reporting_int.contests_self_contradictions(for_campaign, for_claims)
    where (for_kinds is null or 'self_contradiction' = any(for_kinds))

    union all

    select
        campaign,
        claim_id,
        places,
        contest_kind,
        contested_by_source_id,
        contested_on,
        contest_quote,
        counter_statement,
        denial_id,
        counter_claim_id
    from reporting_int.contests_repeat_claims(for_campaign, for_claims)
    where (for_kinds is null or 'repeat_claim' = any(for_kinds))

    union all

    select
        campaign,
        claim_id,
        places,
        contest_kind,
        contested_by_source_id,
        contested_on,
        contest_quote,
        counter_statement,
        denial_id,
        counter_claim_id
    from reporting_int.contests_date_conflicts
    where
        (for_kinds is null or 'date_conflict' = any(for_kinds))
        and (for_campaign is null or campaign = for_campaign)
        and (for_claims is null or claim_id = any(for_claims))

    union all

    -- (its rows come in pairs, each claim contested by the other; asked
    -- apart, each filter reaches an index)
    select
        campaign,
        claim_id,
        places,
        contest_kind,
        contested_by_source_id,
        contested_on,
        contest_quote,
        counter_statement,
        denial_id,
        counter_claim_id
    from reporting_int.contests_date_conflicts
    where
        (for_kinds is null or 'date_conflict' = any(for_kinds))
        and for_claims is not null
        and (for_campaign is null or campaign = for_campaign)
        and counter_claim_id = any(for_claims)
        and not claim_id = any(for_claims)

    union all

    select
        campaign,
        claim_id,
        places,
        contest_kind,
        contested_by_source_id,
        contested_on,
        contest_quote,
        counter_statement,
        denial_id,
        counter_claim_id
    from reporting_int.contests_conflicting_control_of(for_campaign, for_claims)
    where (for_kinds is null or 'conflicting_control' = any(for_kinds))
) as contests
inner join reporting_int.claim_details as claims
    on claims.claim_id = contests.claim_id
inner join core.sources as sources
    on sources.source_id = contests.contested_by_source_id
left join core.parties as parties
    on parties.party_id = sources.party_id
left join reporting_int.claim_details as counters
    on counters.claim_id = contests.counter_claim_id
$function$;

comment on function reporting_int.contested_claims_of(text, integer[], text[]) is
'The rules of reporting.contested_claims for one campaign (null: every campaign; ''all'': between campaigns), some claims (null: all; the rows in which one of them is contested or contests) and some kinds of contest (null: every kind), described; read by reporting_int.refresh_contest_rows.';
