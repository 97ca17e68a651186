-- grain: functions and triggers with no rows of their own: they keep the
-- derived tables (one row per scope × place × area, one row per scope ×
-- place × candidate) equal to the rules:
-- reporting_int.refresh_derived(campaign) rewrites the rows of one
-- campaign's scope and of 'all' (null: every scope) from the reporting_int
-- views; statement triggers on the base tables call it for the campaigns a
-- statement touched, unless the session defers it (the seed loader sets
-- campaign_db.defer_refresh and calls refresh_derived once at the end of its
-- transaction).

create function reporting_int.refresh_derived(for_campaign text)
returns void
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $function$
begin
    if for_campaign is null then
        delete from derived.place_lineage;
        insert into derived.place_lineage (scope, place_id, ancestor_id, depth)
        select lineage.scope, lineage.place_id, lineage.ancestor_id, lineage.depth
        from reporting_int.place_lineage as lineage;
        delete from derived.control_candidates;
        insert into derived.control_candidates
        select
            candidates.scope, candidates.place_id, candidates.claim_id, candidates.claim_key,
            candidates.basis_place_id, candidates.depth, candidates.claim_kind, candidates.actor_party_id,
            candidates.actor_side_key, candidates.target_party_id, candidates.target_side_key,
            candidates.occurred_to, candidates.stated_on, candidates.share_percent, candidates.confirmed_on,
            candidates.denied_on, candidates.corroborated_on, candidates.contradicted_on
        from reporting_int.control_candidates as candidates;
        return;
    end if;
    delete from derived.place_lineage where scope in (for_campaign, 'all');
    insert into derived.place_lineage (scope, place_id, ancestor_id, depth)
    select lineage.scope, lineage.place_id, lineage.ancestor_id, lineage.depth
    from reporting_int.place_lineage as lineage
    where lineage.scope in (for_campaign, 'all');
    delete from derived.control_candidates where scope in (for_campaign, 'all');
    insert into derived.control_candidates
    select
        candidates.scope, candidates.place_id, candidates.claim_id, candidates.claim_key,
        candidates.basis_place_id, candidates.depth, candidates.claim_kind, candidates.actor_party_id,
        candidates.actor_side_key, candidates.target_party_id, candidates.target_side_key,
        candidates.occurred_to, candidates.stated_on, candidates.share_percent, candidates.confirmed_on,
        candidates.denied_on, candidates.corroborated_on, candidates.contradicted_on
    from reporting_int.control_candidates as candidates
    where candidates.scope in (for_campaign, 'all');
end
$function$;

comment on function reporting_int.refresh_derived(text) is
'Rewrite the derived tables (derived.*) of one campaign''s scope and of ''all'' from the rules (null: every scope). Called by the seed loader at the end of a load and by the triggers on the base tables.';

-- after any statement on a base table the rules read: refresh every scope
-- (the loader defers this and refreshes its campaign once, at the end)
create function reporting_int.base_tables_changed()
returns trigger
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $function$
begin
    if coalesce(current_setting('campaign_db.defer_refresh', true), '') = 'on' then
        return null;
    end if;
    perform reporting_int.refresh_derived(null);
    return null;
end
$function$;

comment on function reporting_int.base_tables_changed() is
'Statement trigger of the base tables: keeps the derived tables equal to the rules after a change made outside the seed loader (the loader sets campaign_db.defer_refresh and refreshes once).';

create trigger refresh_derived after insert or update or delete or truncate on core.campaigns
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.claims
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.claim_places
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.denials
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.corroborations
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.sources
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.place_areas
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.campaign_places
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.campaign_parties
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.campaign_sides
for each statement execute function reporting_int.base_tables_changed();
create trigger refresh_derived after insert or update or delete or truncate on core.side_members
for each statement execute function reporting_int.base_tables_changed();
