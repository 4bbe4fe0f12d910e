-- Failed-login counters shared by every instance (see the SQLite form).
CREATE TABLE login_throttle (
  key TEXT COLLATE "C" PRIMARY KEY,
  failures BIGINT NOT NULL,
  window_start BIGINT NOT NULL,
  locked_until BIGINT NOT NULL
);
