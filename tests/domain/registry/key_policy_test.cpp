// Key supervision objects (重点监督检查对象), R-RISK-2: red or orange risk, or an accident in the
// previous year; yellow and blue are non-key. Jurisdictions may configure the rule (§12).
#include "domain/registry/key_policy.hpp"

#include <gtest/gtest.h>

#include "support/builders.hpp"

namespace anjian::domain {
namespace {

Unit UnitWith(RiskColour risk, bool accident = false) {
  Unit u = test_support::MakeUnit();
  u.risk = risk;
  u.accident_last_year = accident;
  return u;
}

TEST(KeyPolicyTest, RedAndOrangeAreKeyByDefault) {
  const auto policy = KeyPolicy::Default();
  EXPECT_TRUE(IsKeyUnit(policy, UnitWith(RiskColour::kRed)));
  EXPECT_TRUE(IsKeyUnit(policy, UnitWith(RiskColour::kOrange)));
}

TEST(KeyPolicyTest, YellowAndBlueAreNotKeyByDefault) {
  const auto policy = KeyPolicy::Default();
  EXPECT_FALSE(IsKeyUnit(policy, UnitWith(RiskColour::kYellow)));
  EXPECT_FALSE(IsKeyUnit(policy, UnitWith(RiskColour::kBlue)));
}

TEST(KeyPolicyTest, AccidentLastYearMakesAnyUnitKey) {
  const auto policy = KeyPolicy::Default();
  EXPECT_TRUE(IsKeyUnit(policy, UnitWith(RiskColour::kBlue, /*accident=*/true)));
  EXPECT_TRUE(IsKeyUnit(policy, UnitWith(RiskColour::kYellow, /*accident=*/true)));
}

TEST(KeyPolicyTest, LevelAndMajorHazardDoNotDecideByDefault) {
  const auto policy = KeyPolicy::Default();
  Unit u = UnitWith(RiskColour::kBlue);
  u.level = SupervisionLevel::kLevel1;
  u.major_hazard_source = true;
  EXPECT_FALSE(IsKeyUnit(policy, u));
}

TEST(KeyPolicyTest, PolicyCanMakeMajorHazardSourcesKey) {
  KeyPolicy policy;
  policy.major_hazard_source_is_key = true;
  Unit u = UnitWith(RiskColour::kYellow);
  EXPECT_FALSE(IsKeyUnit(policy, u));
  u.major_hazard_source = true;
  EXPECT_TRUE(IsKeyUnit(policy, u));
}

TEST(KeyPolicyTest, PolicyCanIgnoreAccidents) {
  KeyPolicy policy;
  policy.accident_last_year_is_key = false;
  EXPECT_FALSE(IsKeyUnit(policy, UnitWith(RiskColour::kBlue, /*accident=*/true)));
  EXPECT_TRUE(IsKeyUnit(policy, UnitWith(RiskColour::kRed, /*accident=*/true)));
}

TEST(KeyPolicyTest, PolicyCanNarrowTheKeyColours) {
  KeyPolicy policy;
  policy.key_colours = {RiskColour::kRed};
  EXPECT_TRUE(IsKeyUnit(policy, UnitWith(RiskColour::kRed)));
  EXPECT_FALSE(IsKeyUnit(policy, UnitWith(RiskColour::kOrange)));
}

TEST(KeyPolicyTest, PolicyCanMakeLevelsKey) {
  // The [INF] mapping of §8.5: levels 1/2 are key.
  KeyPolicy policy;
  policy.key_levels = {SupervisionLevel::kLevel1, SupervisionLevel::kLevel2};
  Unit u = UnitWith(RiskColour::kBlue);
  u.level = SupervisionLevel::kLevel2;
  EXPECT_TRUE(IsKeyUnit(policy, u));
  u.level = SupervisionLevel::kLevel3;
  EXPECT_FALSE(IsKeyUnit(policy, u));
}

TEST(KeyPolicyTest, EmptyPolicyMakesNothingKey) {
  KeyPolicy policy;
  policy.key_colours.clear();
  policy.accident_last_year_is_key = false;
  for (auto risk :
       {RiskColour::kRed, RiskColour::kOrange, RiskColour::kYellow, RiskColour::kBlue}) {
    EXPECT_FALSE(IsKeyUnit(policy, UnitWith(risk, /*accident=*/true)));
  }
}

}  // namespace
}  // namespace anjian::domain
