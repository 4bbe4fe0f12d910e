// One area of the store faked, the rest real (issue #13, "a test double fakes one area"): a
// ComposedSession over a real SQLite session with an in-memory plan port. Calls of the other areas
// reach the database and commit; plan calls reach only the fake. An application service run on
// such a store sees the fake's rows and its failures.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/plan_policy_codec.hpp"
#include "app/plan_service.hpp"
#include "common/clock.hpp"
#include "planner/working_calendar.hpp"
#include "store/composed_session.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "support/result_matchers.hpp"
#include "support/temp_dir.hpp"

namespace anjian::app {
namespace {

using store::PlanRecord;

// The plan area in memory: fourteen methods instead of a whole session's hundred.
class InMemoryPlans final : public store::PlanPort {
 public:
  Result<PlanRecord> InsertPlan(const PlanRecord& plan) override {
    if (fail_with) return Error{*fail_with, "fake: plan area down"};
    PlanRecord saved = plan;
    saved.id = next_id_++;
    if (saved.root_id == 0) saved.root_id = saved.id;
    saved.version = 1;
    plans_[saved.id] = saved;
    return saved;
  }
  Result<PlanRecord> GetPlan(const store::Scope&, std::int64_t id) override {
    auto found = plans_.find(id);
    if (found == plans_.end()) return Error::NotFound("fake: no plan");
    return found->second;
  }
  Result<std::vector<PlanRecord>> ListPlans(const store::Scope& scope, int year) override {
    if (fail_with) return Error{*fail_with, "fake: plan area down"};
    scopes_seen.push_back(scope.region_path);
    std::vector<PlanRecord> out;
    for (const auto& [id, plan] : plans_) {
      if (year == 0 || plan.year == year) out.push_back(plan);
    }
    return out;
  }
  Result<PlanRecord> UpdatePlanStatus(std::int64_t, int, planner::PlanStatus,
                                      std::optional<CivilDate>, std::int64_t) override {
    return Error::Internal("fake: not used");
  }
  Status InsertPlanItems(std::int64_t plan_id,
                         const std::vector<store::PlanItemRow>& rows) override {
    if (fail_with) return Error{*fail_with, "fake: plan area down"};
    auto& stored = items_[plan_id];
    stored.insert(stored.end(), rows.begin(), rows.end());
    return Ok();
  }
  Status ForEachPlanItem(std::int64_t plan_id, const store::PlanItemFilter& filter,
                         const std::function<Status(const store::PlanItemRow&)>& visit) override {
    for (const auto& row : items_[plan_id]) {
      if ((filter.from && row.date < *filter.from) || (filter.to && row.date > *filter.to))
        continue;
      ANJIAN_TRY(visit(row));
    }
    return Ok();
  }
  Status InsertPlanInputChunks(std::int64_t plan_id, std::int64_t,
                               const std::vector<std::string>& rows) override {
    auto& stored = chunks_[plan_id];
    stored.insert(stored.end(), rows.begin(), rows.end());
    return Ok();
  }
  Status ForEachPlanInputChunk(std::int64_t plan_id,
                               const std::function<Status(const std::string&)>& visit) override {
    for (const auto& row : chunks_[plan_id]) ANJIAN_TRY(visit(row));
    return Ok();
  }
  Status AppendPlanEvent(const store::PlanEvent&) override { return Ok(); }
  Result<std::vector<store::PlanEvent>> ListPlanEvents(std::int64_t) override {
    return std::vector<store::PlanEvent>{};
  }
  Result<store::SeedCommitment> InsertSeedCommitment(const store::SeedCommitment& c) override {
    return c;
  }
  Result<store::SeedCommitment> GetSeedCommitment(std::int64_t) override {
    return Error::NotFound("fake: no commitment");
  }
  Status MarkSeedCommitmentUsed(std::int64_t, std::int64_t) override { return Ok(); }

  std::optional<ErrorCode> fail_with;
  std::vector<std::string> scopes_seen;

 private:
  std::map<std::int64_t, PlanRecord> plans_;
  std::map<std::int64_t, std::vector<store::PlanItemRow>> items_;
  std::map<std::int64_t, std::vector<std::string>> chunks_;
  std::int64_t next_id_ = 900;
};

// A Store whose sessions are the real store's with the plan area replaced.
class StoreWithFakePlans final : public store::Store {
 public:
  StoreWithFakePlans(store::Store& real, InMemoryPlans& plans) : real_(real), plans_(plans) {}
  Result<std::unique_ptr<store::StoreSession>> Read() override { return Wrap(real_.Read()); }
  Result<std::unique_ptr<store::StoreSession>> Write() override { return Wrap(real_.Write()); }
  std::string_view Kind() const override { return real_.Kind(); }

