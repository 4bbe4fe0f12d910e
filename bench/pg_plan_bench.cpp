// Plan compilation reading from and writing to the store (issue #6): the synthetic province of
// bench/plan_synthetic.hpp (the input of bench/plan_bench) is written into SQLite and into
// PostgreSQL through the Store port, then compiled the way app::PlanService::Compile does it, with
// each step timed on its own:
//
//   populate  regions, units and inspectors through Store::Write() sessions (InsertRegion,
//             InsertUnit, InsertInspector), --batch regions and units per transaction, the
//             inspectors in one (as a roster import would); for PostgreSQL also
//             `anjian migrate`'s COPY path (store/transfer: the SQLite file just written, copied
//             into a second empty database, with its in-transaction checksums), when both engines
//             run;
//   load      PlanService::LoadInput's reads on one write session (PlanService::Compile holds
//             one for the whole compile): ListRegions, ForEachUnit, ForEachInspector into a
//             planner::PlanInput — the same calls in the same order;
//   hash      SHA-256 of planner::CanonicalInputText → the draw seed (DrawSeed);
//   compile   planner::CompilePlan(input, calendar), plan_bench's call;
//   serialise InputHeadToJson(...).dump() and PlanHeadToJson(...).dump() — the plan record's
//             input_json and plan_json without their lists, whose sizes are printed;
//   save      StoreSession::InsertPlan with both documents, then SavePlanInputUnits and
//             SavePlanItems (every unit and item serialised and inserted as a row, in batches),
//             then Commit (durable).
// Then PlanService::Compile itself, end to end (the real code path: commitment, load, hash,
// compile, serialise, save, events), as a check on the sum of the steps.
//
// The synthetic input is freed (and malloc_trim'd) before the compile steps, so the peak RSS
// (getrusage ru_maxrss, reset through /proc/self/clear_refs before each measured path) is the
// compile path's own. Nothing is shrunk to make a case fit: a step that fails reports the error
// and the sizes involved.
//
// Usage: pg_plan_bench [--units 200000[,2000000…]] [--engines sqlite,postgresql]
//                      [--pg postgresql://…/postgres?host=…] [--work DIR] [--batch 1000]
//                      [--pg-populate store|copy] [--no-copy] [--no-service] [--keep]
//                      [--memory-limit-gib G]   (RLIMIT_AS: running out is reported, not an OOM
//                      kill)
// --pg is the URL of a maintenance database on a server where the bench may create and drop
// databases named anjian_plan_*; bench/pg_plan_bench.sh starts a throwaway cluster for it.
// --pg-populate copy fills PostgreSQL only through the COPY path (from the SQLite file written
// first), for a quicker run: through the Store API every unit is a few round trips on PostgreSQL.
#include <libpq-fe.h>
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/auth_service.hpp"
#include "app/plan_codec.hpp"
#include "app/plan_policy_codec.hpp"
#include "app/plan_service.hpp"
#include "common/sha256.hpp"
#include "plan_synthetic.hpp"
#include "process_stats.hpp"
#include "store/store.hpp"
#include "store/transfer/transfer.hpp"

namespace anjian::bench {
namespace {

// --- measurement helpers -----------------------------------------------------------------------

std::string LoadAverage() {
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) != 3) return "?";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f %.2f %.2f", load[0], load[1], load[2]);
  return buf;
}

class Stopwatch {
 public:
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

double MiB(std::size_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "pg_plan_bench: %s\n", what.c_str());
  std::exit(1);
}

template <typename T>
T Check(Result<T> result, const std::string& what) {
  if (!result.ok()) Die(what + ": " + result.error().message);
  return std::move(result).value();
}

void CheckStatus(const Status& status, const std::string& what) {
  if (!status.ok()) Die(what + ": " + status.error().message);
}

// --- PostgreSQL databases ------------------------------------------------------------------

// `url` with its database name replaced: postgresql://user@host/NAME?params.
std::string WithDatabase(const std::string& url, const std::string& name) {
  const auto scheme = url.find("://");
  const auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash == std::string::npos) Die("cannot find the database name in " + url);
  const auto question = url.find('?', slash);
  return url.substr(0, slash + 1) + name +
         (question == std::string::npos ? "" : url.substr(question));
}

