// The annual-plan compiler (issue #4) on the demo street (2,370 units, target < 0.2 s) and on
// synthetic districts of 20k / 200k / 2M units (2M: target < 60 s and < 8 GiB peak RSS, per-unit
// time at 2M within 1.5× of 20k). Inputs from bench/plan_synthetic.hpp; the jiefang policy
// mirrored in C++; the calendar read from data/calendar/cn_statutory_holidays.txt; year 2026.
//
// Counters: us_per_unit (compile time / units), peak_rss_MiB (getrusage ru_maxrss; the kernel's
// high-water mark is reset through /proc/self/clear_refs before each case's input is generated,
// so each case reports its own peak: input + compile + plan), input_rss_MiB (resident after the
// input is built, before compiling). A summary with the growth ratio is printed after the run.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <optional>
#include <string>

#include "plan_synthetic.hpp"
#include "process_stats.hpp"

namespace anjian::bench {
namespace {

double ProcessCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct CaseResult {
  std::string label;
  int units = 0;
  int street_staff = 0;
  int community_staff = 0;
  int inspectors = 0;
  double seconds = 0;      // mean compile time per iteration (wall)
  double cpu_seconds = 0;  // the same in process CPU time (the machine may be shared)
  double us_per_unit = 0;
  double cpu_us_per_unit = 0;
  double peak_rss_mib = 0;
  double input_rss_mib = 0;
  bool peak_reset = false;
  std::size_t items = 0;
  std::size_t shortfall = 0;
  std::size_t not_planned = 0;
  int max_load = 0;
  int min_load = 0;
  int capacity = 0;
};

std::map<int, CaseResult>& Results() {
  static std::map<int, CaseResult> results;
  return results;
}

void CompileCase(benchmark::State& state, const std::string& label, const planner::PlanInput& input,
                 const SyntheticStats& stats, bool peak_reset, double input_rss) {
  const auto& calendar = BenchCalendar();
  std::optional<planner::Plan> last;
  double total = 0;
  double total_cpu = 0;
  int iterations = 0;
  for (auto _ : state) {
    const double c0 = ProcessCpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    auto plan = planner::CompilePlan(input, calendar);
    const auto t1 = std::chrono::steady_clock::now();
    const double c1 = ProcessCpuSeconds();
    if (!plan.ok()) {
      state.SkipWithError(plan.error().message.c_str());
      break;
    }
    state.PauseTiming();  // the previous plan is destroyed outside the timing
    total += std::chrono::duration<double>(t1 - t0).count();
    total_cpu += c1 - c0;
    ++iterations;
    last = std::move(*plan);
    state.ResumeTiming();
  }
  if (!last) return;
  const int units = static_cast<int>(input.units.size());
  CaseResult r;
  r.label = label;
  r.units = units;
  r.street_staff = stats.street_staff;
  r.community_staff = stats.community_staff;
  r.inspectors = static_cast<int>(input.inspectors.size());
  r.seconds = total / iterations;
  r.us_per_unit = r.seconds * 1e6 / units;
  r.cpu_seconds = total_cpu / iterations;
  r.cpu_us_per_unit = r.cpu_seconds * 1e6 / units;
  r.peak_rss_mib = PeakRssMiB();
  r.input_rss_mib = input_rss;
  r.peak_reset = peak_reset;
  r.items = last->items.size();
  r.shortfall = last->shortfall.size();
  r.not_planned = last->not_planned.size();
  r.max_load = last->summary.max_load;
  r.min_load = last->summary.min_load;
  r.capacity = last->summary.capacity.inspections;
  state.counters["units"] = units;
  state.counters["inspectors"] = r.inspectors;
  state.counters["items"] = static_cast<double>(r.items);
  state.counters["shortfall"] = static_cast<double>(r.shortfall);
  state.counters["us_per_unit"] = r.us_per_unit;
  state.counters["cpu_us_per_unit"] = r.cpu_us_per_unit;
  state.counters["peak_rss_MiB"] = r.peak_rss_mib;
  state.counters["input_rss_MiB"] = r.input_rss_mib;
  state.counters["load_max"] = r.max_load;
  state.counters["load_min"] = r.min_load;
  Results()[units] = r;
  last.reset();
}

void BM_CompileDemoStreet(benchmark::State& state) {
  const bool reset = ResetPeakRss();
  SyntheticStats stats;
  const auto input = MakeDemoStreetInput(&stats);
  CompileCase(state, "demo street", input, stats, reset, CurrentRssMiB());
}
BENCHMARK(BM_CompileDemoStreet)->Unit(benchmark::kMillisecond)->Iterations(20);

void BM_CompileSynthetic(benchmark::State& state) {
  const bool reset = ResetPeakRss();
  SyntheticOptions o;
  o.units = static_cast<int>(state.range(0));
  SyntheticStats stats;
  const auto input = MakeSyntheticInput(o, &stats);
  CompileCase(state, "synthetic", input, stats, reset, CurrentRssMiB());
}
BENCHMARK(BM_CompileSynthetic)->Unit(benchmark::kMillisecond)->Arg(20'000)->Iterations(5);
BENCHMARK(BM_CompileSynthetic)->Unit(benchmark::kMillisecond)->Arg(200'000)->Iterations(2);
BENCHMARK(BM_CompileSynthetic)->Unit(benchmark::kMillisecond)->Arg(2'000'000)->Iterations(1);

const char* Verdict(bool ok) { return ok ? "PASS" : "FAIL"; }

void PrintSummary() {
  const auto& results = Results();
  if (results.empty()) return;
  std::printf("\n");
  for (const auto& [units, r] : results) {
    std::printf(
        "plan_bench: %-11s units=%d inspectors=%d (street %d + community %d) compile=%.3f s (cpu "
        "%.3f s) "
        "per-unit=%.2f us (cpu %.2f us) peak_rss=%.0f MiB (input %.0f MiB)%s items=%zu "
        "shortfall=%zu not_planned=%zu "
        "capacity=%d load max/min=%d/%d\n",
        r.label.c_str(), units, r.inspectors, r.street_staff, r.community_staff, r.seconds,
        r.cpu_seconds, r.us_per_unit, r.cpu_us_per_unit, r.peak_rss_mib, r.input_rss_mib,
        r.peak_reset ? "" : " [process peak, not reset]", r.items, r.shortfall, r.not_planned,
        r.capacity, r.max_load, r.min_load);
  }
  if (auto it = results.find(2'370); it != results.end()) {
    std::printf("plan_bench: demo street 2,370 units compile %.1f ms (target < 200 ms) %s\n",
                it->second.seconds * 1e3, Verdict(it->second.seconds < 0.2));
  }
  if (auto it = results.find(2'000'000); it != results.end()) {
    const auto& r = it->second;
    std::printf(
        "plan_bench: 2M units compile %.1f s (cpu %.1f s) (target < 60 s) %s; peak RSS %.2f GiB "
        "(target < 8 GiB) %s\n",
        r.seconds, r.cpu_seconds, Verdict(r.seconds < 60), r.peak_rss_mib / 1024,
        Verdict(r.peak_rss_mib < 8 * 1024));
    if (auto small = results.find(20'000); small != results.end()) {
      const double ratio = r.us_per_unit / small->second.us_per_unit;
      const double cpu_ratio = r.cpu_us_per_unit / small->second.cpu_us_per_unit;
      std::printf(
          "plan_bench: per-unit growth 2M vs 20k = %.2f us / %.2f us = %.2fx (cpu %.2fx) (target < "
          "1.5x) %s\n",
          r.us_per_unit, small->second.us_per_unit, ratio, cpu_ratio, Verdict(ratio < 1.5));
    }
  }
}

}  // namespace
}  // namespace anjian::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  anjian::bench::PrintSummary();
  return 0;
}
