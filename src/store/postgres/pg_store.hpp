// PostgreSQL implementation of store::Store for district and city deployments: a pool of libpq
// connections shared by the server's threads, several instances on one database.
//
// Isolation: reads run in REPEATABLE READ READ ONLY transactions (one snapshot per session, as
// SQLite's). Writes run in READ COMMITTED; every write the application races on is atomic on its
// own: optimistic updates (`WHERE id = ? AND version = ?` waits for the row lock and re-checks),
// document serials (an upsert that locks the counter row until commit), job claims (insert on
// conflict do nothing under an advisory lock), idempotency keys (a transaction-scoped advisory
// lock per key). Unlike SQLite, write sessions run concurrently.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/pg_connection.hpp"
#include "store/sql/migrations.hpp"
#include "store/store.hpp"

namespace anjian::store::postgres {

struct PgStoreOptions {
  int pool_max = 32;              // connections per instance (the URI's `pool_max` parameter)
  int pool_timeout_seconds = 10;  // wait for a free connection before answering kUnavailable
};

class PgStore final : public Store {
 public:
  // `url` is a postgresql:// URI; anjian's own parameters (pool_max) are taken out before libpq
  // sees it. Connects, applies pending migrations, keeps the connection in the pool.
  static Result<std::unique_ptr<PgStore>> Open(const std::string& url);

  Result<std::unique_ptr<StoreSession>> Read() override;
  Result<std::unique_ptr<StoreSession>> Write() override;
  std::string_view Kind() const override { return "postgresql"; }
  StoreMetrics Metrics() const override;

  const std::string& conninfo() const { return conninfo_; }

 private:
  PgStore(std::string conninfo, PgStoreOptions options)
      : conninfo_(std::move(conninfo)), options_(options) {}
  // A pooled connection with `begin` run on it; a connection found dead (the server restarted)
  // is replaced once per pooled connection before giving up with kUnavailable.
  Result<std::unique_ptr<PgConnection>> Acquire(const char* begin);
  void Release(std::unique_ptr<PgConnection> connection, bool healthy);

  std::string conninfo_;
  PgStoreOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  int open_ = 0;  // idle + lent
  int lent_ = 0;
  std::atomic<std::int64_t> waits_{0};
  std::atomic<std::int64_t> unavailable_{0};
};

// The migration scripts for PostgreSQL (generated from migrations/*.sql), versions matching
// SQLite's so `anjian migrate` can tell both schemas are current.
const std::vector<sql::Migration>& PostgresMigrations();

// Splits anjian's own query parameters off a postgresql:// URI.
Result<std::pair<std::string, PgStoreOptions>> ParsePgUrl(const std::string& url);

}  // namespace anjian::store::postgres
