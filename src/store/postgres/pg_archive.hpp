// Backups of a PostgreSQL store through PostgreSQL's own tools (`anjian backup` / `anjian restore`,
// docs/deployment.md): pg_dump custom-format archives, restored with pg_restore in one
// transaction. The tools run as child processes with an argument vector (no shell). A password
// in the URI (user:password@ or ?password=) is taken out of the arguments, which other local
// users can read in /proc, and handed to the tool as PGPASSWORD; no message names it.
#pragma once

#include <string>

#include "common/error.hpp"

namespace anjian::store::postgres {

// What a client tool needs to connect: the URI without anjian's parameters (pool_max) and without
// the password (percent-decoded into `password`, empty when the URI has none).
struct ToolConnection {
  std::string url;
  std::string password;
};
Result<ToolConnection> ToolConnectionFor(const std::string& url);

// The PostgreSQL client program `name` (pg_dump, pg_restore): the first executable on PATH, else
// the newest /usr/lib/postgresql/<major>/bin/<name> (Debian keeps them there). kFailedPrecondition
// naming the package to install when there is none.
Result<std::string> FindClientTool(const std::string& name);

// Writes a custom-format archive (pg_dump --format=custom) of the database at `url` to `file`.
// The dump goes to a temp file beside `file` that is renamed over it only when pg_dump succeeded,
// so a failed backup never leaves a partial archive under the final name. Errors are one line
// with pg_dump's own reason.
Status DumpDatabase(const std::string& url, const std::string& file);

// kInvalidArgument unless `file` starts with the pg_dump custom-format magic "PGDMP" (an SQLite
// file is named as such); kNotFound when it does not exist.
Status CheckArchiveFile(const std::string& file);

// Restores the archive into the database at `url`: pg_restore --clean --if-exists --no-owner
// --single-transaction, so either every object of the archive is replaced or nothing changed.
// Refused before anything runs (kFailedPrecondition) when the archive holds no schema_migrations
// table (not an Anjian backup) or the database has tables the archive lacks (a newer schema: the
// restored migration history would not match them). Migrations are not applied here; opening
// the store does.
Status RestoreDatabase(const std::string& url, const std::string& file);

}  // namespace anjian::store::postgres
