// The inspector roster (PRODUCT.md C2): who may perform enforcement (R-ROLE-15: never grid
// members; others only with a certificate valid on the day), recusal codes and leader roles.
#include "domain/roster/inspector.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "support/builders.hpp"
#include "support/result_matchers.hpp"

namespace anjian::domain {
namespace {

using test_support::Date;
using test_support::MakeInspector;

std::set<std::string> Fields(const std::vector<FieldError>& errors) {
  std::set<std::string> fields;
  for (const auto& e : errors) fields.insert(e.field);
  return fields;
}

Inspector CertifiedUntil(CivilDate until, InspectorRole role = InspectorRole::kEnforcementOfficer) {
  Inspector i = MakeInspector();
  i.role = role;
  i.certificate_no = "41080220180001";
  i.certificate_valid_until = until;
  return i;
}

TEST(InspectorTest, CertificateIsValidOnItsExpiryDay) {
  const Inspector i = CertifiedUntil(Date(2026, 6, 30));
  EXPECT_TRUE(HasValidCertificate(i, Date(2026, 1, 1)));
  EXPECT_TRUE(HasValidCertificate(i, Date(2026, 6, 29)));
  EXPECT_TRUE(HasValidCertificate(i, Date(2026, 6, 30)));
  EXPECT_FALSE(HasValidCertificate(i, Date(2026, 7, 1)));
}

TEST(InspectorTest, NoCertificateNumberMeansNoValidCertificate) {
  Inspector i = CertifiedUntil(Date(2030, 1, 1));
  i.certificate_no = "  ";
  EXPECT_FALSE(HasValidCertificate(i, Date(2026, 1, 1)));
  Inspector undated = CertifiedUntil(Date(2030, 1, 1));
  undated.certificate_valid_until.reset();
  EXPECT_FALSE(HasValidCertificate(undated, Date(2026, 1, 1)));
}

TEST(InspectorTest, CertifiedOfficerMayPerformEnforcementUntilExpiry) {
  const Inspector i = CertifiedUntil(Date(2026, 6, 30));
  EXPECT_TRUE(MayPerformEnforcement(i, Date(2026, 6, 30)));
  EXPECT_FALSE(MayPerformEnforcement(i, Date(2026, 7, 1)));
}

TEST(InspectorTest, GridMemberNeverPerformsEnforcementEvenWithACertificate) {
  const Inspector grid = CertifiedUntil(Date(2030, 12, 31), InspectorRole::kGridMember);
  EXPECT_TRUE(HasValidCertificate(grid, Date(2026, 1, 1)));
  EXPECT_FALSE(MayPerformEnforcement(grid, Date(2026, 1, 1)));
}

TEST(InspectorTest, CommunitySafetyOfficerNeverPerformsEnforcement) {
  const Inspector officer =
      CertifiedUntil(Date(2030, 12, 31), InspectorRole::kCommunitySafetyOfficer);
  EXPECT_FALSE(MayPerformEnforcement(officer, Date(2026, 1, 1)));
}

TEST(InspectorTest, CertifiedLeaderMayPerformEnforcement) {
  const Inspector leader = CertifiedUntil(Date(2030, 12, 31), InspectorRole::kSafetyLeader);
  EXPECT_TRUE(MayPerformEnforcement(leader, Date(2026, 1, 1)));
}

TEST(InspectorTest, InactiveInspectorMayNotPerformEnforcement) {
  Inspector i = CertifiedUntil(Date(2030, 12, 31));
  i.active = false;
  EXPECT_FALSE(MayPerformEnforcement(i, Date(2026, 1, 1)));
}

TEST(InspectorTest, LeaderRolesCarryLeaderQuota) {
  EXPECT_TRUE(IsLeaderRole(InspectorRole::kPrincipal));
  EXPECT_TRUE(IsLeaderRole(InspectorRole::kSafetyLeader));
  EXPECT_TRUE(IsLeaderRole(InspectorRole::kFieldLeader));
  EXPECT_TRUE(IsLeaderRole(InspectorRole::kCommunityLeader));
  EXPECT_FALSE(IsLeaderRole(InspectorRole::kEnforcementOfficer));
  EXPECT_FALSE(IsLeaderRole(InspectorRole::kCommunitySafetyOfficer));
  EXPECT_FALSE(IsLeaderRole(InspectorRole::kGridMember));
}

TEST(InspectorTest, RolesParseFromTemplateLabels) {
  // PRODUCT.md inspector template, 角色 column.
  EXPECT_EQ(*ParseInspectorRole("主要负责人"), InspectorRole::kPrincipal);
  EXPECT_EQ(*ParseInspectorRole("分管安全领导"), InspectorRole::kSafetyLeader);
  EXPECT_EQ(*ParseInspectorRole("分管领导"), InspectorRole::kFieldLeader);
  EXPECT_EQ(*ParseInspectorRole("分包社区领导"), InspectorRole::kCommunityLeader);
  EXPECT_EQ(*ParseInspectorRole("执法人员"), InspectorRole::kEnforcementOfficer);
  EXPECT_EQ(*ParseInspectorRole("社区安全员"), InspectorRole::kCommunitySafetyOfficer);
  EXPECT_EQ(*ParseInspectorRole(" 网格员 "), InspectorRole::kGridMember);
  EXPECT_EQ(*ParseInspectorRole("grid_member"), InspectorRole::kGridMember);
}

TEST(InspectorTest, UnknownRoleListsTheAllowedLabels) {
  auto role = ParseInspectorRole("队长");
  ASSERT_ERROR_CODE(role, kInvalidArgument);
  for (const char* label : {"主要负责人", "执法人员", "网格员"}) {
    EXPECT_NE(role.error().message.find(label), std::string::npos) << role.error().message;
  }
}

TEST(InspectorTest, ValidInspectorHasNoErrors) {
  EXPECT_TRUE(ValidateInspector(MakeInspector()).empty());
}

TEST(InspectorTest, NameAndEmployeeNumberAreRequired) {
  Inspector i = MakeInspector();
  i.name = "";
  i.employee_no = " ";
  EXPECT_EQ(Fields(ValidateInspector(i)), (std::set<std::string>{"name", "employee_no"}));
}

TEST(InspectorTest, CertificateNumberAndExpiryComeTogether) {
  Inspector no_date = MakeInspector();
  no_date.certificate_valid_until.reset();
  EXPECT_EQ(Fields(ValidateInspector(no_date)), std::set<std::string>{"certificate_valid_until"});
  Inspector no_number = MakeInspector();
  no_number.certificate_no = "";
  EXPECT_EQ(Fields(ValidateInspector(no_number)), std::set<std::string>{"certificate_no"});
}

TEST(InspectorTest, GridMemberMayNotRegisterACertificate) {
  Inspector grid = MakeInspector();
  grid.role = InspectorRole::kGridMember;
  auto errors = ValidateInspector(grid);
  ASSERT_EQ(Fields(errors), std::set<std::string>{"certificate_no"});
  EXPECT_NE(errors[0].message.find("网格员"), std::string::npos) << errors[0].message;
  grid.certificate_no.clear();
  grid.certificate_valid_until.reset();
  EXPECT_TRUE(ValidateInspector(grid).empty());
}

TEST(InspectorTest, RecusalCodesMustBeCreditCodes) {
  Inspector i = MakeInspector();
  i.recusal_codes = {"91350100M000100Y43", "12345"};
  auto errors = ValidateInspector(i);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "recusal_codes");
  EXPECT_NE(errors[0].message.find("12345"), std::string::npos) << errors[0].message;
}

TEST(InspectorTest, RecusalCodesAcceptEarlyCodesFailingTheChecksum) {
  Inspector i = MakeInspector();
  i.recusal_codes = {"91350100M0001TGQXM", "91310000775785552L"};
  EXPECT_TRUE(ValidateInspector(i).empty());
}

TEST(InspectorTest, DuplicateRecusalCodesAreReportedEvenInOtherCase) {
  Inspector i = MakeInspector();
  i.recusal_codes = {"91350100M000100Y43", "91350100m000100y43"};
  auto errors = ValidateInspector(i);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("重复"), std::string::npos) << errors[0].message;
}

TEST(InspectorTest, LongFieldsAreRejected) {
  Inspector i = MakeInspector();
  i.name = std::string(31 * 3, 'x');  // 93 characters
  i.employee_no = std::string(33, '1');
  i.department.clear();
  for (int k = 0; k < 51; ++k) i.department += "部";
  EXPECT_EQ(Fields(ValidateInspector(i)),
            (std::set<std::string>{"name", "employee_no", "department"}));
}

}  // namespace
}  // namespace anjian::domain
