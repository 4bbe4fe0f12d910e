-- Planned leave days per year of each inspector (an input of the plan's capacity).
ALTER TABLE inspectors ADD COLUMN leave_days BIGINT NOT NULL DEFAULT 0 CHECK (leave_days BETWEEN 0 AND 366);
