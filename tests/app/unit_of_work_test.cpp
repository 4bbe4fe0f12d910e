// WriteUnit, the one write path: permission first, then the change and its audit entry in one
// commit; a refused role, a failing change or a change that names no audit action leaves nothing.
#include "app/unit_of_work.hpp"

#include <gtest/gtest.h>

#include "app_fixture.hpp"
#include "support/builders.hpp"

namespace anjian::app {
namespace {

class UnitOfWorkTest : public AppTest {
 protected:
  std::int64_t AuditEntries(const std::string& action) {
    auto session = store_->Read();
    EXPECT_OK(session);
    store::AuditQuery query;
    query.action = action;
    auto page = (*session)->ListAudit(query);
    EXPECT_OK(page);
    return page.ok() ? page->total : -1;
  }
  // A change that inserts one unit and says so, or fails after inserting when `fail` is set.
  auto InsertUnit(int number, bool fail, bool name_the_action = true) {
    return [this, number, fail, name_the_action](store::StoreSession& session,
                                                 AuditNote& audit) -> Result<domain::Unit> {
      ANJIAN_ASSIGN_OR_RETURN(
          auto unit,
          session.InsertUnit(test_support::MakeUnit(tree_.community_a.id, number), kNow));
      if (fail) return Error::Conflict("后来发现冲突");
      if (name_the_action) {
        audit = {"unit.create", "unit", std::to_string(unit.id.value), {{"number", number}}};
      }
      return unit;
    };
  }
};

TEST_F(UnitOfWorkTest, CommitsTheChangeWithItsAuditEntry) {
  auto unit = WriteUnit(*store_, kNow, StreetAdmin(), domain::Action::kWriteRegistry,
                        InsertUnit(901, false));
  ASSERT_OK(unit);
  EXPECT_EQ(CountUnits(), 1);
  EXPECT_EQ(AuditEntries("unit.create"), 1);
}

TEST_F(UnitOfWorkTest, ARoleWithoutThePermissionWritesNothing) {
  auto refused = WriteUnit(*store_, kNow, As(domain::UserRole::kViewer, tree_.street.path),
                           domain::Action::kWriteRegistry, InsertUnit(902, false));
  ASSERT_ERROR_CODE(refused, kPermissionDenied);
  EXPECT_EQ(CountUnits(), 0);
  EXPECT_EQ(AuditEntries("unit."), 0);
}

TEST_F(UnitOfWorkTest, AFailingChangeIsRolledBackWhole) {
  auto failed = WriteUnit(*store_, kNow, StreetAdmin(), domain::Action::kWriteRegistry,
                          InsertUnit(903, true));
  ASSERT_ERROR_CODE(failed, kConflict);
  EXPECT_EQ(CountUnits(), 0) << "the insert before the failure is gone";
  EXPECT_EQ(AuditEntries("unit."), 0);
}

TEST_F(UnitOfWorkTest, AChangeThatNamesNoAuditActionCommitsNothing) {
  auto unnamed = WriteUnit(*store_, kNow, StreetAdmin(), domain::Action::kWriteRegistry,
                           InsertUnit(904, false, /*name_the_action=*/false));
  ASSERT_ERROR_CODE(unnamed, kInternal);
  EXPECT_EQ(CountUnits(), 0);
}

}  // namespace
}  // namespace anjian::app
