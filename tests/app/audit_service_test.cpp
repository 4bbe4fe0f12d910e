// AuditService::Verify over this database's chain and the imported chains of merged streets
// (issue #13): each chain verifies on its own, and the merge's entry in this database's chain
// anchors the head recorded for the street.
#include "app/audit_service.hpp"

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "app_fixture.hpp"

namespace anjian::app {
namespace {

constexpr std::int64_t kDay = 86400;

domain::AuditEntry StreetEntry(std::int64_t seq, std::int64_t at, const std::string& prev) {
  domain::AuditEntry e;
  e.seq = seq;
  e.at = at;
  e.actor_id = 3;
  e.actor = "street_admin";
  e.role = "admin";
  e.jurisdiction = "/1/2/";
  e.client_address = "10.0.0.8";
  e.action = "unit.update";
  e.target_type = "unit";
  e.target_id = std::to_string(seq);
  e.details_json = R"({"changes":{"name":{"new":"乙","old":"甲"}}})";
  e.prev_hash = prev;
  e.hash = store::AuditEntryHash(prev, e);
  return e;
}

// A street's own chain of `count` entries from the genesis, hashed with the real function.
std::vector<domain::AuditEntry> StreetChain(int count, std::int64_t at) {
  std::vector<domain::AuditEntry> chain;
  std::string prev(domain::kAuditGenesisHash);
  for (int i = 1; i <= count; ++i) {
    chain.push_back(StreetEntry(i, at + i, prev));
    prev = chain.back().hash;
  }
  return chain;
}

std::string Quoted(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

class AuditServiceTest : public AppTest {
 protected:
  // SQL run on the database file behind the store's back, as `anjian migrate` writes it.
  void Raw(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.File("anjian.db").c_str(), &db), SQLITE_OK);
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    const std::string text = message ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << text;
  }

  // The rows a merge leaves for street `id`: its merged_sources row recording `head_seq` /
  // `head_hash` as the head, and its chain.
  void ImportStreet(std::int64_t id, const std::string& street,
                    const std::vector<domain::AuditEntry>& chain, std::int64_t head_seq,
                    const std::string& head_hash, std::int64_t merged_at) {
    Raw("INSERT INTO merged_sources (id, street_name, source_file, id_offset, id_ceiling, "
        "district_from, district_to, street_id, merged_at, schema_version, audit_seq, audit_hash, "
        "report_json) VALUES (" +
        std::to_string(id) + ", " + Quoted(street) + ", '/srv/street.db', 1000, 500, 2, " +
        std::to_string(tree_.district.id.value) + ", " + std::to_string(tree_.street.id.value) +
        ", " + std::to_string(merged_at) + ", 16, " + std::to_string(head_seq) + ", " +
        Quoted(head_hash) + ", '{}')");
    for (const auto& e : chain) {
      Raw("INSERT INTO audit_log_imported (source_id, seq, at, actor_id, actor, role, "
          "jurisdiction, client_address, action, target_type, target_id, outcome, details, "
          "prev_hash, hash) VALUES (" +
          std::to_string(id) + ", " + std::to_string(e.seq) + ", " + std::to_string(e.at) + ", " +
          std::to_string(e.actor_id) + ", " + Quoted(e.actor) + ", " + Quoted(e.role) + ", " +
          Quoted(e.jurisdiction) + ", " + Quoted(e.client_address) + ", " + Quoted(e.action) +
          ", " + Quoted(e.target_type) + ", " + Quoted(e.target_id) + ", " +
          Quoted(domain::Code(e.outcome)) + ", " + Quoted(e.details_json) + ", " +
          Quoted(e.prev_hash) + ", " + Quoted(e.hash) + ")");
    }
  }

  // The merge's entry in this database's chain, as the merge writes it.
  void AppendMergeEntry(std::int64_t source_id, std::int64_t head_seq, const std::string& head_hash,
                        std::int64_t at) {
    domain::AuditEntry entry;
    entry.at = at;
    entry.actor = "system";
    entry.role = "system";
    entry.action = "migrate.merge";
    entry.target_type = "merged_source";
    entry.target_id = std::to_string(source_id);
    entry.details_json = nlohmann::json{{"street", "胜利街道"},
                                        {"imported_head", {{"seq", head_seq}, {"hash", head_hash}}}}
                             .dump();
    AppendMainEntry(std::move(entry));
  }

  void AppendMainEntry(domain::AuditEntry entry) {
    auto session = store_->Write();
    ASSERT_OK(session);
    (*session)->StageAudit(std::move(entry));
    ASSERT_OK((*session)->Commit());
  }

