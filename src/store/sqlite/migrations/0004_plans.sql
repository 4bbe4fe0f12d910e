-- Annual plans (issue #4). A plan is a chain of revisions: revision 1 is compiled (with the
-- input snapshot that `plan verify` re-runs); later revisions are adjustments with their diff.
CREATE TABLE seed_commitments (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  scope_path TEXT NOT NULL,
  commitment TEXT NOT NULL CHECK (length(commitment) = 64),
  committed_at INTEGER NOT NULL,
  committed_by INTEGER NOT NULL,
  plan_id INTEGER
);

CREATE TABLE plans (
  id INTEGER PRIMARY KEY,
  root_id INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  year INTEGER NOT NULL,
  scope_path TEXT NOT NULL,
  title TEXT NOT NULL,
  policy_name TEXT NOT NULL,
  status TEXT NOT NULL,
  seed TEXT NOT NULL,
  seed_commitment TEXT NOT NULL,
  committed_at INTEGER NOT NULL,
  input_hash TEXT NOT NULL,
  input_json TEXT NOT NULL,
  plan_json TEXT NOT NULL,
  summary_json TEXT NOT NULL,
  adjustment_json TEXT NOT NULL,
  reapproval_due TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE (root_id, revision)
);
CREATE INDEX plans_by_scope_year ON plans(scope_path, year);

CREATE TABLE plan_events (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans(id),
  at INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  action TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX plan_events_by_plan ON plan_events(plan_id, id);
