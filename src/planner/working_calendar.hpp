// The working-day calendar (domain.md §10, R-TIME): Monday–Friday, minus statutory holidays,
// plus adjusted working days (调休上班), from a data file published per year. Pure: the text is
// handed in by the caller. Deadlines "in working days" and plan capacity (R-CAP, 248 working
// days in 2025 and 2026) are computed here.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/civil_date.hpp"
#include "common/error.hpp"

namespace anjian::planner {

// A statutory holiday as published: its name and the inclusive block of days off.
struct Holiday {
  std::string name;
  CivilDate first;
  CivilDate last;
};

class WorkingCalendar {
 public:
  // Parses the calendar format of data/calendar/cn_statutory_holidays.txt. Errors name the line:
  // "第N行：…" (unknown kind, bad date, reversed range, a day both off and working).
  static Result<WorkingCalendar> Parse(std::string_view text);

  bool IsWorkingDay(CivilDate date) const;
  // The holiday's name for a day off, "" otherwise (weekends included).
  std::string HolidayName(CivilDate date) const;
  // Working days in [first, last], both inclusive (0 when last < first).
  int CountWorkingDays(CivilDate first, CivilDate last) const;
  int WorkingDaysInYear(int year) const;
  // The date `n` working days after `date` (n ≥ 1; `date` itself not counted). n = 0 returns
  // the first working day on or after `date`.
  CivilDate AddWorkingDays(CivilDate date, int n) const;
  // The holidays starting in `year`, in date order (consecutive days off with one name).
  std::vector<Holiday> Holidays(int year) const;
  // Every working day of the year in order.
  std::vector<CivilDate> WorkingDays(int year) const;
  // Whether the data covers the year (otherwise only weekends are known).
  bool CoversYear(int year) const { return years_.count(year) > 0; }

 private:
  std::map<std::int64_t, std::string> days_off_;  // day number → holiday name
  std::set<std::int64_t> extra_working_days_;
  std::set<int> years_;
};

}  // namespace anjian::planner