void AdminSql(const std::string& admin_url, const std::string& sql) {
  PGconn* conn = PQconnectdb(admin_url.c_str());
  if (PQstatus(conn) != CONNECTION_OK)
    Die(std::string("connect ") + admin_url + ": " + PQerrorMessage(conn));
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);  // "does not exist, skipping"
  PGresult* result = PQexec(conn, sql.c_str());
  if (PQresultStatus(result) != PGRES_COMMAND_OK) Die(sql + ": " + PQresultErrorMessage(result));
  PQclear(result);
  PQfinish(conn);
}

void RecreateDatabase(const std::string& admin_url, const std::string& name) {
  AdminSql(admin_url, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  AdminSql(admin_url, "CREATE DATABASE " + name);
}

std::string DatabaseSize(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  std::string size = "?";
  if (PQstatus(conn) == CONNECTION_OK) {
    PGresult* r = PQexec(conn, "SELECT pg_size_pretty(pg_database_size(current_database()))");
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) size = PQgetvalue(r, 0, 0);
    PQclear(r);
  }
  PQfinish(conn);
  return size;
}

// --- populate --------------------------------------------------------------------------------

struct Populated {
  double regions_seconds = 0;
  double units_seconds = 0;
  double inspectors_seconds = 0;
  std::size_t regions = 0;
  double first_batch_seconds = 0;  // the first and the last full batch of units
  double last_batch_seconds = 0;
  double Total() const { return regions_seconds + units_seconds + inspectors_seconds; }
};

