#include "store/sql/migrations.hpp"

#include <ctime>
#include <string>

namespace anjian::store::sql {

namespace {

// pg_advisory_xact_lock key of schema migrations ("anjian-m" in ASCII).
constexpr const char* kPgMigrationLock = "SELECT pg_advisory_xact_lock(7957658932858334573)";

Result<int> CurrentVersion(Connection& db) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db.Prepare("SELECT COALESCE(MAX(version),0) FROM schema_migrations"));
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? static_cast<int>(stmt.Int(0)) : 0;
}

}  // namespace

Status ApplyMigrations(Connection& db, const std::vector<Migration>& migrations) {
  const bool postgres = db.dialect() == Dialect::kPostgres;
  if (postgres) {
    // Two instances starting at once both reach CREATE TABLE; the lock orders them.
    ANJIAN_TRY(
        db.Exec(std::string("BEGIN; ") + kPgMigrationLock +
                "; CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
                "name TEXT NOT NULL, applied_at BIGINT NOT NULL); COMMIT"));
  } else {
    ANJIAN_TRY(db.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
        "NULL, applied_at INTEGER NOT NULL DEFAULT (strftime('%s','now')))"));
  }
  ANJIAN_ASSIGN_OR_RETURN(int current, CurrentVersion(db));
  for (const auto& migration : migrations) {
    if (migration.version <= current) continue;
    ANJIAN_TRY(db.Run(postgres ? "BEGIN" : "BEGIN IMMEDIATE"));
    Status applied = Ok();
    if (postgres) {
      // Another instance may have applied it while we waited for the lock.
      applied = db.Exec(kPgMigrationLock);
      if (applied.ok()) {
        auto now_current = CurrentVersion(db);
        if (!now_current.ok()) {
          applied = now_current.error();
        } else if (*now_current >= migration.version) {
          (void)db.Run("ROLLBACK");
          current = *now_current;
          continue;
        }
      }
    }
    if (applied.ok()) applied = db.Exec(migration.sql);
    if (applied.ok()) {
      auto stmt =
          db.Prepare("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)");
      applied = stmt.ok() ? stmt->Bind(1, migration.version)
                                .Bind(2, migration.name)
                                .Bind(3, static_cast<std::int64_t>(std::time(nullptr)))
                                .Run()
                          : Status(stmt.error());
    }
    if (!applied.ok()) {
      (void)db.Run("ROLLBACK");
      return Error::Internal(std::string("数据库迁移失败 ") + migration.name + ": " +
                             applied.error().message);
    }
    ANJIAN_TRY(db.Run("COMMIT"));
    current = migration.version;
  }
  return Ok();
}

}  // namespace anjian::store::sql
