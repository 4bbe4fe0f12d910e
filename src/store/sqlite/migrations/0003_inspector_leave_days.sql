-- Planned leave days per year (年休假等请假天数) of each inspector, an input of the plan's
-- capacity computation (非执法工作日).
ALTER TABLE inspectors ADD COLUMN leave_days INTEGER NOT NULL DEFAULT 0 CHECK (leave_days BETWEEN 0 AND 366);
