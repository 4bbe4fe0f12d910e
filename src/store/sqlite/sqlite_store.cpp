#include "store/sqlite/sqlite_store.hpp"

#include "store/sql/migrations.hpp"
#include "store/sql/sql_session.hpp"

namespace anjian::store::sqlite {

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(path));
  ANJIAN_ASSIGN_OR_RETURN(store->writer_, Connection::Open(path));
  ANJIAN_TRY(store->Migrate());
  return store;
}

Status SqliteStore::Migrate() { return sql::ApplyMigrations(*writer_, SqliteMigrations()); }

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
  auto release = [this](std::unique_ptr<sql::Connection> used, bool healthy) {
    if (healthy)
      ReleaseReader(std::unique_ptr<Connection>(static_cast<Connection*>(used.release())));
  };
  return std::unique_ptr<StoreSession>(new sql::SqlSession(std::move(connection), false, release));
}

Result<std::unique_ptr<StoreSession>> SqliteStore::Write() {
  std::unique_lock lock(write_mutex_);
  ANJIAN_TRY(writer_->Run("BEGIN IMMEDIATE"));
  auto session = std::make_unique<sql::SqlSession>(*writer_, std::move(lock));
  session->RequireAuditEntry(audit_required());
  return std::unique_ptr<StoreSession>(std::move(session));
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
