// Store contract: the audit area (store/audit_port.hpp) on every engine.
#include <vector>

#include "store/audit_chain.hpp"
#include "store_contract.hpp"

namespace anjian::store {
namespace {

domain::AuditEntry Entry(std::string action, std::int64_t at, std::string actor = "admin") {
  domain::AuditEntry e;
  e.at = at;
  e.actor_id = 1;
  e.actor = std::move(actor);
  e.role = "admin";
  e.jurisdiction = "/1/";
  e.client_address = "127.0.0.1";
  e.action = std::move(action);
  e.target_type = "unit";
  e.target_id = "5";
  e.details_json = R"({"changes":{"name":{"new":"乙","old":"甲"}}})";
  return e;
}

TEST_P(StoreContractTest, StagedAuditEntriesChainAtCommit) {
  {
    auto w = WriteSession();
    w->StageAudit(Entry("unit.create", kNow));
    w->StageAudit(Entry("unit.update", kNow + 1));
    ASSERT_OK(w->Commit());
  }
  {
    auto w = WriteSession();
    w->StageAudit(Entry("unit.delete", kNow + 2));
    ASSERT_OK(w->Commit());
  }
  auto r = ReadSession();
  auto page = r->ListAudit({});
  ASSERT_OK(page);
  ASSERT_EQ(page->total, 3);
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_EQ(page->items[0].seq, 3) << "newest first";
  EXPECT_EQ(page->items[2].seq, 1);
  EXPECT_EQ(page->items[2].prev_hash, std::string(domain::kAuditGenesisHash));
  EXPECT_EQ(page->items[1].prev_hash, page->items[2].hash);
  EXPECT_EQ(page->items[0].prev_hash, page->items[1].hash);
  EXPECT_EQ(page->items[1].hash, AuditEntryHash(page->items[1].prev_hash, page->items[1]));
  EXPECT_EQ(page->items[0].details_json, R"({"changes":{"name":{"new":"乙","old":"甲"}}})")
      << "kept byte for byte";
  auto verification = VerifyAuditChain(*r);
  ASSERT_OK(verification);
  EXPECT_TRUE(verification->intact) << verification->problem;
  EXPECT_EQ(verification->entries, 3);
  EXPECT_EQ(verification->head_seq, 3);
}

TEST_P(StoreContractTest, AuditEntriesOfARolledBackSessionVanish) {
  {
    auto w = WriteSession();
    w->StageAudit(Entry("unit.create", kNow));
    // destroyed without Commit
  }
  auto page = ReadSession()->ListAudit({});
  ASSERT_OK(page);
  EXPECT_EQ(page->total, 0);
  auto head = ReadSession()->AuditHead();
  ASSERT_OK(head);
  EXPECT_EQ(head->seq, 0);
}

TEST_P(StoreContractTest, AStoreThatRequiresAuditRefusesAWriteWithoutItsEntry) {
  SeedTree();
  store_->RequireAudit(true);
  {
    auto w = WriteSession();
    ASSERT_OK(w->InsertUnit(test_support::MakeUnit(tree_.community_a.id, 901), kNow));
    EXPECT_ERROR_CODE(w->Commit(), kInternal);
  }
  EXPECT_EQ(CountAll(), 0) << "the unaudited write was not committed";
  {
    auto w = WriteSession();
    w->MarkBookkeeping();
    EXPECT_OK(w->Commit());
  }
  {
    auto w = WriteSession();
    ASSERT_OK(w->InsertUnit(test_support::MakeUnit(tree_.community_a.id, 902), kNow));
    w->StageAudit(Entry("unit.create", kNow));
    EXPECT_OK(w->Commit());
  }
  EXPECT_EQ(CountAll(), 1);
}

TEST_P(StoreContractTest, AuditQueriesFilterByActorActionOutcomeAndTime) {
  {
    auto w = WriteSession();
    w->StageAudit(Entry("unit.update", kNow, "alice"));
    w->StageAudit(Entry("auth.login", kNow + 100, "bob"));
    auto denied = Entry("access.denied", kNow + 200, "bob");
    denied.outcome = domain::AuditOutcome::kDenied;
    w->StageAudit(denied);
    auto elsewhere = Entry("unit.update", kNow + 300, "carol");
    elsewhere.jurisdiction = "/2/3/";
    w->StageAudit(elsewhere);
    ASSERT_OK(w->Commit());
  }
  auto r = ReadSession();
  EXPECT_EQ(r->ListAudit({.jurisdiction = "/2/"})->total, 1);
  EXPECT_EQ(r->ListAudit({.jurisdiction = "/1/"})->total, 3);
  EXPECT_EQ(r->ListAudit({.jurisdiction = "/2/3/4/"})->total, 0);
  EXPECT_EQ(r->ListAudit({.actor = "bob"})->total, 2);
  EXPECT_EQ(r->ListAudit({.action = "unit."})->total, 2);
  EXPECT_EQ(r->ListAudit({.action = "auth"})->total, 1);
  EXPECT_EQ(r->ListAudit({.outcome = domain::AuditOutcome::kDenied})->total, 1);
  EXPECT_EQ(r->ListAudit({.from = kNow + 50, .to = kNow + 150})->total, 1);
  auto second_page = r->ListAudit({.page = 2, .page_size = 3});
  ASSERT_OK(second_page);
  ASSERT_EQ(second_page->items.size(), 1u);
  EXPECT_EQ(second_page->items[0].actor, "alice");
}

TEST_P(StoreContractTest, ArchivingKeepsTheRestOfTheChainVerifiable) {
  for (int i = 0; i < 5; ++i) {
    auto w = WriteSession();
    w->StageAudit(Entry("unit.update", kNow + i * 86400));
    ASSERT_OK(w->Commit());
  }
  domain::AuditEntry third;
  ASSERT_OK(ReadSession()->ForEachAudit(3, [&](const domain::AuditEntry& e) {
    if (e.seq == 3) third = e;
    return Ok();
  }));
  {
    auto w = WriteSession();
    EXPECT_ERROR_CODE(w->ArchiveAudit({3, std::string(64, 'f'), kNow, kNow, "x"}),
                      kFailedPrecondition);
  }
  {
    auto w = WriteSession();
    ASSERT_OK(w->ArchiveAudit(
        {3, third.hash, kNow + 10 * 86400, kNow + 2 * 86400 + 1, std::string(64, 'a')}));
    ASSERT_OK(w->Commit());
  }
  auto r = ReadSession();
  EXPECT_EQ(r->ListAudit({})->total, 2);
  auto checkpoint = r->LatestAuditCheckpoint();
  ASSERT_OK(checkpoint);
  ASSERT_TRUE(checkpoint->has_value());
  EXPECT_EQ((*checkpoint)->seq, 3);
  auto verification = VerifyAuditChain(*r);
  ASSERT_OK(verification);
  EXPECT_TRUE(verification->intact) << verification->problem;
  EXPECT_EQ(verification->first_seq, 4);
  EXPECT_EQ(verification->entries, 2);
  auto anchors = r->AuditAnchors(10);
  ASSERT_OK(anchors);
  ASSERT_EQ(anchors->size(), 2u) << "two kept days";
  EXPECT_EQ((*anchors)[0].seq, 5);
}

// --- Imported chains of merged streets (issue #13) ------------------------------------------

constexpr std::int64_t kMergedAt = 1'767'225'600;  // 2026-01-01T00:00:00Z

// `count` entries of a street's own chain from `after_seq` + 1, linked onto `prev` and hashed with
// the real function, as a merge copies them into audit_log_imported.
std::vector<domain::AuditEntry> StreetChain(
    int count, std::int64_t after_seq = 0,
    std::string prev = std::string(domain::kAuditGenesisHash)) {
  std::vector<domain::AuditEntry> chain;
  for (int i = 0; i < count; ++i) {
    auto e = Entry(i == 0 ? "unit.create" : "unit.update", kMergedAt - 86400 + i, "street_admin");
    e.seq = after_seq + 1 + i;
    e.prev_hash = prev;
    e.hash = AuditEntryHash(prev, e);
    prev = e.hash;
    chain.push_back(std::move(e));
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

std::string InsertMergedSourceSql(std::int64_t id, std::string_view street, std::int64_t head_seq,
                                  std::string_view head_hash) {
  return "INSERT INTO merged_sources (id, street_name, source_file, id_offset, id_ceiling, "
         "district_from, district_to, street_id, merged_at, schema_version, audit_seq, "
         "audit_hash, report_json) VALUES (" +
         std::to_string(id) + ", " + Quoted(street) + ", '/srv/" + std::to_string(id) + ".db', " +
         std::to_string(id * 1000) + ", 900, 2, 1, " + std::to_string(10 + id) + ", " +
         std::to_string(kMergedAt) + ", 16, " + std::to_string(head_seq) + ", " +
         Quoted(head_hash) + ", '{\"tables\":[]}')";
}

std::string InsertImportedSql(std::int64_t source_id,
                              const std::vector<domain::AuditEntry>& chain) {
  std::string sql =
      "INSERT INTO audit_log_imported (source_id, seq, at, actor_id, actor, role, jurisdiction, "
      "client_address, action, target_type, target_id, outcome, details, prev_hash, hash) VALUES ";
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const auto& e = chain[i];
    sql += (i == 0 ? "(" : ", (") + std::to_string(source_id) + ", " + std::to_string(e.seq) +
           ", " + std::to_string(e.at) + ", " + std::to_string(e.actor_id) + ", " +
           Quoted(e.actor) + ", " + Quoted(e.role) + ", " + Quoted(e.jurisdiction) + ", " +
           Quoted(e.client_address) + ", " + Quoted(e.action) + ", " + Quoted(e.target_type) +
           ", " + Quoted(e.target_id) + ", " + Quoted(domain::Code(e.outcome)) + ", " +
           Quoted(e.details_json) + ", " + Quoted(e.prev_hash) + ", " + Quoted(e.hash) + ")";
  }
  return sql;
}

// The test's database written behind the store's back, as `anjian migrate` fills it.
struct RawDatabase {
  const StoreBackend& backend;
  std::string dir;

  void Run(const std::vector<std::string>& statements) const {
    for (const auto& sql : statements) backend.exec_raw(dir, sql);
  }
  // A merged street whose chain is `chain` and whose recorded head is its last entry.
  void Merge(std::int64_t id, std::string_view street,
             const std::vector<domain::AuditEntry>& chain) const {
    std::vector<std::string> statements = {
        InsertMergedSourceSql(id, street, chain.empty() ? 0 : chain.back().seq,
                              chain.empty() ? domain::kAuditGenesisHash : chain.back().hash)};
    if (!chain.empty()) statements.push_back(InsertImportedSql(id, chain));
    Run(statements);
  }
};

AuditVerification VerifyImported(StoreSession& session, std::int64_t source_id) {
  auto sources = session.ListMergedSources();
  EXPECT_OK(sources);
  for (const auto& source : sources.ok() ? *sources : std::vector<MergedSource>{}) {
    if (source.id != source_id) continue;
    auto verification = VerifyImportedAuditChain(session, source);
    EXPECT_OK(verification);
    return verification.ok() ? *verification : AuditVerification{};
  }
  ADD_FAILURE() << "no merged source " << source_id;
  return {};
}

TEST_P(StoreContractTest, AnEmptyDatabaseHasNoMergedSourcesOrImportedChains) {
  auto r = ReadSession();
  auto sources = r->ListMergedSources();
  ASSERT_OK(sources);
  EXPECT_TRUE(sources->empty());
  int visited = 0;
  ASSERT_OK(r->ForEachImportedAudit(1, 0, [&](const domain::AuditEntry&) {
    ++visited;
    return Ok();
  }));
  EXPECT_EQ(visited, 0);
  auto checkpoint = r->LatestImportedAuditCheckpoint(1);
  ASSERT_OK(checkpoint);
  EXPECT_FALSE(checkpoint->has_value());
}

TEST_P(StoreContractTest, AnIntactImportedChainVerifiesToItsRecordedHead) {
  {
    auto w = WriteSession();
    w->StageAudit(Entry("migrate.merge", kNow));
    ASSERT_OK(w->Commit());
  }
  const auto street = StreetChain(3);
  const auto other = StreetChain(2);  // another street: the same seqs, its own chain
  const RawDatabase raw{GetParam(), dir_.path()};
  raw.Merge(1, "解放街道", street);
  raw.Merge(2, "胜利街道", other);

  auto r = ReadSession();
  auto sources = r->ListMergedSources();
  ASSERT_OK(sources);
  ASSERT_EQ(sources->size(), 2u);
  const MergedSource& first = (*sources)[0];
  EXPECT_EQ(first.id, 1);
  EXPECT_EQ(first.street_name, "解放街道");
  EXPECT_EQ(first.source_file, "/srv/1.db");
  EXPECT_EQ(first.id_offset, 1000);
  EXPECT_EQ(first.id_ceiling, 900);
  EXPECT_EQ(first.district_from, 2);
  EXPECT_EQ(first.district_to, 1);
  EXPECT_EQ(first.street_id, 11);
  EXPECT_EQ(first.merged_at, kNow);
  EXPECT_EQ(first.schema_version, 16);
  EXPECT_EQ(first.audit_seq, 3);
  EXPECT_EQ(first.audit_hash, street.back().hash);
  EXPECT_EQ(first.report_json, R"({"tables":[]})");
  EXPECT_EQ((*sources)[1].street_name, "胜利街道");

  std::vector<domain::AuditEntry> read;
  ASSERT_OK(r->ForEachImportedAudit(1, 2, [&](const domain::AuditEntry& e) {
    read.push_back(e);
    return Ok();
  }));
  ASSERT_EQ(read.size(), 2u) << "from seq 2, of source 1 only";
  EXPECT_EQ(read[0].seq, 2);
  EXPECT_EQ(read[1].hash, street[2].hash);
  EXPECT_EQ(read[1].details_json, street[2].details_json) << "kept byte for byte";
  EXPECT_EQ(read[1].actor, "street_admin");

  for (std::int64_t id : {1, 2}) {
    auto verification = VerifyImported(*r, id);
    EXPECT_TRUE(verification.intact) << verification.problem;
    EXPECT_EQ(verification.first_seq, 1);
  }
  auto verification = VerifyImported(*r, 1);
  EXPECT_EQ(verification.entries, 3);
  EXPECT_EQ(verification.head_seq, 3);
  EXPECT_EQ(verification.head_hash, street.back().hash);
  auto main = VerifyAuditChain(*r);
  ASSERT_OK(main);
  EXPECT_TRUE(main->intact) << "the imported chains are not part of this database's chain";
  EXPECT_EQ(main->entries, 1);
}

TEST_P(StoreContractTest, AMergedStreetWithAnEmptyChainVerifies) {
  RawDatabase{GetParam(), dir_.path()}.Merge(1, "解放街道", {});
  auto verification = VerifyImported(*ReadSession(), 1);
  EXPECT_TRUE(verification.intact) << verification.problem;
  EXPECT_EQ(verification.entries, 0);
}

TEST_P(StoreContractTest, AnEditedImportedEntryIsNamedBySeq) {
  auto street = StreetChain(4);
  street[2].actor = "mallory";  // edited after it was hashed: its own hash no longer matches
  RawDatabase{GetParam(), dir_.path()}.Merge(1, "解放街道", street);
  auto verification = VerifyImported(*ReadSession(), 1);
  EXPECT_FALSE(verification.intact);
  EXPECT_EQ(verification.first_bad_seq, 3);
  EXPECT_NE(verification.problem.find("第 3 条"), std::string::npos) << verification.problem;
}

TEST_P(StoreContractTest, AMissingOrRelinkedImportedEntryIsNamedBySeq) {
  auto gap = StreetChain(4);
  gap.erase(gap.begin() + 1);
  const RawDatabase raw{GetParam(), dir_.path()};
  raw.Merge(1, "解放街道", gap);
  // Entry 3 re-hashed onto a rewritten entry 2: it hashes right but does not link.
  auto relinked = StreetChain(3);
  relinked[1].actor = "mallory";
  relinked[1].hash = AuditEntryHash(relinked[1].prev_hash, relinked[1]);
  raw.Merge(2, "胜利街道", relinked);

  auto r = ReadSession();
  auto missing = VerifyImported(*r, 1);
  EXPECT_FALSE(missing.intact);
  EXPECT_EQ(missing.first_bad_seq, 2);
  EXPECT_NE(missing.problem.find("缺少第 2 条"), std::string::npos) << missing.problem;
  auto broken = VerifyImported(*r, 2);
  EXPECT_FALSE(broken.intact);
  EXPECT_EQ(broken.first_bad_seq, 3);
  EXPECT_NE(broken.problem.find("前序哈希"), std::string::npos) << broken.problem;
}

TEST_P(StoreContractTest, AnImportedChainNotEndingAtTheRecordedHeadFails) {
  const auto street = StreetChain(4);
  // The recorded head is entry 4, but the last entry was left behind (or cut off later).
  const RawDatabase raw{GetParam(), dir_.path()};
  raw.Run({InsertMergedSourceSql(1, "解放街道", 4, street[3].hash),
           InsertImportedSql(1, {street.begin(), street.begin() + 3})});
  // A head that names the last entry's seq with another hash.
  raw.Run({InsertMergedSourceSql(2, "胜利街道", 4, std::string(64, 'a')),
           InsertImportedSql(2, street)});

  auto r = ReadSession();
  auto truncated = VerifyImported(*r, 1);
  EXPECT_FALSE(truncated.intact);
  EXPECT_EQ(truncated.first_bad_seq, 4);
  EXPECT_NE(truncated.problem.find("合并时记录的链头（第 4 条）"), std::string::npos)
      << truncated.problem;
  auto wrong_hash = VerifyImported(*r, 2);
  EXPECT_FALSE(wrong_hash.intact);
  EXPECT_NE(wrong_hash.problem.find("合并时记录的链头"), std::string::npos) << wrong_hash.problem;
}

TEST_P(StoreContractTest, AnArchivedImportedChainStartsAfterItsCheckpoint) {
  const auto archived = StreetChain(3);
  const auto kept = StreetChain(2, 3, archived.back().hash);
  const RawDatabase raw{GetParam(), dir_.path()};
  raw.Merge(1, "解放街道", kept);
  raw.Run(
      {"INSERT INTO audit_checkpoints_imported (source_id, seq, hash, archived_at, "
       "archived_before, file_sha256) VALUES (1, 3, " +
       Quoted(archived.back().hash) + ", " + std::to_string(kNow) + ", " +
       std::to_string(kNow - 10) + ", " + Quoted(std::string(64, 'b')) + ")"});

  auto checkpoint = ReadSession()->LatestImportedAuditCheckpoint(1);
  ASSERT_OK(checkpoint);
  ASSERT_TRUE(checkpoint->has_value());
  EXPECT_EQ((*checkpoint)->seq, 3);
  EXPECT_EQ((*checkpoint)->file_sha256, std::string(64, 'b'));
  EXPECT_FALSE(ReadSession()->LatestImportedAuditCheckpoint(2)->has_value());
  auto verification = VerifyImported(*ReadSession(), 1);
  EXPECT_TRUE(verification.intact) << verification.problem;
  EXPECT_EQ(verification.first_seq, 4);
  EXPECT_EQ(verification.entries, 2);
  EXPECT_EQ(verification.head_seq, 5);
}

}  // namespace
}  // namespace anjian::store
