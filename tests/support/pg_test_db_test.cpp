// The PostgreSQL test harness itself: the cluster ctest starts (scripts/pg-test-cluster) is the
// one the store tests expect, and pg_test_db gives each key its own database, the same one again
// for the same key, also when several threads create it at once.
#include "support/pg_test_db.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.hpp"

namespace anjian::test_support {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::StartsWith;

// How many databases named `name` the cluster has ("0" or "1").
std::string DatabaseCount(const std::string& name) {
  return PgQueryValue(TestPostgresServerUrl(),
                      "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'");
}

// Sets an environment variable for the scope of the object, then restores it.
class ScopedEnvironment {
 public:
  ScopedEnvironment(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnvironment() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(PgTestDbTest, ServerUrlReachesTheThrowawayCluster) {
  const std::string url = TestPostgresServerUrl();
  EXPECT_THAT(url, MatchesRegex("postgresql://postgres@/postgres\\?host=/tmp/anjian-pg\\..*"));
  EXPECT_EQ(PgQueryValue(url, "SELECT 1"), "1");
  EXPECT_THAT(PgQueryValue(url, "SHOW server_version_num"), StartsWith("15"));
  // Socket only, durable like production, UTF-8 with a ctype that knows Chinese letters.
  EXPECT_EQ(PgQueryValue(url, "SHOW listen_addresses"), "");
  EXPECT_EQ(PgQueryValue(url, "SHOW fsync"), "on");
  EXPECT_EQ(PgQueryValue(url, "SHOW max_connections"), "200");
  EXPECT_EQ(PgQueryValue(url, "SHOW server_encoding"), "UTF8");
  EXPECT_EQ(PgQueryValue(url, "SHOW lc_ctype"), "C.UTF-8");
  EXPECT_EQ(
      PgQueryValue(url, "SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'"),
      "1");
}

TEST(PgTestDbTest, TheSameKeyGivesTheSameDatabaseAndKeepsItsData) {
  TempDir dir;
  const std::string name = PostgresDatabaseName(dir.path());
  const std::string url = PostgresDatabaseUrl(dir.path());
  EXPECT_THAT(url, HasSubstr("@/" + name + "?host="));
  EXPECT_EQ(PgQueryValue(url, "SELECT current_database()"), name);
  PgQueryValue(url, "CREATE TABLE kept (value text)");
  PgQueryValue(url, "INSERT INTO kept VALUES ('解放街道')");

  // "Close and reopen": asking again is no error and finds the data.
  EXPECT_EQ(PostgresDatabaseUrl(dir.path()), url);
  EXPECT_EQ(PgQueryValue(url, "SELECT value FROM kept"), "解放街道");
  EXPECT_EQ(DatabaseCount(name), "1");

  DropPostgresDatabase(dir.path());
  EXPECT_EQ(DatabaseCount(name), "0");
  DropPostgresDatabase(dir.path());  // already gone: nothing happens
  // A new database for the same key starts empty.
  EXPECT_EQ(PgQueryValue(PostgresDatabaseUrl(dir.path()),
                         "SELECT count(*) FROM pg_tables WHERE tablename = 'kept'"),
            "0");
  DropPostgresDatabase(dir.path());
}

TEST(PgTestDbTest, DifferentKeysGiveDifferentDatabases) {
  TempDir first, second;
  ScopedPostgresDatabase a(first.path()), b(second.path());
  EXPECT_NE(a.url(), b.url());
  EXPECT_NE(PostgresDatabaseName(first.path()), PostgresDatabaseName(second.path()));
  PgQueryValue(a.url(), "CREATE TABLE only_in_a (id int)");
  EXPECT_EQ(PgQueryValue(b.url(), "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_a'"),
            "0");
}

TEST(PgTestDbTest, NamesAreStableAcrossProcessesAndRuns) {
  EXPECT_EQ(PostgresDatabaseName(""), "t_cbf29ce484222325");  // FNV-1a offset basis
  EXPECT_EQ(PostgresDatabaseName("/tmp/anjian-test-abc123"),
            PostgresDatabaseName("/tmp/anjian-test-abc123"));
  EXPECT_THAT(PostgresDatabaseName("/tmp/anjian-test-abc123"), MatchesRegex("t_[0-9a-f]{16}"));
}

TEST(PgTestDbTest, ScopedDatabaseIsDroppedAtTheEndOfTheScope) {
  TempDir dir;
  const std::string name = PostgresDatabaseName(dir.path());
  {
    ScopedPostgresDatabase database(dir.path());
    EXPECT_EQ(DatabaseCount(name), "1");
    // A session still connected does not stop the drop (WITH (FORCE)).
    EXPECT_EQ(PgQueryValue(database.url(), "SELECT 1"), "1");
  }
  EXPECT_EQ(DatabaseCount(name), "0");
}

TEST(PgTestDbTest, ConcurrentCreationOfOneDatabaseSucceedsEverywhere) {
  TempDir dir;
  constexpr int kThreads = 8;
  std::vector<std::string> urls(kThreads);
  std::vector<std::string> errors(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      try {
        urls[i] = PostgresDatabaseUrl(dir.path());
      } catch (const std::exception& error) {
        errors[i] = error.what();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_EQ(errors[i], "") << "thread " << i;
    EXPECT_EQ(urls[i], urls[0]) << "thread " << i;
  }
  DropPostgresDatabase(dir.path());
}

TEST(PgTestDbTest, PgTrgmMatchesChineseText) {
  // With LC_CTYPE=C PostgreSQL sees no letters in Chinese text and pg_trgm finds no trigrams.
  TempDir dir;
  ScopedPostgresDatabase database(dir.path());
  PgQueryValue(database.url(), "CREATE EXTENSION pg_trgm");
  EXPECT_EQ(PgQueryValue(database.url(), "SELECT similarity('解放街道安全', '解放街道') > 0.3"),
            "t");
}

TEST(PgTestDbTest, PgQueryValueReturnsEmptyForNoRowsAndNull) {
  const std::string url = TestPostgresServerUrl();
  EXPECT_EQ(PgQueryValue(url, "SELECT 1 WHERE false"), "");
  EXPECT_EQ(PgQueryValue(url, "SELECT NULL"), "");
  EXPECT_EQ(PgQueryValue(url, "SET application_name = 'x'"), "");
}

TEST(PgTestDbTest, SqlErrorsNameTheStatementAndSqlState) {
  try {
    PgQueryValue(TestPostgresServerUrl(), "SELEC 1");
    FAIL() << "no exception";
  } catch (const std::runtime_error& error) {
    EXPECT_THAT(error.what(), HasSubstr("SQLSTATE 42601"));
    EXPECT_THAT(error.what(), HasSubstr("SELEC 1"));
  }
}

TEST(PgTestDbTest, ConnectionErrorsNameTheUrl) {
  const std::string url = "postgresql://postgres@/postgres?host=/nonexistent-anjian&port=5432";
  try {
    PgQueryValue(url, "SELECT 1");
    FAIL() << "no exception";
  } catch (const std::runtime_error& error) {
    EXPECT_THAT(error.what(), HasSubstr("cannot connect to the test PostgreSQL at " + url));
  }
}

TEST(PgTestDbTest, AMissingClusterFailsLoudly) {
  {
    ScopedEnvironment unset("ANJIAN_TEST_PG_STATE", nullptr);
    try {
      PostgresDatabaseUrl("anything");
      FAIL() << "no exception";
    } catch (const std::runtime_error& error) {
      EXPECT_THAT(error.what(), HasSubstr("ANJIAN_TEST_PG_STATE is not set"));
    }
  }
  {
    TempDir empty_state;
    ScopedEnvironment stopped("ANJIAN_TEST_PG_STATE", empty_state.path().c_str());
    try {
      TestPostgresServerUrl();
      FAIL() << "no exception";
    } catch (const std::runtime_error& error) {
      EXPECT_THAT(error.what(),
                  HasSubstr("no PostgreSQL test cluster url in " + empty_state.path() + "/url"));
    }
  }
}

}  // namespace
}  // namespace anjian::test_support
