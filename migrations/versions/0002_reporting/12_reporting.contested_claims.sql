-- grain: one row per claim × contest: each denial of it, each counter-claim,
-- each later statement that contradicts it, each earlier claim it repeats.
--
-- How each contest kind is found:
--   - denial: a row of core.denials (a source rejecting the claim, or one
--     place of it); the counter-statement is kept.
--   - mutual_accusation: another claim of the same kind by the party this
--     claim accuses, accusing this claim's party back (actor and claimant
--     swapped), about the same event: the same event_key, or, when either
--     has none, overlapping event dates and the same named places.
--     Capture and control claims are not accusations.
--   - self_contradiction: design rule 2 (reporting_int.self_contradictions):
--     the claimant's own side later claimed a capture inside the area this
--     claim says it controlled; one row per contradicting claim.
--   - repeat_claim: a capture or control claim naming a place that the same
--     claimant party (or, for an independent source, the same source) had
--     already claimed for the same actor in a statement certainly made
--     before (earlier stated_on < this stated_from); the most recent such
--     claim per place is the counter-claim, the repeated places are listed.
--     Found with one sorted pass (claim_sequences), not by pairing every
--     claim of a place with every other.
--   - date_conflict: another claim with the same event_key whose event dates
--     do not overlap this claim's.

create view reporting.contested_claims as

with

claim_details as not materialized (

    select
        claim_id,
        claim_kind,
        claimant,
        claimant_party,
        claimant_party_code,
        stated_on,
        summary,
        quote
    from reporting_int.claim_details

),

-- the lean columns the contests are found with, straight from the table
claims as not materialized (

    select
        claim_id,
        source_id,
        kind,
        actor_party_id,
        stated_latest_on as stated_on,
        occurred_earliest_on as occurred_from,
        occurred_latest_on as occurred_to,
        event_key,
        quote
    from core.claims

),

claim_places as not materialized (

    select
        claim_id,
        place_id,
        role
    from core.claim_places

),

places as not materialized (

    select
        place_id,
        name
    from core.places

),

control_claim_places as (

    select
        claim_id,
        place_id,
        actor_party_id,
        source_id,
        claimant_party_id,
        stated_from,
        stated_on
    from reporting_int.control_claim_places

),

self_contradictions as (

    select
        claim_id,
        place_id,
        contradicting_claim_id
    from reporting_int.self_contradictions

),

denials as (

    select
        denial_id,
        claim_id,
        place_id,
        source_id,
        denied_latest_on,
        quote,
        counter_statement
    from core.denials

),

