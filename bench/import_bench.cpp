// Import 100,000 unit rows from xlsx with full validation (issue #2 target: < 10 s), against a
// baseline measured in the same run: the same rows bound and inserted with the raw SQLite C API
// in one transaction (no xlsx, no validation, no history) — the floor the importer sits on.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "app/import_service.hpp"
#include "common/clock.hpp"
#include "domain/registry/credit_code.hpp"
#include "io/table_writer.hpp"

namespace anjian {
namespace {

constexpr int kRows = 100'000;

std::string TempDir() {
  static std::string dir = [] {
    std::string pattern = std::filesystem::temp_directory_path().string() + "/anjian-bench-XXXXXX";
    return std::string(mkdtemp(pattern.data()));
  }();
  return dir;
}

std::string Code(int index) {
  char body[18];
  std::snprintf(body, sizeof body, "91410802%09d", index);
  std::string code(body, 17);
  code += domain::CreditCode::ComputeCheckCharacter(code);
  return code;
}

const std::string& WorkbookPath() {
  static const std::string path = [] {
    const std::string p = TempDir() + "/units-100k.xlsx";
    io::Row header;
    for (const auto& h : app::UnitTemplateHeaders()) header.push_back({h});
    int next = 0;
    static const char* kRisk[] = {"红", "橙", "黄", "蓝"};
    auto status = io::WriteXlsxFile(p, header, [&](io::Row& row) {
      if (next >= kRows) return false;
      const int i = next++;
      row = {{Code(i)},
             {"压测单位" + std::to_string(i) + "有限公司"},
             {"测试路" + std::to_string(i % 500) + "号"},
             {"社区" + std::to_string(i % 40)},
             {"网格" + std::to_string(i % 7)},
             {"商贸；有限空间"},
             {i % 50 == 0 ? "一级" : "三级"},
             {kRisk[i % 4]},
             {"否"},
             {std::to_string(5 + i % 90), true},
             {"否"},
             {"街道应急办"}};
      return true;
    });
    if (!status.ok()) std::fprintf(stderr, "%s\n", status.error().message.c_str());
    return p;
  }();
  return path;
}

std::unique_ptr<store::Store> FreshStoreWithStreet(const std::string& path) {
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  auto store = store::OpenStore(path).value();
  auto session = store->Write().value();
  domain::Region district;
  district.level = domain::RegionLevel::kDistrict;
  district.code = "410802";
  district.name = "测试区";
  auto d = session->InsertRegion(district).value();
  domain::Region street;
  street.level = domain::RegionLevel::kStreet;
  street.parent_id = d.id;
  street.name = "测试街道";
  (void)session->InsertRegion(street).value();
  (void)session->Commit();
  return store;
}

void BM_ImportUnitsXlsx100k(benchmark::State& state) {
  const auto bytes = io::ReadFileBytes(WorkbookPath()).value();
  SystemClock clock;
  for (auto _ : state) {
    state.PauseTiming();
    auto store = FreshStoreWithStreet(TempDir() + "/import.db");
    app::ImportService service(*store, clock, domain::KeyPolicy::Default());
    state.ResumeTiming();
    auto report =
        service.ImportUnits(app::Principal::System(), bytes, {"units-100k.xlsx", "", false});
    if (!report.ok() || report->imported != kRows) {
      state.SkipWithError(report.ok() ? report->errors.front().ToLine().c_str()
                                      : report.error().message.c_str());
      return;
    }
  }
  state.SetItemsProcessed(state.iterations() * kRows);
  state.counters["rows_per_s"] = benchmark::Counter(static_cast<double>(state.iterations() * kRows),
                                                    benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ImportUnitsXlsx100k)->Unit(benchmark::kSecond)->Iterations(2)->UseRealTime();

// Baseline: raw sqlite3 inserts of the same 100k rows in one transaction, synchronous=FULL.
void BM_RawSqliteInsert100k(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    const std::string path = TempDir() + "/raw.db";
    std::filesystem::remove(path);
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE units(id INTEGER "
                 "PRIMARY KEY, credit_code TEXT UNIQUE, name TEXT, address TEXT, region TEXT, "
                 "categories TEXT, level TEXT, risk TEXT, employees INTEGER, department TEXT)",
                 nullptr, nullptr, nullptr);
    state.ResumeTiming();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO units VALUES (NULL,?,?,?,?,?,?,?,?,?)", -1, &stmt, nullptr);
    for (int i = 0; i < kRows; ++i) {
      const std::string code = Code(i), name = "压测单位" + std::to_string(i) + "有限公司";
      sqlite3_bind_text(stmt, 1, code.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, 2, name.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, 3, "测试路", -1, SQLITE_STATIC);
      sqlite3_bind_text(stmt, 4, "/1/2/3/", -1, SQLITE_STATIC);
      sqlite3_bind_text(stmt, 5, ",commerce,", -1, SQLITE_STATIC);
      sqlite3_bind_text(stmt, 6, "level3", -1, SQLITE_STATIC);
      sqlite3_bind_text(stmt, 7, "blue", -1, SQLITE_STATIC);
      sqlite3_bind_int(stmt, 8, 5 + i % 90);
      sqlite3_bind_text(stmt, 9, "街道应急办", -1, SQLITE_STATIC);
      sqlite3_step(stmt);
      sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    state.PauseTiming();
    sqlite3_close(db);
    state.ResumeTiming();
  }
  state.counters["rows_per_s"] = benchmark::Counter(static_cast<double>(state.iterations() * kRows),
                                                    benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RawSqliteInsert100k)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace
}  // namespace anjian

BENCHMARK_MAIN();
