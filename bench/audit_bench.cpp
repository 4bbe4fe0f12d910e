// The audit log's cost (issue #12 targets: durable writes with the audit log ≥ 85 % of the same
// writes without it; `audit verify` over 1,000,000 entries under 10 s).
//
// 1. Durable unit updates on SQLite (synchronous=FULL, one commit per update, exactly what
//    PUT /units/{id} does in the store: read, update, history row) without an audit entry and,
//    in the same run, with the entry RegistryService stages (field-level changes included). The
//    ratio is printed.
// 2. One million entries appended in transactions of 10,000, then VerifyAuditChain over all of
//    them (read, re-hash, link check), timed with a steady clock.
//
// Usage: audit_bench [--updates 2000] [--entries 1000000] [--work DIR]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "app/audit_trail.hpp"
#include "store/audit_chain.hpp"
#include "store/store.hpp"

namespace anjian {
namespace {

using SteadyClock = std::chrono::steady_clock;

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "audit_bench: %s\n", what.c_str());
  std::exit(1);
}

template <typename T>
T Must(Result<T>&& result, const char* what) {
  if (!result.ok()) Fail(std::string(what) + ": " + result.error().message);
  return std::move(result).value();
}
void Must(const Status& status, const char* what) {
  if (!status.ok()) Fail(std::string(what) + ": " + status.error().message);
}

// A street with one community and `units` units.
std::vector<UnitId> Seed(store::Store& store, int units) {
  auto session = Must(store.Write(), "write");
  session->MarkBookkeeping();
  domain::Region district;
  district.level = domain::RegionLevel::kDistrict;
  district.code = "410802";
  district.name = "压测区";
  auto d = Must(session->InsertRegion(district), "district");
  domain::Region street;
  street.level = domain::RegionLevel::kStreet;
  street.parent_id = d.id;
  street.name = "压测街道";
  auto s = Must(session->InsertRegion(street), "street");
  domain::Region community;
  community.level = domain::RegionLevel::kCommunity;
  community.parent_id = s.id;
  community.name = "压测社区";
  auto c = Must(session->InsertRegion(community), "community");
  std::vector<UnitId> ids;
  for (int i = 0; i < units; ++i) {
    domain::Unit unit;
    unit.credit_code = "BENCH" + std::to_string(100000 + i);
    unit.credit_code_override = true;
    unit.credit_code_override_reason = "bench";
    unit.name = "压测单位" + std::to_string(i);
    unit.community_id = c.id;
    ids.push_back(Must(session->InsertUnit(unit, 1), "unit").id);
  }
  Must(session->Commit(), "commit");
  return ids;
}

nlohmann::json Snapshot(const domain::Unit& u) {
  return {
      {"name", u.name}, {"address", u.address}, {"employees", u.employees}, {"version", u.version}};
}

// `updates` durable updates, round robin over the units; returns updates per second.
double DurableUpdates(store::Store& store, const std::vector<UnitId>& ids, int updates,
                      bool audited) {
  app::Principal who;
  who.user_id = UserId(1);
  who.username = "admin";
  who.role = domain::UserRole::kAdmin;
  who.client_address = "127.0.0.1";
  const auto start = SteadyClock::now();
  for (int i = 0; i < updates; ++i) {
    auto session = Must(store.Write(), "write");
    const UnitId id = ids[static_cast<std::size_t>(i) % ids.size()];
    auto unit = Must(session->GetUnit(store::Scope::All(), id), "get");
    const auto before = Snapshot(unit);
    unit.address = "压测路" + std::to_string(i) + "号";
    unit.employees = i % 500;
    auto saved = Must(session->UpdateUnit(unit, 2 + i), "update");
    Must(session->AppendHistory({"unit", saved.id.value, saved.version, "update", "admin", 2 + i,
                                 Snapshot(saved).dump()}),
         "history");
    if (audited) {
      app::Audit(*session, who, 2 + i, "unit.update", "unit", std::to_string(id.value),
                 app::FieldChanges(before, Snapshot(saved)));
    } else {
      session->MarkBookkeeping();
    }
    Must(session->Commit(), "commit");
  }
  return updates / std::chrono::duration<double>(SteadyClock::now() - start).count();
}

}  // namespace
}  // namespace anjian

int main(int argc, char** argv) {
  using namespace anjian;
  int updates = 2000;
  int entries = 1'000'000;
  std::string work;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--updates")) updates = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--entries")) entries = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--work")) work = argv[i + 1];
  }
  if (work.empty()) {
    std::string pattern =
        std::filesystem::temp_directory_path().string() + "/anjian-audit-bench-XXXXXX";
    work = mkdtemp(pattern.data());
  }

  {
    auto store = Must(store::OpenStore(work + "/writes.db"), "open");
    store->RequireAudit(true);
    const auto ids = Seed(*store, 200);
    // Warm up, then alternate halves so disk and cache drift hit both sides alike.
    (void)DurableUpdates(*store, ids, 100, false);
    double plain = 0, audited = 0;
    for (int round = 0; round < 2; ++round) {
      plain += DurableUpdates(*store, ids, updates / 2, false);
      audited += DurableUpdates(*store, ids, updates / 2, true);
    }
    plain /= 2;
    audited /= 2;
    std::printf(
        "durable unit updates (SQLite, synchronous=FULL, %d each): without audit %.0f/s, with "
        "audit %.0f/s, "
        "ratio %.1f %% (target >= 85 %%)\n",
        updates, plain, audited, 100.0 * audited / plain);
  }

  {
    auto store = Must(store::OpenStore(work + "/chain.db"), "open");
    const auto fill_start = SteadyClock::now();
    constexpr int kBatch = 10'000;
    domain::AuditEntry entry;
    entry.actor_id = 7;
    entry.actor = "inspector";
    entry.role = "inspector";
    entry.jurisdiction = "/1/2/";
    entry.client_address = "10.20.30.40";
    entry.target_type = "unit";
    for (int done = 0; done < entries;) {
      auto session = Must(store->Write(), "write");
      for (int i = 0; i < kBatch && done < entries; ++i, ++done) {
        entry.at = 1'796'000'000 + done;
        entry.action = done % 3 ? "unit.update" : "auth.login";
        entry.target_id = std::to_string(done % 2370);
        entry.details_json = R"({"changes":{"address":{"new":"压测路)" + std::to_string(done) +
                             R"(号","old":"旧址"}}})";
        session->StageAudit(entry);
      }
      Must(session->Commit(), "commit");
    }
    const double fill = std::chrono::duration<double>(SteadyClock::now() - fill_start).count();
    auto session = Must(store->Read(), "read");
    const auto verify_start = SteadyClock::now();
    auto verification = Must(store::VerifyAuditChain(*session), "verify");
    const double verify = std::chrono::duration<double>(SteadyClock::now() - verify_start).count();
    // Baseline in the same run: hashing the same canonical texts without reading them back.
    const auto hash_start = SteadyClock::now();
    std::string prev(domain::kAuditGenesisHash);
    for (int i = 0; i < entries; ++i) {
      entry.seq = i + 1;
      prev = store::AuditEntryHash(prev, entry);
    }
    const double hash_only = std::chrono::duration<double>(SteadyClock::now() - hash_start).count();
    std::printf(
        "audit chain of %d entries (SQLite): appended in %.1f s (%.0f entries/s); verify %.2f s, "
        "%s "
        "(target < 10 s); hashing alone %.2f s\n",
        entries, fill, entries / fill, verify, verification.intact ? "intact" : "BROKEN",
        hash_only);
    if (!verification.intact || verification.entries != entries) return 1;
  }
  std::filesystem::remove_all(work);
  return 0;
}
