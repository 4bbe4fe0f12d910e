// Store contract: hazards (scoped reads, optimistic updates, ledger filters and counts by state,
// transitions in order), document serials per jurisdiction/type/year, and plans.
#include <map>

#include "store_contract.hpp"

namespace anjian::store {
namespace {

using test_support::MakeUnit;

TEST_P(StoreContractTest, HazardsAreScopedVersionedAndFiltered) {
  SeedTree();
  const auto a = AddUnit(MakeUnit(tree_.community_a.id, 301));
  const auto b = AddUnit(MakeUnit(tree_.community_b.id, 302));
  using domain::HazardState;
  const auto date = [](const char* text) { return CivilDate::Parse(text).value(); };
  HazardId overdue_id;
  {
    auto session = WriteSession();
    auto make = [&](UnitId unit, HazardState state, std::optional<CivilDate> deadline,
                    const char* text) {
      HazardRecord h;
      h.unit_id = unit;
      h.state = state;
      h.deadline = deadline;
      h.description = text;
      h.legal_basis = "《安全生产法》第四十一条";
      h.found_on = date("2026-03-01");
      h.signatures = {domain::HazardSignature::kRegulatorLeader};
      h.created_by = 1;
      h.created_at = kNow;
      auto saved = session->InsertHazard(h);
      EXPECT_OK(saved);
      return saved.ok() ? saved->id : HazardId();
    };
    overdue_id = make(a.id, HazardState::kRectifying, date("2026-03-05"), "灭火器过期");
    make(a.id, HazardState::kRectifying, date("2026-03-20"), "安全出口锁闭");
    make(b.id, HazardState::kRegistered, std::nullopt, "配电箱无防护");
    make(b.id, HazardState::kClosed, date("2026-02-01"), "通道堵塞");
    HazardRecord bad;
    bad.unit_id = UnitId(999999);
    EXPECT_ERROR_CODE(session->InsertHazard(bad), kInvalidArgument);
    ASSERT_OK(session->Commit());
  }
  auto session = ReadSession();
  auto all = session->ListHazards(Scope::All(), {});
  ASSERT_OK(all);
  EXPECT_EQ(all->total, 4);
  // Ordered by deadline; hazards without one (registered, awaiting an order) first.
  ASSERT_EQ(all->items.size(), 4u);
  EXPECT_EQ(all->items[0].deadline, std::nullopt);
  EXPECT_EQ(all->items[1].deadline, date("2026-02-01"));
  EXPECT_EQ(all->items[3].deadline, date("2026-03-20"));
  EXPECT_EQ(all->items[1].unit_name, b.name);
  // Typed values come back as they went in.
  EXPECT_EQ(all->items[1].state, HazardState::kClosed);
  EXPECT_EQ(all->items[1].found_on, date("2026-03-01"));
  EXPECT_EQ(all->items[1].signatures,
            std::set<domain::HazardSignature>{domain::HazardSignature::kRegulatorLeader});
  EXPECT_EQ(all->items[1].overdue_since, std::nullopt);
  auto in_a = session->ListHazards(Scope::Under(tree_.community_a.path), {});
  ASSERT_OK(in_a);
  EXPECT_EQ(in_a->total, 2);
  EXPECT_ERROR_CODE(session->GetHazard(Scope::Under(tree_.community_b.path), overdue_id),
                    kNotFound);
  HazardQuery overdue;
  overdue.deadline_before = date("2026-03-10");
  auto late = session->ListHazards(Scope::All(), overdue);
  ASSERT_OK(late);
  ASSERT_EQ(late->total, 1);
  EXPECT_EQ(late->items[0].id, overdue_id);
  HazardQuery text;
  text.text = "出口";  // two characters: scanned
  auto found = session->ListHazards(Scope::All(), text);
  ASSERT_OK(found);
  EXPECT_EQ(found->total, 1);
  text.text = "安全出口";  // three or more: the trigram index
  found = session->ListHazards(Scope::All(), text);
  ASSERT_OK(found);
  EXPECT_EQ(found->total, 1);
  text.text = b.name;  // the unit's name finds its hazards
  found = session->ListHazards(Scope::All(), text);
  ASSERT_OK(found);
  EXPECT_EQ(found->total, 2);
  text.text = "\"安全\" OR 出口";  // FTS syntax is taken literally
  found = session->ListHazards(Scope::All(), text);
  ASSERT_OK(found);
  EXPECT_EQ(found->total, 0);
  auto counts = session->CountHazardsByState(Scope::All(), {});
  ASSERT_OK(counts);
  std::map<HazardState, std::int64_t> by_state(counts->begin(), counts->end());
  EXPECT_EQ(by_state[HazardState::kRectifying], 2);
  EXPECT_EQ(by_state[HazardState::kRegistered], 1);
  EXPECT_EQ(by_state[HazardState::kClosed], 1);
  // The same counts with a filter the summary cannot answer (computed from the rows).
  HazardQuery rows_only;
  rows_only.text = "灭火器";
  auto filtered = session->CountHazardsByState(Scope::All(), rows_only);
  ASSERT_OK(filtered);
  ASSERT_EQ(filtered->size(), 1u);
  EXPECT_EQ((*filtered)[0], (std::pair<HazardState, std::int64_t>{HazardState::kRectifying, 1}));
  HazardQuery rectifying_in_a;
  rectifying_in_a.state = HazardState::kRectifying;
  auto page_a = session->ListHazards(Scope::Under(tree_.community_a.path), rectifying_in_a);
  ASSERT_OK(page_a);
  EXPECT_EQ(page_a->total, 2);
  session.reset();

  auto write = WriteSession();
  auto current = write->GetHazard(Scope::All(), overdue_id);
  ASSERT_OK(current);
  auto changed = *current;
  changed.state = HazardState::kSubmitted;
  changed.updated_at = kNow + 10;
  auto updated = write->UpdateHazard(changed);
  ASSERT_OK(updated);
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->state, HazardState::kSubmitted);
  EXPECT_ERROR_CODE(write->UpdateHazard(changed), kConflict);  // stale version 1
  ASSERT_OK(write->AppendHazardTransition({overdue_id,
                                           kNow,
                                           1,
                                           "issue_order",
                                           std::nullopt,
                                           HazardState::kRectifying,
                                           "限期",
                                           {"a1", "b2"}}));
  ASSERT_OK(write->AppendHazardTransition({overdue_id,
                                           kNow + 5,
                                           2,
                                           "submit_rectification",
                                           HazardState::kRectifying,
                                           HazardState::kSubmitted,
                                           "",
                                           {}}));
  ASSERT_OK(write->Commit());
  auto read = ReadSession();
  // The summary follows state changes made by updates.
  auto after = read->CountHazardsByState(Scope::All(), {});
  ASSERT_OK(after);
  std::map<HazardState, std::int64_t> after_by_state(after->begin(), after->end());
  EXPECT_EQ(after_by_state[HazardState::kRectifying], 1);
  EXPECT_EQ(after_by_state[HazardState::kSubmitted], 1);
  auto log = read->ListHazardTransitions(overdue_id);
  ASSERT_OK(log);
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].action, "issue_order");
  EXPECT_EQ((*log)[0].from_state, std::nullopt);
  EXPECT_EQ((*log)[0].evidence, (std::vector<std::string>{"a1", "b2"}));
  EXPECT_EQ((*log)[1].from_state, HazardState::kRectifying);
  EXPECT_EQ((*log)[1].to_state, HazardState::kSubmitted);
}

