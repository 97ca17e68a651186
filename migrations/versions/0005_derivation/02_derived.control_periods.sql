-- grain: an index of derived.control_periods (one row per scope × place ×
-- control period) by place alone: one place's periods in every scope (a
-- timeline over all of them) are an index probe; the primary key leads
-- with the scope.

create index ix_control_periods_place_id on derived.control_periods (place_id);
