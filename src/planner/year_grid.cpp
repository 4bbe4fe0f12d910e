#include "planner/year_grid.hpp"

#include <algorithm>

namespace anjian::planner {

YearGrid::YearGrid(const WorkingCalendar& calendar, int year, const KeyPeriods& key_periods)
    : year_(year), days_(calendar.WorkingDays(year)) {
  weights_.assign(days_.size(), 1.0);
  key_.assign(days_.size(), false);
  for (std::size_t i = 0; i < days_.size(); ++i) {
    const auto& months = key_periods.months;
    if (std::find(months.begin(), months.end(), days_[i].month()) != months.end()) {
      weights_[i] = key_periods.month_weight;
      key_[i] = true;
    }
  }
  if (key_periods.days_before_holidays > 0) {
    auto holidays = calendar.Holidays(year);
    if (auto next_new_year = CivilDate::FromYmd(year + 1, 1, 1); next_new_year.ok()) {
      holidays.push_back({"元旦", *next_new_year, *next_new_year});
    }
    for (const auto& holiday : holidays) {
      const auto window = WindowBefore(holiday.first, key_periods.days_before_holidays);
      for (int i = window.first; i <= window.last; ++i) {
        weights_[i] = std::max(weights_[i], key_periods.holiday_weight);
        key_[i] = true;
      }
    }
  }
}

int YearGrid::LastIndexOnOrBefore(CivilDate date) const {
  auto it = std::upper_bound(days_.begin(), days_.end(), date);
  return static_cast<int>(it - days_.begin()) - 1;
}

int YearGrid::FirstIndexOnOrAfter(CivilDate date) const {
  auto it = std::lower_bound(days_.begin(), days_.end(), date);
  return static_cast<int>(it - days_.begin());
}

DayWindow YearGrid::WindowBefore(CivilDate date, int days_before) const {
  const int last = FirstIndexOnOrAfter(date) - 1;
  if (last < 0) return {};
  return {std::max(0, last - days_before + 1), last};
}

DayWindow YearGrid::MonthWindow(int month) const {
  auto first = CivilDate::FromYmd(year_, month, 1);
  auto next =
      month == 12 ? CivilDate::FromYmd(year_ + 1, 1, 1) : CivilDate::FromYmd(year_, month + 1, 1);
  if (!first.ok() || !next.ok()) return {};
  return {FirstIndexOnOrAfter(*first), FirstIndexOnOrAfter(*next) - 1};
}

std::vector<DayWindow> YearGrid::PeriodWindows(Period period) const {
  std::vector<DayWindow> windows;
  if (days_.empty()) return windows;
  auto by_key = [&](auto key_of) {
    int start = 0;
    for (int i = 1; i <= size(); ++i) {
      if (i == size() || key_of(days_[i]) != key_of(days_[start])) {
        windows.push_back({start, i - 1});
        start = i;
      }
    }
  };
  switch (period) {
    case Period::kWeek: {
      // Weeks run Monday–Sunday; day numbers count from a Thursday (1970-01-01).
      by_key([](const CivilDate& d) { return (d.ToDays() + 3) / 7; });
      break;
    }
    case Period::kHalfMonth:
      by_key([](const CivilDate& d) { return d.month() * 2 + (d.day() > 15 ? 1 : 0); });
      break;
    case Period::kMonth:
      by_key([](const CivilDate& d) { return d.month(); });
      break;
    case Period::kQuarter:
      by_key([](const CivilDate& d) { return (d.month() - 1) / 3; });
      break;
    case Period::kHalfYear:
      by_key([](const CivilDate& d) { return (d.month() - 1) / 6; });
      break;
    case Period::kYear:
    case Period::kTwoYears:
      windows.push_back({0, size() - 1});
      break;
  }
  return windows;
}

std::vector<DayWindow> YearGrid::VisitWindows(Period period, int count) const {
  std::vector<DayWindow> visits;
  for (const auto& window : PeriodWindows(period)) {
    const int n = window.size();
    for (int k = 0; k < count; ++k) {
      DayWindow part{window.first + n * k / count, window.first + n * (k + 1) / count - 1};
      if (part.size() < 1)
        part = {window.first + std::min(n - 1, n * k / count),
                window.first + std::min(n - 1, n * k / count)};
      visits.push_back(part);
    }
  }
  return visits;
}

}  // namespace anjian::planner
