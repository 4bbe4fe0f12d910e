-- Failed-login counters move from process memory into the database, so a lockout holds on every
-- instance behind the load balancer (issue #6).
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start INTEGER NOT NULL,
  locked_until INTEGER NOT NULL
) WITHOUT ROWID;
