// The PostgreSQL store's text helpers, without a server: parameter rewriting, anjian's own URL
// parameters, and libpq messages cut to one line.
#include <gtest/gtest.h>

#include "store/postgres/pg_connection.hpp"
#include "store/postgres/pg_store.hpp"
#include "support/result_matchers.hpp"

namespace anjian::store::postgres {
namespace {

TEST(ToPgParametersTest, BareAndNumberedParametersFollowSqlitesNumbering) {
  std::vector<bool> used;
  EXPECT_EQ(ToPgParameters("SELECT ? , ?", &used), "SELECT $1 , $2");
  EXPECT_EQ(used, (std::vector<bool>{true, true}));
  // A bare ? after ?3 is ?4, as SQLite numbers it.
  EXPECT_EQ(ToPgParameters("WHERE a = ?3 AND b = ? AND c = ?1", &used),
            "WHERE a = $3 AND b = $4 AND c = $1");
  EXPECT_EQ(used, (std::vector<bool>{true, false, true, true}));
}

TEST(ToPgParametersTest, QuestionMarksInLiteralsAndQuotedNamesStay) {
  std::vector<bool> used;
  EXPECT_EQ(ToPgParameters("SELECT '?', \"a?b\", 'it''s ?' FROM t WHERE x = ?", &used),
            "SELECT '?', \"a?b\", 'it''s ?' FROM t WHERE x = $1");
  EXPECT_EQ(used.size(), 1u);
}

TEST(ToPgParametersTest, SkippedIndexesAreReportedUnused) {
  std::vector<bool> used;
  ToPgParameters("VALUES (?1, ?2, ?5)", &used);
  EXPECT_EQ(used, (std::vector<bool>{true, true, false, false, true}));
}

TEST(ParsePgUrlTest, PoolMaxIsTakenOutAndTheRestKept) {
  auto parsed = ParsePgUrl("postgresql://u@h/db?sslmode=require&pool_max=8&connect_timeout=5");
  ASSERT_OK(parsed);
  EXPECT_EQ(parsed->first, "postgresql://u@h/db?sslmode=require&connect_timeout=5");
  EXPECT_EQ(parsed->second.pool_max, 8);
  auto only = ParsePgUrl("postgresql://u@h/db?pool_max=3");
  ASSERT_OK(only);
  EXPECT_EQ(only->first, "postgresql://u@h/db");
  auto none = ParsePgUrl("postgresql://u@h/db");
  ASSERT_OK(none);
  EXPECT_EQ(none->second.pool_max, PgStoreOptions{}.pool_max);
}

TEST(ParsePgUrlTest, ABadPoolMaxIsOneClearError) {
  for (const char* url : {"postgresql://h/db?pool_max=0", "postgresql://h/db?pool_max=abc",
                          "postgresql://h/db?pool_max=5x", "postgresql://h/db?pool_max=100000"}) {
    auto parsed = ParsePgUrl(url);
    EXPECT_ERROR_CODE(parsed, kInvalidArgument) << url;
    if (!parsed.ok()) {
      EXPECT_NE(parsed.error().message.find("pool_max"), std::string::npos);
    }
  }
}

TEST(FirstLineTest, LibpqMessagesBecomeOneLineWithoutTheirSeverity) {
  EXPECT_EQ(FirstLine("FATAL:  database \"x\" does not exist\n"), "database \"x\" does not exist");
  EXPECT_EQ(FirstLine("ERROR:  syntax error at or near \"?\"\nLINE 1: ...\n"),
            "syntax error at or near \"?\"");
  EXPECT_EQ(
      FirstLine("connection to server failed: No such file or directory\n\tIs the server running?"),
      "connection to server failed: No such file or directory");
}

}  // namespace
}  // namespace anjian::store::postgres
