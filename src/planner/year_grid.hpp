// The plan year as a row of working days: day weights for key periods (R-TIME-1/2) and the
// windows ("at least N per period") that rules and quotas place their visits in.
#pragma once

#include <string>
#include <vector>

#include "common/civil_date.hpp"
#include "planner/policy.hpp"
#include "planner/working_calendar.hpp"

namespace anjian::planner {

// An inclusive range of working-day indices.
struct DayWindow {
  int first = 0;
  int last = -1;
  int size() const { return last - first + 1; }
};

class YearGrid {
 public:
  YearGrid(const WorkingCalendar& calendar, int year, const KeyPeriods& key_periods);

  int year() const { return year_; }
  int size() const { return static_cast<int>(days_.size()); }
  const CivilDate& date(int index) const { return days_[index]; }
  double weight(int index) const { return weights_[index]; }
  bool is_key(int index) const { return key_[index]; }
  // Index of the last working day on or before `date` (-1 when before the first).
  int LastIndexOnOrBefore(CivilDate date) const;
  // Index of the first working day on or after `date` (size() when after the last).
  int FirstIndexOnOrAfter(CivilDate date) const;

  // `count` visits in every period of the year: one window per visit, the period split evenly
  // by working days. The compiler keeps a unit's visits at the same relative position in their
  // windows (± 1/8 window), so twice a year means about six months apart.
  std::vector<DayWindow> VisitWindows(Period period, int count) const;
  // The `days_before` working days before `date` (the holiday's first day off).
  DayWindow WindowBefore(CivilDate date, int days_before) const;
  // The working days of a month.
  DayWindow MonthWindow(int month) const;

 private:
  std::vector<DayWindow> PeriodWindows(Period period) const;

  int year_;
  std::vector<CivilDate> days_;
  std::vector<double> weights_;
  std::vector<bool> key_;
};

}  // namespace anjian::planner
