// The plan year as working days (R-TIME-1/2): visit windows per period, the window before a
// holiday and the key-period weights, against the shipped 2026 calendar (248 working days).
#include "planner/year_grid.hpp"

#include <gtest/gtest.h>

#include <set>

#include "planner/plan_fixture.hpp"

namespace anjian::planner {
namespace {

using plan_fixture::D;
using plan_fixture::ShippedCalendar;

KeyPeriods StreetKeyPeriods() {
  KeyPeriods k;
  k.months = {2, 3, 5, 6, 9, 10, 12};
  k.month_weight = 1.5;
  k.days_before_holidays = 3;
  k.holiday_weight = 2.0;
  return k;
}

YearGrid Grid2026(const KeyPeriods& key = {}) { return YearGrid(ShippedCalendar(), 2026, key); }

std::int64_t DaysBetween(CivilDate a, CivilDate b) { return b.ToDays() - a.ToDays(); }

TEST(YearGridTest, HasEveryWorkingDayOfTheYearInOrder) {
  const auto grid = Grid2026();
  ASSERT_EQ(grid.size(), 248);             // domain.md §10
  EXPECT_EQ(grid.date(0), D(2026, 1, 4));  // Sunday, 元旦调休 (Jan 1–3 are off)
  EXPECT_EQ(grid.date(247), D(2026, 12, 31));
  for (int i = 1; i < grid.size(); ++i) EXPECT_LT(grid.date(i - 1), grid.date(i));
  EXPECT_EQ(grid.LastIndexOnOrBefore(D(2026, 1, 3)), -1);
  EXPECT_EQ(grid.FirstIndexOnOrAfter(D(2026, 1, 1)), 0);
  EXPECT_EQ(grid.FirstIndexOnOrAfter(D(2027, 1, 1)), 248);
  // Sat 2026-02-14 is a 调休 working day; Sun 02-15 starts 春节.
  const int saturday = grid.LastIndexOnOrBefore(D(2026, 2, 22));
  EXPECT_EQ(grid.date(saturday), D(2026, 2, 14));
  EXPECT_EQ(grid.date(grid.FirstIndexOnOrAfter(D(2026, 2, 15))), D(2026, 2, 24));
}

TEST(YearGridTest, TwiceAYearSplitsTheYearIntoHalves) {
  const auto grid = Grid2026();
  const auto windows = grid.VisitWindows(Period::kYear, 2);
  ASSERT_EQ(windows.size(), 2u);
  // 248 days split into [0,123] and [124,247]: the compiler aims a unit's second visit at the
  // same relative position in the second half, so visits are about six months apart.
  EXPECT_EQ(windows[0].first, 0);
  EXPECT_EQ(windows[0].last, 123);
  EXPECT_EQ(windows[1].first, 124);
  EXPECT_EQ(windows[1].last, 247);
  const auto mid0 = grid.date((windows[0].first + windows[0].last) / 2);
  const auto mid1 = grid.date((windows[1].first + windows[1].last) / 2);
  EXPECT_GE(DaysBetween(mid0, mid1), 160);
  EXPECT_LE(DaysBetween(mid0, mid1), 200);
}

TEST(YearGridTest, OnceAYearIsTheWholeYear) {
  const auto grid = Grid2026();
  const auto windows = grid.VisitWindows(Period::kYear, 1);
  ASSERT_EQ(windows.size(), 1u);
  EXPECT_EQ(windows[0].first, 0);
  EXPECT_EQ(windows[0].last, 247);
  const auto two_years = grid.VisitWindows(Period::kTwoYears, 1);
  ASSERT_EQ(two_years.size(), 1u);
  EXPECT_EQ(two_years[0].size(), 248);
}

TEST(YearGridTest, MonthlyGivesTwelveWindowsInsideTheirMonths) {
  const auto& calendar = ShippedCalendar();
  const auto grid = Grid2026();
  const auto windows = grid.VisitWindows(Period::kMonth, 1);
  ASSERT_EQ(windows.size(), 12u);
  for (int m = 1; m <= 12; ++m) {
    const auto& w = windows[m - 1];
    ASSERT_GE(w.size(), 1) << "month " << m;
    EXPECT_EQ(grid.date(w.first).month(), m);
    EXPECT_EQ(grid.date(w.last).month(), m);
    // The whole month: from its first working day to its last.
    const auto first_of_month = calendar.AddWorkingDays(D(2026, m, 1), 0);
    EXPECT_EQ(first_of_month, grid.date(w.first)) << "month " << m;
    const auto month_end =
        m == 12 ? D(2026, 12, 31) : CivilDate::FromDays(D(2026, m + 1, 1).ToDays() - 1);
    const int days_in_month = calendar.CountWorkingDays(D(2026, m, 1), month_end);
    EXPECT_EQ(w.size(), days_in_month) << "month " << m;
  }
  // February 2026 by hand: 2–6, 9–13, Sat 14 (调休), 24–27, Sat 28 (调休) = 16 working days.
  EXPECT_EQ(grid.date(windows[1].first), D(2026, 2, 2));
  EXPECT_EQ(grid.date(windows[1].last), D(2026, 2, 28));
  EXPECT_EQ(windows[1].size(), 16);
}

TEST(YearGridTest, WeeklyGivesOneWindowPerWeek) {
  const auto& calendar = ShippedCalendar();
  const auto grid = Grid2026();
  // Weeks (Monday–Sunday) that contain a working day, counted independently.
  std::set<std::int64_t> weeks;
  for (const auto& d : calendar.WorkingDays(2026)) {
    const auto monday = d.ToDays() - (d.ToDays() + 3) % 7;  // 1970-01-01 was a Thursday
    weeks.insert(monday);
  }
  const auto windows = grid.VisitWindows(Period::kWeek, 1);
  ASSERT_EQ(windows.size(), weeks.size());
  std::set<std::int64_t> seen;
  for (std::size_t k = 0; k < windows.size(); ++k) {
    const auto& w = windows[k];
    ASSERT_GE(w.size(), 1);
    const auto first = grid.date(w.first).ToDays();
    const auto last = grid.date(w.last).ToDays();
    const auto monday = first - (first + 3) % 7;
    EXPECT_LT(last - monday, 7) << "window " << k << " spans two weeks";
    EXPECT_TRUE(seen.insert(monday).second) << "two windows in one week";
    if (k > 0) {
      EXPECT_GT(w.first, windows[k - 1].last);
    }
  }
}

TEST(YearGridTest, WindowBeforeSpringFestivalEndsOnTheLastWorkingDay) {
  const auto grid = Grid2026();
  // 春节 2026 starts Sun 02-15; Sat 02-14 is a 调休 working day, so the window is Tue 10 – Sat 14.
  const auto w = grid.WindowBefore(D(2026, 2, 15), 5);
  ASSERT_EQ(w.size(), 5);
  EXPECT_EQ(grid.date(w.last), D(2026, 2, 14));
  EXPECT_EQ(grid.date(w.first), D(2026, 2, 10));
}

TEST(YearGridTest, WindowBeforeNationalDaySkipsTheMidAutumnHoliday) {
  const auto grid = Grid2026();
  // 国庆 starts Thu 10-01; 中秋 (Fri 09-25 – Sun 09-27) is off: Sep 23, 24, 28, 29, 30.
  const auto w = grid.WindowBefore(D(2026, 10, 1), 5);
  ASSERT_EQ(w.size(), 5);
  EXPECT_EQ(grid.date(w.last), D(2026, 9, 30));
  EXPECT_EQ(grid.date(w.first), D(2026, 9, 23));
}

TEST(YearGridTest, WindowBeforeTheYearsFirstDayIsEmpty) {
  const auto grid = Grid2026();
  EXPECT_EQ(grid.WindowBefore(D(2026, 1, 1), 5).size(), 0);
  // Next year's 元旦: the year's last working days.
  const auto w = grid.WindowBefore(D(2027, 1, 1), 3);
  ASSERT_EQ(w.size(), 3);
  EXPECT_EQ(grid.date(w.last), D(2026, 12, 31));
}

TEST(YearGridTest, KeyMonthsAndPreHolidayDaysWeighMore) {
  const auto grid = Grid2026(StreetKeyPeriods());
  const auto at = [&](CivilDate d) {
    const int i = grid.LastIndexOnOrBefore(d);
    EXPECT_EQ(grid.date(i), d) << d.ToString() << " is not a working day";
    return i;
  };
  // January is not a key month.
  EXPECT_DOUBLE_EQ(grid.weight(at(D(2026, 1, 6))), 1.0);
  EXPECT_FALSE(grid.is_key(at(D(2026, 1, 6))));
  // March is a key month.
  EXPECT_DOUBLE_EQ(grid.weight(at(D(2026, 3, 10))), 1.5);
  EXPECT_TRUE(grid.is_key(at(D(2026, 3, 10))));
  // The 3 working days before 清明 (Sat 04-04) in non-key April: Wed 1 – Fri 3.
  EXPECT_DOUBLE_EQ(grid.weight(at(D(2026, 4, 1))), 2.0);
  EXPECT_DOUBLE_EQ(grid.weight(at(D(2026, 4, 3))), 2.0);
  EXPECT_TRUE(grid.is_key(at(D(2026, 4, 3))));
  EXPECT_DOUBLE_EQ(grid.weight(at(D(2026, 3, 31))), 1.5);  // key month, outside the 3 days
  EXPECT_DOUBLE_EQ(grid.weight(at(D(2026, 4, 7))), 1.0);
  EXPECT_FALSE(grid.is_key(at(D(2026, 4, 7))));
  // Before 春节 inside key February the larger weight wins.
  EXPECT_DOUBLE_EQ(grid.weight(at(D(2026, 2, 14))), 2.0);
  EXPECT_DOUBLE_EQ(grid.weight(at(D(2026, 2, 11))), 1.5);
  // Every key-month day weighs more than 1.
  for (int i = 0; i < grid.size(); ++i) {
    const int m = grid.date(i).month();
    const bool key_month = m == 2 || m == 3 || m == 5 || m == 6 || m == 9 || m == 10 || m == 12;
    if (key_month) {
      EXPECT_GT(grid.weight(i), 1.0) << grid.date(i).ToString();
    }
  }
}

TEST(YearGridTest, WithoutKeyPeriodsEveryDayWeighsOne) {
  KeyPeriods none;
  none.month_weight = 1.5;
  const auto grid = Grid2026(none);
  for (int i = 0; i < grid.size(); ++i) {
    EXPECT_DOUBLE_EQ(grid.weight(i), 1.0);
    EXPECT_FALSE(grid.is_key(i));
  }
}

}  // namespace
}  // namespace anjian::planner