  AuditVerifyReport Verify() {
    AuditService audit(*store_, clock_);
    auto report = audit.Verify();
    EXPECT_OK(report);
    return report.ok() ? *report : AuditVerifyReport{};
  }
};

TEST_F(AuditServiceTest, WithoutMergedStreetsOnlyTheMainChainIsVerified) {
  domain::AuditEntry entry;
  entry.at = kNow;
  entry.actor = "admin";
  entry.action = "unit.create";
  AppendMainEntry(entry);
  auto report = Verify();
  EXPECT_TRUE(report.intact());
  EXPECT_TRUE(report.main.intact) << report.main.problem;
  EXPECT_EQ(report.main.entries, 1);
  EXPECT_TRUE(report.imported.empty());
}

TEST_F(AuditServiceTest, AMergedStreetsChainVerifiesAndIsAnchoredByTheMergeEntry) {
  const auto chain = StreetChain(4, kNow - 30 * kDay);
  ImportStreet(1, "胜利街道", chain, 4, chain.back().hash, kNow);
  AppendMergeEntry(1, 4, chain.back().hash, kNow);

  auto report = Verify();
  EXPECT_TRUE(report.intact());
  EXPECT_TRUE(report.main.intact) << report.main.problem;
  ASSERT_EQ(report.imported.size(), 1u);
  const auto& imported = report.imported[0];
  EXPECT_EQ(imported.source.id, 1);
  EXPECT_EQ(imported.source.street_name, "胜利街道");
  EXPECT_EQ(imported.source.merged_at, kNow);
  EXPECT_TRUE(imported.chain.intact) << imported.chain.problem;
  EXPECT_EQ(imported.chain.entries, 4);
  EXPECT_EQ(imported.chain.head_seq, 4);
  EXPECT_EQ(imported.chain.head_hash, chain.back().hash);
  EXPECT_EQ(imported.anchor_seq, report.main.head_seq) << "the merge's entry is the main head";
}

TEST_F(AuditServiceTest, ABrokenImportedChainFailsTheWholeVerification) {
  auto chain = StreetChain(4, kNow - 30 * kDay);
  chain[1].target_id = "999";  // edited after hashing
  ImportStreet(1, "胜利街道", chain, 4, chain.back().hash, kNow);
  AppendMergeEntry(1, 4, chain.back().hash, kNow);

  auto report = Verify();
  EXPECT_FALSE(report.intact());
  EXPECT_TRUE(report.main.intact) << "this database's own chain is untouched";
  ASSERT_EQ(report.imported.size(), 1u);
  EXPECT_FALSE(report.imported[0].chain.intact);
  EXPECT_EQ(report.imported[0].chain.first_bad_seq, 2);
  EXPECT_NE(report.imported[0].chain.problem.find("第 2 条"), std::string::npos)
      << report.imported[0].chain.problem;
}

TEST_F(AuditServiceTest, AHeadThatDisagreesWithTheMergeEntryFails) {
  // The street's last entry cut off and its recorded head lowered to match: the imported chain is
  // consistent in itself, but the merge's hashed entry still says 4.
  const auto chain = StreetChain(4, kNow - 30 * kDay);
  ImportStreet(1, "胜利街道", {chain.begin(), chain.begin() + 3}, 3, chain[2].hash, kNow);
  AppendMergeEntry(1, 4, chain.back().hash, kNow);

  auto report = Verify();
  EXPECT_FALSE(report.intact());
  ASSERT_EQ(report.imported.size(), 1u);
  const auto& imported = report.imported[0];
  EXPECT_FALSE(imported.chain.intact);
  EXPECT_EQ(imported.chain.first_bad_seq, 0) << "the chain as a whole, not one entry";
  EXPECT_EQ(imported.anchor_seq, report.main.head_seq);
  EXPECT_NE(imported.chain.problem.find("migrate.merge"), std::string::npos)
      << imported.chain.problem;
}

TEST_F(AuditServiceTest, AMergedStreetWithoutItsMergeEntryFails) {
  const auto chain = StreetChain(2, kNow - 30 * kDay);
  ImportStreet(1, "胜利街道", chain, 2, chain.back().hash, kNow);
  AppendMergeEntry(2, 2, chain.back().hash, kNow);  // another source's entry does not count

  auto report = Verify();
  EXPECT_FALSE(report.intact());
  ASSERT_EQ(report.imported.size(), 1u);
  EXPECT_FALSE(report.imported[0].chain.intact);
  EXPECT_EQ(report.imported[0].anchor_seq, 0);
  EXPECT_NE(report.imported[0].chain.problem.find("没有这次合并"), std::string::npos)
      << report.imported[0].chain.problem;
}

TEST_F(AuditServiceTest, AMergeEntryArchivedSinceNoLongerAnchorsButTheChainStillVerifies) {
  const std::int64_t merged_at = kNow - 400 * kDay;
  const auto chain = StreetChain(3, merged_at - 30 * kDay);
  ImportStreet(1, "胜利街道", chain, 3, chain.back().hash, merged_at);
  AppendMergeEntry(1, 3, chain.back().hash, merged_at);
  domain::AuditEntry later;
  later.at = kNow - 10 * kDay;
  later.actor = "admin";
  later.action = "unit.update";
  AppendMainEntry(later);
  AuditService audit(*store_, clock_);
  ASSERT_OK(audit.Archive(kNow - 200 * kDay, dir_.File("audit-old.jsonl")));

  auto report = Verify();
  EXPECT_TRUE(report.intact());
  EXPECT_TRUE(report.main.intact) << report.main.problem;
  ASSERT_EQ(report.imported.size(), 1u);
  EXPECT_TRUE(report.imported[0].chain.intact) << report.imported[0].chain.problem;
  EXPECT_EQ(report.imported[0].anchor_seq, 0) << "archived with the entries before the cut";
}

}  // namespace
}  // namespace anjian::app
