// The composition root's helpers that operators meet in messages.
#include "cli/services.hpp"

#include <gtest/gtest.h>

namespace anjian::cli {
namespace {

TEST(RedactDbLocationTest, APasswordInAPostgresUrlNeverReachesALogLine) {
  EXPECT_EQ(RedactDbLocation("postgresql://anjian:s3cret@db.local:5432/anjian"),
            "postgresql://anjian:***@db.local:5432/anjian");
  EXPECT_EQ(RedactDbLocation("postgres://u:p%40ss@h/db?sslmode=require&password=x&pool_max=8"),
            "postgres://u:***@h/db?sslmode=require&password=***&pool_max=8");
}

TEST(RedactDbLocationTest, LocationsWithoutAPasswordAreUnchanged) {
  EXPECT_EQ(RedactDbLocation("postgresql://anjian@/anjian?host=/run/postgresql"),
            "postgresql://anjian@/anjian?host=/run/postgresql");
  EXPECT_EQ(RedactDbLocation("anjian.db"), "anjian.db");
  EXPECT_EQ(RedactDbLocation("sqlite:/var/lib/anjian/a:b@c.db"), "sqlite:/var/lib/anjian/a:b@c.db");
}

}  // namespace
}  // namespace anjian::cli
