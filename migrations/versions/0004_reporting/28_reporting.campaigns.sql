-- grain: one row per campaign: what the database holds of each account.

create view reporting.campaigns as

select
    campaigns.slug as campaign,
    campaigns.title as campaign_title,
    (
        select count(*) from core.documents as documents where documents.campaign_id = campaigns.campaign_id
    ) as documents,
    (
        select string_agg(distinct documents.licence, '; ')
        from core.documents as documents
        where documents.campaign_id = campaigns.campaign_id
    ) as licence,
    campaigns.period_start_on as first_day,
    campaigns.period_end_on as last_day,
    (
        select
            string_agg(
                sides.name || ' (' || (
                    select string_agg(parties.code, ', ' order by parties.code)
                    from core.side_members as members
                    inner join core.parties as parties
                        on parties.party_id = members.party_id
                    where
                        members.campaign_id = campaign_sides.campaign_id
                        and members.side_id = campaign_sides.side_id
                ) || ')',
                ' | '
                order by campaign_sides.position
            )
        from core.campaign_sides as campaign_sides
        inner join core.sides as sides
            on sides.side_id = campaign_sides.side_id
        where campaign_sides.campaign_id = campaigns.campaign_id
    ) as sides,
    (select count(*) from core.claims as claims where claims.campaign_id = campaigns.campaign_id) as claims,
    (
        select count(*) from core.campaign_places as links where links.campaign_id = campaigns.campaign_id
    ) as places,
    (select count(*) from core.denials as denials where denials.campaign_id = campaigns.campaign_id) as denials,
    (
        select count(*)
        from core.corroborations as corroborations
        where corroborations.campaign_id = campaigns.campaign_id
    ) as corroborations,
    (select count(*) from core.losses as losses where losses.campaign_id = campaigns.campaign_id) as losses,
    campaigns.war,
    campaigns.version,
    campaigns.report_area_kind,
    campaigns.seed_sha256,
    (
        select string_agg(documents.title, '; ' order by documents.slug)
        from core.documents as documents
        where documents.campaign_id = campaigns.campaign_id
    ) as document_titles,
    (
        select string_agg(documents.url, '; ' order by documents.slug)
        from core.documents as documents
        where documents.campaign_id = campaigns.campaign_id
    ) as document_urls
from core.campaigns as campaigns;

comment on view reporting.campaigns is
'The campaigns the database holds: one row per campaign (one account of a war, loaded from one seed folder), with its documents, licence, days, sides and how many claims, places, denials, corroborations and losses it holds.';
comment on column reporting.campaigns.campaign is 'The campaign''s slug: the value of the campaign column in every other view.';
comment on column reporting.campaigns.campaign_title is 'The campaign''s title.';
comment on column reporting.campaigns.documents is 'Number of source documents.';
comment on column reporting.campaigns.licence is 'The documents'' licences (e.g. CC BY-SA 4.0): what reuse of the data must respect.';
comment on column reporting.campaigns.first_day is 'First day of the campaign''s period (the days control_daily and the report cover).';
comment on column reporting.campaigns.last_day is 'Last day of the campaign''s period.';
comment on column reporting.campaigns.sides is 'The sides, in the campaign''s order, each with its parties'' codes: control changes hands only between sides.';
comment on column reporting.campaigns.claims is 'Number of claims.';
comment on column reporting.campaigns.places is 'Number of places the campaign names.';
comment on column reporting.campaigns.denials is 'Number of denials.';
comment on column reporting.campaigns.corroborations is 'Number of corroborations.';
comment on column reporting.campaigns.losses is 'Number of loss figures.';
comment on column reporting.campaigns.war is 'The war the campaign belongs to.';
comment on column reporting.campaigns.version is 'The dataset version of the campaign''s seed folder (MAJOR.MINOR.PATCH).';
comment on column reporting.campaigns.report_area_kind is 'The place kind the campaign''s reports group by (the district column of the other views).';
comment on column reporting.campaigns.seed_sha256 is 'SHA-256 over every file of the seed folder as loaded: identifies the exact data release.';
comment on column reporting.campaigns.document_titles is 'The documents'' titles.';
comment on column reporting.campaigns.document_urls is 'The documents'' addresses, where recorded.';