// Writes the synthetic province through the Store port. Region ids in the input are synthetic
// (street 1000+s, community 100000+…, grid 10000000+…); the store assigns its own, so units and
// inspectors are rewritten to the stored ids. Regions come from the units' and inspectors' paths.
Populated Populate(store::Store& store, const planner::PlanInput& input, int batch) {
  Populated out;
  std::map<std::int64_t, RegionId> stored;  // synthetic id → stored id
  {
    Stopwatch watch;
    std::set<std::int64_t> streets;
    std::map<std::int64_t, std::pair<std::int64_t, std::string>> communities;  // id → street, name
    std::map<std::int64_t, std::pair<std::int64_t, std::string>> grids;  // id → community, name
    auto parse = [](const std::string& path) {
      std::vector<std::int64_t> ids;
      std::size_t start = 1;
      while (start < path.size()) {
        const auto end = path.find('/', start);
        ids.push_back(std::stoll(path.substr(start, end - start)));
        start = end + 1;
      }
      return ids;
    };
    for (const auto& u : input.units) {
      const auto ids = parse(u.region_path);  // district, street, community, grid
      streets.insert(ids.at(1));
      communities.emplace(ids.at(2), std::make_pair(ids.at(1), u.community_name));
      grids.emplace(ids.at(3), std::make_pair(ids.at(2), u.grid_name));
    }
    for (const auto& i : input.inspectors) {
      const auto ids = parse(i.jurisdiction_path);
      streets.insert(ids.at(1));
    }
    // Regions are committed every `batch` inserts too (parents are always inserted, and so
    // committed, before their children).
    std::unique_ptr<store::StoreSession> session;
    int in_batch = 0;
    auto insert_region = [&](const domain::Region& r, const char* what) {
      if (!session) session = Check(store.Write(), "write session");
      const RegionId id = Check(session->InsertRegion(r), what).id;
      if (++in_batch == batch) {
        CheckStatus(session->Commit(), "commit regions");
        session.reset();
        in_batch = 0;
      }
      return id;
    };
    domain::Region district;
    district.level = domain::RegionLevel::kDistrict;
    district.name = "合成区";
    const auto district_id = insert_region(district, "insert district");
    for (auto s : streets) {
      domain::Region r;
      r.parent_id = district_id;
      r.level = domain::RegionLevel::kStreet;
      r.name = s == 1000 ? "解放街道" : "第" + std::to_string(s - 1000 + 1) + "街道";
      stored[s] = insert_region(r, "insert street");
    }
    for (const auto& [id, parent] : communities) {
      domain::Region r;
      r.parent_id = stored.at(parent.first);
      r.level = domain::RegionLevel::kCommunity;
      r.name = parent.second;
      stored[id] = insert_region(r, "insert community");
    }
    for (const auto& [id, parent] : grids) {
      domain::Region r;
      r.parent_id = stored.at(parent.first);
      r.level = domain::RegionLevel::kGrid;
      r.name = parent.second;
      stored[id] = insert_region(r, "insert grid");
    }
    if (session) CheckStatus(session->Commit(), "commit regions");
    out.regions = stored.size() + 1;
    out.regions_seconds = watch.Seconds();
  }
  const std::int64_t now = SystemClock().NowUnixSeconds();
  {
    Stopwatch watch;
    std::unique_ptr<store::StoreSession> session;
    int in_batch = 0;
    double batch_start = 0;
    for (const auto& pu : input.units) {
      if (!session) session = Check(store.Write(), "write session");
      domain::Unit unit = pu.unit;
      unit.community_id = stored.at(unit.community_id.value);
      if (unit.grid_id) unit.grid_id = stored.at(unit.grid_id->value);
      Check(session->InsertUnit(unit, now), "insert unit " + unit.credit_code);
      if (++in_batch == batch) {
        CheckStatus(session->Commit(), "commit units");
        session.reset();
        in_batch = 0;
        const double t = watch.Seconds();
        if (out.first_batch_seconds == 0) out.first_batch_seconds = t - batch_start;
        out.last_batch_seconds = t - batch_start;
        batch_start = t;
      }
    }
    if (session) CheckStatus(session->Commit(), "commit units");
    out.units_seconds = watch.Seconds();
  }
  {
    // One transaction, as `anjian import inspectors` writes a roster.
    Stopwatch watch;
    auto session = Check(store.Write(), "write session");
    for (const auto& pi : input.inspectors) {
      domain::Inspector inspector = pi.inspector;
      inspector.jurisdiction_id = stored.at(inspector.jurisdiction_id.value);
      Check(session->InsertInspector(inspector, now), "insert inspector " + inspector.employee_no);
    }
    CheckStatus(session->Commit(), "commit inspectors");
    out.inspectors_seconds = watch.Seconds();
  }
  return out;
}

// --- the compile path, step by step ------------------------------------------------------------

struct Steps {
  double load = 0, hash = 0, compile = 0, serialise = 0, save = 0;
  double load_rss = 0;          // resident after the load (MiB)
  double compile_peak_rss = 0;  // peak through load, hash and compile (before any JSON)
  double peak_rss = 0;
  std::string failure;  // out of memory in a step (with --memory-limit-gib)
  bool peak_reset = false;
  std::size_t units = 0, inspectors = 0, regions = 0;
  std::size_t items = 0, shortfall = 0, not_planned = 0;
  std::size_t input_json = 0, plan_json = 0;  // bytes
  std::string save_error;
  double Total() const { return load + hash + compile + serialise + save; }
};

struct ServiceRun {
  double seconds = 0;
  double peak_rss = 0;
  std::string error;
  std::int64_t plan_id = 0;
};

std::string OutOfMemory(const std::string& stage) {
  char buf[160];
  std::snprintf(buf, sizeof buf,
                "out of memory (std::bad_alloc) during %s at RSS %.0f MiB, peak %.0f MiB",
                stage.c_str(), CurrentRssMiB(), PeakRssMiB());
  return buf;
}

const char* kSeed = "pg-plan-bench-seed-2026";

