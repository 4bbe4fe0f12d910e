#include "store/sqlite/connection.hpp"

#include <memory>

namespace anjian::store::sqlite {

Error ErrorFromSqlite(sqlite3* db, int rc, std::string_view context) {
  const std::string detail =
      std::string(context) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xFF) {
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Error::AlreadyExists("记录已存在（唯一性冲突）: " + detail);
      }
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
        return Error::FailedPrecondition("关联数据不存在或仍被引用: " + detail);
      }
      return Error::InvalidArgument("数据不满足约束: " + detail);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error::Unavailable("数据库繁忙，请稍后重试: " + detail);
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return Error::Unavailable("数据库写入失败（磁盘）: " + detail);
    default:
      return Error::Internal("数据库错误: " + detail);
  }
}

void SqliteStatement::BindText(int index, std::string_view value) {
  if (value.size() >= sql::kMaxValueBytes) {
    too_large_ = value.size();
    return;
  }
  sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void SqliteStatement::BindBlob(int index, std::string_view bytes) {
  if (bytes.size() >= sql::kMaxValueBytes) {
    too_large_ = bytes.size();
    return;
  }
  sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
}

std::string SqliteStatement::Blob(int column) const {
  const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  if (!data) return {};
  return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

Result<bool> SqliteStatement::Step() {
  if (too_large_ != 0) return sql::ValueTooLarge(too_large_);
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return ErrorFromSqlite(sqlite3_db_handle(stmt_),
                         sqlite3_extended_errcode(sqlite3_db_handle(stmt_)), "step");
}

std::string SqliteStatement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!text) return {};
  return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

Status Connection::RunUnique(sql::Statement& stmt, Error duplicate) {
  auto run = stmt.Run();
  if (!run.ok() && run.error().code == ErrorCode::kAlreadyExists) return duplicate;
  return run;
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message =
        "无法打开数据库 " + path + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return Error::Unavailable(std::move(message));
  }
  sqlite3_extended_result_codes(db, 1);
  std::unique_ptr<Connection> connection(new Connection(db));
  // synchronous=FULL: an acknowledged write must survive power loss and kill -9 (issue #2).
  // cache_size 32 MiB: a 100k-row import no longer spills dirty pages mid-transaction
  // (measured 6.5 s → 4.8 s for 100k rows).
  ANJIAN_TRY(connection->Exec(
      "PRAGMA busy_timeout=10000; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
      "PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768;"));
  return connection;
}

Connection::~Connection() {
  cache_.clear();
  sqlite3_close_v2(db_);
}

Status Connection::Exec(std::string_view sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    sqlite3_free(message);
    return ErrorFromSqlite(db_, sqlite3_extended_errcode(db_), "exec");
  }
  return Ok();
}

Result<sql::Statement> Connection::Prepare(std::string_view sql) {
  std::string key(sql);
  auto it = cache_.find(key);
  if (it != cache_.end()) return sql::Statement(it->second.get());
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, key.c_str(), static_cast<int>(key.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return ErrorFromSqlite(db_, rc, "prepare");
  auto owned = std::make_unique<SqliteStatement>(stmt);
  sql::StatementImpl* impl = owned.get();
  cache_.emplace(std::move(key), std::move(owned));
  return sql::Statement(impl);
}

}  // namespace anjian::store::sqlite
