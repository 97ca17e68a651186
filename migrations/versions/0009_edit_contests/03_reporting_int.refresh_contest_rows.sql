-- grain: a function with no rows of its own: it rewrites the rows of
-- derived.contested_claims (one row per claim × contest) of some kinds
-- (null: every kind) in which some claims are contested or contest, in
-- every campaign and in 'all', from the rules
-- (reporting_int.contested_claims_of asked for those claims and kinds).
--
-- As revision 0007's reporting_int.refresh_contest_rows(integer[])
-- (13_reporting_int.refresh_contest_rows.sql, where the plan of every call
-- is explained), with the kinds: reporting_int.refresh_derived asks for
-- every kind of the claims naming the places a change named, and for the
-- conflicting-control contests alone of every other claim of the places it
-- re-derived.

create function reporting_int.refresh_contest_rows(for_claims integer[], for_kinds text[])
returns void
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
set jit = off
set plan_cache_mode = force_custom_plan
as $function$
declare
    scope_slug text;
begin
    if for_claims is null or cardinality(for_claims) = 0 then
        return;
    end if;
    -- (two deletes, each by its index: as one `or`, planned for thousands
    -- of claims, it read every contest row)
    delete from derived.contested_claims as contests
    where
        contests.claim_id = any(for_claims)
        and (for_kinds is null or contests.contest_kind = any(for_kinds));
    delete from derived.contested_claims as contests
    where
        contests.counter_claim_id = any(for_claims)
        and (for_kinds is null or contests.contest_kind = any(for_kinds));
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
        from reporting_int.contested_claims_of(scope_slug, for_claims, for_kinds) as rules;
    end loop;
end
$function$;

comment on function reporting_int.refresh_contest_rows(integer[], text[]) is
'Rewrite the rows of derived.contested_claims of some kinds (null: every kind) in which some claims are contested or contest (every campaign and ''all''), from the rules. Called by reporting_int.refresh_derived: every kind for the claims naming the places a change named, conflicting control for the other claims of the places it re-derived.';
