-- grain: a function with no rows of its own: it rewrites the derived tables
-- (one row per claim; per scope × place × area, × span of days reported,
-- × candidate, × control period, × contest, × contested claim, × report
-- area's day of change) for one campaign's scope and 'all' (null: every
-- scope), and within them, when `for_places` is given, only for those
-- places and every place inside them.
--
-- As in revision 0008 (08_reporting_int.refresh_derived.sql), except that
-- the contests of some places are rewritten in two parts:
--   - every kind, for the claims naming the places the caller named (the
--     claims it changed among them): a contest other than conflicting
--     control pairs a claim with its own evidence or with another claim,
--     found by the claims' own places (a repeat claim, the latest earlier
--     claim of a place), so only these claims' rows can have changed;
--   - conflicting control alone, for every other claim of the places
--     re-derived (a district's 2 000 claims for a one-claim edit of a
--     war): their control walks were rewritten, nothing else of theirs was.
-- Both read the same fresh walks, so a row of a claim in both parts is
-- written alike; the second part leaves out the claims of the first.
--
-- Planned anew on every call (plan_cache_mode force_custom_plan), as
-- reporting_int.refresh_contest_rows explains: a generic plan knows
-- neither the scope nor the places or claims.

create or replace function reporting_int.refresh_derived(for_campaign text, for_places integer[] default null)
returns void
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
set jit = off
set plan_cache_mode = force_custom_plan
as $function$
declare
    scopes text[] := case when for_campaign is null then null else array[for_campaign, 'all'] end;
    places integer[];
    own_places integer[];
    copy_to_all boolean := false;
    -- the scopes whose areas' counts are rewritten: 'all' even when copied
    counted_scopes text[] := scopes;
    counted_scope text;
    -- the areas in 'all' of the places a whole scope copies there, before the copy
    areas_before integer[];
    -- the claims naming the places the caller named
    named_claims integer[];
