-- Keeps migration numbers equal on both engines: PostgreSQL's change counter is bumped once per
-- transaction from this version on (see postgres/migrations/0010); SQLite's per-row triggers
-- update the row in place and stay as they are.
SELECT 1;
