// Capacity (R-CAP) against the published local plans quoted in domain.md §6.2.
#include "planner/capacity.hpp"

#include <gtest/gtest.h>

namespace anjian::planner {
namespace {

// 宽城区 2025 plan: 248 working days × 8 staff = 1,984; − 1,035 − 535 = 414 inspection workdays.
CapacityInput KuanchengDistrict2025() {
  CapacityInput in;
  in.statutory_working_days = 248;
  in.enforcement_staff = 8;
  in.other_enforcement = {{"综合监管", 300},     {"行政许可", 135},
                          {"事故调查处理", 200}, {"投诉举报核查", 150},
                          {"联合执法", 100},     {"宣传教育培训", 150}};           // 1,035 in total
  in.non_enforcement = {{"值班", 200}, {"学习培训会议", 185}, {"各类休假", 150}};  // 535
  return in;
}

TEST(CapacityTest, ReproducesThePublishedWorkdayArithmetic) {
  auto r = ComputeCapacity(KuanchengDistrict2025());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->total_workdays, 1984);
  EXPECT_EQ(r->other_enforcement_workdays, 1035);
  EXPECT_EQ(r->non_enforcement_workdays, 535);
  EXPECT_EQ(r->inspection_workdays, 414);
  // 2 people × (1 + 0.5 + 0.5 + 0) = 4 person-days; ⌊414 / 4⌋ = 103.
  EXPECT_DOUBLE_EQ(r->person_days_per_inspection, 4.0);
  EXPECT_EQ(r->computed_inspections, 103);
  EXPECT_EQ(r->inspections, 103);
  ASSERT_GE(r->steps.size(), 6u);
  EXPECT_EQ(r->steps[0], "总法定工作日 = 248 × 8 人 = 1984");
  EXPECT_NE(r->steps[3].find("1984 − 1035 − 535 = 414"), std::string::npos) << r->steps[3];
}

TEST(CapacityTest, SplitsKeyAndGeneralWorkdaysLikeTheWangluExample) {
  // 5,434 − 2,469 − 1,994 = 971 → 632 key + 339 general.
  CapacityInput in;
  in.statutory_working_days = 247;
  in.enforcement_staff = 22;  // 5,434
  in.other_enforcement = {{"其他执法工作", 2469}};
  in.non_enforcement = {{"非执法工作", 1994}};
  in.key_share = 632.0 / 971.0;
  auto r = ComputeCapacity(in);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->total_workdays, 5434);
  EXPECT_EQ(r->inspection_workdays, 971);
  EXPECT_EQ(r->key_workdays, 632);
  EXPECT_EQ(r->general_workdays, 339);
}

TEST(CapacityTest, CaseWorkAndLargerTeamsCostMorePersonDays) {
  auto in = KuanchengDistrict2025();
  in.team_size = 3;
  in.case_days = 0.25;
  auto r = ComputeCapacity(in);
  ASSERT_TRUE(r.ok());
  // 3 × 2.25 = 6.75 person-days; ⌊414 / 6.75⌋ = ⌊61.33⌋ = 61.
  EXPECT_DOUBLE_EQ(r->person_days_per_inspection, 6.75);
  EXPECT_EQ(r->computed_inspections, 61);
}

TEST(CapacityTest, OverrideReplacesTheNumberButKeepsTheSteps) {
  auto in = KuanchengDistrict2025();
  in.override_inspections = 31;  // seed 003's published capacity
  auto r = ComputeCapacity(in);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->overridden);
  EXPECT_EQ(r->inspections, 31);
  EXPECT_EQ(r->computed_inspections, 103);
  EXPECT_EQ(r->steps.back(), "经调整，计划检查家次 = 31");
}

TEST(CapacityTest, RejectsImpossibleInputs) {
  auto one_person = KuanchengDistrict2025();
  one_person.team_size = 1;
  EXPECT_FALSE(ComputeCapacity(one_person).ok());
  auto no_staff = KuanchengDistrict2025();
  no_staff.enforcement_staff = 0;
  EXPECT_FALSE(ComputeCapacity(no_staff).ok());
  auto overbooked = KuanchengDistrict2025();
  overbooked.non_enforcement.push_back({"全年借调", 1000});
  auto r = ComputeCapacity(overbooked);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("没有可用于监督检查的工作日"), std::string::npos);
  auto negative = KuanchengDistrict2025();
  negative.other_enforcement.push_back({"负数", -5});
  EXPECT_FALSE(ComputeCapacity(negative).ok());
}

}  // namespace
}  // namespace anjian::planner
