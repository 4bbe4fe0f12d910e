#include "store/sqlite/sqlite_store.hpp"

#include "store/sqlite/sqlite_session.hpp"

namespace anjian::store::sqlite {

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(path));
  ANJIAN_ASSIGN_OR_RETURN(store->writer_, Connection::Open(path));
  ANJIAN_TRY(store->Migrate());
  return store;
}

Status SqliteStore::Migrate() {
  ANJIAN_TRY(writer_->Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
      "NULL, applied_at INTEGER NOT NULL DEFAULT (strftime('%s','now')))"));
  int current = 0;
  {
    ANJIAN_ASSIGN_OR_RETURN(auto stmt, writer_->Prepare("SELECT COALESCE(MAX(version),0) FROM schema_migrations"));
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (row) current = static_cast<int>(stmt.Int(0));
  }
  for (const auto& migration : SqliteMigrations()) {
    if (migration.version <= current) continue;
    // Each migration and its bookkeeping row commit together, so a crash leaves either the
    // old schema or the new one.
    ANJIAN_TRY(writer_->Exec("BEGIN IMMEDIATE"));
    Status applied = writer_->Exec(migration.sql);
    if (applied.ok()) {
      auto stmt = writer_->Prepare("INSERT INTO schema_migrations(version, name) VALUES (?, ?)");
      applied = stmt.ok() ? stmt->Bind(1, migration.version).Bind(2, migration.name).Run()
                          : Status(stmt.error());
    }
    if (!applied.ok()) {
      (void)writer_->Exec("ROLLBACK");
      return Error::Internal(std::string("数据库迁移失败 ") + migration.name + ": " +
                             applied.error().message);
    }
    ANJIAN_TRY(writer_->Exec("COMMIT"));
  }
  return Ok();
}

Result<std::unique_ptr<StoreSession>> SqliteStore::Read() {
  std::unique_ptr<Connection> connection;
  {
    std::lock_guard lock(pool_mutex_);
    if (!readers_.empty()) {
      connection = std::move(readers_.back());
      readers_.pop_back();
    }
  }
  if (!connection) {
    ANJIAN_ASSIGN_OR_RETURN(connection, Connection::Open(path_));
  }
  ANJIAN_TRY(connection->Run("BEGIN"));
  return std::unique_ptr<StoreSession>(
      new SqliteSession(*this, std::move(connection), std::unique_lock<std::mutex>()));
}

Result<std::unique_ptr<StoreSession>> SqliteStore::Write() {
  std::unique_lock lock(write_mutex_);
  ANJIAN_TRY(writer_->Run("BEGIN IMMEDIATE"));
  return std::unique_ptr<StoreSession>(new SqliteSession(*this, *writer_, std::move(lock)));
}

void SqliteStore::ReleaseReader(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(pool_mutex_);
  if (readers_.size() < 16) readers_.push_back(std::move(connection));
}

Status SqliteStore::Backup(const std::string& target_path) {
  ANJIAN_ASSIGN_OR_RETURN(auto target, Connection::Open(target_path));
  std::lock_guard lock(write_mutex_);
  sqlite3_backup* backup = sqlite3_backup_init(target->raw(), "main", writer_->raw(), "main");
  if (!backup) return ErrorFromSqlite(target->raw(), sqlite3_errcode(target->raw()), "backup");
  const int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return ErrorFromSqlite(target->raw(), rc, "backup");
  return Ok();
}

}  // namespace anjian::store::sqlite
