// The hazard ledger over 5,000,000 generated hazards (issue #5 target: filters and counts by
// state under 200 ms p50). The hazards are bulk-loaded with raw SQLite into a store opened through
// OpenStore (so the schema and indexes are the real ones), then the ledger queries run through the
// Store port exactly as the API runs them. Baseline in the same run: the bare GROUP BY count in
// raw SQL on the same file.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <random>

#include "store/store.hpp"

namespace anjian {
namespace {

constexpr int kHazards = 5'000'000;
constexpr int kStreets = 10;
constexpr int kCommunities = 10;  // per street
constexpr int kUnits = 100'000;

std::string TempDir() {
  static std::string dir = [] {
    std::string pattern =
        std::filesystem::temp_directory_path().string() + "/anjian-hazard-bench-XXXXXX";
    return std::string(mkdtemp(pattern.data()));
  }();
  return dir;
}

struct Fixture {
  std::unique_ptr<store::Store> store;
  std::string street_path;    // one street: ~1/10 of the hazards
  std::string district_path;  // everything
};

void Exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::fprintf(stderr, "hazard_ledger_bench: %s\n", error ? error : "sqlite error");
    std::abort();
  }
}

Fixture& Load() {
  static Fixture fixture = [] {
    Fixture f;
    const std::string path = TempDir() + "/ledger.db";
    auto opened = store::OpenStore(path);
    if (!opened.ok()) std::abort();
    f.store = std::move(opened).value();
    std::vector<std::string> community_paths;
    {
      auto session = f.store->Write().value();
      domain::Region district;
      district.level = domain::RegionLevel::kDistrict;
      district.code = "410802";
      district.name = "压测区";
      auto d = session->InsertRegion(district).value();
      f.district_path = d.path;
      for (int s = 0; s < kStreets; ++s) {
        domain::Region street;
        street.level = domain::RegionLevel::kStreet;
        street.parent_id = d.id;
        street.name = "街道" + std::to_string(s);
        auto st = session->InsertRegion(street).value();
        if (s == 0) f.street_path = st.path;
        for (int c = 0; c < kCommunities; ++c) {
          domain::Region community;
          community.level = domain::RegionLevel::kCommunity;
          community.parent_id = st.id;
          community.name = "社区" + std::to_string(s) + "-" + std::to_string(c);
          auto cm = session->InsertRegion(community).value();
          community_paths.push_back(cm.path);
        }
      }
      (void)session->Commit();
    }
    const auto started = std::chrono::steady_clock::now();
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; BEGIN");
    // Units: the minimum columns the schema requires, one per community round-robin.
    sqlite3_stmt* unit = nullptr;
    sqlite3_prepare_v2(
        db,
        "INSERT INTO units(id, credit_code, name, address, community_id, region_path, categories, "
        "level, risk, accident_last_year, major_hazard_source, employees, supervising_department, "
        "safety_manager, contact_phone, status, is_key, version, created_at, updated_at, "
        "industry_section, credit_code_override, credit_code_override_reason) "
        "VALUES (?1, ?2, ?3, '', (SELECT id FROM regions WHERE path = ?4), ?4, 'commerce', "
        "'level3', "
        "'blue', 0, 0, 5, '', '', '', 'operating', 0, 1, 0, 0, '', 0, '')",
        -1, &unit, nullptr);
    for (int i = 1; i <= kUnits; ++i) {
      char code[24];
      std::snprintf(code, sizeof code, "91BENCH%011d", i);
      const std::string name = "压测单位" + std::to_string(i);
      const auto& community = community_paths[static_cast<std::size_t>(i) % community_paths.size()];
      sqlite3_bind_int64(unit, 1, i);
      sqlite3_bind_text(unit, 2, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(unit, 3, name.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(unit, 4, community.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(unit) != SQLITE_DONE) {
        std::fprintf(stderr, "hazard_ledger_bench: unit insert: %s\n", sqlite3_errmsg(db));
        std::abort();
      }
      sqlite3_reset(unit);
    }
    sqlite3_finalize(unit);
    sqlite3_stmt* hazard = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO hazards(unit_id, region_path, grade, state, description, "
                       "legal_basis, found_on, "
                       "deadline, created_by, created_at, updated_at, version) "
                       "VALUES (?1, (SELECT region_path FROM units WHERE id = ?1), ?2, ?3, ?4, '', "
                       "'2025-01-01', ?5, "
                       "1, 0, 0, 1)",
                       -1, &hazard, nullptr);
    std::mt19937_64 rng(20261122);
    // A mature ledger: most hazards archived or closed, a tenth still being rectified.
    const char* states[] = {"archived",  "archived",   "archived",   "archived",
                            "archived",  "closed",     "closed",     "review_passed",
                            "submitted", "rectifying", "rectifying", "registered"};
    for (int i = 0; i < kHazards; ++i) {
      const auto r = rng();
      const char* state = states[r % 12];
      char deadline[16];
      std::snprintf(deadline, sizeof deadline, "2026-%02d-%02d",
                    static_cast<int>(1 + (r >> 8) % 12), static_cast<int>(1 + (r >> 16) % 28));
      const std::string description =
          "隐患" + std::to_string(i) + (r % 7 == 0 ? "消防通道堵塞" : "灭火器过期");
      sqlite3_bind_int64(hazard, 1, static_cast<std::int64_t>(1 + (r >> 24) % kUnits));
      sqlite3_bind_text(hazard, 2, (r >> 40) % 50 == 0 ? "major" : "general", -1, SQLITE_STATIC);
      sqlite3_bind_text(hazard, 3, state, -1, SQLITE_STATIC);
      sqlite3_bind_text(hazard, 4, description.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(hazard, 5, std::string(state) == "registered" ? "" : deadline, -1,
                        SQLITE_TRANSIENT);
      if (sqlite3_step(hazard) != SQLITE_DONE) {
        std::fprintf(stderr, "hazard_ledger_bench: hazard insert: %s\n", sqlite3_errmsg(db));
        std::abort();
      }
      sqlite3_reset(hazard);
    }
    sqlite3_finalize(hazard);
    Exec(db, "COMMIT; ANALYZE");
    sqlite3_close(db);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("hazard_ledger_bench: loaded %d units and %d hazards in %.1f s (%.0f MiB)\n",
                kUnits, kHazards, seconds,
                static_cast<double>(std::filesystem::file_size(path)) / (1 << 20));
    return f;
  }();
  return fixture;
}

// One ledger screen: a page of hazards plus the counts by state, as GET /api/v1/hazards does.
void RunLedger(benchmark::State& state, const std::string& scope_path, store::HazardQuery query) {
  auto& f = Load();
  for (auto _ : state) {
    auto session = f.store->Read().value();
    auto page = session->ListHazards(store::Scope::Under(scope_path), query);
    auto counts = session->CountHazardsByState(store::Scope::Under(scope_path), query);
    if (!page.ok() || !counts.ok()) {
      state.SkipWithError("query failed");
      return;
    }
    benchmark::DoNotOptimize(page->total);
    state.counters["total"] = static_cast<double>(page->total);
  }
}

void BM_StreetRectifying(benchmark::State& state) {
  store::HazardQuery q;
  q.state = "rectifying";
  RunLedger(state, Load().street_path, q);
}
void BM_StreetOverdue(benchmark::State& state) {
  store::HazardQuery q;
  q.deadline_before = "2026-06-01";
  RunLedger(state, Load().street_path, q);
}
void BM_StreetMajorText(benchmark::State& state) {
  store::HazardQuery q;
  q.grade = "major";
  q.text = "消防通道";
  RunLedger(state, Load().street_path, q);
}
void BM_DistrictRectifying(benchmark::State& state) {
  store::HazardQuery q;
  q.state = "rectifying";
  RunLedger(state, Load().district_path, q);
}
void BM_DistrictAll(benchmark::State& state) { RunLedger(state, Load().district_path, {}); }

// Baseline: the bare count by state over the whole file in raw SQL.
void BM_RawGroupByState(benchmark::State& state) {
  Load();
  sqlite3* db = nullptr;
  sqlite3_open_v2((TempDir() + "/ledger.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  for (auto _ : state) {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT state, COUNT(*) FROM hazards GROUP BY state", -1, &stmt,
                       nullptr);
    std::int64_t total = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) total += sqlite3_column_int64(stmt, 1);
    sqlite3_finalize(stmt);
    benchmark::DoNotOptimize(total);
  }
  sqlite3_close(db);
}

// Single-iteration repetitions: the reported median is the p50 of one ledger screen.
BENCHMARK(BM_StreetRectifying)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(15)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_StreetOverdue)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(15)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_StreetMajorText)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(9)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_DistrictRectifying)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(9)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_DistrictAll)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_RawGroupByState)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

}  // namespace
}  // namespace anjian

BENCHMARK_MAIN();
