-- Streets merged into this database by `anjian migrate` into an occupied database (issue #13
-- item 5). A merged street's rows keep their values but have every id moved up by `id_offset`
-- (rows id_offset+1 … id_offset+id_ceiling of every id-keyed table came from it), its district
-- mapped onto this database's one with the same name, and its region paths rewritten to match.
-- Hashed evidence (record bodies, plan snapshots, document contents, the audit chain) is copied
-- byte for byte and keeps the street's own ids; `id_offset` translates them.
CREATE TABLE merged_sources (
  id INTEGER PRIMARY KEY,
  street_name TEXT NOT NULL,
  source_file TEXT NOT NULL,
  id_offset INTEGER NOT NULL,
  id_ceiling INTEGER NOT NULL,
  district_from INTEGER NOT NULL,
  district_to INTEGER NOT NULL,
  street_id INTEGER NOT NULL,
  merged_at INTEGER NOT NULL,
  schema_version INTEGER NOT NULL,
  audit_seq INTEGER NOT NULL,
  audit_hash TEXT NOT NULL,
  report_json TEXT NOT NULL
);

-- A merged street's own audit chain, verified on its own (its hashes cover the street's ids and
-- sequence numbers, so it cannot join this database's chain); the merge's entry in this
-- database's chain records the imported head, which anchors it.
CREATE TABLE audit_log_imported (
  source_id INTEGER NOT NULL REFERENCES merged_sources(id),
  seq INTEGER NOT NULL,
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
  hash TEXT NOT NULL,
  PRIMARY KEY (source_id, seq)
);

CREATE TABLE audit_checkpoints_imported (
  source_id INTEGER NOT NULL REFERENCES merged_sources(id),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  archived_at INTEGER NOT NULL,
  archived_before INTEGER NOT NULL,
  file_sha256 TEXT NOT NULL,
  PRIMARY KEY (source_id, seq)
);

CREATE TRIGGER merged_sources_no_update BEFORE UPDATE ON merged_sources BEGIN
  SELECT RAISE(ABORT, 'merged sources are append-only');
END;
CREATE TRIGGER merged_sources_no_delete BEFORE DELETE ON merged_sources BEGIN
  SELECT RAISE(ABORT, 'merged sources are append-only');
END;
CREATE TRIGGER audit_log_imported_no_update BEFORE UPDATE ON audit_log_imported BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_imported_no_delete BEFORE DELETE ON audit_log_imported BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_checkpoints_imported_no_update BEFORE UPDATE ON audit_checkpoints_imported BEGIN
  SELECT RAISE(ABORT, 'audit checkpoints are append-only');
END;
CREATE TRIGGER audit_checkpoints_imported_no_delete BEFORE DELETE ON audit_checkpoints_imported BEGIN
  SELECT RAISE(ABORT, 'audit checkpoints are append-only');
END;

-- A printed QR code carries the document's id and the first 32 hex digits of its content hash;
-- after a merge the id belongs to another document, so verification finds it by the hash.
CREATE INDEX documents_by_hash_prefix ON documents(substr(content_hash, 1, 32));
