// The SQLite engine behind the sql::Connection port: a connection with a prepared-statement
// cache and the durability pragmas. Not thread-safe: one thread per connection.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/error.hpp"
#include "store/sql/sql_connection.hpp"

namespace anjian::store::sqlite {

class SqliteStatement final : public sql::StatementImpl {
 public:
  explicit SqliteStatement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void BindInt(int index, std::int64_t value) override { sqlite3_bind_int64(stmt_, index, value); }
  void BindText(int index, std::string_view value) override;
  void BindBlob(int index, std::string_view bytes) override;
  void BindNull(int index) override { sqlite3_bind_null(stmt_, index); }
  Result<bool> Step() override;
  void Reset() override { sqlite3_reset(stmt_); }
  void Clear() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    too_large_ = 0;
  }
  std::int64_t Int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  bool IsNull(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  std::string Text(int column) const override;
  std::string Blob(int column) const override;

 private:
  sqlite3_stmt* stmt_;
  std::size_t too_large_ = 0;  // size of a bound value over kMaxValueBytes; Step() refuses to run
};

class Connection final : public sql::Connection {
 public:
  // Opens (creating if needed) and applies the durability pragmas: WAL, synchronous=FULL,
  // foreign_keys=ON, busy_timeout.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
  Status Exec(std::string_view sql) override;
  Result<sql::Statement> Prepare(std::string_view sql) override;
  Status RunUnique(sql::Statement& stmt, Error duplicate) override;
  Result<std::int64_t> LastInsertId() override { return sqlite3_last_insert_rowid(db_); }
  std::int64_t Changes() const override { return sqlite3_changes(db_); }
  sqlite3* raw() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> cache_;
};

// Maps an SQLite result code to an Error (constraint → kAlreadyExists/kInvalidArgument,
// busy → kUnavailable, others → kInternal) with the library's message for the log.
Error ErrorFromSqlite(sqlite3* db, int rc, std::string_view context);

}  // namespace anjian::store::sqlite