void RunStepsInto(Steps& out, std::string& stage, store::Store& store,
                  const planner::Policy& policy, int year, const std::string& calendar_text) {
  const auto& calendar = BenchCalendar();
  const app::Principal who = app::Principal::System();
  planner::PlanInput input;
  {
    // What PlanService::Compile reads, through the same function, from one read snapshot.
    Stopwatch watch;
    auto snapshot = Check(store.Read(), "read session");
    input.year = year;
    input.policy = policy;
    out.regions =
        Check(app::ReadPlanUnitsAndInspectors(*snapshot, who.scope, input), "read plan input");
    out.load = watch.Seconds();
  }
  out.units = input.units.size();
  out.inspectors = input.inspectors.size();
  out.load_rss = CurrentRssMiB();

  std::string input_hash;
  stage = "hash";
  {
    Stopwatch watch;
    input_hash = Sha256Hex(planner::CanonicalInputText(input, calendar));
    input.draw_seed = app::DrawSeed(kSeed, input_hash);
    out.hash = watch.Seconds();
  }
  std::optional<planner::Plan> plan;
  stage = "compile";
  {
    Stopwatch watch;
    plan = Check(planner::CompilePlan(input, calendar), "compile");
    out.compile = watch.Seconds();
  }
  out.compile_peak_rss = PeakRssMiB();
  out.items = plan->items.size();
  out.shortfall = plan->shortfall.size();
  out.not_planned = plan->not_planned.size();

  store::PlanRecord record;
  stage = "serialise";
  {
    Stopwatch watch;
    const std::string commitment = Sha256Hex(kSeed);
    app::PlanMeta meta{year,
                       std::to_string(year) + policy.title,
                       policy.authority,
                       policy.name,
                       kSeed,
                       commitment,
                       0,
                       input_hash};
    record.revision = 1;
    record.year = year;
    record.scope_path = who.scope.region_path;
    record.title = meta.title;
    record.policy_name = policy.name;
    record.status = planner::PlanStatus::kDraft;
    record.seed = kSeed;
    record.seed_commitment = commitment;
    record.input_hash = input_hash;
    record.input_json = app::InputHeadToJson(input, calendar_text).dump();
    record.plan_json = app::PlanHeadToJson(*plan, meta, &input.policy).dump();
    record.summary_json = "{}";
    record.created_at = SystemClock().NowUnixSeconds();
    out.serialise = watch.Seconds();
  }
  out.input_json = record.input_json.size();
  out.plan_json = record.plan_json.size();
  stage = "save";
  {
    Stopwatch watch;
    auto session = Check(store.Write(), "write session");  // only the result is written
    auto inserted = session->InsertPlan(record);
    Status committed = inserted.ok() ? Status(Ok()) : Status(inserted.error());
    // The rows: each input unit and item serialised as it is written, a batch at a time.
    if (committed.ok()) committed = app::SavePlanInputUnits(*session, inserted->id, input.units);
    if (committed.ok()) committed = app::SavePlanItems(*session, inserted->id, plan->items);
    if (committed.ok()) committed = session->Commit();
    out.save = watch.Seconds();
    if (!committed.ok()) out.save_error = committed.error().message;
  }
}

Steps RunSteps(store::Store& store, const planner::Policy& policy, int year,
               const std::string& calendar_text) {
  Steps out;
  out.peak_reset = ResetPeakRss();
  std::string stage = "load";
  try {
    RunStepsInto(out, stage, store, policy, year, calendar_text);
  } catch (const std::bad_alloc&) {
    out.failure = OutOfMemory(stage);
  }
  out.peak_rss = PeakRssMiB();
  return out;
}

ServiceRun RunService(store::Store& store, const planner::Policy& policy, int year,
                      const std::string& calendar_text) {
  ServiceRun out;
  ResetPeakRss();
  SystemClock clock;
  app::PlanService service(store, clock, BenchCalendar(), calendar_text);
  app::CompileRequest request;
  request.year = year;
  request.policy_text = app::PolicyToJson(policy).dump();
  request.seed = std::string(kSeed) + "-service";
  Stopwatch watch;
  try {
    auto compiled = service.Compile(app::Principal::System(), request);
    if (compiled.ok()) {
      out.plan_id = compiled->record.id;
    } else {
      out.error = compiled.error().message;
    }
  } catch (const std::bad_alloc&) {
    out.error = OutOfMemory("PlanService::Compile");
  }
  out.seconds = watch.Seconds();
  out.peak_rss = PeakRssMiB();
  return out;
}

