-- grain: one row per campaign × party it names, with the party's side in
-- that campaign.
--
-- A party on a side of the campaign (core.side_members) has that side. A
-- party on no side is neutral (a mediator, a neighbour: its sources count as
-- independent), except in a campaign that defines no sides at all (a
-- database upgraded from round 1 before its folder is loaded again), where
-- every party is a side of its own. `side_key` identifies a side across
-- campaigns (its slug), so the answers over all campaigns can tell whether
-- two accounts' parties fight on one side.

create view reporting_int.party_sides as

select
    links.campaign_id,
    links.party_id,
    parties.code as party_code,
    parties.name as party_name,
    coalesce(sides.slug, case when not has_sides.any_side then 'party:' || parties.code end) as side_key,
    coalesce(sides.name, case when not has_sides.any_side then parties.name end) as side_name,
    campaign_sides.position as side_position,
    members.side_id is not null or not has_sides.any_side as is_belligerent
from core.campaign_parties as links
inner join core.parties as parties
    on parties.party_id = links.party_id
cross join
    lateral (
        select exists(
            select from core.campaign_sides as any_sides
            where any_sides.campaign_id = links.campaign_id
        ) as any_side
    ) as has_sides
left join core.side_members as members
    on
        members.campaign_id = links.campaign_id
        and members.party_id = links.party_id
left join core.sides as sides
    on sides.side_id = members.side_id
left join core.campaign_sides as campaign_sides
    on
        campaign_sides.campaign_id = members.campaign_id
        and campaign_sides.side_id = members.side_id;
