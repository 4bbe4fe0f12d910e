-- Free-text search of the hazard ledger: trigram GIN indexes (pg_trgm, a trusted extension any
-- database owner may create) answer LIKE '%…%' on the description and the unit name, where
-- SQLite uses an FTS5 trigram table.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX hazards_description_trgm ON hazards USING gin (description gin_trgm_ops);
CREATE INDEX units_name_trgm ON units USING gin (name gin_trgm_ops);
