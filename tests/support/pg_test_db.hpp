// Databases on the throwaway PostgreSQL cluster that ctest starts for the tests registered with
// anjian_test(... POSTGRESQL) (scripts/pg-test-cluster, fixture tests pg_cluster_start and
// pg_cluster_stop). The cluster is found through $ANJIAN_TEST_PG_STATE/url, which ctest sets.
//
// Every function here (except DropPostgresDatabase) throws std::runtime_error with a message that
// names the URL, the libpq error and the SQLSTATE: a test that needs PostgreSQL and cannot have it
// fails, it never skips. Plain libpq, no Anjian libraries (library anjian_test_pg).
//
// Outside ctest: scripts/pg-test-cluster start build/pg && export ANJIAN_TEST_PG_STATE=build/pg
#pragma once

#include <string>

namespace anjian::test_support {

// libpq URI of the cluster's `postgres` database as the superuser `postgres` (trust
// authentication, unix socket only), e.g.
// postgresql://postgres@/postgres?host=/tmp/anjian-pg.Ab12Cd&port=5432.
// Throws when ANJIAN_TEST_PG_STATE is unset or holds no url (the cluster was not started).
std::string TestPostgresServerUrl();

// The database name for `key`: "t_" followed by 16 hex digits of the 64-bit FNV-1a hash of key.
// The same key gives the same name in every process and every run.
std::string PostgresDatabaseName(const std::string& key);

// Creates the database for `key` (from template1) unless it exists, and returns its libpq URI on
// the test cluster. Calling it again with the same key returns the same URI and keeps the data,
// so a test can close a store and reopen the same database; typically the key is a TempDir path,
// unique per test. Safe when several threads or processes (ctest -j) create the same database at
// once.
std::string PostgresDatabaseUrl(const std::string& key);

// Drops the database for `key`, disconnecting its sessions (WITH (FORCE)). Best effort: does
// nothing if it does not exist, and reports failures on stderr without throwing, so it can run in
// destructors and TearDown.
void DropPostgresDatabase(const std::string& key);

// Runs one SQL statement on the database at `url` (a fresh connection each time) and returns the
// first column of the first row as text; "" when the statement returns no rows, a NULL, or no
// result set (DDL, INSERT without RETURNING). Throws on connection and SQL errors.
std::string PgQueryValue(const std::string& url, const std::string& sql);

// A database for the lifetime of the object: PostgresDatabaseUrl(key) on construction,
// DropPostgresDatabase(key) on destruction.
class ScopedPostgresDatabase {
 public:
  explicit ScopedPostgresDatabase(std::string key);
  ~ScopedPostgresDatabase();
  ScopedPostgresDatabase(const ScopedPostgresDatabase&) = delete;
  ScopedPostgresDatabase& operator=(const ScopedPostgresDatabase&) = delete;

  const std::string& url() const { return url_; }
  const std::string& key() const { return key_; }

 private:
  std::string key_;
  std::string url_;
};

}  // namespace anjian::test_support
