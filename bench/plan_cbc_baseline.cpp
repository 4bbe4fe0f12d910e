// An exact baseline for the plan compiler's date-and-team step: the same small instance compiled
// by CompilePlan (greedy, least-loaded teams, least-loaded days) and solved as a MIP by CBC.
//
// Instance (one street, Q1 2026 of data/calendar/cn_statutory_holidays.txt): 200 units, 6
// certified enforcement officers, team size 2, 2 slots per day (上午/下午), ≤ 2 items per officer
// per day, and 200 enforcement items from three pre-holiday campaigns with overlapping windows:
//   A  春节前 30 working days  (2026-01-06 … 02-14)  60 units
//   B  清明节前 30 working days (2026-02-24 … 04-03)  60 units
//   C  清明节前 60 working days (2026-01-06 … 04-03)  80 units
// i.e. one quarter ≈ 60 working days. The planner gets a policy with these three campaigns only,
// no key-period weights, and capacity_override so every item is admitted. The "expiring" variant
// gives one officer a certificate that ends on 2026-01-30 (R-ROLE-15: no enforcement after it).
//
// MIP (exact for this instance; no recusals, so officers can be paired freely inside a slot):
//   x[i,d,s] ∈ {0,1}  item i in slot s of day d, d in the item's window        Σ_{d,s} x = 1
//   z[p,d,s] ∈ {0,1}  officer p works slot s of day d (only while certified)
//   Σ_p z[p,d,s] = 2 Σ_i x[i,d,s]           every item in (d,s) gets a pair of officers
//   Σ_s z[p,d,s] ≤ max per day               (an officer is in at most one item per slot: z ≤ 1)
//   Lmin ≤ Σ_{d,s} z[p,d,s] ≤ Lmax           officer load
//   Σ_{i,s} x[i,d,s] ≤ Peak                  spread: items per day
//   minimise 100·(Lmax − Lmin) + Peak       (load balance first, then spread)
// Usage: plan_cbc_baseline [--seconds N] [--instance uniform|expiring|all]
#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "plan_synthetic.hpp"
#include "planner/year_grid.hpp"

