#include "planner/working_calendar.hpp"

#include "common/text.hpp"

namespace anjian::planner {
namespace {

// 1970-01-01 was a Thursday; Monday = 0 … Sunday = 6.
int Weekday(std::int64_t days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }

}  // namespace

Result<WorkingCalendar> WorkingCalendar::Parse(std::string_view text) {
  WorkingCalendar calendar;
  int line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    const auto raw =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    start = end == std::string_view::npos ? text.size() + 1 : end + 1;
    ++line_number;
    const auto line = Trim(raw);
    if (line.empty() || line.front() == '#') continue;
    const auto fail = [&](const std::string& why) {
      return Error::InvalidArgument("第" + std::to_string(line_number) + "行：" + why);
    };
    const auto parts = SplitAny(line, {" ", "\t"});
    if (parts.size() < 2) return fail("应为“off|work 日期[..日期] 名称”");
    const std::string& kind = parts[0];
    if (kind != "off" && kind != "work") return fail("类型应为 off 或 work，实际为“" + kind + "”");
    const auto dots = parts[1].find("..");
    auto first = CivilDate::Parse(parts[1].substr(0, dots));
    auto last = dots == std::string::npos ? first : CivilDate::Parse(parts[1].substr(dots + 2));
    if (!first.ok() || !last.ok()) return fail("日期无效“" + parts[1] + "”");
    if (*last < *first) return fail("日期范围颠倒“" + parts[1] + "”");
    if (kind == "work" && dots != std::string::npos) return fail("调休上班日应逐日列出");
    std::string name;
    for (std::size_t i = 2; i < parts.size(); ++i) name += (i > 2 ? " " : "") + parts[i];
    for (auto day = first->ToDays(); day <= last->ToDays(); ++day) {
      const bool clash = kind == "off" ? calendar.extra_working_days_.count(day) > 0
                                       : calendar.days_off_.count(day) > 0;
      if (clash) return fail(CivilDate::FromDays(day).ToString() + " 既是放假日又是调休上班日");
      if (kind == "off")
        calendar.days_off_[day] = name;
      else
        calendar.extra_working_days_.insert(day);
      calendar.years_.insert(CivilDate::FromDays(day).year());
    }
  }
  return calendar;
}

bool WorkingCalendar::IsWorkingDay(CivilDate date) const {
  const auto day = date.ToDays();
  if (extra_working_days_.count(day)) return true;
  if (days_off_.count(day)) return false;
  return Weekday(day) < 5;
}

std::string WorkingCalendar::HolidayName(CivilDate date) const {
  auto it = days_off_.find(date.ToDays());
  return it == days_off_.end() ? std::string() : it->second;
}

int WorkingCalendar::CountWorkingDays(CivilDate first, CivilDate last) const {
  int count = 0;
  for (auto day = first.ToDays(); day <= last.ToDays(); ++day) {
    if (IsWorkingDay(CivilDate::FromDays(day))) ++count;
  }
  return count;
}

int WorkingCalendar::WorkingDaysInYear(int year) const {
  return CountWorkingDays(CivilDate::FromYmd(year, 1, 1).value(),
                          CivilDate::FromYmd(year, 12, 31).value());
}

CivilDate WorkingCalendar::AddWorkingDays(CivilDate date, int n) const {
  auto day = date.ToDays();
  if (n <= 0) {
    while (!IsWorkingDay(CivilDate::FromDays(day))) ++day;
    return CivilDate::FromDays(day);
  }
  while (n > 0) {
    ++day;
    if (IsWorkingDay(CivilDate::FromDays(day))) --n;
  }
  return CivilDate::FromDays(day);
}

}  // namespace anjian::planner

namespace anjian::planner {

std::vector<Holiday> WorkingCalendar::Holidays(int year) const {
  std::vector<Holiday> holidays;
  const auto first = CivilDate::FromYmd(year, 1, 1);
  const auto last = CivilDate::FromYmd(year, 12, 31);
  if (!first.ok() || !last.ok()) return holidays;
  for (auto it = days_off_.lower_bound(first->ToDays());
       it != days_off_.end() && it->first <= last->ToDays(); ++it) {
    const bool continues = !holidays.empty() && holidays.back().name == it->second &&
                           holidays.back().last.ToDays() + 1 == it->first;
    if (continues) {
      holidays.back().last = CivilDate::FromDays(it->first);
    } else {
      holidays.push_back(
          {it->second, CivilDate::FromDays(it->first), CivilDate::FromDays(it->first)});
    }
  }
  return holidays;
}

std::vector<CivilDate> WorkingCalendar::WorkingDays(int year) const {
  std::vector<CivilDate> days;
  const auto first = CivilDate::FromYmd(year, 1, 1);
  const auto last = CivilDate::FromYmd(year, 12, 31);
  if (!first.ok() || !last.ok()) return days;
  for (auto d = first->ToDays(); d <= last->ToDays(); ++d) {
    const auto date = CivilDate::FromDays(d);
    if (IsWorkingDay(date)) days.push_back(date);
  }
  return days;
}

}  // namespace anjian::planner
