-- grain: statement triggers with no rows of their own: after any statement
-- on parties, sides or places, every derived table (one row per claim; per scope ×
-- place × area, × candidate, × period, × contest, × contested claim) is
-- rewritten (reporting_int.base_tables_changed, revision 0004), unless the
-- session defers it (the seed loader and the importer do).
--
-- A party's name and code and a side's name are part of every claim's
-- description (derived.claim_details), a place's name, kind and slug of
-- every description of a place a claim names (derived.claim_place_details),
-- and all of them of the control periods; revision 0004 caught changes of
-- who is on which side (campaign_parties, campaign_sides, side_members) and
-- of areas, but not of these names. (The seed loader and the importer write
-- places with the refresh deferred, and re-derive what they changed.)

create trigger refresh_derived after insert or update or delete or truncate on core.parties
for each statement execute function reporting_int.base_tables_changed();

create trigger refresh_derived after insert or update or delete or truncate on core.sides
for each statement execute function reporting_int.base_tables_changed();

create trigger refresh_derived after insert or update or delete or truncate on core.places
for each statement execute function reporting_int.base_tables_changed();
