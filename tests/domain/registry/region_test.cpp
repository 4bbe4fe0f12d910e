// Region tree rules (PRODUCT.md C1, domain.md §14.2): district → street → community/village →
// grid, with 6/9/12-digit national codes and local grid numbers.
#include "domain/registry/region.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <utility>

#include "support/result_matchers.hpp"

namespace anjian::domain {
namespace {

using L = RegionLevel;

TEST(RegionTest, MayBeChildOfFollowsTheTreeExactly) {
  const std::vector<std::optional<L>> parents = {std::nullopt,  L::kDistrict, L::kStreet,
                                                 L::kCommunity, L::kVillage,  L::kGrid};
  const std::vector<L> children = {L::kDistrict, L::kStreet, L::kCommunity, L::kVillage, L::kGrid};
  // The only allowed (child, parent) pairs; -1 stands for "no parent".
  const std::set<std::pair<int, int>> allowed = {
      {static_cast<int>(L::kDistrict), -1},
      {static_cast<int>(L::kStreet), static_cast<int>(L::kDistrict)},
      {static_cast<int>(L::kCommunity), static_cast<int>(L::kStreet)},
      {static_cast<int>(L::kVillage), static_cast<int>(L::kStreet)},
      {static_cast<int>(L::kGrid), static_cast<int>(L::kCommunity)},
      {static_cast<int>(L::kGrid), static_cast<int>(L::kVillage)},
  };
  for (auto child : children) {
    for (auto parent : parents) {
      const int p = parent ? static_cast<int>(*parent) : -1;
      const bool expected = allowed.count({static_cast<int>(child), p}) > 0;
      EXPECT_EQ(MayBeChildOf(child, parent), expected)
          << Label(child) << " under " << (parent ? Label(*parent) : "root");
    }
  }
}

TEST(RegionTest, DistrictCodeIsSixDigitsAndRequired) {
  EXPECT_OK(ValidateRegionCode(L::kDistrict, "410802"));
  EXPECT_ERROR_CODE(ValidateRegionCode(L::kDistrict, "41080"), kInvalidArgument);
  EXPECT_ERROR_CODE(ValidateRegionCode(L::kDistrict, "4108021"), kInvalidArgument);
  EXPECT_OK(ValidateRegionCode(L::kDistrict, "")) << "the code may be added later";
}

TEST(RegionTest, StreetCodeIsNineDigits) {
  EXPECT_OK(ValidateRegionCode(L::kStreet, "410802001"));
  EXPECT_OK(ValidateRegionCode(L::kStreet, ""));
  EXPECT_ERROR_CODE(ValidateRegionCode(L::kStreet, "410802"), kInvalidArgument);
  EXPECT_ERROR_CODE(ValidateRegionCode(L::kStreet, "41080200A"), kInvalidArgument);
}

TEST(RegionTest, CommunityAndVillageCodesAreTwelveDigits) {
  EXPECT_OK(ValidateRegionCode(L::kCommunity, "410802001001"));
  EXPECT_OK(ValidateRegionCode(L::kVillage, "410802001200"));
  EXPECT_ERROR_CODE(ValidateRegionCode(L::kCommunity, "410802001"), kInvalidArgument);
  EXPECT_ERROR_CODE(ValidateRegionCode(L::kVillage, "41080200120X"), kInvalidArgument);
}

TEST(RegionTest, CodeErrorNamesTheExpectedLength) {
  auto status = ValidateRegionCode(L::kCommunity, "123");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("12位"), std::string::npos) << status.error().message;
  EXPECT_EQ(status.error().field, std::optional<std::string>("code"));
}

TEST(RegionTest, GridNumbersAreFreeTextUpTo32Characters) {
  EXPECT_OK(ValidateRegionCode(L::kGrid, "DF-01"));
  EXPECT_OK(ValidateRegionCode(L::kGrid, std::string(32, 'G')));
  EXPECT_ERROR_CODE(ValidateRegionCode(L::kGrid, std::string(33, 'G')), kInvalidArgument);
}

TEST(RegionTest, ValidateRegionRequiresAName) {
  Region r;
  r.level = L::kCommunity;
  r.name = "  ";
  auto status = ValidateRegion(r, L::kStreet);
  ASSERT_ERROR_CODE(status, kInvalidArgument);
  EXPECT_EQ(status.error().field, std::optional<std::string>("name"));
}

TEST(RegionTest, ValidateRegionLimitsNameTo64Characters) {
  Region r;
  r.level = L::kCommunity;
  for (int i = 0; i < 64; ++i) r.name += "社";
  EXPECT_OK(ValidateRegion(r, L::kStreet));
  r.name += "区";
  EXPECT_ERROR_CODE(ValidateRegion(r, L::kStreet), kInvalidArgument);
}

TEST(RegionTest, ValidateRegionRejectsGridUnderStreet) {
  Region r;
  r.level = L::kGrid;
  r.name = "第一网格";
  auto status = ValidateRegion(r, L::kStreet);
  ASSERT_ERROR_CODE(status, kInvalidArgument);
  EXPECT_EQ(status.error().field, std::optional<std::string>("parent_id"));
  EXPECT_NE(status.error().message.find("网格不能设在街道之下"), std::string::npos)
      << status.error().message;
}

TEST(RegionTest, ValidateRegionRejectsStreetAtTheTop) {
  Region r;
  r.level = L::kStreet;
  r.name = "解放街道";
  r.code = "410802001";
  EXPECT_ERROR_CODE(ValidateRegion(r, std::nullopt), kInvalidArgument);
  EXPECT_OK(ValidateRegion(r, L::kDistrict));
}

TEST(RegionTest, ValidateRegionChecksTheCodeToo) {
  Region r;
  r.level = L::kDistrict;
  r.name = "解放区";
  r.code = "4108";
  EXPECT_ERROR_CODE(ValidateRegion(r, std::nullopt), kInvalidArgument);
  r.code = "410802";
  EXPECT_OK(ValidateRegion(r, std::nullopt));
}

}  // namespace
}  // namespace anjian::domain
