-- grain: one row per place × each of its ancestors, the place itself included
-- (depth 0 = the place, 1 = its parent, 2 = its grandparent, ...), up to
-- 8 levels above the place (country > province > district > town >
-- village needs 4).
--
-- Building block of control inference: a claim about an area (a district, a
-- province) applies to every place below it. The chain is unrolled into a
-- fixed number of self-joins rather than a recursive CTE on purpose: the
-- planner cannot estimate the size of a recursion (it guessed 16 million rows
-- for 30 000 on 10 000 places), and every plan built on top of this view
-- inherits the estimate. A place tree deeper than 8 levels would be
-- cut at the 8th ancestor; tests check the shipped campaigns stay within it.
-- `places` is not materialized so that each join reads core.places with its
-- statistics and primary key.

create view reporting_int.place_lineage as

with

places as not materialized (

    select
        place_id,
        parent_id
    from core.places

),

chains as (

    select
        places.place_id,
        ancestors_1.place_id as ancestor_1_id,
        ancestors_2.place_id as ancestor_2_id,
        ancestors_3.place_id as ancestor_3_id,
        ancestors_4.place_id as ancestor_4_id,
        ancestors_5.place_id as ancestor_5_id,
        ancestors_6.place_id as ancestor_6_id,
        ancestors_7.place_id as ancestor_7_id,
        ancestors_8.place_id as ancestor_8_id
    from places
    left join places as ancestors_1
        on ancestors_1.place_id = places.parent_id
    left join places as ancestors_2
        on ancestors_2.place_id = ancestors_1.parent_id
    left join places as ancestors_3
        on ancestors_3.place_id = ancestors_2.parent_id
    left join places as ancestors_4
        on ancestors_4.place_id = ancestors_3.parent_id
    left join places as ancestors_5
        on ancestors_5.place_id = ancestors_4.parent_id
    left join places as ancestors_6
        on ancestors_6.place_id = ancestors_5.parent_id
    left join places as ancestors_7
        on ancestors_7.place_id = ancestors_6.parent_id
    left join places as ancestors_8
        on ancestors_8.place_id = ancestors_7.parent_id

),

final as (

    select
        chains.place_id,
        steps.ancestor_id,
        steps.depth
    from chains
    cross join lateral (
        values
            (0, chains.place_id),
            (1, chains.ancestor_1_id),
            (2, chains.ancestor_2_id),
            (3, chains.ancestor_3_id),
            (4, chains.ancestor_4_id),
            (5, chains.ancestor_5_id),
            (6, chains.ancestor_6_id),
            (7, chains.ancestor_7_id),
            (8, chains.ancestor_8_id)
    ) as steps (depth, ancestor_id)
    where steps.ancestor_id is not null

)

select
    place_id,
    ancestor_id,
    depth
from final;
