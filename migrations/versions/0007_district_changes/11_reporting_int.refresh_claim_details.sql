-- grain: a function with no rows of its own: it rewrites the rows of
-- derived.claim_details (one row per claim), derived.claim_place_details
-- (one row per claim × place it names) and derived.accusations (one row
-- per claim that is an accusation) from their rules
-- (reporting_int.claim_descriptions, reporting_int.claim_place_descriptions,
-- reporting_int.accusation_descriptions): those of some claims, of one
-- campaign's claims, or of every claim (both arguments null).
--
-- As in revision 0006 (05_reporting_int.refresh_claim_details.sql, where
-- its callers are listed), with the accusations rewritten after the
-- descriptions they are read from.
--
-- Planned anew on every call (plan_cache_mode force_custom_plan), as
-- reporting_int.refresh_contest_rows explains: a generic plan knows
-- neither the scope nor the places or claims.

create or replace function reporting_int.refresh_claim_details(for_campaign text, for_claims integer[] default null)
returns void
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
set jit = off
set plan_cache_mode = force_custom_plan
as $function$
begin
    -- a campaign's rows: its claims as described before and as they are now
    -- (a claim moved away or deleted leaves no row behind); the places'
    -- rows first, while the descriptions still say which campaign they were
    delete from derived.claim_place_details as details
    where
        (for_claims is null or details.claim_id = any(for_claims))
        and (
            for_campaign is null
            or details.claim_id in (
                select described.claim_id
                from derived.claim_details as described
                where described.campaign = for_campaign
            )
            or details.claim_id in (
                select claims.claim_id
                from core.claims as claims
                inner join core.campaigns as campaigns
                    on campaigns.campaign_id = claims.campaign_id
                where campaigns.slug = for_campaign
            )
        );
    delete from derived.claim_details as details
    where
        (for_claims is null or details.claim_id = any(for_claims))
        and (
            for_campaign is null
            or details.campaign = for_campaign
            or details.claim_id in (
                select claims.claim_id
                from core.claims as claims
                inner join core.campaigns as campaigns
                    on campaigns.campaign_id = claims.campaign_id
                where campaigns.slug = for_campaign
            )
        );
    delete from derived.accusations as accusations
    where
        (for_claims is null or accusations.claim_id = any(for_claims))
        and (
            for_campaign is null
            or accusations.campaign = for_campaign
            or accusations.claim_id in (
                select claims.claim_id
                from core.claims as claims
                inner join core.campaigns as campaigns
                    on campaigns.campaign_id = claims.campaign_id
                where campaigns.slug = for_campaign
            )
        );
    insert into derived.claim_details (
        claim_id, claim_slug, campaign, campaign_id,
        campaign_title, claim_key, claim_kind, is_control_claim,
        document_id, source_id, claimant, claimant_kind,
        claimant_party_id, claimant_party, claimant_party_code, claimant_side_key,
        claimant_side, is_independent_source, actor_party_id, actor_party,
        actor_party_code, actor_side_key, actor_side, target_party_id,
        target_party, target_party_code, target_side_key, target_side,
        stated_from, stated_on, stated_time, occurred_from,
        occurred_to, occurred_time, hedge, event_key,
        same_as_campaign, same_as_slug, summary, quote,
        note
    )
    select
        descriptions.claim_id, descriptions.claim_slug, descriptions.campaign, descriptions.campaign_id,
        descriptions.campaign_title, descriptions.claim_key, descriptions.claim_kind, descriptions.is_control_claim,
        descriptions.document_id, descriptions.source_id, descriptions.claimant, descriptions.claimant_kind,
        descriptions.claimant_party_id, descriptions.claimant_party, descriptions.claimant_party_code, descriptions.claimant_side_key,
        descriptions.claimant_side, descriptions.is_independent_source, descriptions.actor_party_id, descriptions.actor_party,
        descriptions.actor_party_code, descriptions.actor_side_key, descriptions.actor_side, descriptions.target_party_id,
        descriptions.target_party, descriptions.target_party_code, descriptions.target_side_key, descriptions.target_side,
        descriptions.stated_from, descriptions.stated_on, descriptions.stated_time, descriptions.occurred_from,
        descriptions.occurred_to, descriptions.occurred_time, descriptions.hedge, descriptions.event_key,
        descriptions.same_as_campaign, descriptions.same_as_slug, descriptions.summary, descriptions.quote,
        descriptions.note
    from reporting_int.claim_descriptions as descriptions
    where
        (for_claims is null or descriptions.claim_id = any(for_claims))
        and (for_campaign is null or descriptions.campaign = for_campaign);
    insert into derived.claim_place_details (
        claim_id, place_id, place_name, place_kind, place_slug, is_settlement, place_role, share_percent, district,
        district_id, denials, corroborations
    )
    select
        places.claim_id, places.place_id, places.place_name, places.place_kind, places.place_slug,
        places.is_settlement, places.place_role, places.share_percent, places.district, places.district_id,
        places.denials, places.corroborations
    from reporting_int.claim_place_descriptions as places
    where
        (for_claims is null or places.claim_id = any(for_claims))
        and (
            for_campaign is null
            or places.claim_id in (
                select claims.claim_id
                from core.claims as claims
                inner join core.campaigns as campaigns
                    on campaigns.campaign_id = claims.campaign_id
                where campaigns.slug = for_campaign
            )
        );
    -- the accusations among them, read from the descriptions just written
    insert into derived.accusations (
        claim_id, campaign, campaign_id, claim_kind, claimant_side_key, actor_side_key, occurred_from, occurred_to,
        event_key, place_set
    )
    select
        accusations.claim_id, accusations.campaign, accusations.campaign_id, accusations.claim_kind,
        accusations.claimant_side_key, accusations.actor_side_key, accusations.occurred_from,
        accusations.occurred_to, accusations.event_key, accusations.place_set
    from reporting_int.accusation_descriptions as accusations
    where
        (for_claims is null or accusations.claim_id = any(for_claims))
        and (for_campaign is null or accusations.campaign = for_campaign);
end
$function$;

comment on function reporting_int.refresh_claim_details(text, integer[]) is
'Rewrites derived.claim_details, derived.claim_place_details and derived.accusations from their rules: for some claims (for_claims), one campaign''s claims (for_campaign), or every claim (both null).';
