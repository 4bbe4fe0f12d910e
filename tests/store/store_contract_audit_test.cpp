// Store contract: the audit area (store/audit_port.hpp) on every engine.
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

}  // namespace
}  // namespace anjian::store
