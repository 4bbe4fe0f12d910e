-- The PostgreSQL form of sqlite/migrations/0014: the day of each signed record's inspection as a
-- column, filled for existing records from the start time inside their signed body while the
-- immutability trigger stands aside for that one statement.
ALTER TABLE inspection_records ADD COLUMN inspected_on TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE inspection_records DISABLE TRIGGER inspection_records_immutable;
UPDATE inspection_records SET inspected_on = COALESCE(substr((body_json::jsonb) ->> 'started_at', 1, 10), '');
ALTER TABLE inspection_records ENABLE TRIGGER inspection_records_immutable;
CREATE INDEX records_by_unit_day ON inspection_records(unit_id, inspected_on);
CREATE INDEX records_by_supersedes ON inspection_records(supersedes_id);
