// Thin RAII wrappers over the SQLite C API: a connection with a prepared-statement cache and
// a statement with typed binds and column reads. Not thread-safe: one thread per connection.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/error.hpp"

namespace anjian::store::sqlite {

class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Statement& operator=(Statement&&) = delete;
  // Resets and clears bindings so the cached statement can be reused.
  ~Statement() {
    if (stmt_ == nullptr) return;
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Statement& Bind(int index, bool value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const std::string& value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& BindNull(int index);
  Statement& BindBlob(int index, std::string_view bytes);
  template <typename T>
  Statement& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }

  // True while a row is available; errors become Error values.
  Result<bool> Step();
  // Runs to completion, ignoring rows.
  Status Run();
  // Makes the statement ready for new bindings (keeps the current ones until rebound).
  void Reset() { sqlite3_reset(stmt_); }

  std::int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string Text(int column) const;
  std::string Blob(int column) const;

 private:
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  // Opens (creating if needed) and applies the durability pragmas: WAL, synchronous=FULL,
  // foreign_keys=ON, busy_timeout.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Status Exec(std::string_view sql);
  // Runs one statement through the prepared-statement cache (BEGIN/COMMIT/ROLLBACK run on every
  // request; sqlite3_exec would re-compile them each time).
  Status Run(std::string_view sql);
  // A cached prepared statement; valid until the next Prepare of the same SQL text.
  Result<Statement> Prepare(std::string_view sql);
  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  sqlite3* raw() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// Runs a write statement; a uniqueness violation becomes `duplicate` (a message naming the
// field the user can fix) instead of SQLite's text.
Status RunUnique(Statement& stmt, Error duplicate);

// Maps an SQLite result code to an Error (constraint → kAlreadyExists/kInvalidArgument,
// busy → kUnavailable, others → kInternal) with the library's message for the log.
Error ErrorFromSqlite(sqlite3* db, int rc, std::string_view context);

}  // namespace anjian::store::sqlite
