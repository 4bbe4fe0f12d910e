// SQLite implementation of store::Store: one writer connection behind a mutex (SQLite allows
// one writer), a pool of reader connections (WAL lets them read while the writer writes).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sql/migrations.hpp"
#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace anjian::store::sqlite {

class SqliteStore final : public Store {
 public:
  // Opens or creates the database file and applies pending migrations.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);

  Result<std::unique_ptr<StoreSession>> Read() override;
  Result<std::unique_ptr<StoreSession>> Write() override;
  std::string_view Kind() const override { return "sqlite"; }

  // Returns a reader connection to the pool (called by read sessions).
  void ReleaseReader(std::unique_ptr<Connection> connection);
  // SQLite online backup of the whole database into `target_path`.
  Status Backup(const std::string& target_path);

 private:
  explicit SqliteStore(std::string path) : path_(std::move(path)) {}
  Status Migrate();

  std::string path_;
  std::mutex write_mutex_;
  std::unique_ptr<Connection> writer_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Connection>> readers_;
};

// The migration scripts compiled into the binary, in order (generated from migrations/*.sql).
const std::vector<sql::Migration>& SqliteMigrations();

}  // namespace anjian::store::sqlite