TEST_P(StoreContractTest, DocumentSerialsCountPerJurisdictionTypeAndYearAndRollBack) {
  {
    auto session = WriteSession();
    auto s1 = session->NextDocumentSerial("/1/2/", "inspection_record", 2026);
    auto s2 = session->NextDocumentSerial("/1/2/", "inspection_record", 2026);
    auto other_type = session->NextDocumentSerial("/1/2/", "rectification_order", 2026);
    auto other_year = session->NextDocumentSerial("/1/2/", "inspection_record", 2027);
    auto other_street = session->NextDocumentSerial("/1/3/", "inspection_record", 2026);
    ASSERT_OK(s1);
    ASSERT_OK(s2);
    EXPECT_EQ(*s1, 1);
    EXPECT_EQ(*s2, 2);
    EXPECT_EQ(*other_type, 1);
    EXPECT_EQ(*other_year, 1);
    EXPECT_EQ(*other_street, 1);
    ASSERT_OK(session->Commit());
  }
  {
    auto session = WriteSession();
    auto rolled_back = session->NextDocumentSerial("/1/2/", "inspection_record", 2026);
    ASSERT_OK(rolled_back);
    EXPECT_EQ(*rolled_back, 3);
    // No commit: the number is not used.
  }
  Reopen();
  auto session = WriteSession();
  auto next = session->NextDocumentSerial("/1/2/", "inspection_record", 2026);
  ASSERT_OK(next);
  EXPECT_EQ(*next, 3) << "an uncommitted serial is reused, never skipped";
}

}  // namespace
}  // namespace anjian::store
