-- Change counters bumped in the writing transaction (see the SQLite form). One bump per
-- statement is enough: readers only compare values for equality.
CREATE TABLE change_counters (
  name TEXT COLLATE "C" PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO change_counters(name, value) VALUES ('registry', 0), ('roster', 0);

CREATE FUNCTION bump_change_counter() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = TG_ARGV[0];
  RETURN NULL;
END $$;

CREATE TRIGGER units_changed AFTER INSERT OR UPDATE OR DELETE ON units
  FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('registry');
CREATE TRIGGER regions_changed AFTER INSERT OR UPDATE OR DELETE ON regions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('registry');
CREATE TRIGGER inspectors_changed AFTER INSERT OR UPDATE OR DELETE ON inspectors
  FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('roster');
