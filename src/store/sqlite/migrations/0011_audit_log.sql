-- The hash-chained audit log (issue #12, 等保 L3-CES1-12..15). Append-only: triggers refuse UPDATE
-- and DELETE; `anjian audit archive` deletes old entries only while it holds the gate row, and
-- leaves a checkpoint (the last archived seq and hash) from which the kept chain verifies.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_id INTEGER NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  jurisdiction TEXT NOT NULL,
  client_address TEXT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
-- No secondary index: every write of the system pays for each one (measured: two indexes cost 7 %
-- of durable write throughput, docs/security.md), while auditors' filtered queries are rare and
-- scan the table in seq order (well under a second per million entries).

-- The chain head: the last seq and hash. One row; writers update it in their transaction.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_checkpoints (
  seq INTEGER PRIMARY KEY,
  hash TEXT NOT NULL,
  archived_at INTEGER NOT NULL,
  archived_before INTEGER NOT NULL,
  file_sha256 TEXT NOT NULL
);

CREATE TABLE audit_archive_gate (open INTEGER PRIMARY KEY);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  WHEN NOT EXISTS (SELECT 1 FROM audit_archive_gate) BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints BEGIN
  SELECT RAISE(ABORT, 'audit checkpoints are append-only');
END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints BEGIN
  SELECT RAISE(ABORT, 'audit checkpoints are append-only');
END;
