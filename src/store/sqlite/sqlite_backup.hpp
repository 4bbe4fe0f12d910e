// Backing up, checking and restoring SQLite databases (`anjian backup` / `anjian restore`,
// docs/deployment.md) without opening a store, so neither command applies migrations to the file
// it reads: a newer binary taking a backup must not change the schema under a running older one.
#pragma once

#include <string>

#include "common/error.hpp"

namespace anjian::store::sqlite {

// Checks that `path` is a sound SQLite database (header, `PRAGMA integrity_check`). Never writes
// to it. Errors (one Chinese line naming the file): kNotFound when it does not exist;
// kInvalidArgument when it is not an SQLite file (a pg_dump archive is named as such) or fails the
// integrity check ("已损坏").
Status CheckDatabaseFile(const std::string& path);

// Copies the database `source` (which a server may be writing) to `target` with the online backup
// API: one consistent snapshot, read-only on the source. The copy goes to a temp file beside
// `target`, must pass `PRAGMA integrity_check`, and is then renamed over `target`, so a failed
// backup never leaves a partial file under the final name. kNotFound when `source` does not
// exist, kInvalidArgument when it is not an SQLite file or is `target` itself.
Status BackupDatabase(const std::string& source, const std::string& target);

// Replaces the contents of the database `target` (created if missing) with the backup `source`,
// atomically: after a failure or a crash the target holds its old contents.
//
// The source must pass CheckDatabaseFile, be an Anjian database (schema_migrations) and not be
// newer than this binary's migrations (kFailedPrecondition otherwise); the target is left
// untouched when any of this fails. The target must not be open in another process: a running
// `anjian serve` keeps it open, and restoring under it would leave its caches describing data
// that is gone, so the restore takes the file exclusively first and answers kUnavailable
// ("数据库正在被使用…") when it cannot. Migrations are not applied here; opening the store does.
Status RestoreDatabase(const std::string& source, const std::string& target);

}  // namespace anjian::store::sqlite
