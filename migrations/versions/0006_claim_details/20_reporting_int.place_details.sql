-- grain: one row per scope × place the scope names, with the place's
-- report area ("district").
--
-- Revision 0004's view, with the same columns, now read from
-- derived.place_details, where the rule (reporting_int.place_descriptions)
-- keeps its rows: the control answers of a few places read those places'
-- rows by key.

create or replace view reporting_int.place_details as

select
    details.scope,
    details.place_id,
    details.place_slug,
    details.place_name,
    details.place_kind,
    details.district_id,
    details.district_name,
    details.is_settlement,
    details.latitude,
    details.longitude,
    details.coordinate_precision
from derived.place_details as details;
