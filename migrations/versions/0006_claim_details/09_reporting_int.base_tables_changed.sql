-- grain: statement triggers with no rows of their own: after any statement
-- on parties or sides, every derived table (one row per claim; per scope ×
-- place × area, × candidate, × period, × contest, × contested claim) is
-- rewritten (reporting_int.base_tables_changed, revision 0004), unless the
-- session defers it (the seed loader and the importer do).
--
-- A party's name and code and a side's name are part of every claim's
-- description (derived.claim_details) and of every control period; revision
-- 0004 caught changes of who is on which side (campaign_parties,
-- campaign_sides, side_members) but not of these names.

create trigger refresh_derived after insert or update or delete or truncate on core.parties
for each statement execute function reporting_int.base_tables_changed();

create trigger refresh_derived after insert or update or delete or truncate on core.sides
for each statement execute function reporting_int.base_tables_changed();
