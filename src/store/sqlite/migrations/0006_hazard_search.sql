-- Free-text search of the hazard ledger (description and unit name) through an FTS5 trigram
-- index, so a search does not scan millions of rows; kept current by triggers. Queries shorter
-- than three characters fall back to a scan (trigrams need three).
CREATE VIRTUAL TABLE hazard_search USING fts5(description, unit_name, tokenize = 'trigram');
INSERT INTO hazard_search(rowid, description, unit_name)
  SELECT h.id, h.description, u.name FROM hazards h JOIN units u ON u.id = h.unit_id;
CREATE TRIGGER hazard_search_insert AFTER INSERT ON hazards BEGIN
  INSERT INTO hazard_search(rowid, description, unit_name)
    VALUES (NEW.id, NEW.description, (SELECT name FROM units WHERE id = NEW.unit_id));
END;
CREATE TRIGGER hazard_search_update AFTER UPDATE OF description ON hazards BEGIN
  UPDATE hazard_search SET description = NEW.description WHERE rowid = NEW.id;
END;
CREATE TRIGGER hazard_search_delete AFTER DELETE ON hazards BEGIN
  DELETE FROM hazard_search WHERE rowid = OLD.id;
END;
CREATE TRIGGER hazard_search_unit_rename AFTER UPDATE OF name ON units BEGIN
  UPDATE hazard_search SET unit_name = NEW.name WHERE rowid IN (SELECT id FROM hazards WHERE unit_id = NEW.id);
END;
