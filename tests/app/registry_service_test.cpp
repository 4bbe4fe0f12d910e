// RegistryService use cases: permission, jurisdiction, region rules, derived is_key (R-RISK-2),
// optimistic concurrency and history — through a real SQLite store.
#include "app/registry_service.hpp"

#include "app_fixture.hpp"
#include "support/credit_code_oracle.hpp"

namespace anjian::app {
namespace {

using nlohmann::json;
using test_support::ValidCreditCode;

class RegistryServiceTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    service_ = std::make_unique<RegistryService>(*store_, clock_, domain::KeyPolicy::Default());
  }

  json UnitBody(std::uint64_t n, RegionId community, std::optional<RegionId> grid = {}) const {
    json body = {{"credit_code", ValidCreditCode(n)},
                 {"name", "鑫源化工有限公司" + std::to_string(n)},
                 {"address", "解放路1号"},
                 {"community_id", community.value},
                 {"categories", json::array({"危险化学品"})},
                 {"level", "一级"},
                 {"risk", "黄"},
                 {"employees", 40}};
    if (grid) body["grid_id"] = grid->value;
    return body;
  }

  domain::Unit Create(const json& body) {
    auto unit = service().CreateUnit(StreetAdmin(), body);
    EXPECT_OK(unit);
    return unit.ok() ? *unit : domain::Unit{};
  }

  RegistryService& service() { return *service_; }
  std::unique_ptr<RegistryService> service_;
};

TEST_F(RegistryServiceTest, CreateDerivesIsKeyFromRiskIgnoringInput) {
  json body = UnitBody(1, tree_.community_a.id, tree_.grid_a1.id);
  body["risk"] = "红";
  body["is_key"] = false;
  const auto created = Create(body);
  EXPECT_TRUE(created.is_key);
  auto got = service().GetUnit(StreetAdmin(), created.id);
  ASSERT_OK(got);
  EXPECT_TRUE(got->first.is_key);
  EXPECT_EQ(got->first.risk, domain::RiskColour::kRed);
  EXPECT_EQ(got->second.Namer()(tree_.grid_a1.id), "东风社区第一网格");
}

TEST_F(RegistryServiceTest, CreateMarksBlueUnitNonKeyEvenIfClientSaysKey) {
  json body = UnitBody(1, tree_.community_a.id);
  body["risk"] = "低";
  body["is_key"] = true;
  EXPECT_FALSE(Create(body).is_key);
}

TEST_F(RegistryServiceTest, AccidentLastYearMakesUnitKey) {
  json body = UnitBody(1, tree_.village.id);
  body["risk"] = "blue";
  body["accident_last_year"] = true;
  EXPECT_TRUE(Create(body).is_key);
}

TEST_F(RegistryServiceTest, UpdateRederivesIsKey) {
  const auto created = Create(UnitBody(1, tree_.community_a.id));
  EXPECT_FALSE(created.is_key);  // yellow
  auto updated = service().UpdateUnit(StreetAdmin(), created.id,
                                      {{"version", 1}, {"risk", "橙"}, {"is_key", false}});
  ASSERT_OK(updated);
  EXPECT_TRUE(updated->is_key);
  EXPECT_EQ(updated->version, 2);
}

TEST_F(RegistryServiceTest, ViewerAndInspectorMayNotWrite) {
  const auto created = Create(UnitBody(1, tree_.community_a.id));
  for (auto role :
       {domain::UserRole::kViewer, domain::UserRole::kInspector, domain::UserRole::kGrid}) {
    const auto who = As(role, tree_.street.path);
    EXPECT_ERROR_CODE(service().CreateUnit(who, UnitBody(2, tree_.community_a.id)),
                      kPermissionDenied);
    EXPECT_ERROR_CODE(service().UpdateUnit(who, created.id, {{"version", 1}, {"name", "x"}}),
                      kPermissionDenied);
    EXPECT_ERROR_CODE(service().DeleteUnit(who, created.id, 1), kPermissionDenied);
    EXPECT_OK(service().GetUnit(who, created.id));  // reading is allowed
  }
  EXPECT_EQ(CountUnits(), 1);
}

TEST_F(RegistryServiceTest, CommunityMustBeACommunityOrVillage) {
  for (auto wrong : {tree_.street.id, tree_.district.id, tree_.grid_a1.id}) {
    auto result = service().CreateUnit(StreetAdmin(), UnitBody(1, wrong));
    ASSERT_ERROR_CODE(result, kInvalidArgument);
    EXPECT_EQ(result.error().field, std::optional<std::string>("community_id"));
  }
  EXPECT_OK(service().CreateUnit(StreetAdmin(), UnitBody(1, tree_.village.id)));
  EXPECT_EQ(CountUnits(), 1);
}

TEST_F(RegistryServiceTest, GridMustBelongToTheCommunity) {
  auto result =
      service().CreateUnit(StreetAdmin(), UnitBody(1, tree_.community_a.id, tree_.grid_b1.id));
  ASSERT_ERROR_CODE(result, kInvalidArgument);
  EXPECT_EQ(result.error().field, std::optional<std::string>("grid_id"));
  // A community is not a grid either.
  auto not_grid =
      service().CreateUnit(StreetAdmin(), UnitBody(1, tree_.community_a.id, tree_.community_a.id));
  EXPECT_ERROR_CODE(not_grid, kInvalidArgument);
  EXPECT_EQ(CountUnits(), 0);
}

TEST_F(RegistryServiceTest, InvalidFieldsAreReportedTogether) {
  json body = UnitBody(1, tree_.community_a.id);
  body["credit_code"] = "91350100M0001TGQXM";
  body["name"] = "";
  auto result = service().CreateUnit(StreetAdmin(), body);
  ASSERT_ERROR_CODE(result, kInvalidArgument);
  EXPECT_NE(result.error().message.find("校验位"), std::string::npos) << result.error().message;
  EXPECT_NE(result.error().message.find("单位名称不能为空"), std::string::npos)
      << result.error().message;
}