sources as not materialized (

    select
        source_id,
        name,
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

denial_contests as (

    select
        denials.claim_id,
        denied_places.name as places,
        'denial' as contest_kind,
        denials.source_id as contested_by_source_id,
        denials.denied_latest_on as contested_on,
        denials.quote as contest_quote,
        denials.counter_statement,
        denials.denial_id,
        null::integer as counter_claim_id
    from denials
    left join places as denied_places
        on denied_places.place_id = denials.place_id

),

accusations as (

    select
        claims.claim_id,
        claims.kind as claim_kind,
        claimants.party_id as claimant_party_id,
        claims.actor_party_id,
        claims.occurred_from,
        claims.occurred_to,
        claims.event_key,
        coalesce(
            (
                select
                    string_agg(
                        claim_places.place_id::text,
                        ','
                        order by claim_places.place_id
                    )
                from claim_places
                where claim_places.claim_id = claims.claim_id
            ),
            ''
        ) as place_set
    from claims
    inner join sources as claimants
        on claimants.source_id = claims.source_id
    where
        claims.kind not in ('capture', 'control')
        and claimants.party_id <> claims.actor_party_id

),

counter_accusations as (

    -- the same event, by event_key
    select
        accusations.claim_id,
        counter_accusations.claim_id as counter_claim_id
    from accusations
    inner join accusations as counter_accusations
        on
            counter_accusations.event_key = accusations.event_key
            and counter_accusations.claim_kind = accusations.claim_kind
            and counter_accusations.claimant_party_id = accusations.actor_party_id
            and counter_accusations.actor_party_id = accusations.claimant_party_id

    union all

    -- an event_key missing on either claim: same places, overlapping dates
    select
        accusations.claim_id,
        counter_accusations.claim_id as counter_claim_id
    from accusations
    inner join accusations as counter_accusations
        on
            counter_accusations.place_set = accusations.place_set
            and counter_accusations.claim_kind = accusations.claim_kind
            and counter_accusations.claimant_party_id = accusations.actor_party_id
            and counter_accusations.actor_party_id = accusations.claimant_party_id
            and counter_accusations.occurred_from <= accusations.occurred_to
            and accusations.occurred_from <= counter_accusations.occurred_to
    where
        accusations.event_key is null
        or counter_accusations.event_key is null

),

mutual_accusation_contests as (

    select
        counter_accusations.claim_id,
        null::text as places,
        'mutual_accusation' as contest_kind,
        counter_claims.source_id as contested_by_source_id,
        counter_claims.stated_on as contested_on,
        counter_claims.quote as contest_quote,
        null::text as counter_statement,
        null::integer as denial_id,
        counter_claims.claim_id as counter_claim_id
    from counter_accusations
    inner join claims as counter_claims
        on counter_claims.claim_id = counter_accusations.counter_claim_id

),

self_contradiction_contests as (

    select
        self_contradictions.claim_id,
        string_agg(
            areas.name,
            ', '
            order by areas.name
        ) as places,
        'self_contradiction' as contest_kind,
        contradicting_claims.source_id as contested_by_source_id,
        contradicting_claims.stated_on as contested_on,
        contradicting_claims.quote as contest_quote,
        null::text as counter_statement,
        null::integer as denial_id,
        contradicting_claims.claim_id as counter_claim_id
    from self_contradictions
    inner join places as areas
        on areas.place_id = self_contradictions.place_id
    inner join claims as contradicting_claims
        on contradicting_claims.claim_id = self_contradictions.contradicting_claim_id
    group by
        self_contradictions.claim_id,
        contradicting_claims.claim_id,
        contradicting_claims.source_id,
        contradicting_claims.stated_on,
        contradicting_claims.quote

),

claim_sequences as (

    -- Every capture or control claim of a place twice: as a "probe" on the
    -- first day it may have been stated, and as a "claim" on the last.
    -- Sorted by day (probes before claims of the same day), the claims
    -- before a probe are exactly those certainly stated earlier; sort_key
    -- packs (stated_on, claim_id) into one bigint so that a running max
    -- finds the most recent of them. claimant_key is the claimant's party,
    -- or minus the source id for an independent source.
    select
        place_id,
        actor_party_id,
        coalesce(claimant_party_id, -source_id) as claimant_key,
        claim_id,
        stated_from as sequence_on,
        0 as event_order,
        null::bigint as sort_key
    from control_claim_places

    union all

    select
        place_id,
        actor_party_id,
        coalesce(claimant_party_id, -source_id) as claimant_key,
        claim_id,
        stated_on as sequence_on,
        1 as event_order,
        (stated_on - date '1900-01-01')::bigint * 4294967296 + claim_id as sort_key
    from control_claim_places

),

latest_earlier_claims as (

    select
        claim_id,
        place_id,
        event_order,
        max(sort_key) over (
            partition by place_id, actor_party_id, claimant_key
            order by sequence_on, event_order
            rows between unbounded preceding and current row
        ) as earlier_sort_key
    from claim_sequences

),

repeated_places as (

    select
        claim_id,
        place_id,
        (earlier_sort_key % 4294967296)::integer as earlier_claim_id
    from latest_earlier_claims
    where
        event_order = 0
        and earlier_sort_key is not null

),

repeat_claim_contests as (

    select
        repeated_places.claim_id,
        string_agg(
            repeated.name,
            ', '
            order by repeated.name
        ) as places,
        'repeat_claim' as contest_kind,
        earlier_claims.source_id as contested_by_source_id,
        earlier_claims.stated_on as contested_on,
        earlier_claims.quote as contest_quote,
        null::text as counter_statement,
        null::integer as denial_id,
        earlier_claims.claim_id as counter_claim_id
    from repeated_places
    inner join places as repeated
        on repeated.place_id = repeated_places.place_id
    inner join claims as earlier_claims
        on earlier_claims.claim_id = repeated_places.earlier_claim_id
    group by
        repeated_places.claim_id,
        earlier_claims.claim_id,
        earlier_claims.source_id,
        earlier_claims.stated_on,
        earlier_claims.quote

),

date_conflict_contests as (

    select
        claims.claim_id,
        null::text as places,
        'date_conflict' as contest_kind,
        other_accounts.source_id as contested_by_source_id,
        other_accounts.stated_on as contested_on,
        other_accounts.quote as contest_quote,
        null::text as counter_statement,
        null::integer as denial_id,
        other_accounts.claim_id as counter_claim_id
    from claims
    inner join claims as other_accounts
        on
            other_accounts.event_key = claims.event_key
            and other_accounts.claim_id <> claims.claim_id
            and (
                other_accounts.occurred_to < claims.occurred_from
                or claims.occurred_to < other_accounts.occurred_from
            )

),

contests as (

    select
        claim_id,
        places,
        contest_kind,
        contested_by_source_id,
        contested_on,
        contest_quote,
        counter_statement,
        denial_id,
        counter_claim_id
    from denial_contests

    union all

    select
        claim_id,
        places,
        contest_kind,
        contested_by_source_id,
        contested_on,
        contest_quote,
        counter_statement,
        denial_id,
        counter_claim_id
    from mutual_accusation_contests

    union all

    select
        claim_id,
        places,
        contest_kind,
        contested_by_source_id,
        contested_on,
        contest_quote,
        counter_statement,
        denial_id,
        counter_claim_id
    from self_contradiction_contests

    union all

    select
        claim_id,
        places,
        contest_kind,
        contested_by_source_id,
        contested_on,
        contest_quote,
        counter_statement,
        denial_id,
        counter_claim_id
    from repeat_claim_contests

    union all

    select
        claim_id,
        places,
        contest_kind,
        contested_by_source_id,
        contested_on,
        contest_quote,
        counter_statement,
        denial_id,
        counter_claim_id
    from date_conflict_contests

),

final as (

    -- places: the ones the contest concerns, else every place the claim names
    select
        contests.claim_id,
        claim_details.stated_on as claim_date,
        claim_details.claimant,
        claim_details.claimant_party,
        claim_details.claim_kind,
        claim_details.summary,
        coalesce(
            contests.places,
            (
                select
                    string_agg(
                        named_places.name,
                        ', '
                        order by claim_places.role <> 'subject', named_places.name
                    )
                from claim_places
                inner join places as named_places
                    on named_places.place_id = claim_places.place_id
                where claim_places.claim_id = contests.claim_id
            )
        ) as places,
        contests.contest_kind,
        contesting_sources.name as contested_by,
        contesting_parties.name as contested_by_party,
        contests.contested_on,
        contests.contest_quote,
        contests.counter_statement,
        contests.contested_on - claim_details.stated_on as days_after_claim,
        contests.denial_id,
        contests.counter_claim_id,
        claim_details.quote as claim_quote,
        claim_details.claimant_party_code,
        contesting_parties.code as contested_by_party_code
    from contests
    inner join claim_details
        on claim_details.claim_id = contests.claim_id
    inner join sources as contesting_sources
        on contesting_sources.source_id = contests.contested_by_source_id
    left join parties as contesting_parties
        on contesting_parties.party_id = contesting_sources.party_id

)

select
    claim_id,
    claim_date,
    claimant,
    claimant_party,
    claim_kind,
    summary,
    places,
    contest_kind,
    contested_by,
    contested_by_party,
    contested_on,
    contest_quote,
    counter_statement,
    days_after_claim,
    denial_id,
    counter_claim_id,
    claim_quote,
    claimant_party_code,
    contested_by_party_code
from final;

comment on view reporting.contested_claims is
'Every claim that was disputed, with the counter-statement: one row per claim and contest. contest_kind says how: denial (a source rejected it), mutual_accusation (the accused side accused the claimant''s side of the same thing), self_contradiction (the claimant''s own side later claimed captures inside the area this claim said it controlled), repeat_claim (the same side had already claimed the place), date_conflict (another account dates the same event differently). The contested_by columns describe the denial or the counter-claim.';
comment on column reporting.contested_claims.claim_id is 'The contested claim (reporting.claims.claim_id).';
comment on column reporting.contested_claims.claim_date is 'When the contested claim was stated (latest possible day).';
comment on column reporting.contested_claims.claimant is 'Who made the contested claim.';
comment on column reporting.contested_claims.claimant_party is 'The claimant''s party; null for an independent source.';
comment on column reporting.contested_claims.claim_kind is 'What the contested claim says happened (capture, control, shelling, ...).';
comment on column reporting.contested_claims.summary is 'One-line summary of the contested claim.';
comment on column reporting.contested_claims.places is 'The places this contest concerns, comma-separated: the denied place (or all the claim''s places when the whole claim is denied), the contradicted area, the repeated places, or the claim''s places.';
comment on column reporting.contested_claims.contest_kind is 'denial, mutual_accusation, self_contradiction, repeat_claim or date_conflict (see the view''s description).';
comment on column reporting.contested_claims.contested_by is 'The source of the denial or of the counter-claim (for repeat_claim: of the earlier claim; for date_conflict: of the other account).';
comment on column reporting.contested_claims.contested_by_party is 'That source''s party; null for an independent source.';
comment on column reporting.contested_claims.contested_on is 'When the denial or counter-claim was stated (latest possible day).';
comment on column reporting.contested_claims.contest_quote is 'Verbatim text of the denial or counter-claim.';
comment on column reporting.contested_claims.counter_statement is 'For a denial: what the denying source said happened instead, where it said so.';
comment on column reporting.contested_claims.days_after_claim is 'contested_on minus claim_date, in days (negative when the counter-claim came first, as for repeat_claim).';
comment on column reporting.contested_claims.denial_id is 'For a denial: the denial (core.denials.denial_id); null otherwise.';
comment on column reporting.contested_claims.counter_claim_id is 'For the other kinds: the counter-claim (reporting.claims.claim_id); null for a denial.';
comment on column reporting.contested_claims.claim_quote is 'Verbatim text of the contested claim.';
comment on column reporting.contested_claims.claimant_party_code is 'Short code of claimant_party.';
comment on column reporting.contested_claims.contested_by_party_code is 'Short code of contested_by_party.';
