// The role × action table (domain/access/role.cpp), the root of the access table.
#include "domain/access/role.hpp"

#include <gtest/gtest.h>

namespace anjian::domain {
namespace {

using A = Action;
using R = UserRole;

TEST(RoleTest, SecurityAdministratorAndAuditorSeeNoBusinessData) {
  for (R role : {R::kSecurityAdmin, R::kAuditor}) {
    for (A action : {A::kReadRegistry, A::kReadRoster, A::kReadPlans, A::kReadHazards,
                     A::kReadInspections, A::kWriteRegistry, A::kInspect, A::kExport, A::kImport}) {
      EXPECT_FALSE(MayPerform(role, action)) << Code(role) << " " << Code(action);
    }
  }
}

TEST(RoleTest, ThreePowersAreSeparated) {
  for (const auto& role : UserRoles()) {
    EXPECT_EQ(MayPerform(role.value, A::kManageUsers), role.value == R::kSecurityAdmin)
        << role.code;
    EXPECT_EQ(MayPerform(role.value, A::kReadAudit), role.value == R::kAuditor) << role.code;
  }
  EXPECT_TRUE(MayPerform(R::kSecurityAdmin, A::kReadRegions)) << "binds accounts to regions";
}

TEST(RoleTest, OnlyALeaderApprovesAndNoApproverCompiles) {
  for (const auto& role : UserRoles()) {
    EXPECT_EQ(MayPerform(role.value, A::kApprovePlan), role.value == R::kLeader) << role.code;
    EXPECT_FALSE(MayPerform(role.value, A::kApprovePlan) && MayPerform(role.value, A::kCompilePlan))
        << role.code;
  }
}

TEST(RoleTest, EnterprisesNeitherReadTheRosterNorPlans) {
  EXPECT_FALSE(MayPerform(R::kEnterprise, A::kReadRoster));
  EXPECT_FALSE(MayPerform(R::kEnterprise, A::kReadPlans));
  EXPECT_TRUE(MayPerform(R::kEnterprise, A::kSelfInspect));
}

TEST(RoleTest, EveryActionHasARoleAndEveryRoleItsOwnAccount) {
  for (A action : AllActions()) {
    bool someone = false;
    for (const auto& role : UserRoles()) someone = someone || MayPerform(role.value, action);
    EXPECT_TRUE(someone) << Code(action);
    EXPECT_FALSE(Code(action).empty());
  }
  for (const auto& role : UserRoles())
    EXPECT_TRUE(MayPerform(role.value, A::kOwnAccount)) << role.code;
}

TEST(RoleTest, PhoneNumbersAreMaskedForRolesThatDoNotCallPeople) {
  EXPECT_EQ(MaskPhoneNumber("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhoneNumber("0371-2345"), "*******45");
  EXPECT_EQ(MaskPhoneNumber(""), "");
  EXPECT_TRUE(SeesPhoneNumbers(R::kInspector));
  for (R role : {R::kViewer, R::kCommunity, R::kGrid, R::kAuditor, R::kSecurityAdmin}) {
    EXPECT_FALSE(SeesPhoneNumbers(role)) << Code(role);
  }
}

TEST(RoleTest, RolesParseByCodeAndLabel) {
  EXPECT_EQ(*ParseUserRole("security_admin"), R::kSecurityAdmin);
  EXPECT_EQ(*ParseUserRole("审计员"), R::kAuditor);
  EXPECT_FALSE(ParseUserRole("root").ok());
}

}  // namespace
}  // namespace anjian::domain
