// The working-day calendar against the figures of domain.md §10 (2025 and 2026 both have 248
// statutory working days) and the data file shipped in data/calendar/.
#include "planner/working_calendar.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace anjian::planner {
namespace {

CivilDate D(int y, int m, int d) { return CivilDate::FromYmd(y, m, d).value(); }

WorkingCalendar Shipped() {
  std::ifstream in(std::string(ANJIAN_SOURCE_DIR) + "/data/calendar/cn_statutory_holidays.txt");
  std::stringstream text;
  text << in.rdbuf();
  auto calendar = WorkingCalendar::Parse(text.str());
  EXPECT_TRUE(calendar.ok()) << (calendar.ok() ? "" : calendar.error().message);
  return calendar.ok() ? *calendar : WorkingCalendar::Parse("").value();
}

TEST(WorkingCalendarTest, ShippedDataGives248WorkingDaysIn2025And2026) {
  const auto calendar = Shipped();
  EXPECT_EQ(calendar.WorkingDaysInYear(2025), 248);  // domain.md §10, matches the 宽城区 2025 plan
  EXPECT_EQ(calendar.WorkingDaysInYear(2026), 248);
  EXPECT_TRUE(calendar.CoversYear(2024));
  EXPECT_FALSE(calendar.CoversYear(2027));
}

TEST(WorkingCalendarTest, HolidaysAndAdjustedWorkingDays) {
  const auto calendar = Shipped();
  EXPECT_FALSE(calendar.IsWorkingDay(D(2025, 10, 8)));  // Wednesday inside National Day
  EXPECT_EQ(calendar.HolidayName(D(2025, 10, 8)), "国庆节、中秋节");
  EXPECT_TRUE(calendar.IsWorkingDay(D(2025, 9, 28)));   // Sunday, 调休上班
  EXPECT_TRUE(calendar.IsWorkingDay(D(2026, 1, 4)));    // Sunday, 调休上班
  EXPECT_FALSE(calendar.IsWorkingDay(D(2026, 2, 23)));  // Monday, Spring Festival
  EXPECT_FALSE(calendar.IsWorkingDay(D(2026, 3, 7)));   // ordinary Saturday
  EXPECT_TRUE(calendar.IsWorkingDay(D(2026, 3, 9)));    // ordinary Monday
}

TEST(WorkingCalendarTest, AddsWorkingDaysAcrossAHoliday) {
  const auto calendar = Shipped();
  // Tue 2025-09-30 + 1 working day: Oct 1–8 are off, so Thursday Oct 9.
  EXPECT_EQ(calendar.AddWorkingDays(D(2025, 9, 30), 1), D(2025, 10, 9));
  // + 3: Oct 9 (Thu), Oct 10 (Fri), Oct 11 (Sat, 调休上班).
  EXPECT_EQ(calendar.AddWorkingDays(D(2025, 9, 30), 3), D(2025, 10, 11));
  EXPECT_EQ(calendar.AddWorkingDays(D(2025, 10, 4), 0), D(2025, 10, 9));
  EXPECT_EQ(calendar.CountWorkingDays(D(2025, 10, 1), D(2025, 10, 12)), 3);
  EXPECT_EQ(calendar.CountWorkingDays(D(2025, 10, 12), D(2025, 10, 1)), 0);
}

TEST(WorkingCalendarTest, YearsWithoutDataFallBackToWeekdays) {
  const auto calendar = Shipped();
  // 2027: 365 days starting on a Friday → 261 weekdays.
  EXPECT_EQ(calendar.WorkingDaysInYear(2027), 261);
}

TEST(WorkingCalendarTest, RejectsBadLinesNamingTheLine) {
  auto bad_kind = WorkingCalendar::Parse("# header\nholiday 2025-01-01 元旦\n");
  ASSERT_FALSE(bad_kind.ok());
  EXPECT_NE(bad_kind.error().message.find("第2行"), std::string::npos) << bad_kind.error().message;
  EXPECT_FALSE(WorkingCalendar::Parse("off 2025-02-30 不存在\n").ok());
  EXPECT_FALSE(WorkingCalendar::Parse("off 2025-02-05..2025-02-01 颠倒\n").ok());
  EXPECT_FALSE(WorkingCalendar::Parse("off 2025-01-26 假\nwork 2025-01-26 班\n").ok());
  EXPECT_FALSE(WorkingCalendar::Parse("work 2025-01-25..2025-01-26 区间\n").ok());
}

}  // namespace
}  // namespace anjian::planner