TEST_F(RegistryServiceTest, DuplicateCreditCodeIsAlreadyExists) {
  Create(UnitBody(1, tree_.community_a.id));
  json again = UnitBody(1, tree_.community_b.id);
  again["credit_code"] = ValidCreditCode(1);
  EXPECT_ERROR_CODE(service().CreateUnit(StreetAdmin(), again), kAlreadyExists);
}

TEST_F(RegistryServiceTest, SecondUpdateFromTheSameReadVersionConflicts) {
  const auto created = Create(UnitBody(1, tree_.community_a.id));
  ASSERT_EQ(created.version, 1);
  auto first =
      service().UpdateUnit(StreetAdmin(), created.id, {{"version", 1}, {"name", "甲修改"}});
  ASSERT_OK(first);
  auto second =
      service().UpdateUnit(StreetAdmin(), created.id, {{"version", 1}, {"name", "乙修改"}});
  EXPECT_ERROR_CODE(second, kConflict);
  auto row = service().GetUnit(StreetAdmin(), created.id);
  ASSERT_OK(row);
  EXPECT_EQ(row->first.name, "甲修改");
  EXPECT_EQ(row->first.version, 2);
}

TEST_F(RegistryServiceTest, UpdateWithoutVersionIsRejected) {
  const auto created = Create(UnitBody(1, tree_.community_a.id));
  auto result = service().UpdateUnit(StreetAdmin(), created.id, {{"name", "无版本"}});
  ASSERT_ERROR_CODE(result, kInvalidArgument);
  EXPECT_EQ(result.error().field, std::optional<std::string>("version"));
}

TEST_F(RegistryServiceTest, HistoryRecordsCreateAndUpdateNewestFirst) {
  const auto created = Create(UnitBody(1, tree_.community_a.id));
  clock_.Advance(3600);
  ASSERT_OK(service().UpdateUnit(StreetAdmin(), created.id, {{"version", 1}, {"risk", "红"}}));
  auto history = service().UnitHistory(StreetAdmin(), created.id);
  ASSERT_OK(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].action, "update");
  EXPECT_EQ((*history)[0].version, 2);
  EXPECT_EQ((*history)[0].at, kNow + 3600);
  EXPECT_EQ((*history)[1].action, "create");
  EXPECT_EQ((*history)[1].version, 1);
  EXPECT_EQ((*history)[1].actor, "admin");
  const auto snapshot = json::parse((*history)[0].snapshot_json);
  EXPECT_EQ(snapshot.at("risk"), "red");
  EXPECT_EQ(snapshot.at("is_key"), true);
}

TEST_F(RegistryServiceTest, DeleteNeedsTheCurrentVersionAndIsRecorded) {
  const auto created = Create(UnitBody(1, tree_.community_a.id));
  ASSERT_OK(service().UpdateUnit(StreetAdmin(), created.id, {{"version", 1}, {"name", "改名"}}));
  EXPECT_ERROR_CODE(service().DeleteUnit(StreetAdmin(), created.id, 1), kConflict);
  EXPECT_EQ(CountUnits(), 1);
  EXPECT_OK(service().DeleteUnit(StreetAdmin(), created.id, 2));
  EXPECT_EQ(CountUnits(), 0);
  auto session = store_->Read();
  ASSERT_OK(session);
  auto history = (*session)->ListHistory("unit", created.id.value, 10);
  ASSERT_OK(history);
  ASSERT_FALSE(history->empty());
  EXPECT_EQ(history->front().action, "delete");
}

TEST_F(RegistryServiceTest, UnitOutsideCallersCommunityIsNotFound) {
  const auto in_a = Create(UnitBody(1, tree_.community_a.id));
  const auto other = As(domain::UserRole::kCommunity, tree_.community_b.path);
  EXPECT_ERROR_CODE(service().GetUnit(other, in_a.id), kNotFound);
  EXPECT_ERROR_CODE(service().UnitHistory(other, in_a.id), kNotFound);
  auto page = service().ListUnits(other, {});
  ASSERT_OK(page);
  EXPECT_EQ(page->page.total, 0);
  const auto own = As(domain::UserRole::kCommunity, tree_.community_a.path);
  EXPECT_OK(service().GetUnit(own, in_a.id));
  // A scoped admin cannot write there either; the row looks missing.
  const auto admin_b = As(domain::UserRole::kAdmin, tree_.community_b.path);
  EXPECT_ERROR_CODE(service().UpdateUnit(admin_b, in_a.id, {{"version", 1}, {"name", "越权"}}),
                    kNotFound);
  EXPECT_ERROR_CODE(service().CreateUnit(admin_b, UnitBody(2, tree_.community_a.id)),
                    kInvalidArgument);
}

TEST_F(RegistryServiceTest, EnterpriseAccountSeesOnlyItsOwnUnit) {
  const auto mine = Create(UnitBody(1, tree_.community_a.id));
  const auto theirs = Create(UnitBody(2, tree_.community_a.id));
  Principal enterprise = As(domain::UserRole::kEnterprise, tree_.street.path);
  enterprise.unit_id = mine.id;
  EXPECT_OK(service().GetUnit(enterprise, mine.id));
  EXPECT_ERROR_CODE(service().GetUnit(enterprise, theirs.id), kNotFound);
  auto page = service().ListUnits(enterprise, {});
  ASSERT_OK(page);
  ASSERT_EQ(page->page.items.size(), 1u);
  EXPECT_EQ(page->page.items[0].id, mine.id);
}

}  // namespace
}  // namespace anjian::app
