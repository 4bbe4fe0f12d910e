-- Inspections (issue #5): tasks and their teams, signed on-site records (immutable, corrections
-- are new versions), uploaded files by content hash, issued documents (immutable; verified by the
-- hash of their content), idempotency keys of submissions, daily job runs, the enterprise side.
ALTER TABLE users ADD COLUMN inspector_id INTEGER REFERENCES inspectors(id);

CREATE TABLE inspection_tasks (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  region_path TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('scheduled', 'completed', 'cancelled')),
  scheduled_on TEXT NOT NULL,
  half_day TEXT NOT NULL DEFAULT '' CHECK (half_day IN ('', 'am', 'pm')),
  checklist_id TEXT NOT NULL,
  checklist_version INTEGER NOT NULL,
  plan_id INTEGER REFERENCES plans(id),
  plan_item_key TEXT NOT NULL DEFAULT '',
  hazard_id INTEGER REFERENCES hazards(id),
  note TEXT NOT NULL DEFAULT '',
  record_id INTEGER,
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE UNIQUE INDEX tasks_by_plan_item ON inspection_tasks(plan_id, plan_item_key) WHERE plan_id IS NOT NULL;
CREATE INDEX tasks_by_scope_day ON inspection_tasks(region_path, scheduled_on, id);
CREATE INDEX tasks_by_day ON inspection_tasks(scheduled_on, id);
CREATE INDEX tasks_by_unit ON inspection_tasks(unit_id);

CREATE TABLE inspection_task_members (
  task_id INTEGER NOT NULL REFERENCES inspection_tasks(id),
  position INTEGER NOT NULL,
  inspector_id INTEGER NOT NULL REFERENCES inspectors(id),
  PRIMARY KEY (task_id, position)
) WITHOUT ROWID;
CREATE INDEX task_members_by_inspector ON inspection_task_members(inspector_id, task_id);

CREATE TABLE inspection_records (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES inspection_tasks(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  region_path TEXT NOT NULL,
  record_version INTEGER NOT NULL,
  supersedes_id INTEGER REFERENCES inspection_records(id),
  correction_reason TEXT NOT NULL DEFAULT '',
  body_json TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  signed_by INTEGER NOT NULL,
  signed_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX records_by_task_version ON inspection_records(task_id, record_version);
CREATE INDEX records_by_unit ON inspection_records(unit_id, id);
-- A signed record is evidence: the database itself refuses to change or remove it.
CREATE TRIGGER inspection_records_no_update BEFORE UPDATE ON inspection_records BEGIN
  SELECT RAISE(ABORT, 'signed inspection records are immutable');
END;
CREATE TRIGGER inspection_records_no_delete BEFORE DELETE ON inspection_records BEGIN
  SELECT RAISE(ABORT, 'signed inspection records are immutable');
END;

CREATE TABLE uploads (
  sha256 TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('photo', 'signature')),
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  taken_at TEXT NOT NULL DEFAULT '',
  region_path TEXT NOT NULL,
  uploaded_by INTEGER NOT NULL,
  uploaded_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  doc_type TEXT NOT NULL,
  number TEXT NOT NULL,
  year INTEGER NOT NULL,
  serial INTEGER NOT NULL,
  issuer_path TEXT NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  region_path TEXT NOT NULL,
  record_id INTEGER REFERENCES inspection_records(id),
  hazard_id INTEGER REFERENCES hazards(id),
  content_json TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  issued_by INTEGER NOT NULL,
  issued_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX documents_by_number ON documents(issuer_path, number);
CREATE INDEX documents_by_scope ON documents(region_path, id);
CREATE INDEX documents_by_unit ON documents(unit_id, id);
CREATE INDEX documents_by_record ON documents(record_id);
CREATE INDEX documents_by_hazard ON documents(hazard_id);
CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents BEGIN
  SELECT RAISE(ABORT, 'issued documents are immutable');
END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents BEGIN
  SELECT RAISE(ABORT, 'issued documents are immutable');
END;

-- A retried submission (same user, same client key) gets the stored answer instead of a second record.
CREATE TABLE idempotency_keys (
  user_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response_body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
) WITHOUT ROWID;

ALTER TABLE hazards ADD COLUMN task_id INTEGER REFERENCES inspection_tasks(id);
ALTER TABLE hazards ADD COLUMN record_id INTEGER REFERENCES inspection_records(id);
ALTER TABLE hazards ADD COLUMN overdue_since TEXT NOT NULL DEFAULT '';
ALTER TABLE hazards ADD COLUMN escalated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE hazard_transitions ADD COLUMN evidence TEXT NOT NULL DEFAULT '';

-- One run of a daily job per day (the row is the lock; #6 adds an advisory lock across instances).
CREATE TABLE job_runs (
  job TEXT NOT NULL,
  day TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL DEFAULT 0,
  result TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (job, day)
) WITHOUT ROWID;

CREATE TABLE self_inspections (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  region_path TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('daily', 'periodic')),
  done_on TEXT NOT NULL,
  checklist_id TEXT NOT NULL,
  checklist_version INTEGER NOT NULL,
  body_json TEXT NOT NULL,
  nonconforming INTEGER NOT NULL,
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX self_inspections_by_unit ON self_inspections(unit_id, done_on);
CREATE INDEX self_inspections_by_scope ON self_inspections(region_path, done_on);

CREATE TABLE notices (
  id INTEGER PRIMARY KEY,
  scope_path TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  published_by INTEGER NOT NULL,
  published_at INTEGER NOT NULL
);
CREATE TABLE notice_receipts (
  notice_id INTEGER NOT NULL REFERENCES notices(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  signer_name TEXT NOT NULL,
  signature TEXT NOT NULL,
  signed_by INTEGER NOT NULL,
  signed_at INTEGER NOT NULL,
  PRIMARY KEY (notice_id, unit_id)
) WITHOUT ROWID;
