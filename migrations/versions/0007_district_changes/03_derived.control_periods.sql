-- grain: an index of derived.control_periods (one row per scope × place ×
-- control period) by scope and report area, settlements only: the periods
-- of the settlements of a few areas (whose counts a re-derivation
-- rewrites, reporting_int.refresh_district_changes) are an index probe.

create index ix_control_periods_campaign_district_id on derived.control_periods (campaign, district_id)
where is_settlement;