// --- driver ------------------------------------------------------------------------------------

struct Options {
  std::vector<int> units = {200'000};
  std::vector<std::string> engines = {"sqlite", "postgresql"};
  std::string pg_admin_url;
  std::string work;
  // 1,000, not 10,000: on PostgreSQL every InsertUnit bumps the one `registry` change-counter row
  // (a statement-level trigger), and each UPDATE of a row already updated n times in the same
  // transaction walks those n versions, so a transaction of n inserts costs O(n²): 10,000 per
  // transaction runs at a quarter of the rate of 1,000 here (docs/benchmarks.md).
  int batch = 1'000;
  bool copy = true;
  std::string pg_populate =
      "store";  // or "copy": fill PostgreSQL from the SQLite file with COPY only
  bool service = true;
  bool keep = false;
  double memory_limit_gib = 0;  // RLIMIT_AS, so running out of memory is a reported bad_alloc
};

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

Options ParseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Die(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--units") {
      o.units.clear();
      for (const auto& n : Split(value())) o.units.push_back(std::stoi(n));
    } else if (arg == "--engines") {
      o.engines = Split(value());
    } else if (arg == "--pg") {
      o.pg_admin_url = value();
    } else if (arg == "--work") {
      o.work = value();
    } else if (arg == "--batch") {
      o.batch = std::stoi(value());
    } else if (arg == "--pg-populate") {
      o.pg_populate = value();
      if (o.pg_populate != "store" && o.pg_populate != "copy") Die("--pg-populate: store or copy");
    } else if (arg == "--no-copy") {
      o.copy = false;
    } else if (arg == "--no-service") {
      o.service = false;
    } else if (arg == "--memory-limit-gib") {
      o.memory_limit_gib = std::stod(value());
    } else if (arg == "--keep") {
      o.keep = true;
    } else {
      Die("unknown argument " + arg + " (see the comment at the top of bench/pg_plan_bench.cpp)");
    }
  }
  if (o.pg_populate == "copy" && (o.engines.size() != 2 || o.engines[0] != "sqlite")) {
    Die("--pg-populate copy needs --engines sqlite,postgresql (PostgreSQL is filled from the "
        "SQLite file)");
  }
  for (const auto& e : o.engines) {
    if (e != "sqlite" && e != "postgresql") Die("--engines: sqlite and/or postgresql, not " + e);
    if (e == "postgresql" && o.pg_admin_url.empty())
      Die("--pg URL is required for the postgresql engine");
  }
  if (o.work.empty()) {
    char pattern[] = "/tmp/anjian-pg-plan-bench.XXXXXX";
    if (mkdtemp(pattern) == nullptr) Die("mkdtemp failed");
    o.work = pattern;
  }
  std::filesystem::create_directories(o.work);
  if (o.memory_limit_gib > 0) {
    const auto bytes = static_cast<rlim_t>(o.memory_limit_gib * 1024 * 1024 * 1024);
    const rlimit limit{bytes, bytes};
    if (setrlimit(RLIMIT_AS, &limit) != 0) Die("setrlimit(RLIMIT_AS) failed");
  }
  return o;
}

struct EngineResult {
  std::string engine;
  Populated populated;
  std::optional<store::transfer::TransferReport> copy;
  std::string copy_error;
  std::string size;  // database size after populating
  Steps steps;
  std::optional<ServiceRun> service;
};

