// CivilDate: parsing the date formats found in spreadsheets, rejecting dates that do not exist,
// and the day-number arithmetic certificates and deadlines rely on.
#include "common/civil_date.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "support/result_matchers.hpp"

namespace anjian {
namespace {

// Brute-force oracle: days from 1970-01-01 by counting whole years and months.
std::int64_t CountDaysSinceEpoch(int year, int month, int day) {
  auto leap = [](int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; };
  const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  std::int64_t days = 0;
  for (int y = 1970; y < year; ++y) days += leap(y) ? 366 : 365;
  for (int y = year; y < 1970; ++y) days -= leap(y) ? 366 : 365;
  for (int m = 1; m < month; ++m) days += month_days[m - 1] + ((m == 2 && leap(year)) ? 1 : 0);
  return days + day - 1;
}

void ExpectYmd(const Result<CivilDate>& date, int y, int m, int d) {
  ASSERT_OK(date);
  EXPECT_EQ(date->year(), y);
  EXPECT_EQ(date->month(), m);
  EXPECT_EQ(date->day(), d);
}

TEST(CivilDateTest, ParsesIsoDate) { ExpectYmd(CivilDate::Parse("2026-01-05"), 2026, 1, 5); }

TEST(CivilDateTest, ParsesSlashSeparatedDate) {
  ExpectYmd(CivilDate::Parse("2026/01/05"), 2026, 1, 5);
}

TEST(CivilDateTest, ParsesDotSeparatedDate) { ExpectYmd(CivilDate::Parse("2026.1.5"), 2026, 1, 5); }

TEST(CivilDateTest, ParsesCompactEightDigitDate) {
  ExpectYmd(CivilDate::Parse("20260105"), 2026, 1, 5);
}

TEST(CivilDateTest, ParsesChineseDate) {
  ExpectYmd(CivilDate::Parse("2026年1月5日"), 2026, 1, 5);
  ExpectYmd(CivilDate::Parse("2025年12月31日"), 2025, 12, 31);
}

TEST(CivilDateTest, ParsesSingleDigitMonthAndDayWithSeparators) {
  ExpectYmd(CivilDate::Parse("2026-3-9"), 2026, 3, 9);
}

TEST(CivilDateTest, IgnoresSurroundingSpaces) {
  ExpectYmd(CivilDate::Parse("  2026-01-05 "), 2026, 1, 5);
}

TEST(CivilDateTest, RejectsFebruary29InCommonYear) {
  EXPECT_ERROR_CODE(CivilDate::Parse("2025-02-29"), kInvalidArgument);
  EXPECT_ERROR_CODE(CivilDate::Parse("20250229"), kInvalidArgument);
}

TEST(CivilDateTest, RejectsMonth13AndMonth0) {
  EXPECT_ERROR_CODE(CivilDate::Parse("2024-13-01"), kInvalidArgument);
  EXPECT_ERROR_CODE(CivilDate::Parse("2024-00-10"), kInvalidArgument);
}

TEST(CivilDateTest, RejectsDay31InThirtyDayMonth) {
  EXPECT_ERROR_CODE(CivilDate::Parse("2024-04-31"), kInvalidArgument);
  EXPECT_ERROR_CODE(CivilDate::Parse("2024-06-00"), kInvalidArgument);
}

TEST(CivilDateTest, RejectsGarbage) {
  for (const char* text :
       {"", "hello", "2024", "2024-01", "2024-01-05x", "2024-01/05", "24-01-05", "2024--01-05",
        "2024年1月", "１２３", "2024-1-5-", "202401051", "2O24-01-05"}) {
    EXPECT_FALSE(CivilDate::Parse(text).ok()) << "accepted: \"" << text << "\"";
  }
}

TEST(CivilDateTest, RejectionMessageNamesTheExpectedFormat) {
  auto parsed = CivilDate::Parse("明天");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("YYYY-MM-DD"), std::string::npos) << parsed.error().message;
}

TEST(CivilDateTest, LeapYearsFollowTheGregorianRules) {
  EXPECT_OK(CivilDate::FromYmd(2024, 2, 29));          // divisible by 4
  EXPECT_OK(CivilDate::FromYmd(2000, 2, 29));          // divisible by 400
  EXPECT_FALSE(CivilDate::FromYmd(1900, 2, 29).ok());  // divisible by 100, not by 400
  EXPECT_FALSE(CivilDate::FromYmd(2100, 2, 29).ok());
  EXPECT_FALSE(CivilDate::FromYmd(2023, 2, 29).ok());
}

TEST(CivilDateTest, ToDaysMatchesKnownValues) {
  EXPECT_EQ(CivilDate::FromYmd(1970, 1, 1)->ToDays(), 0);
  EXPECT_EQ(CivilDate::FromYmd(1969, 12, 31)->ToDays(), -1);
  EXPECT_EQ(CivilDate::FromYmd(2000, 1, 1)->ToDays(), 10957);
  EXPECT_EQ(CivilDate::FromYmd(2000, 3, 1)->ToDays(), 11017);
  EXPECT_EQ(CivilDate::FromYmd(2024, 2, 29)->ToDays(), 19782);
  EXPECT_EQ(CivilDate::FromYmd(1900, 1, 1)->ToDays(), -25567);
}

TEST(CivilDateTest, FromDaysMatchesKnownValues) {
  EXPECT_EQ(CivilDate::FromDays(11017), *CivilDate::FromYmd(2000, 3, 1));
  EXPECT_EQ(CivilDate::FromDays(11016), *CivilDate::FromYmd(2000, 2, 29));
  EXPECT_EQ(CivilDate::FromDays(0), *CivilDate::FromYmd(1970, 1, 1));
  EXPECT_EQ(CivilDate::FromDays(-1), *CivilDate::FromYmd(1969, 12, 31));
}

TEST(CivilDateTest, FromUnixSecondsTakesTheUtcDay) {
  EXPECT_EQ(CivilDate::FromUnixSeconds(11017LL * 86400 + 86399), *CivilDate::FromYmd(2000, 3, 1));
  EXPECT_EQ(CivilDate::FromUnixSeconds(11017LL * 86400), *CivilDate::FromYmd(2000, 3, 1));
}

TEST(CivilDateTest, ToStringPadsToIsoFormat) {
  EXPECT_EQ(CivilDate::FromYmd(2026, 1, 5)->ToString(), "2026-01-05");
  EXPECT_EQ(CivilDate::FromYmd(1999, 12, 31)->ToString(), "1999-12-31");
}

TEST(CivilDateTest, OrdersChronologically) {
  EXPECT_LT(*CivilDate::FromYmd(2024, 12, 31), *CivilDate::FromYmd(2025, 1, 1));
  EXPECT_LT(*CivilDate::FromYmd(2025, 1, 31), *CivilDate::FromYmd(2025, 2, 1));
  EXPECT_EQ(*CivilDate::FromYmd(2025, 6, 1), *CivilDate::Parse("2025年6月1日"));
}

// 1900-01-01 .. 2200-12-31, the range FromYmd accepts.
RC_GTEST_PROP(CivilDatePropertyTest, FromDaysToDaysRoundTrips, ()) {
  const auto days = *rc::gen::inRange<std::int64_t>(-25567, 84371);
  const auto date = CivilDate::FromDays(days);
  RC_ASSERT(date.ToDays() == days);
  RC_ASSERT(CivilDate::FromYmd(date.year(), date.month(), date.day()).ok());
}

RC_GTEST_PROP(CivilDatePropertyTest, ToDaysAgreesWithCountingOracle, ()) {
  const int year = *rc::gen::inRange(1900, 2201);
  const int month = *rc::gen::inRange(1, 13);
  const int day = *rc::gen::inRange(1, 29);  // exists in every month
  const auto date = CivilDate::FromYmd(year, month, day);
  RC_ASSERT(date.ok());
  RC_ASSERT(date->ToDays() == CountDaysSinceEpoch(year, month, day));
}

RC_GTEST_PROP(CivilDatePropertyTest, ParseOfToStringIsIdentity, ()) {
  const auto date = CivilDate::FromDays(*rc::gen::inRange<std::int64_t>(-25567, 84371));
  const auto parsed = CivilDate::Parse(date.ToString());
  RC_ASSERT(parsed.ok());
  RC_ASSERT(*parsed == date);
}

}  // namespace
}  // namespace anjian
