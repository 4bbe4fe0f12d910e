-- Hazards and their closed loop (issue #5); document serial counters per jurisdiction, type, year.
CREATE TABLE hazards (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  region_path TEXT NOT NULL,
  grade TEXT NOT NULL CHECK (grade IN ('general', 'major')),
  state TEXT NOT NULL,
  description TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  found_on TEXT NOT NULL,
  deadline TEXT NOT NULL DEFAULT '',
  review_round INTEGER NOT NULL DEFAULT 0,
  supervision_level TEXT NOT NULL DEFAULT '',
  supervising_leader TEXT NOT NULL DEFAULT '',
  reported_to_superior INTEGER NOT NULL DEFAULT 0,
  signatures TEXT NOT NULL DEFAULT '',
  accepted INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL
);
-- Ledger pages are ordered by deadline (none first: registered hazards await an order): by state
-- and deadline when a state is chosen, else by walking the deadline index, which carries the
-- jurisdiction and grade so the walk filters without touching the table.
CREATE INDEX hazards_by_scope_state ON hazards(region_path, state, deadline);
CREATE INDEX hazards_by_state_deadline ON hazards(state, deadline, id);
CREATE INDEX hazards_by_deadline ON hazards(deadline, id, region_path, grade);
CREATE INDEX hazards_by_unit ON hazards(unit_id);

-- Counts by jurisdiction path, state and grade, kept by triggers in the writing transaction, so
-- the ledger's counts by state cost one row per path instead of one per hazard.
CREATE TABLE hazard_counts (
  region_path TEXT NOT NULL,
  state TEXT NOT NULL,
  grade TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (region_path, state, grade)
) WITHOUT ROWID;
CREATE TRIGGER hazard_counts_insert AFTER INSERT ON hazards BEGIN
  INSERT INTO hazard_counts(region_path, state, grade, n) VALUES (NEW.region_path, NEW.state, NEW.grade, 1)
    ON CONFLICT(region_path, state, grade) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER hazard_counts_update AFTER UPDATE OF state, grade, region_path ON hazards BEGIN
  UPDATE hazard_counts SET n = n - 1
    WHERE region_path = OLD.region_path AND state = OLD.state AND grade = OLD.grade;
  INSERT INTO hazard_counts(region_path, state, grade, n) VALUES (NEW.region_path, NEW.state, NEW.grade, 1)
    ON CONFLICT(region_path, state, grade) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER hazard_counts_delete AFTER DELETE ON hazards BEGIN
  UPDATE hazard_counts SET n = n - 1
    WHERE region_path = OLD.region_path AND state = OLD.state AND grade = OLD.grade;
END;

CREATE TABLE hazard_transitions (
  id INTEGER PRIMARY KEY,
  hazard_id INTEGER NOT NULL REFERENCES hazards(id),
  at INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX hazard_transitions_by_hazard ON hazard_transitions(hazard_id, id);

CREATE TABLE document_counters (
  scope_path TEXT NOT NULL,
  doc_type TEXT NOT NULL,
  year INTEGER NOT NULL,
  last_serial INTEGER NOT NULL,
  PRIMARY KEY (scope_path, doc_type, year)
);