void PrintSizeTable(int units, const std::vector<EngineResult>& results) {
  std::printf("\n#### %d units (load average %s)\n\n", units, LoadAverage().c_str());
  std::printf(
      "| engine | populate: regions + units + inspectors (Store API, s) | units/s | database size "
      "| COPY path (s) |\n");
  std::printf("|---|---:|---:|---:|---|\n");
  for (const auto& r : results) {
    std::string copy = "—";
    if (r.copy) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "copy %.1f + in-transaction checksums %.1f (%lld rows)",
                    r.copy->copy_seconds, r.copy->verify_seconds,
                    static_cast<long long>(r.copy->rows));
      copy = buf;
    } else if (!r.copy_error.empty()) {
      copy = "failed: " + r.copy_error;
    }
    if (r.populated.units_seconds == 0) {  // --pg-populate copy
      std::printf("| %s | — (filled by COPY) | — | %s | %s |\n", r.engine.c_str(), r.size.c_str(),
                  copy.c_str());
      continue;
    }
    std::printf("| %s | %.1f + %.1f + %.1f = %.1f | %.0f | %s | %s |\n", r.engine.c_str(),
                r.populated.regions_seconds, r.populated.units_seconds,
                r.populated.inspectors_seconds, r.populated.Total(),
                units / r.populated.units_seconds, r.size.c_str(), copy.c_str());
  }
  std::printf(
      "\n| engine | load (s) | hash (s) | compile (s) | serialise (s) | input_json | plan_json | "
      "save (s) | "
      "sum (s) | RSS after load | peak RSS to compile | peak RSS | PlanService::Compile (s) | its "
      "peak RSS |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const auto& r : results) {
    const auto& s = r.steps;
    char save[32];
    if (s.save_error.empty()) {
      std::snprintf(save, sizeof save, "%.1f", s.save);
    } else {
      std::snprintf(save, sizeof save, "%.1f FAILED", s.save);
    }
    std::string service = "—", service_rss = "—";
    if (r.service) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.1f%s", r.service->seconds,
                    r.service->error.empty() ? "" : " FAILED");
      service = buf;
      std::snprintf(buf, sizeof buf, "%.0f MiB", r.service->peak_rss);
      service_rss = buf;
    }
    std::printf(
        "| %s | %.1f | %.1f | %.1f | %.1f | %.1f MiB | %.1f MiB | %s | %.1f | %.0f MiB | %.0f MiB "
        "| %.0f MiB%s | %s | %s |\n",
        r.engine.c_str(), s.load, s.hash, s.compile, s.serialise, MiB(s.input_json),
        MiB(s.plan_json), save, s.Total(), s.load_rss, s.compile_peak_rss, s.peak_rss,
        s.peak_reset ? "" : " (not reset)", service.c_str(), service_rss.c_str());
  }
  for (const auto& r : results) {
    std::printf(
        "\n%s: %zu units, %zu inspectors, %zu regions read; %zu items, %zu shortfall, %zu not "
        "planned\n",
        r.engine.c_str(), r.steps.units, r.steps.inspectors, r.steps.regions, r.steps.items,
        r.steps.shortfall, r.steps.not_planned);
    if (!r.steps.failure.empty())
      std::printf("%s: steps stopped: %s\n", r.engine.c_str(), r.steps.failure.c_str());
    if (!r.steps.save_error.empty()) {
      std::printf("%s: save FAILED (input_json %zu bytes + plan_json %zu bytes = %zu bytes): %s\n",
                  r.engine.c_str(), r.steps.input_json, r.steps.plan_json,
                  r.steps.input_json + r.steps.plan_json, r.steps.save_error.c_str());
    }
    if (r.service && !r.service->error.empty()) {
      std::printf("%s: PlanService::Compile FAILED after %.1f s: %s\n", r.engine.c_str(),
                  r.service->seconds, r.service->error.c_str());
    }
  }
  std::fflush(stdout);
}

}  // namespace
}  // namespace anjian::bench

