-- The day each signed record's inspection took place (issue #13 item 4), as a column of its own so
-- that a unit's last inspection and its inspection history come from signed records: the two-year
-- rule (R-FREQ-7) and "not drawn again within N months" read real history. Existing records get it
-- from the start time inside their signed body; the immutability trigger stands aside for that one
-- statement only.
ALTER TABLE inspection_records ADD COLUMN inspected_on TEXT NOT NULL DEFAULT '';
DROP TRIGGER inspection_records_no_update;
UPDATE inspection_records SET inspected_on = COALESCE(substr(json_extract(body_json, '$.started_at'), 1, 10), '');
CREATE TRIGGER inspection_records_no_update BEFORE UPDATE ON inspection_records BEGIN
  SELECT RAISE(ABORT, 'signed inspection records are immutable');
END;
CREATE INDEX records_by_unit_day ON inspection_records(unit_id, inspected_on);
CREATE INDEX records_by_supersedes ON inspection_records(supersedes_id);
