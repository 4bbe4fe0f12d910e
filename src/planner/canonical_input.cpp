// The canonical text the input hash is taken over: one line per fact, in a fixed order, so the
// hash changes exactly when something the compiler reads changes.
#include <algorithm>
#include <cstdio>
#include <sstream>

#include "planner/plan.hpp"

namespace anjian::planner {
namespace {

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

template <typename E>
std::string Codes(const std::vector<E>& values) {
  std::string out;
  for (auto v : values) out += std::string(out.empty() ? "" : ",") + std::string(domain::Code(v));
  return out;
}

std::string Tri(const std::optional<bool>& v) { return v ? (*v ? "1" : "0") : "-"; }

void Put(std::ostream& out, const UnitSelector& s) {
  out << " levels=" << Codes(s.levels) << " risks=" << Codes(s.risks)
      << " categories=" << Codes(s.categories) << " key=" << Tri(s.key)
      << " accident=" << Tri(s.accident_last_year)
      << " major_hazard=" << Tri(s.major_hazard_source);
}

void Put(std::ostream& out, const RuleSource& s) {
  out << " id=" << s.id << " title=" << s.title << " basis=" << s.basis;
}

template <typename T>
std::string Join(const std::vector<T>& values) {
  std::ostringstream out;
  for (std::size_t i = 0; i < values.size(); ++i) out << (i ? "," : "") << values[i];
  return out.str();
}

void PutPolicy(std::ostream& out, const Policy& p) {
  out << "policy name=" << p.name << " title=" << p.title << " authority=" << p.authority << "\n";
  for (const auto& r : p.frequency_rules) {
    out << "frequency";
    Put(out, r.source);
    Put(out, r.selector);
    out << " count=" << r.count << " period=" << Code(r.period) << " executor=" << Code(r.executor)
        << " mandatory=" << r.mandatory << "\n";
  }
  for (const auto& d : p.random_draws) {
    out << "draw";
    Put(out, d.source);
    Put(out, d.pool);
    out << " ratio=" << Num(d.ratio) << " min=" << d.min_count
        << " exclude_planned=" << d.exclude_planned
        << " exclude_months=" << d.exclude_inspected_within_months << " fill=" << d.fill_capacity
        << " stratify=" << static_cast<int>(d.stratify) << "\n";
  }
  for (const auto& c : p.special_campaigns) {
    out << "special";
    Put(out, c.source);
    Put(out, c.selector);
    out << " holidays=" << Join(c.holidays) << " months=" << Join(c.months)
        << " before=" << c.working_days_before << " units=" << c.units_per_campaign << "\n";
  }
  const auto& k = p.key_periods;
  out << "key_periods months=" << Join(k.months) << " weight=" << Num(k.month_weight)
      << " before_holidays=" << k.days_before_holidays
      << " holiday_weight=" << Num(k.holiday_weight) << "\n";
  for (const auto& q : p.leader_quotas) {
    out << "leader";
    Put(out, q.source);
    Put(out, q.targets);
    out << " roles=" << Codes(q.roles) << " count=" << q.count << " period=" << Code(q.period)
        << " own=" << q.own_jurisdiction_only << "\n";
  }
  const auto& t = p.team;
  out << "team size=" << t.size << " slots=" << t.slots_per_day
      << " per_day=" << t.max_items_per_inspector_per_day
      << " community_cap=" << t.community_daily_cap << " unit_cap=" << t.annual_cap_per_unit
      << "\n";
  const auto& c = p.capacity;
  out << "capacity key_share=" << Num(c.key_share) << " onsite=" << Num(c.onsite_days)
      << " documents=" << Num(c.document_days) << " reinspection=" << Num(c.reinspection_days)
      << " cases=" << Num(c.case_days) << "\n";
  for (const auto& w : c.other_enforcement)
    out << "other_enforcement " << w.name << "=" << w.workdays << "\n";
  for (const auto& w : c.non_enforcement)
    out << "non_enforcement " << w.name << "=" << w.workdays << "\n";
}

}  // namespace

std::string CanonicalInputText(const PlanInput& input, const WorkingCalendar& calendar) {
  std::ostringstream out;
  out << "anjian-plan-input v1\nyear=" << input.year << " capacity_override="
      << (input.capacity_override ? std::to_string(*input.capacity_override) : "-") << "\n";
  for (const auto& d : calendar.WorkingDays(input.year)) out << d.ToString() << " ";
  out << "\n";
  PutPolicy(out, input.policy);

  std::vector<const PlanUnit*> units;
  for (const auto& u : input.units) units.push_back(&u);
  std::sort(units.begin(), units.end(),
            [](auto* a, auto* b) { return a->unit.credit_code < b->unit.credit_code; });
  for (const auto* pu : units) {
    const auto& u = pu->unit;
    out << "unit " << u.credit_code << "\t" << u.name << "\t" << pu->region_path << "\t"
        << pu->community_name << "\t" << pu->grid_name << "\t" << domain::Code(u.level) << "\t"
        << domain::Code(u.risk) << "\t" << Codes(u.categories) << "\t" << u.is_key
        << u.accident_last_year << u.major_hazard_source << "\t" << domain::Code(u.status) << "\t"
        << (pu->last_inspected ? pu->last_inspected->ToString() : "-") << "\n";
  }
  std::vector<const PlanInspector*> inspectors;
  for (const auto& i : input.inspectors) inspectors.push_back(&i);
  std::sort(inspectors.begin(), inspectors.end(),
            [](auto* a, auto* b) { return a->inspector.employee_no < b->inspector.employee_no; });
  for (const auto* pi : inspectors) {
    const auto& i = pi->inspector;
    auto recusals = i.recusal_codes;
    std::sort(recusals.begin(), recusals.end());
    out << "inspector " << i.employee_no << "\t" << i.name << "\t" << domain::Code(i.role) << "\t"
        << (i.certificate_no.empty() ? "-" : i.certificate_no) << "\t"
        << (i.certificate_valid_until ? i.certificate_valid_until->ToString() : "-") << "\t"
        << pi->jurisdiction_path << "\t" << Join(recusals) << "\t" << i.leave_days << "\t"
        << i.active << "\n";
  }
  return out.str();
}

}  // namespace anjian::planner
