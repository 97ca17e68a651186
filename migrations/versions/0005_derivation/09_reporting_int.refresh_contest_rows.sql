-- grain: a function with no rows of its own: it rewrites the rows of
-- derived.contested_claims (one row per claim × contest) in which some
-- claims are contested or contest, in every campaign and in 'all', from the
-- rules (reporting_int.contested_claims_of asked for those claims).
--
-- Exact when the claims given include every claim whose contests the
-- change can have changed; a contest row depends on its two claims (their
-- descriptions, their events, their places), on the other claims of the
-- places they name (the latest earlier claim a repeat names) and on the
-- control walks of those places (conflicting control). So callers give:
--   - reporting_int.refresh_derived, after re-deriving some places: every
--     claim that names one of them or reaches one as an area claim;
--   - the statement trigger on claims and their evidence, and the seed
--     loader and the importer after a load that touched some claims: those
--     of them that name no place now, or were deleted (reached only so),
--     through reporting_int.refresh_placeless_contests below.
-- A one-claim edit of a war then recomputes the contests of a few places,
-- not every contest of its campaign.

create function reporting_int.refresh_contest_rows(for_claims integer[])
returns void
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
set jit = off
as $function$
declare
    scope_slug text;
begin
    if for_claims is null or cardinality(for_claims) = 0 then
        return;
    end if;
    delete from derived.contested_claims as contests
    where
        contests.claim_id = any(for_claims)
        or contests.counter_claim_id = any(for_claims);
    -- asked per scope: a campaign's rows pair its own claims only, so the
    -- scopes are the campaigns of the claims and 'all'; asked so, each rule
    -- reads one campaign's claims (a small campaign beside a war, its own)
    for scope_slug in
        select campaigns.slug
        from core.campaigns as campaigns
        where campaigns.campaign_id in (
            select claims.campaign_id from core.claims as claims where claims.claim_id = any(for_claims)
        )
        union all
        select 'all'
    loop
        insert into derived.contested_claims (
            campaign, claim_id, claim_date, claimant, claimant_party, claim_kind, summary, places,
            contest_kind, contested_by, contested_by_party, contested_on, contest_quote,
            counter_statement, days_after_claim, denial_id, counter_claim_id, counter_claim_kind,
            counter_side, counter_campaign, actor_side, claim_quote, claimant_party_code,
            contested_by_party_code, claim_campaign, claim_slug, counter_claim_slug
        )
        select
            rules.campaign, rules.claim_id, rules.claim_date, rules.claimant, rules.claimant_party,
            rules.claim_kind, rules.summary, rules.places, rules.contest_kind, rules.contested_by,
            rules.contested_by_party, rules.contested_on, rules.contest_quote,
            rules.counter_statement, rules.days_after_claim, rules.denial_id,
            rules.counter_claim_id, rules.counter_claim_kind, rules.counter_side,
            rules.counter_campaign, rules.actor_side, rules.claim_quote, rules.claimant_party_code,
            rules.contested_by_party_code, rules.claim_campaign, rules.claim_slug,
            rules.counter_claim_slug
        from reporting_int.contested_claims_of(scope_slug, for_claims) as rules;
    end loop;
end
$function$;

comment on function reporting_int.refresh_contest_rows(integer[]) is
'Rewrite the rows of derived.contested_claims in which some claims are contested or contest (every campaign and ''all''), from the rules. Called with the claims of the places a change re-derived (reporting_int.refresh_derived) and with the claims a change touched (the statement triggers, the seed loader, the importer).';

-- the contests of the claims a change touched that refresh_derived does not
-- reach: those naming no place now (deleted ones included)
create function reporting_int.refresh_placeless_contests(for_claims integer[])
returns void
language sql
security definer
set search_path = pg_catalog, pg_temp
as $function$
select reporting_int.refresh_contest_rows(array(
    select distinct changed.claim_id
    from unnest(for_claims) as changed (claim_id)
    where not exists (
        select from core.claim_places as named
        where named.claim_id = changed.claim_id
    )
))
$function$;

comment on function reporting_int.refresh_placeless_contests(integer[]) is
'Rewrite the contested-claims rows of those of some changed claims that name no place now or were deleted (the ones reporting_int.refresh_derived, re-deriving places, does not reach). Called by the statement trigger on claims and their evidence, the seed loader and the importer.';
