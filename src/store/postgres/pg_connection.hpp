// The PostgreSQL engine behind the sql::Connection port, on libpq. Statements are prepared on the
// server once per connection (named s1, s2, …) and executed with text parameters, so the server
// infers each parameter's type from the SQL; bytea travels in binary. Results are read whole
// (lists are paged, bulk reads walk by key), which keeps nested statements on one connection safe.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/error.hpp"
#include "store/sql/sql_connection.hpp"

namespace anjian::store::postgres {

class PgConnection;

class PgStatement final : public sql::StatementImpl {
 public:
  PgStatement(PgConnection& connection, std::string name, std::string sql,
              const std::vector<bool>& used);
  ~PgStatement() override;

  void BindInt(int index, std::int64_t value) override;
  void BindText(int index, std::string_view value) override;
  void BindBlob(int index, std::string_view bytes) override;
  void BindNull(int index) override;
  Result<bool> Step() override;
  void Reset() override;
  void Clear() override;
  std::int64_t Int(int column) const override;
  bool IsNull(int column) const override;
  std::string Text(int column) const override;
  std::string Blob(int column) const override;

 private:
  struct Parameter {
    std::string value;
    bool null = true;
    bool binary = false;
  };
  Parameter& At(int index);
  Status Execute();

  PgConnection& connection_;
  std::string name_;
  std::string sql_;
  bool prepared_ = false;
  std::vector<Parameter> parameters_;
  std::vector<Oid> types_;     // 0 (inferred) for parameters the SQL uses, text for skipped ones
  std::size_t too_large_ = 0;  // size of a bound value over kMaxValueBytes; Step() refuses to run
  PGresult* result_ = nullptr;
  int row_ = -1;
};

class PgConnection final : public sql::Connection {
 public:
  // Connects with a libpq URI or keyword string. Errors are one line (kUnavailable when the server
  // cannot be reached, kInvalidArgument when the string itself is malformed).
  static Result<std::unique_ptr<PgConnection>> Open(const std::string& conninfo);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
  Status Exec(std::string_view sql) override;
  Result<sql::Statement> Prepare(std::string_view sql) override;
  Status RunUnique(sql::Statement& stmt, Error duplicate) override;
  Result<std::int64_t> LastInsertId() override;
  std::int64_t Changes() const override { return changes_; }
  bool Healthy() const override { return PQstatus(conn_) == CONNECTION_OK; }

  PGconn* raw() { return conn_; }
  void set_changes(std::int64_t changes) { changes_ = changes; }

 private:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  PGconn* conn_;
  std::unordered_map<std::string, std::unique_ptr<PgStatement>> cache_;
  std::int64_t changes_ = 0;
};

// Maps a failed libpq result (or a connection failure when `result` is null) to an Error by
// SQLSTATE: unique → kAlreadyExists, foreign key → kFailedPrecondition, check/not-null/raise →
// kInvalidArgument, connection loss, shutdown, serialization failure → kUnavailable.
Error ErrorFromPg(PGconn* conn, const PGresult* result, std::string_view context);

// SQLite-style parameters (`?`, `?N`) as PostgreSQL's `$N`, outside string literals and quoted
// identifiers; `used[i]` tells whether `$(i+1)` occurs (its size is the highest index). SQLite
// lets a statement skip an index that shared bind code fills; PostgreSQL must be told its type.
std::string ToPgParameters(std::string_view sql, std::vector<bool>* used);

// The first line of a libpq message without the "FATAL:"/"ERROR:" prefix.
std::string FirstLine(std::string_view message);

}  // namespace anjian::store::postgres
