-- grain: a function with no rows of its own: it rewrites the rows of
-- derived.contested_claims (one row per claim × contest) of some campaigns
-- (null: every campaign) from the rules (reporting_int.contested_claims).
--
-- A campaign's contests are its own claims' (campaign = its slug) and the
-- 'all' rows in which one of its claims is contested or contests; the
-- latter exist only between campaigns that share a place (one both use:
-- reporting_int.campaign_place_uses). The 'all' rows are not only those
-- naming the campaigns refreshed: a campaign's claims join the 'all' control
-- walk at a place it shares, so they can change the contests between two
-- other campaigns there (a capture between theirs moves who held the place
-- when). So when the change reached a shared place (`all_rows`) every 'all'
-- row is rewritten, once, after the campaigns' own; otherwise the
-- campaigns' old 'all' rows are only deleted.
--
-- The caller knows whether it did: reporting_int.refresh_derived, which
-- calls it for a campaign's whole scope, when the campaign shares a place,
-- now or before (the test it copies 'all' rows by). Revision 0004 asked
-- whether any two campaigns of the database share a place, which at war
-- size costs seconds (every use of every place, twice) and answers yes for
-- every load once any two do. (A change of some places rewrites only the
-- contests of their claims: reporting_int.refresh_contest_rows.)

create function reporting_int.refresh_contests(for_campaigns text[], all_rows boolean)
returns void
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
set jit = off
as $function$
declare
    campaign_slug text;
begin
    if for_campaigns is null then
        delete from derived.contested_claims;
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
        from reporting_int.contested_claims(null) as rules;
        analyze derived.contested_claims;
        return;
    end if;
    if cardinality(for_campaigns) = 0 then
        -- no campaign changed: neither did an 'all' row
        return;
    end if;
    foreach campaign_slug in array for_campaigns loop
        -- its own rows, and its 'all' ones: all there is to do for them
        -- when no two campaigns share a place
        delete from derived.contested_claims as contests
        where
            contests.campaign = campaign_slug
            or (
                contests.campaign = 'all'
                and campaign_slug in (contests.claim_campaign, contests.counter_campaign)
            );
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
        from reporting_int.contested_claims(campaign_slug) as rules;
    end loop;
    -- the 'all' rows: every one (see the header) when the caller says the
    -- change reached a place another campaign uses
    if all_rows then
        delete from derived.contested_claims as contests
        where contests.campaign = 'all';
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
        from reporting_int.contested_claims('all') as rules;
    end if;
end
$function$;

comment on function reporting_int.refresh_contests(text[], boolean) is
'Rewrite derived.contested_claims for some campaigns (null: every campaign): their own contests and their ''all'' rows; with all_rows, every ''all'' row (a change at a place two campaigns use can change the contests between two others there).';
