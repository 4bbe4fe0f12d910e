// A real SQLite store in a temp dir with the shared region tree, a FixedClock, and principals
// for the roles the service tests need. Fixture for the application-service tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/principal.hpp"
#include "common/clock.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "support/region_tree.hpp"
#include "support/result_matchers.hpp"
#include "support/temp_dir.hpp"

namespace anjian::app {

class AppTest : public ::testing::Test {
 protected:
  static constexpr std::int64_t kNow = 1'767'225'600;  // 2026-01-01T00:00:00Z

  void SetUp() override {
    auto opened = store::sqlite::SqliteStore::Open(dir_.File("anjian.db"));
    ASSERT_OK(opened);
    store_ = std::move(opened).value();
    auto tree = test_support::SeedRegionTree(*store_);
    ASSERT_OK(tree);
    tree_ = *tree;
    // As in the server: every write of a use case must carry its audit entry.
    store_->RequireAudit(true);
  }

  // Commits a write the test made directly (fixture data), with the entry the store requires.
  static Status CommitFixture(store::StoreSession& session) {
    domain::AuditEntry entry;
    entry.actor = "test";
    entry.action = "test.fixture";
    session.StageAudit(std::move(entry));
    return session.Commit();
  }

  Principal As(domain::UserRole role, const std::string& path,
               std::string username = "tester") const {
    Principal p;
    // One person per role: the four-eyes rules (a plan's author never approves it) compare ids.
    p.user_id = UserId(1 + static_cast<std::int64_t>(role));
    p.username = std::move(username);
    p.role = role;
    p.scope = store::Scope::Under(path);
    return p;
  }
  // An administrator of the street (the usual 应急办 account).
  Principal StreetAdmin() const { return As(domain::UserRole::kAdmin, tree_.street.path, "admin"); }

  std::int64_t CountUnits() {
    auto session = store_->Read();
    EXPECT_OK(session);
    auto count = (*session)->CountUnits(store::Scope::All());
    EXPECT_OK(count);
    return count.ok() ? *count : -1;
  }

  std::int64_t CountInspectors() {
    auto session = store_->Read();
    EXPECT_OK(session);
    auto page = (*session)->ListInspectors(store::Scope::All(), {});
    EXPECT_OK(page);
    return page.ok() ? page->total : -1;
  }

  std::size_t CountRegions() {
    auto session = store_->Read();
    EXPECT_OK(session);
    auto regions = (*session)->ListRegions(store::Scope::All());
    EXPECT_OK(regions);
    return regions.ok() ? regions->size() : 0;
  }

  test_support::TempDir dir_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
  test_support::RegionTree tree_;
  FixedClock clock_{kNow};
};

}  // namespace anjian::app
