-- Enforcement signatures bound to accounts (issue #12, defect 6): a team member other than the
-- submitter signs in their own session, or on the submitter's device after re-authenticating; the
-- attestation records which account authenticated the signature and how, and is used by exactly
-- one record. Secrets are never stored: only the method.
CREATE TABLE signature_attestations (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES inspection_tasks(id),
  inspector_id INTEGER NOT NULL REFERENCES inspectors(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  device_user_id INTEGER NOT NULL REFERENCES users(id),
  method TEXT NOT NULL,
  png_sha256 TEXT NOT NULL REFERENCES uploads(sha256),
  client_address TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  record_id INTEGER REFERENCES inspection_records(id)
);
CREATE INDEX signature_attestations_by_task ON signature_attestations(task_id, id);
-- Evidence: only the one-time link to the record that used it may ever be set.
CREATE TRIGGER signature_attestations_no_update BEFORE UPDATE ON signature_attestations
WHEN OLD.record_id IS NOT NULL OR NEW.record_id IS NULL OR NEW.id IS NOT OLD.id
  OR NEW.task_id IS NOT OLD.task_id OR NEW.inspector_id IS NOT OLD.inspector_id
  OR NEW.user_id IS NOT OLD.user_id OR NEW.device_user_id IS NOT OLD.device_user_id
  OR NEW.method IS NOT OLD.method OR NEW.png_sha256 IS NOT OLD.png_sha256
  OR NEW.client_address IS NOT OLD.client_address OR NEW.created_at IS NOT OLD.created_at
BEGIN
  SELECT RAISE(ABORT, 'signature attestations are immutable once used');
END;
CREATE TRIGGER signature_attestations_no_delete BEFORE DELETE ON signature_attestations BEGIN
  SELECT RAISE(ABORT, 'signature attestations are immutable');
END;