begin
    if for_campaign is not null and for_places is null then
        -- A campaign that shares no place with another (that no other
        -- campaign lists, names in a claim or places in an area; now, or in
        -- what was derived for it before) and lists every place it uses has
        -- in 'all' exactly its own answers: no other campaign's claims or
        -- areas reach its places. Its 'all' rows are then copied from its
        -- own scope, and 'all' is not recomputed for the other campaigns'
        -- places (reporting_int.answers_copied_to_all).
        own_places := array(
            select touched.place_id
            from reporting_int.campaign_place_uses as touched
            where touched.campaign = for_campaign
            union
            select lineage.place_id
            from derived.place_lineage as lineage
            where lineage.scope = for_campaign
        );
        copy_to_all := reporting_int.answers_copied_to_all(for_campaign, own_places);
        if copy_to_all then
            scopes := array[for_campaign];
            areas_before := array(
                select details.district_id
                from derived.place_details as details
                where
                    details.scope = 'all'
                    and details.place_id = any(own_places)
                    and details.district_id is not null
            );
        end if;
    end if;
    if for_places is null then
        -- a whole scope: its lineage first (an area membership that changed
        -- moves places into or out of areas), then everything built on it
        delete from derived.place_lineage
        where scopes is null or scope = any(scopes);
        insert into derived.place_lineage (scope, place_id, ancestor_id, depth)
        select lineage.scope, lineage.place_id, lineage.ancestor_id, lineage.depth
        from reporting_int.place_lineage as lineage
        where scopes is null or lineage.scope = any(scopes);
        -- a whole scope rewritten: fresh statistics before the next steps read it
        -- (planned on the old row counts, a join of a bulk import runs for minutes)
        analyze derived.place_lineage;
        -- the days it reports its places on
        delete from derived.report_spans as spans
        where scopes is null or spans.scope = any(scopes);
        insert into derived.report_spans (scope, place_id, span_from, span_to)
        select spans.campaign, spans.place_id, spans.span_from, spans.span_to
        from reporting_int.report_spans as spans
        where scopes is null or spans.campaign = any(scopes);
        analyze derived.report_spans;
        -- its places described (their report areas read the lineage)
        delete from derived.place_details
        where scopes is null or scope = any(scopes);
        insert into derived.place_details (
            scope, place_id, place_slug, place_name, place_kind, district_id, district_name, is_settlement, latitude,
            longitude, coordinate_precision
        )
        select
            places.scope, places.place_id, places.place_slug, places.place_name, places.place_kind,
            places.district_id, places.district_name, places.is_settlement, places.latitude, places.longitude,
            places.coordinate_precision
        from reporting_int.place_descriptions as places
        where scopes is null or places.scope = any(scopes);
        -- the descriptions of its claims (they read its sources, parties,
        -- sides and lineage), with fresh statistics for the next steps
        perform reporting_int.refresh_claim_details(for_campaign, null);
        analyze derived.claim_details;
        analyze derived.claim_place_details;
    else
        -- some places (the lineage has not changed): those, every place
        -- inside them, and every place inside an area above them that a
        -- control claim names (a capture inside an area can contradict the
        -- area's claim, which every place of the area inherits)
        select array_agg(distinct inside.place_id) into places
        from derived.place_lineage as touched
        inner join derived.place_lineage as inside
            on
                inside.scope = touched.scope
                and inside.ancestor_id = touched.ancestor_id
        where
            (scopes is null or touched.scope = any(scopes))
            and touched.place_id = any(for_places)
            and (
                touched.depth = 0
                or exists (
                    select from derived.control_candidates as area_claims
                    where
                        area_claims.scope = touched.scope
                        and area_claims.place_id = touched.ancestor_id
                        and area_claims.depth = 0
                )
            );
        places := coalesce(places, '{}') || for_places;
        if for_campaign is not null then
            -- The same for these places alone, with every area around them:
            -- when the campaign lists them all and no other campaign uses
            -- any, their 'all' rows are copied from the campaign's own.
            copy_to_all := reporting_int.answers_copied_to_all(
                for_campaign,
                array(
                    select lineage.ancestor_id
                    from derived.place_lineage as lineage
                    where
                        lineage.scope = any(scopes)
                        and lineage.place_id = any(places)
                    union
                    select unnest(places)
                )
            );
            if copy_to_all then
                scopes := array[for_campaign];
            end if;
        end if;
    end if;

    delete from derived.control_candidates as candidates
    where
        (scopes is null or candidates.scope = any(scopes))
        and (places is null or candidates.place_id = any(places));
    insert into derived.control_candidates
    select
        candidates.scope, candidates.place_id, candidates.claim_id, candidates.claim_key,
        candidates.basis_place_id, candidates.depth, candidates.claim_kind, candidates.actor_party_id,
        candidates.actor_side_key, candidates.target_party_id, candidates.target_side_key,
        candidates.occurred_to, candidates.stated_on, candidates.share_percent, candidates.confirmed_on,
        candidates.denied_on, candidates.corroborated_on, candidates.contradicted_on,
        greatest(
            coalesce(candidates.stated_on, 'infinity'), candidates.confirmed_on, candidates.denied_on,
            candidates.corroborated_on, candidates.contradicted_on
        )
    from unnest(coalesce(scopes, array(select scopes.scope from reporting_int.scopes as scopes))) as scope_list (scope)
    cross join lateral reporting_int.control_candidates_of(scope_list.scope, places) as candidates;
    if places is null then
        analyze derived.control_candidates;
    end if;

    delete from derived.control_periods as periods
    where
        (scopes is null or periods.campaign = any(scopes))
        and (places is null or periods.place_id = any(places));
    delete from derived.control_contests as contests
    where
        (scopes is null or contests.scope = any(scopes))
        and (places is null or contests.place_id = any(places));
    insert into derived.control_periods (
        campaign, campaign_title, place_id, place_name, place_kind, district, controller, controller_code,
        controller_side, valid_from, valid_to, since, basis, status, evidence, claim_id, claimant, claimant_party,
        basis_place_id, basis_place_name, counter_claim_id, counter_claimant, counter_side, counter_kind,
        share_percent, district_id, is_settlement, place_slug, claim_slug
    )
    select
        answers.campaign, answers.campaign_title, answers.place_id, answers.place_name, answers.place_kind,
        answers.district, answers.controller, answers.controller_code, answers.controller_side,
        answers.valid_from, answers.valid_to, answers.since, answers.basis, answers.status, answers.evidence,
        answers.claim_id, answers.claimant, answers.claimant_party, answers.basis_place_id,
        answers.basis_place_name, answers.counter_claim_id, answers.counter_claimant, answers.counter_side,
        answers.counter_kind, answers.share_percent, answers.district_id, answers.is_settlement,
        answers.place_slug, answers.claim_slug
    from unnest(coalesce(scopes, array(select scopes.scope from reporting_int.scopes as scopes))) as scope_list (scope)
    cross join lateral reporting_int.control_answers(null, null, scope_list.scope, places) as answers;
    insert into derived.control_contests (scope, place_id, day, claim_id, counter_claim_id)
    select distinct walks.scope, walks.place_id, walks.day, walks.claim_id, walks.counter_claim_id
    from unnest(coalesce(scopes, array(select scopes.scope from reporting_int.scopes as scopes))) as scope_list (scope)
    cross join lateral reporting_int.control_walks(null, null, scope_list.scope, places) as walks
    where walks.event = 'contest';
    if places is null then
        analyze derived.control_periods;
        analyze derived.control_contests;
    end if;

    if copy_to_all then
        -- 'all' for the campaign's places (those refreshed, or all it ever named)
        places := coalesce(places, own_places);
        delete from derived.place_lineage as lineage
        where lineage.scope = 'all' and lineage.place_id = any(places);
        insert into derived.place_lineage (scope, place_id, ancestor_id, depth)
        select 'all', lineage.place_id, lineage.ancestor_id, lineage.depth
        from derived.place_lineage as lineage
        where lineage.scope = for_campaign and lineage.place_id = any(places);
        delete from derived.place_details as details
        where details.scope = 'all' and details.place_id = any(places);
        insert into derived.place_details (
            scope, place_id, place_slug, place_name, place_kind, district_id, district_name, is_settlement, latitude,
            longitude, coordinate_precision
        )
        select
            'all', details.place_id, details.place_slug, details.place_name, details.place_kind,
            details.district_id, details.district_name, details.is_settlement, details.latitude, details.longitude,
            details.coordinate_precision
        from derived.place_details as details
        where details.scope = for_campaign and details.place_id = any(places);
        delete from derived.control_candidates as candidates
        where candidates.scope = 'all' and candidates.place_id = any(places);
        insert into derived.control_candidates
        select
            'all', candidates.place_id, candidates.claim_id, candidates.claim_key, candidates.basis_place_id,
            candidates.depth, candidates.claim_kind, candidates.actor_party_id, candidates.actor_side_key,
            candidates.target_party_id, candidates.target_side_key, candidates.occurred_to, candidates.stated_on,
            candidates.share_percent, candidates.confirmed_on, candidates.denied_on, candidates.corroborated_on,
            candidates.contradicted_on, candidates.known_on
        from derived.control_candidates as candidates
        where candidates.scope = for_campaign and candidates.place_id = any(places);
        delete from derived.control_periods as periods
        where periods.campaign = 'all' and periods.place_id = any(places);
        insert into derived.control_periods (
            campaign, campaign_title, place_id, place_name, place_kind, district, controller, controller_code,
            controller_side, valid_from, valid_to, since, basis, status, evidence, claim_id, claimant,
            claimant_party, basis_place_id, basis_place_name, counter_claim_id, counter_claimant, counter_side,
            counter_kind, share_percent, district_id, is_settlement, place_slug, claim_slug
        )
        select
            'all', all_scope.scope_title, periods.place_id, periods.place_name, periods.place_kind,
            periods.district, periods.controller, periods.controller_code, periods.controller_side,
            periods.valid_from, periods.valid_to, periods.since, periods.basis, periods.status, periods.evidence,
            periods.claim_id, periods.claimant, periods.claimant_party, periods.basis_place_id,
            periods.basis_place_name, periods.counter_claim_id, periods.counter_claimant, periods.counter_side,
            periods.counter_kind, periods.share_percent, periods.district_id, periods.is_settlement,
            periods.place_slug, periods.claim_slug
        from derived.control_periods as periods
        inner join reporting_int.scopes as all_scope
            on all_scope.scope = 'all'
        where periods.campaign = for_campaign and periods.place_id = any(places);
        delete from derived.control_contests as contests
        where contests.scope = 'all' and contests.place_id = any(places);
        insert into derived.control_contests (scope, place_id, day, claim_id, counter_claim_id)
        select 'all', contests.place_id, contests.day, contests.claim_id, contests.counter_claim_id
        from derived.control_contests as contests
        where contests.scope = for_campaign and contests.place_id = any(places);
        if for_places is null then
            delete from derived.report_spans as spans
            where spans.scope = 'all' and spans.place_id = any(places);
            insert into derived.report_spans (scope, place_id, span_from, span_to)
            select 'all', spans.place_id, spans.span_from, spans.span_to
            from derived.report_spans as spans
            where spans.scope = for_campaign and spans.place_id = any(places);
        end if;
    end if;

    -- the settlement counts of the report areas: a whole scope's (and in
    -- 'all', when copied, of the areas of its places now and before), or
    -- those of the areas of the places re-derived
    if for_places is null then
        delete from derived.district_changes as changes
        where scopes is null or changes.scope = any(scopes);
        insert into derived.district_changes (scope, district_id, district, controller_side, day, delta)
        select changes.scope, changes.district_id, changes.district, changes.controller_side, changes.day, changes.delta
        from reporting_int.district_changes as changes
        where scopes is null or changes.scope = any(scopes);
        analyze derived.district_changes;
        if copy_to_all then
            perform reporting_int.refresh_district_changes(
                'all',
                areas_before || array(
                    select details.district_id
                    from derived.place_details as details
                    where
                        details.scope = 'all'
                        and details.place_id = any(places)
                        and details.district_id is not null
                )
            );
        end if;
    else
        foreach counted_scope in array coalesce(
            counted_scopes, array(select scopes.scope from reporting_int.scopes as scopes)
        ) loop
            perform reporting_int.refresh_district_changes(
                counted_scope,
                array(
                    select distinct details.district_id
                    from derived.place_details as details
                    where
                        details.scope = counted_scope
                        and details.place_id = any(places)
                        and details.district_id is not null
                )
            );
        end loop;
    end if;

    -- the contested claims: for some places, every kind of the claims that
    -- name a place the caller named (the caller adds the claims it changed:
    -- one naming no place is reached only so), and the conflicting control
    -- of every other claim that names or reaches a place re-derived; else
    -- of the campaign (and its 'all' rows; every 'all' row when it shares a
    -- place), or of every campaign
    if for_places is not null then
        named_claims := array(
            select distinct named.claim_id
            from core.claim_places as named
            where named.place_id = any(for_places)
        );
        perform reporting_int.refresh_contest_rows(named_claims, null);
        perform reporting_int.refresh_contest_rows(
            array(
                select candidates.claim_id
                from derived.control_candidates as candidates
                where
                    (scopes is null or candidates.scope = any(scopes))
                    and candidates.place_id = any(places)
                union
                select named.claim_id
                from core.claim_places as named
                where named.place_id = any(places)
                except
                select unnest(named_claims)
            ),
            array['conflicting_control']
        );
    elsif for_campaign is not null then
        perform reporting_int.refresh_contests(array[for_campaign], not copy_to_all);
    else
        perform reporting_int.refresh_contests(null, true);
    end if;
end
$function$;
