-- A counter bumped by every change of the registry (units, regions), in the same transaction
-- as the change. Readers compare it to decide whether a cached page is still current; it is
-- maintained by triggers so every writer (server, CLI import, another process) bumps it.
CREATE TABLE change_counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO change_counters(name, value) VALUES ('registry', 0), ('roster', 0);

CREATE TRIGGER units_changed_insert AFTER INSERT ON units BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'registry';
END;
CREATE TRIGGER units_changed_update AFTER UPDATE ON units BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'registry';
END;
CREATE TRIGGER units_changed_delete AFTER DELETE ON units BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'registry';
END;
CREATE TRIGGER regions_changed_insert AFTER INSERT ON regions BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'registry';
END;
CREATE TRIGGER regions_changed_update AFTER UPDATE ON regions BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'registry';
END;
CREATE TRIGGER regions_changed_delete AFTER DELETE ON regions BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'registry';
END;
CREATE TRIGGER inspectors_changed_insert AFTER INSERT ON inspectors BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'roster';
END;
CREATE TRIGGER inspectors_changed_update AFTER UPDATE ON inspectors BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'roster';
END;
CREATE TRIGGER inspectors_changed_delete AFTER DELETE ON inspectors BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'roster';
END;
