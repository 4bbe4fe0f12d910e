-- Registry, roster, accounts, history. Every registry row carries region_path so a
-- jurisdiction scope is a range scan on an index.
CREATE TABLE regions (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES regions(id),
  level TEXT NOT NULL CHECK (level IN ('district','street','community','village','grid')),
  code TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  path TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX regions_sibling_name ON regions(COALESCE(parent_id, 0), name);
CREATE INDEX regions_path ON regions(path);

CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  credit_code TEXT NOT NULL UNIQUE,
  credit_code_override INTEGER NOT NULL DEFAULT 0,
  credit_code_override_reason TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  community_id INTEGER NOT NULL REFERENCES regions(id),
  grid_id INTEGER REFERENCES regions(id),
  region_path TEXT NOT NULL,
  categories TEXT NOT NULL,
  industry_section TEXT NOT NULL DEFAULT '',
  level TEXT NOT NULL CHECK (level IN ('level1','level2','level3')),
  risk TEXT NOT NULL CHECK (risk IN ('red','orange','yellow','blue')),
  accident_last_year INTEGER NOT NULL DEFAULT 0,
  major_hazard_source INTEGER NOT NULL DEFAULT 0,
  employees INTEGER NOT NULL DEFAULT 0,
  supervising_department TEXT NOT NULL DEFAULT '',
  safety_manager TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('operating','suspended','closed')),
  is_key INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX units_region_path ON units(region_path, id);
CREATE INDEX units_community ON units(community_id);
CREATE INDEX units_grid ON units(grid_id);

CREATE TABLE inspectors (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  employee_no TEXT NOT NULL UNIQUE,
  department TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL,
  certificate_no TEXT NOT NULL DEFAULT '',
  certificate_valid_until TEXT,
  jurisdiction_id INTEGER NOT NULL REFERENCES regions(id),
  region_path TEXT NOT NULL,
  recusal_codes TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX inspectors_region_path ON inspectors(region_path, id);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  jurisdiction_id INTEGER REFERENCES regions(id),
  unit_id INTEGER REFERENCES units(id),
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE history (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  action TEXT NOT NULL,
  actor TEXT NOT NULL,
  at INTEGER NOT NULL,
  snapshot TEXT NOT NULL
);
CREATE INDEX history_entity ON history(entity, entity_id, id);

CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  actor TEXT NOT NULL,
  at INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  imported INTEGER NOT NULL,
  error_count INTEGER NOT NULL,
  dry_run INTEGER NOT NULL
);
