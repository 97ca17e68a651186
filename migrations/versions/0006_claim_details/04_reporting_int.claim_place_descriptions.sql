-- grain: one row per claim × place it names, with the place's name and
-- kind, its report area in the claim's campaign, the place's role in the
-- claim, and the denials and corroborations of the claim that reach it
-- (those naming the place, and those naming no place).
--
-- The rule behind the place columns of reporting.claims (revision 0005's
-- text of that view, for the place half of its rows); derived.claim_place_details
-- keeps its rows. The report area is looked up per row, as
-- reporting_int.place_details finds it: the nearest area, itself included,
-- of the campaign's report-area kind, then by slug; a place the campaign
-- does not list has no lineage in its scope, so no area.

create view reporting_int.claim_place_descriptions as

select
    claim_places.claim_id,
    claim_places.place_id,
    places.name as place_name,
    places.kind as place_kind,
    places.slug as place_slug,
    places.kind in ('city', 'town', 'village', 'settlement') as is_settlement,
    claim_places.role as place_role,
    claim_places.share_percent,
    report_areas.district_name as district,
    report_areas.district_id,
    (
        select count(*)
        from core.denials as denials
        where
            denials.claim_id = claim_places.claim_id
            and (denials.place_id is null or denials.place_id = claim_places.place_id)
    ) as denials,
    (
        select count(*)
        from core.corroborations as corroborations
        where
            corroborations.claim_id = claim_places.claim_id
            and (corroborations.place_id is null or corroborations.place_id = claim_places.place_id)
    ) as corroborations
from core.claim_places as claim_places
inner join core.claims as claims
    on claims.claim_id = claim_places.claim_id
inner join core.campaigns as campaigns
    on campaigns.campaign_id = claims.campaign_id
inner join core.places as places
    on places.place_id = claim_places.place_id
left join lateral (
    select
        areas.place_id as district_id,
        areas.name as district_name
    from derived.place_lineage as lineage
    inner join core.places as areas
        on
            areas.place_id = lineage.ancestor_id
            and areas.kind = campaigns.report_area_kind
    where
        lineage.scope = campaigns.slug
        and lineage.place_id = claim_places.place_id
    order by
        lineage.depth,
        areas.slug
    limit 1
) as report_areas on true;

comment on view reporting_int.claim_place_descriptions is
'The rule describing each place a claim names (name, kind, report area in the claim''s campaign, role, denials and corroborations reaching it) from the base tables; derived.claim_place_details keeps its rows, read by reporting.claims.';
