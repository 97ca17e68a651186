-- grain: one row per scope × place × each area it lies in, to any depth,
-- the place itself included (depth 0).
--
-- A campaign's scope follows that campaign's own cited area memberships
-- (core.place_areas), so loading another campaign never changes what an
-- area claim of this one reaches; the 'all' scope follows every campaign's.
-- `in` makes the area an ancestor at the next depth; `beside` ("a village
-- north of Hadrut") passes through the named place without making it an
-- ancestor: the village lies in Hadrut's areas. Memberships two campaigns
-- give in opposite directions make cycles over 'all': `union` drops a row
-- the walk has already reached, so a cycle of `beside` (which adds no
-- depth) ends, and depth is capped at 16 so that a cycle of `in` ends too.
-- A row dropped so would only lead again to the rows it led to before,
-- so each place's least depth per ancestor is the same as over every path.

create view reporting_int.place_lineage as

with recursive

memberships as (

    select
        campaigns.slug as scope,
        place_areas.place_id,
        place_areas.area_id,
        place_areas.relation
    from core.place_areas as place_areas
    inner join core.campaigns as campaigns
        on campaigns.campaign_id = place_areas.campaign_id

    union

    select
        'all' as scope,
        place_areas.place_id,
        place_areas.area_id,
        place_areas.relation
    from core.place_areas as place_areas

),

scoped_places as (

    select
        campaigns.slug as scope,
        links.place_id
    from core.campaign_places as links
    inner join core.campaigns as campaigns
        on campaigns.campaign_id = links.campaign_id

    union

    select
        'all' as scope,
        places.place_id
    from core.places as places

),

walk (scope, place_id, node_id, depth, is_ancestor) as (

    select
        scoped_places.scope,
        scoped_places.place_id,
        scoped_places.place_id as node_id,
        0 as depth,
        true as is_ancestor
    from scoped_places

    -- not `union all`: a row met again is not walked again (see the header)
    union

    select
        walk.scope,
        walk.place_id,
        memberships.area_id as node_id,
        walk.depth + case when memberships.relation = 'in' then 1 else 0 end as depth,
        memberships.relation = 'in' as is_ancestor
    from walk
    inner join memberships
        on
            memberships.scope = walk.scope
            and memberships.place_id = walk.node_id
    where walk.depth < 16

),

final as (

    select
        scope,
        place_id,
        node_id as ancestor_id,
        min(depth) as depth
    from walk
    where is_ancestor
    group by
        scope,
        place_id,
        node_id

)

select
    scope,
    place_id,
    ancestor_id,
    depth
from final;