namespace anjian::bench {
namespace {

constexpr double kBalanceWeight = 100;

struct Campaign {
  const char* id;
  const char* holiday;
  int working_days_before;
  int units;
};
constexpr Campaign kCampaigns[] = {
    {"B-SPEC-A", "春节", 30, 60},
    {"B-SPEC-B", "清明节", 30, 60},
    {"B-SPEC-C", "清明节", 60, 80},
};

struct Instance {
  std::string name;
  planner::PlanInput input;
  std::vector<planner::DayWindow> item_windows;  // one per item, grid day indices
  std::map<std::string, planner::DayWindow> window_of_rule;
  int first_day = 0, last_day = -1;          // union of the windows
  std::vector<std::vector<bool>> available;  // [officer][day - first_day]
};

Instance MakeInstance(const std::string& name, bool expiring) {
  const auto& calendar = BenchCalendar();
  Instance inst;
  inst.name = name;
  SyntheticOptions o;
  o.units = 200;
  o.units_per_street = 200;
  o.officers_per_street = 6;
  auto input = MakeSyntheticInput(o);
  for (auto& u : input.units) u.unit.status = domain::UnitStatus::kOperating;
  std::vector<planner::PlanInspector> officers;
  for (auto& pi : input.inspectors) {
    if (pi.inspector.role != domain::InspectorRole::kEnforcementOfficer) continue;
    pi.inspector.recusal_codes.clear();
    pi.inspector.certificate_valid_until = CivilDate::FromYmd(2027, 12, 31).value();
    officers.push_back(pi);
  }
  if (expiring)
    officers.back().inspector.certificate_valid_until = CivilDate::FromYmd(2026, 1, 30).value();
  input.inspectors = std::move(officers);

  auto& p = input.policy;
  const auto jiefang = JiefangPolicy();
  p = planner::Policy{};
  p.name = "cbc-baseline";
  p.title = "基准实例";
  p.team = jiefang.team;
  p.capacity = jiefang.capacity;
  p.key_periods.days_before_holidays = 0;  // every day weight 1: spread is plain items per day
  for (const auto& c : kCampaigns) {
    planner::SpecialCampaign s;
    s.source = Source(c.id, std::string(c.holiday) + "前专项检查", "基准实例");
    s.holidays = {c.holiday};
    s.working_days_before = c.working_days_before;
    s.units_per_campaign = c.units;
    p.special_campaigns.push_back(s);
  }
  input.capacity_override = 10'000;

  // The windows exactly as the compiler derives them (CollectSpecial → YearGrid::WindowBefore).
  const planner::YearGrid grid(calendar, input.year, p.key_periods);
  const auto holidays = calendar.Holidays(input.year);
  inst.first_day = grid.size();
  for (const auto& c : kCampaigns) {
    for (const auto& h : holidays) {
      if (h.name != c.holiday) continue;
      const auto w = grid.WindowBefore(h.first, c.working_days_before);
      inst.window_of_rule[c.id] = w;
      for (int k = 0; k < c.units; ++k) inst.item_windows.push_back(w);
      inst.first_day = std::min(inst.first_day, w.first);
      inst.last_day = std::max(inst.last_day, w.last);
    }
  }
  const int days = inst.last_day - inst.first_day + 1;
  for (const auto& pi : input.inspectors) {
    std::vector<bool> row(static_cast<std::size_t>(days));
    for (int d = 0; d < days; ++d) {
      row[static_cast<std::size_t>(d)] =
          domain::MayPerformEnforcement(pi.inspector, grid.date(inst.first_day + d));
    }
    inst.available.push_back(std::move(row));
  }
  inst.input = std::move(input);
  return inst;
}

struct Metrics {
  int max_load = 0, min_load = 0, peak = 0, items = 0;
  double objective() const { return kBalanceWeight * (max_load - min_load) + peak; }
};

struct Ours {
  Metrics m;
  double seconds = 0;
  bool within_windows = true;
  std::size_t shortfall = 0;
};

Ours RunOurs(const Instance& inst) {
  const auto& calendar = BenchCalendar();
  Ours ours;
  std::vector<double> times;
  planner::Plan plan;
  for (int run = 0; run < 21; ++run) {
    const auto t0 = std::chrono::steady_clock::now();
    auto result = planner::CompilePlan(inst.input, calendar);
    const auto t1 = std::chrono::steady_clock::now();
    if (!result.ok()) {
      std::fprintf(stderr, "CompilePlan: %s\n", result.error().message.c_str());
      std::exit(1);
    }
    times.push_back(std::chrono::duration<double>(t1 - t0).count());
    plan = std::move(*result);
  }
  std::sort(times.begin(), times.end());
  ours.seconds = times[times.size() / 2];
  ours.shortfall = plan.shortfall.size();
  const planner::YearGrid grid(calendar, inst.input.year, inst.input.policy.key_periods);
  std::map<CivilDate, int> per_day;
  std::map<std::string, int> load;
  for (const auto& pi : inst.input.inspectors) load[pi.inspector.employee_no] = 0;
  for (const auto& item : plan.items) {
    ++per_day[item.date];
    for (const auto& e : item.inspectors) ++load[e];
    const auto& w = inst.window_of_rule.at(item.rule);
    if (item.date < grid.date(w.first) || grid.date(w.last) < item.date)
      ours.within_windows = false;
  }
  ours.m.items = static_cast<int>(plan.items.size());
  ours.m.max_load = 0;
  ours.m.min_load = 1 << 30;
  for (const auto& [no, n] : load) {
    ours.m.max_load = std::max(ours.m.max_load, n);
    ours.m.min_load = std::min(ours.m.min_load, n);
  }
  for (const auto& [date, n] : per_day) ours.m.peak = std::max(ours.m.peak, n);
  return ours;
}

struct Cbc {
  Metrics m;
  double seconds = 0;
  bool optimal = false;
  bool found = false;
  double bound = 0;
  int columns = 0, rows = 0;
};

Cbc RunCbc(const Instance& inst, double seconds) {
  const int days = inst.last_day - inst.first_day + 1;
  const int slots = inst.input.policy.team.slots_per_day;
  const int per_day_cap = inst.input.policy.team.max_items_per_inspector_per_day;
  const int n_items = static_cast<int>(inst.item_windows.size());
  const int n_officers = static_cast<int>(inst.available.size());

  std::vector<double> col_lb, col_ub, obj;
  std::vector<char> integer;
  auto add_col = [&](double lb, double ub, double c) {
    col_lb.push_back(lb);
    col_ub.push_back(ub);
    obj.push_back(c);
    integer.push_back(1);
    return static_cast<int>(col_lb.size()) - 1;
  };
  // x[i][(d - first) * slots + s], -1 outside the window
  std::vector<std::vector<int>> x(static_cast<std::size_t>(n_items),
                                  std::vector<int>(static_cast<std::size_t>(days * slots), -1));
  for (int i = 0; i < n_items; ++i) {
    const auto& w = inst.item_windows[static_cast<std::size_t>(i)];
    for (int d = w.first; d <= w.last; ++d) {
      for (int s = 0; s < slots; ++s)
        x[i][static_cast<std::size_t>((d - inst.first_day) * slots + s)] = add_col(0, 1, 0);
    }
  }
  std::vector<std::vector<int>> z(static_cast<std::size_t>(n_officers),
                                  std::vector<int>(static_cast<std::size_t>(days * slots), -1));
  for (int p = 0; p < n_officers; ++p) {
    for (int d = 0; d < days; ++d) {
      if (!inst.available[p][static_cast<std::size_t>(d)]) continue;
      for (int s = 0; s < slots; ++s)
        z[p][static_cast<std::size_t>(d * slots + s)] = add_col(0, 1, 0);
    }
  }
  const double big = 2.0 * n_items;
  const int lmax = add_col(0, big, kBalanceWeight);
  const int lmin = add_col(0, big, -kBalanceWeight);
  const int peak = add_col(0, n_items, 1);

  std::vector<int> r_idx, c_idx;
  std::vector<double> val, row_lb, row_ub;
  auto add_row = [&](double lb, double ub) {
    row_lb.push_back(lb);
    row_ub.push_back(ub);
    return static_cast<int>(row_lb.size()) - 1;
  };
  auto put = [&](int r, int c, double v) {
    r_idx.push_back(r);
    c_idx.push_back(c);
    val.push_back(v);
  };
  constexpr double inf = 1e30;
  for (int i = 0; i < n_items; ++i) {  // every item placed once
    const int r = add_row(1, 1);
    for (int c : x[i]) {
      if (c >= 0) put(r, c, 1);
    }
  }
  for (int ds = 0; ds < days * slots; ++ds) {  // a pair of officers per item in the slot
    const int r = add_row(0, 0);
    for (int p = 0; p < n_officers; ++p) {
      if (z[p][static_cast<std::size_t>(ds)] >= 0) put(r, z[p][static_cast<std::size_t>(ds)], 1);
    }
    for (int i = 0; i < n_items; ++i) {
      if (x[i][static_cast<std::size_t>(ds)] >= 0) put(r, x[i][static_cast<std::size_t>(ds)], -2);
    }
  }
  for (int p = 0; p < n_officers; ++p) {
    for (int d = 0; d < days; ++d) {  // daily cap
      if (!inst.available[p][static_cast<std::size_t>(d)] || per_day_cap >= slots) continue;
      const int r = add_row(-inf, per_day_cap);
      for (int s = 0; s < slots; ++s) put(r, z[p][static_cast<std::size_t>(d * slots + s)], 1);
    }
    const int rmax = add_row(-inf, 0);  // load ≤ Lmax
    const int rmin = add_row(0, inf);   // load ≥ Lmin
    for (int c : z[p]) {
      if (c < 0) continue;
      put(rmax, c, 1);
      put(rmin, c, 1);
    }
    put(rmax, lmax, -1);
    put(rmin, lmin, -1);
  }
  for (int d = 0; d < days; ++d) {  // items per day ≤ Peak
    const int r = add_row(-inf, 0);
    for (int i = 0; i < n_items; ++i) {
      for (int s = 0; s < slots; ++s) {
        const int c = x[i][static_cast<std::size_t>(d * slots + s)];
        if (c >= 0) put(r, c, 1);
      }
    }
    put(r, peak, -1);
  }
  CoinPackedMatrix matrix(false, r_idx.data(), c_idx.data(), val.data(),
                          static_cast<CoinBigIndex>(val.size()));
  matrix.setDimensions(static_cast<int>(row_lb.size()), static_cast<int>(col_lb.size()));

  Cbc cbc;
  cbc.columns = static_cast<int>(col_lb.size());
  cbc.rows = static_cast<int>(row_lb.size());
  const auto t0 = std::chrono::steady_clock::now();
  OsiClpSolverInterface solver;
  solver.messageHandler()->setLogLevel(0);
  solver.loadProblem(matrix, col_lb.data(), col_ub.data(), obj.data(), row_lb.data(),
                     row_ub.data());
  for (int c = 0; c < cbc.columns; ++c) {
    if (integer[static_cast<std::size_t>(c)]) solver.setInteger(c);
  }
  CbcModel model(solver);
  CbcMain0(model);
  const std::string sec = std::to_string(seconds);
  const char* argv[] = {"plan_cbc_baseline", "-log", "0", "-sec", sec.c_str(), "-solve", "-quit"};
  CbcMain1(static_cast<int>(sizeof argv / sizeof argv[0]), argv, model);
  cbc.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  cbc.optimal = model.isProvenOptimal();
  cbc.bound = model.getBestPossibleObjValue();
  const double* sol = model.bestSolution();
  if (sol == nullptr || model.getNumCols() != cbc.columns) return cbc;
  cbc.found = true;
  // Recompute the figures from the solution rather than trusting the objective.
  std::vector<int> load(static_cast<std::size_t>(n_officers), 0);
  std::vector<int> per_day(static_cast<std::size_t>(days), 0);
  for (int p = 0; p < n_officers; ++p) {
    for (int c : z[p]) {
      if (c >= 0 && sol[c] > 0.5) ++load[static_cast<std::size_t>(p)];
    }
  }
  for (int i = 0; i < n_items; ++i) {
    for (int ds = 0; ds < days * slots; ++ds) {
      const int c = x[i][static_cast<std::size_t>(ds)];
      if (c >= 0 && sol[c] > 0.5) {
        ++per_day[static_cast<std::size_t>(ds / slots)];
        ++cbc.m.items;
      }
    }
  }
  cbc.m.max_load = *std::max_element(load.begin(), load.end());
  cbc.m.min_load = *std::min_element(load.begin(), load.end());
  cbc.m.peak = *std::max_element(per_day.begin(), per_day.end());
  return cbc;
}

std::string Duration(double seconds) {
  char buf[64];
  if (seconds < 1) {
    std::snprintf(buf, sizeof buf, "%.2f ms", seconds * 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f s", seconds);
  }
  return buf;
}

void Run(const std::string& name, bool expiring, double seconds) {
  const auto inst = MakeInstance(name, expiring);
  const auto ours = RunOurs(inst);
  const auto cbc = RunCbc(inst, seconds);
  const int days = inst.last_day - inst.first_day + 1;
  std::printf(
      "cbc_baseline[%s]: units=%zu officers=%zu items=%zu days=%d slots=%d | MIP %d cols × %d "
      "rows, "
      "time limit %.0f s\n",
      name.c_str(), inst.input.units.size(), inst.input.inspectors.size(), inst.item_windows.size(),
      days, inst.input.policy.team.slots_per_day, cbc.columns, cbc.rows, seconds);
  std::printf(
      "cbc_baseline[%s]: ours  items=%d shortfall=%zu in-window=%s load max/min=%d/%d max-min=%d "
      "peak/day=%d objective=%.0f (%s)\n",
      name.c_str(), ours.m.items, ours.shortfall, ours.within_windows ? "yes" : "NO",
      ours.m.max_load, ours.m.min_load, ours.m.max_load - ours.m.min_load, ours.m.peak,
      ours.m.objective(), Duration(ours.seconds).c_str());
  if (!cbc.found) {
    std::printf("cbc_baseline[%s]: cbc   no solution within %s (bound %.1f)\n", name.c_str(),
                Duration(cbc.seconds).c_str(), cbc.bound);
    return;
  }
  std::printf(
      "cbc_baseline[%s]: cbc   items=%d load max/min=%d/%d max-min=%d peak/day=%d objective=%.0f "
      "bound=%.1f (%s, %s)\n",
      name.c_str(), cbc.m.items, cbc.m.max_load, cbc.m.min_load, cbc.m.max_load - cbc.m.min_load,
      cbc.m.peak, cbc.m.objective(), cbc.bound, Duration(cbc.seconds).c_str(),
      cbc.optimal ? "optimal" : "time limit, not proven");
  const double gap =
      cbc.m.objective() > 0 ? (ours.m.objective() - cbc.m.objective()) / cbc.m.objective() : 0;
  std::printf(
      "cbc_baseline: units=%zu ours max-min=%d (%s) optimum=%d (%s, %s) objective ours=%.0f "
      "optimum=%.0f (+%.1f%%) speed ratio=%.0fx\n",
      inst.input.units.size(), ours.m.max_load - ours.m.min_load, Duration(ours.seconds).c_str(),
      cbc.m.max_load - cbc.m.min_load, Duration(cbc.seconds).c_str(),
      cbc.optimal ? "optimal" : "best found, not proven", ours.m.objective(), cbc.m.objective(),
      gap * 100, cbc.seconds / ours.seconds);
}

}  // namespace
}  // namespace anjian::bench

int main(int argc, char** argv) {
  double seconds = 60;
  std::string which = "all";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc)
      seconds = std::atof(argv[++i]);
    else if (std::strcmp(argv[i], "--instance") == 0 && i + 1 < argc)
      which = argv[++i];
  }
  if (which == "all" || which == "uniform") anjian::bench::Run("uniform", false, seconds);
  if (which == "all" || which == "expiring") anjian::bench::Run("expiring", true, seconds);
  return 0;
}
