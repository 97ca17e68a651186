-- grain: one row per side key: each side of core.sides, and the party
-- itself for a party that is a side of its own (a campaign with no sides).

create view reporting_int.side_names as

select
    sides.slug as side_key,
    sides.name as side_name
from core.sides as sides

union all

select
    'party:' || parties.code as side_key,
    parties.name as side_name
from core.parties as parties;
