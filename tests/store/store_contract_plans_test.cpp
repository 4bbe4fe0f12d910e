// Store contract: plans (issue #4, typed in issue #13) — a revision's status and re-approval date
// read back as written, listings leave the documents out, a status change is optimistic on the
// version, and a plan is visible only to scopes it covers or lies inside.
#include "store_contract.hpp"

namespace anjian::store {
namespace {

PlanRecord MakePlan(const std::string& scope_path) {
  PlanRecord plan;
  plan.year = 2026;
  plan.scope_path = scope_path;
  plan.title = "2026年度监督检查计划";
  plan.policy_name = "jiefang";
  plan.seed = "seed";
  plan.seed_commitment = std::string(64, 'c');
  plan.input_hash = std::string(64, 'd');
  plan.input_json = R"({"units":[]})";
  plan.plan_json = R"({"items":[]})";
  plan.summary_json = "{}";
  plan.created_by = 7;
  plan.created_at = plan.updated_at = 1'767'225'600;
  return plan;
}

TEST_P(StoreContractTest, PlanStatusAndReapprovalDateRoundTripAndChangeOptimistically) {
  SeedTree();
  std::int64_t id = 0;
  {
    auto session = WriteSession();
    auto saved = session->InsertPlan(MakePlan(tree_.street.path));
    ASSERT_OK(saved);
    id = saved->id;
    EXPECT_EQ(saved->root_id, id) << "revision 1 is its own root";
    EXPECT_EQ(saved->status, planner::PlanStatus::kDraft);
    EXPECT_EQ(saved->reapproval_due, std::nullopt);
    const auto due = CivilDate::Parse("2026-05-10").value();
    auto updated = session->UpdatePlanStatus(id, 1, planner::PlanStatus::kReapprovalRequired, due,
                                             1'767'225'700);
    ASSERT_OK(updated);
    EXPECT_EQ(updated->status, planner::PlanStatus::kReapprovalRequired);
    EXPECT_EQ(updated->reapproval_due, due);
    EXPECT_EQ(updated->version, 2);
    EXPECT_ERROR_CODE(
        session->UpdatePlanStatus(id, 1, planner::PlanStatus::kInForce, std::nullopt, 0), kConflict)
        << "version 1 is stale";
    ASSERT_OK(session->Commit());
  }
  Reopen();
  auto read = ReadSession();
  auto got = read->GetPlan(Scope::Under(tree_.street.path), id);
  ASSERT_OK(got);
  EXPECT_EQ(got->status, planner::PlanStatus::kReapprovalRequired);
  EXPECT_EQ(ToString(got->reapproval_due), "2026-05-10");
  EXPECT_EQ(got->plan_json, R"({"items":[]})");
  auto listed = read->ListPlans(Scope::Under(tree_.community_a.path), 2026);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1u) << "a street's plan is visible inside the street";
  EXPECT_EQ((*listed)[0].status, planner::PlanStatus::kReapprovalRequired);
  EXPECT_TRUE((*listed)[0].plan_json.empty()) << "listings leave the documents out";
}

}  // namespace
}  // namespace anjian::store