int main(int argc, char** argv) {
  using namespace anjian;
  using namespace anjian::bench;
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const Options options = ParseOptions(argc, argv);
  const std::string calendar_text =
      ReadTextFile(std::string(ANJIAN_SOURCE_DIR) + "/data/calendar/cn_statutory_holidays.txt");
  (void)BenchCalendar();
  std::printf(
      "pg_plan_bench: %ld cores, load average %s, work dir %s, %d units per write transaction\n",
      sysconf(_SC_NPROCESSORS_ONLN), LoadAverage().c_str(), options.work.c_str(), options.batch);
  // Per size and engine: seconds of the steps (load through save) and of PlanService::Compile, for
  // the time-per-unit growth printed at the end against the smallest size of the same run.
  struct PerUnit {
    int units;
    std::string engine;
    double steps;
    double service;  // < 0 when not run or failed
    bool saved;
  };
  std::vector<PerUnit> per_unit;
  for (const int units : options.units) {
    SyntheticOptions synthetic;
    synthetic.units = units;
    SyntheticStats stats;
    std::vector<EngineResult> results;
    planner::Policy policy;
    {
      Stopwatch watch;
      auto input = MakeSyntheticInput(synthetic, &stats);
      policy = input.policy;
      std::printf(
          "\n== %d units: synthetic input (%d streets, %zu inspectors) built in %.1f s, RSS %.0f "
          "MiB\n",
          units, stats.streets, input.inspectors.size(), watch.Seconds(), CurrentRssMiB());
      std::string sqlite_path;
      for (const auto& engine : options.engines) {
        EngineResult r;
        r.engine = engine;
        std::string location;
        if (engine == "sqlite") {
          sqlite_path = options.work + "/plan-" + std::to_string(units) + ".db";
          for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(sqlite_path + suffix);
          location = sqlite_path;
        } else {
          const std::string name = "anjian_plan_" + std::to_string(units);
          RecreateDatabase(options.pg_admin_url, name);
          location = WithDatabase(options.pg_admin_url, name);
        }
        if (engine == "postgresql" && options.pg_populate == "copy") {
          // PostgreSQL filled only by the COPY path from the SQLite file just written.
          store::transfer::TransferOptions t;
          t.verify_after_commit = false;
          std::printf("%s: populating with COPY from %s (load average %s)…\n", engine.c_str(),
                      sqlite_path.c_str(), LoadAverage().c_str());
          auto report = store::transfer::CopySqliteToPostgres(sqlite_path, location, t);
          if (!report.ok()) Die("COPY path: " + report.error().message);
          r.copy = *report;
          r.size = DatabaseSize(location);
          std::printf("%s: COPY path (anjian migrate) %.1f s + checksums %.1f s, %lld rows, %s\n",
                      engine.c_str(), report->copy_seconds, report->verify_seconds,
                      static_cast<long long>(report->rows), r.size.c_str());
          results.push_back(std::move(r));
          continue;
        }
        {
          auto store = Check(store::OpenStore(location), "open " + location);
          std::printf("%s: populating through the Store API (load average %s)…\n", engine.c_str(),
                      LoadAverage().c_str());
          r.populated = Populate(*store, input, options.batch);
        }
        r.size = engine == "sqlite" ? std::to_string(static_cast<long long>(
                                          MiB(std::filesystem::file_size(sqlite_path)))) +
                                          " MiB"
                                    : DatabaseSize(location);
        std::printf(
            "%s: populated in %.1f s (%zu regions %.1f s; units %.1f s = %.0f units/s, first/last "
            "batch of "
            "%d %.2f/%.2f s), %s\n",
            engine.c_str(), r.populated.Total(), r.populated.regions, r.populated.regions_seconds,
            r.populated.units_seconds, units / r.populated.units_seconds, options.batch,
            r.populated.first_batch_seconds, r.populated.last_batch_seconds, r.size.c_str());
        if (engine == "postgresql" && options.copy && !sqlite_path.empty()) {
          const std::string name = "anjian_plan_" + std::to_string(units) + "_copy";
          RecreateDatabase(options.pg_admin_url, name);
          store::transfer::TransferOptions t;
          t.verify_after_commit = false;
          auto report = store::transfer::CopySqliteToPostgres(
              sqlite_path, WithDatabase(options.pg_admin_url, name), t);
          if (report.ok()) {
            r.copy = *report;
            std::printf(
                "%s: COPY path (anjian migrate) %.1f s + checksums %.1f s, %lld rows, "
                "committed=%d\n",
                engine.c_str(), report->copy_seconds, report->verify_seconds,
                static_cast<long long>(report->rows), report->committed ? 1 : 0);
          } else {
            r.copy_error = report.error().message;
            std::printf("%s: COPY path failed: %s\n", engine.c_str(), r.copy_error.c_str());
          }
          if (!options.keep)
            AdminSql(options.pg_admin_url, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        results.push_back(std::move(r));
      }
    }
    malloc_trim(0);
    std::printf("synthetic input freed: RSS %.0f MiB\n", CurrentRssMiB());
    for (auto& r : results) {
      const std::string location =
          r.engine == "sqlite"
              ? options.work + "/plan-" + std::to_string(units) + ".db"
              : WithDatabase(options.pg_admin_url, "anjian_plan_" + std::to_string(units));
      {
        auto store = Check(store::OpenStore(location), "open " + location);
        std::printf("%s: load → hash → compile → serialise → save (load average %s)…\n",
                    r.engine.c_str(), LoadAverage().c_str());
        r.steps = RunSteps(*store, policy, synthetic.year, calendar_text);
        std::printf(
            "%s: load %.1f s, hash %.1f s, compile %.1f s, serialise %.1f s (input_json %.1f MiB, "
            "plan_json %.1f MiB), "
            "save %.1f s%s%s; peak RSS %.0f MiB (%.0f MiB up to the compile) (load average "
            "%s)%s%s\n",
            r.engine.c_str(), r.steps.load, r.steps.hash, r.steps.compile, r.steps.serialise,
            MiB(r.steps.input_json), MiB(r.steps.plan_json), r.steps.save,
            r.steps.save_error.empty() ? "" : " FAILED: ", r.steps.save_error.c_str(),
            r.steps.peak_rss, r.steps.compile_peak_rss, LoadAverage().c_str(),
            r.steps.failure.empty() ? "" : "; STOPPED: ", r.steps.failure.c_str());
      }
      malloc_trim(0);
      if (options.service) {
        auto store = Check(store::OpenStore(location), "open " + location);
        std::printf("%s: PlanService::Compile end to end…\n", r.engine.c_str());
        r.service = RunService(*store, policy, synthetic.year, calendar_text);
        std::printf("%s: PlanService::Compile %.1f s, peak RSS %.0f MiB%s%s\n", r.engine.c_str(),
                    r.service->seconds, r.service->peak_rss,
                    r.service->error.empty() ? "" : " FAILED: ", r.service->error.c_str());
      }
      malloc_trim(0);
    }
    PrintSizeTable(units, results);
    for (const auto& r : results) {
      per_unit.push_back({units, r.engine, r.steps.Total(),
                          r.service && r.service->error.empty() ? r.service->seconds : -1.0,
                          r.steps.save_error.empty() && r.steps.failure.empty()});
    }
    if (!options.keep) {
      for (const auto& r : results) {
        if (r.engine == "sqlite") {
          const std::string path = options.work + "/plan-" + std::to_string(units) + ".db";
          for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
        } else {
          AdminSql(options.pg_admin_url, "DROP DATABASE IF EXISTS anjian_plan_" +
                                             std::to_string(units) + " WITH (FORCE)");
        }
      }
    }
  }
  if (options.units.size() > 1) {
    std::printf(
        "\n| engine | units | load→save (s) | µs per unit | growth | PlanService::Compile (s) | µs "
        "per unit | growth |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const auto& row : per_unit) {
      const PerUnit* base = nullptr;  // the smallest size of the same engine
      for (const auto& other : per_unit) {
        if (other.engine == row.engine && (!base || other.units < base->units)) base = &other;
      }
      const double us = row.steps * 1e6 / row.units;
      const double base_us = base->steps * 1e6 / base->units;
      char service[96] = "— | — | —";
      if (row.service >= 0 && base->service > 0) {
        const double sus = row.service * 1e6 / row.units;
        std::snprintf(service, sizeof service, "%.1f | %.1f | %.2f×", row.service, sus,
                      sus / (base->service * 1e6 / base->units));
      }
      std::printf("| %s | %d | %.1f%s | %.1f | %.2f× | %s |\n", row.engine.c_str(), row.units,
                  row.steps, row.saved ? "" : " (not saved)", us, us / base_us, service);
    }
  }
  return 0;
}
