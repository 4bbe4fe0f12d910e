-- The hash-chained audit log (see the SQLite form). Append-only by trigger; deletion only inside
-- `anjian audit archive`, which sets anjian.audit_archive for its transaction. Deployments should
-- also run the server as a role without UPDATE/DELETE/TRUNCATE on these tables (docs/security.md).
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor_id BIGINT NOT NULL,
  actor TEXT COLLATE "C" NOT NULL,
  role TEXT COLLATE "C" NOT NULL,
  jurisdiction TEXT COLLATE "C" NOT NULL,
  client_address TEXT COLLATE "C" NOT NULL,
  action TEXT COLLATE "C" NOT NULL,
  target_type TEXT COLLATE "C" NOT NULL,
  target_id TEXT COLLATE "C" NOT NULL,
  outcome TEXT COLLATE "C" NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT COLLATE "C" NOT NULL,
  hash TEXT COLLATE "C" NOT NULL
);
-- No secondary index: every write of the system pays for each one (measured: two indexes cost 7 %
-- of durable write throughput, docs/security.md), while auditors' filtered queries are rare and
-- scan the table in seq order (well under a second per million entries).

CREATE TABLE audit_head (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,
  hash TEXT COLLATE "C" NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_checkpoints (
  seq BIGINT PRIMARY KEY,
  hash TEXT COLLATE "C" NOT NULL,
  archived_at BIGINT NOT NULL,
  archived_before BIGINT NOT NULL,
  file_sha256 TEXT COLLATE "C" NOT NULL
);

CREATE TABLE audit_archive_gate (open BIGINT PRIMARY KEY);

CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_log' AND EXISTS (SELECT 1 FROM audit_archive_gate) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, audit_checkpoints FROM PUBLIC;
