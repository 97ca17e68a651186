-- grain: a trigger function with no rows of its own: after a statement on
-- claims, claim_places, denials or corroborations it rewrites the
-- descriptions of the changed claims (one row per claim, per claim ×
-- place), re-derives the places the changed rows name (one row per scope ×
-- place × candidate, × period, × contest) and the contests of their claims.
--
-- As in revision 0005 (12_reporting_int.claim_rows_changed.sql), with two
-- changes:
--   - the changed claims' rows of derived.claim_details and
--     derived.claim_place_details are rewritten
--     (reporting_int.refresh_claim_details) before anything reads them;
--   - when every changed claim belongs to one campaign, the places are
--     re-derived in that campaign's scope and 'all' (as the seed loader
--     does), not in every scope: no other campaign's answers read its
--     claims. Claims of several campaigns, or deleted with their campaign
--     unknown, re-derive the places in every scope, as before.

create or replace function reporting_int.claim_rows_changed()
returns trigger
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
set jit = off
as $function$
declare
    claim_ids integer[] := '{}';
    place_ids integer[] := '{}';
    campaign_ids integer[] := '{}';
    one_campaign text;
begin
    if coalesce(current_setting('campaign_db.defer_refresh', true), '') = 'on' then
        return null;
    end if;
    if tg_table_name = 'claim_places' then
        if tg_op in ('INSERT', 'UPDATE') then
            select claim_ids || coalesce(array_agg(claim_id), '{}'), place_ids || coalesce(array_agg(place_id), '{}')
            into claim_ids, place_ids
            from new_rows;
        end if;
        if tg_op in ('DELETE', 'UPDATE') then
            select claim_ids || coalesce(array_agg(claim_id), '{}'), place_ids || coalesce(array_agg(place_id), '{}')
            into claim_ids, place_ids
            from old_rows;
        end if;
    elsif tg_table_name = 'claims' then
        -- a claim's campaign, now and before (a claim moved to another campaign)
        if tg_op in ('INSERT', 'UPDATE') then
            select claim_ids || coalesce(array_agg(claim_id), '{}'), campaign_ids || coalesce(array_agg(campaign_id), '{}')
            into claim_ids, campaign_ids
            from new_rows;
        end if;
        if tg_op in ('DELETE', 'UPDATE') then
            select claim_ids || coalesce(array_agg(claim_id), '{}'), campaign_ids || coalesce(array_agg(campaign_id), '{}')
            into claim_ids, campaign_ids
            from old_rows;
        end if;
    else
        if tg_op in ('INSERT', 'UPDATE') then
            select claim_ids || coalesce(array_agg(claim_id), '{}') into claim_ids from new_rows;
        end if;
        if tg_op in ('DELETE', 'UPDATE') then
            select claim_ids || coalesce(array_agg(claim_id), '{}') into claim_ids from old_rows;
        end if;
    end if;
    -- the descriptions of the claims and of their places, before the rules
    -- read them (a deleted claim's rows went with it)
    perform reporting_int.refresh_claim_details(null, claim_ids);
    -- the places the claims name now (a deleted claim's places come through
    -- the delete of its claim_places rows, which fires this trigger too)
    select place_ids || coalesce(array_agg(distinct claim_places.place_id), '{}')
    into place_ids
    from core.claim_places as claim_places
    where claim_places.claim_id = any(claim_ids);
    if cardinality(place_ids) > 0 then
        -- the campaign of every changed claim, when they have one: a
        -- statement on claims knows each claim's campaign (before and after);
        -- one on their places or evidence, for the claims still there
        select min(campaigns.slug) into one_campaign
        from (
            select claims.campaign_id
            from core.claims as claims
            where claims.claim_id = any(claim_ids)
            union
            select unnest(campaign_ids)
        ) as changed
        left join core.campaigns as campaigns
            on campaigns.campaign_id = changed.campaign_id
        having
            count(*) = 1
            and (
                tg_table_name = 'claims'
                or not exists (
                    select
                    from unnest(claim_ids) as gone (claim_id)
                    where not exists (select from core.claims as claims where claims.claim_id = gone.claim_id)
                )
            );
        perform reporting_int.refresh_derived(one_campaign, array(select distinct unnest(place_ids)));
    end if;
    -- the contested claims of the claims changed: those naming a place came
    -- with refresh_derived (with every claim of the places re-derived); a
    -- claim naming no place, or deleted, comes only here
    perform reporting_int.refresh_placeless_contests(claim_ids);
    return null;
end
$function$;

comment on function reporting_int.claim_rows_changed() is
'Statement trigger of claims, claim_places, denials and corroborations: rewrites the descriptions of the changed claims, re-derives the places the changed rows name (in the claims'' campaign and ''all'' when they belong to one campaign, else in every scope) and their contests (the seed loader sets campaign_db.defer_refresh and refreshes once).';
