-- Signature images live in the database, written in the same transaction as the record that
-- carries them: one durable commit per submission instead of two fsyncs per signature file.
-- Photos stay in the content-addressed file store (they are large and uploaded on their own).
CREATE TABLE upload_bytes (
  sha256 TEXT COLLATE "C" PRIMARY KEY REFERENCES uploads(sha256),
  bytes BYTEA NOT NULL
);