 private:
  Result<std::unique_ptr<store::StoreSession>> Wrap(
      Result<std::unique_ptr<store::StoreSession>> session) {
    if (!session.ok()) return session.error();
    auto composed = std::make_unique<store::ComposedSession>(std::move(session).value());
    composed->Replace(static_cast<store::PlanPort&>(plans_));
    return std::unique_ptr<store::StoreSession>(std::move(composed));
  }
  store::Store& real_;
  InMemoryPlans& plans_;
};

class FakeStoreAreaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::sqlite::SqliteStore::Open(dir_.File("area.db"));
    ASSERT_OK(opened);
    real_ = std::move(opened).value();
  }
  PlanRecord Plan(int year) const {
    PlanRecord plan;
    plan.year = year;
    plan.scope_path = "/1/";
    plan.title = "年度计划";
    plan.status = planner::PlanStatus::kDraft;
    return plan;
  }

  test_support::TempDir dir_;
  std::unique_ptr<store::Store> real_;
  InMemoryPlans plans_;
};

TEST_F(FakeStoreAreaTest, OtherAreasReachTheDatabaseAndThePlanAreaOnlyTheFake) {
  StoreWithFakePlans store(*real_, plans_);
  {
    auto session = store.Write();
    ASSERT_OK(session);
    domain::Region district;
    district.name = "示例区";
    district.level = domain::RegionLevel::kDistrict;
    ASSERT_OK((*session)->InsertRegion(district));
    ASSERT_OK((*session)->InsertPlan(Plan(2027)));
    ASSERT_OK((*session)->Commit());
  }
  // The region is in the database, seen through a session with no fake at all.
  auto direct = real_->Read();
  ASSERT_OK(direct);
  auto regions = (*direct)->ListRegions(store::Scope::All());
  ASSERT_OK(regions);
  ASSERT_EQ(regions->size(), 1u);
  EXPECT_EQ(regions->front().name, "示例区");
  // The plan went to the fake only.
  auto in_database = (*direct)->ListPlans(store::Scope::All(), 0);
  ASSERT_OK(in_database);
  EXPECT_TRUE(in_database->empty());
  auto in_fake = plans_.ListPlans(store::Scope::All(), 2027);
  ASSERT_OK(in_fake);
  ASSERT_EQ(in_fake->size(), 1u);
  EXPECT_EQ(in_fake->front().id, 900);
}

TEST_F(FakeStoreAreaTest, WithoutCommitTheRealAreasRollBack) {
  StoreWithFakePlans store(*real_, plans_);
  {
    auto session = store.Write();
    ASSERT_OK(session);
    domain::Region district;
    district.name = "未提交区";
    district.level = domain::RegionLevel::kDistrict;
    ASSERT_OK((*session)->InsertRegion(district));
  }
  auto direct = real_->Read();
  ASSERT_OK(direct);
  auto regions = (*direct)->ListRegions(store::Scope::All());
  ASSERT_OK(regions);
  EXPECT_TRUE(regions->empty());
}

TEST_F(FakeStoreAreaTest, AServiceSeesTheFakeAreaItsScopeAndItsFailures) {
  StoreWithFakePlans store(*real_, plans_);
  ASSERT_OK(plans_.InsertPlan(Plan(2027)));
  ASSERT_OK(plans_.InsertPlan(Plan(2026)));
  auto calendar = planner::WorkingCalendar::Parse(BuiltinCalendarText());
  ASSERT_OK(calendar);
  FixedClock clock(1'767'225'600);
  PlanService service(store, clock, *calendar, std::string(BuiltinCalendarText()));
  Principal leader;
  leader.username = "leader";
  leader.role = domain::UserRole::kLeader;
  leader.scope = store::Scope::Under("/1/");

  auto listed = service.List(leader, 2027);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().year, 2027);
  ASSERT_EQ(plans_.scopes_seen.size(), 1u);
  EXPECT_EQ(plans_.scopes_seen.front(), "/1/") << "the service must pass the caller's scope";

  plans_.fail_with = ErrorCode::kUnavailable;
  EXPECT_ERROR_CODE(service.List(leader, 2027), kUnavailable);
  Principal viewer = leader;
  viewer.role = domain::UserRole::kEnterprise;
  viewer.unit_id = UnitId(1);
  EXPECT_ERROR_CODE(service.List(viewer, 2027), kPermissionDenied)
      << "the permission is checked before the store is asked";
}

}  // namespace
}  // namespace anjian::app
