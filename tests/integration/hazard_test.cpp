// The hazard closed loop through the real server on the demo street: an inspector registers and
// orders, the enterprise account submits its rectification, the inspector re-inspects (once
// failing), a major hazard cannot be closed without its three signatures (422 naming them), and
// roles that may not act get 403, illegal steps 409.
#include <gtest/gtest.h>

#include "integration/server_process.hpp"

namespace anjian::integration {
namespace {

using nlohmann::json;

class HazardApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir();
    server_ = std::make_unique<ServerProcess>(DemoDatabase(dir_));
    for (const char* user : {"admin", "leader", "inspector", "enterprise", "grid"})
      tokens_[user] = server_->Login(user);
    auto me = server_->Request("GET", "/api/v1/auth/me", tokens_["enterprise"]).Json();
    enterprise_unit_ =
        me.value("unit_id", json()).is_number() ? me["unit_id"].get<std::int64_t>() : 0;
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(dir_);
  }
  HttpResult Step(const std::string& who, std::int64_t id, json body) {
    auto current =
        server_->Request("GET", "/api/v1/hazards/" + std::to_string(id), tokens_[who]).Json();
    if (!body.contains("version")) body["version"] = current.value("version", 0);
    return server_->Request("POST", "/api/v1/hazards/" + std::to_string(id) + "/transitions",
                            tokens_[who], body.dump());
  }
  std::int64_t Register(const char* grade) {
    auto created = server_->Request("POST", "/api/v1/hazards", tokens_["inspector"],
                                    json{{"unit_id", enterprise_unit_},
                                         {"grade", grade},
                                         {"description", "安全出口锁闭"},
                                         {"legal_basis", "《安全生产法》第四十二条"}}
                                        .dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().value("id", 0);
  }

  std::string dir_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, std::string> tokens_;
  std::int64_t enterprise_unit_ = 0;
};

TEST_F(HazardApiTest, GeneralHazardClosesTheLoopWithTheEnterprise) {
  ASSERT_GT(enterprise_unit_, 0);
  const auto id = Register("general");
  EXPECT_EQ(server_
                ->Request("POST", "/api/v1/hazards", tokens_["grid"],
                          json{{"unit_id", enterprise_unit_}, {"description", "x"}}.dump())
                .status,
            403);
  EXPECT_EQ(Step("enterprise", id, {{"action", "issue_order"}, {"deadline", "2099-01-01"}}).status,
            403);
  ASSERT_EQ(Step("inspector", id, {{"action", "issue_order"}, {"deadline", "2099-01-01"}}).status,
            200);
  auto early = Step("inspector", id, {{"action", "close"}});
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(early.body.find("提交整改"), std::string::npos) << early.body;
  ASSERT_EQ(
      Step("enterprise", id, {{"action", "submit_rectification"}, {"note", "已拆除锁具"}}).status,
      200);
  auto fail = Step("inspector", id, {{"action", "review_fail"}, {"deadline", "2099-02-01"}});
  ASSERT_EQ(fail.status, 200) << fail.body;
  EXPECT_EQ(fail.Json()["state"], "rectifying");
  EXPECT_EQ(fail.Json()["review_round"], 1);
  ASSERT_EQ(Step("enterprise", id, {{"action", "submit_rectification"}}).status, 200);
  ASSERT_EQ(Step("inspector", id, {{"action", "review_pass"}}).status, 200);
  ASSERT_EQ(Step("inspector", id, {{"action", "close"}}).status, 200);
  auto archived = Step("inspector", id, {{"action", "archive"}});
  ASSERT_EQ(archived.status, 200);
  EXPECT_EQ(archived.Json()["state"], "archived");
  auto detail =
      server_->Request("GET", "/api/v1/hazards/" + std::to_string(id), tokens_["enterprise"])
          .Json();
  EXPECT_EQ(detail["timeline"].size(), 8u);  // register + 7 transitions
  EXPECT_FALSE(detail["timeline"][1]["user"].get<std::string>().empty());
  EXPECT_EQ(detail["timeline"][1]["user"].get<std::string>().find("用户 #"), std::string::npos);
  // A stale version is refused.
  EXPECT_EQ(Step("inspector", id, {{"action", "archive"}, {"version", 1}}).status, 409);
}

TEST_F(HazardApiTest, MajorHazardNeedsItsThreeSignatures) {
  ASSERT_GT(enterprise_unit_, 0);
  const auto id = Register("major");
  ASSERT_EQ(Step("inspector", id, {{"action", "issue_order"}, {"deadline", "2099-01-01"}}).status,
            200);
  ASSERT_EQ(Step("enterprise", id, {{"action", "submit_rectification"}}).status, 200);
  ASSERT_EQ(Step("inspector", id, {{"action", "review_pass"}}).status, 200);
  ASSERT_EQ(Step("leader", id,
                 {{"action", "list_supervision"},
                  {"supervision_level", "街道"},
                  {"supervising_leader", "王红梅"}})
                .status,
            200);
  ASSERT_EQ(Step("inspector", id, {{"action", "report_superior"}}).status, 200);
  ASSERT_EQ(
      Step("enterprise", id, {{"action", "sign"}, {"signature", "enterprise_principal"}}).status,
      200);
  ASSERT_EQ(Step("inspector", id, {{"action", "accept"}}).status, 200);
  EXPECT_EQ(Step("inspector", id, {{"action", "close"}}).status, 403)
      << "only leaders close major hazards";
  auto missing = Step("leader", id, {{"action", "close"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.Json()["error"]["code"], "unprocessable_entity");
  EXPECT_NE(missing.body.find("监管部门复核人签字"), std::string::npos) << missing.body;
  EXPECT_NE(missing.body.find("监管部门负责人签字"), std::string::npos) << missing.body;
  EXPECT_EQ(Step("inspector", id, {{"action", "sign"}, {"signature", "regulator_leader"}}).status,
            403);
  ASSERT_EQ(Step("inspector", id, {{"action", "sign"}, {"signature", "regulator_reviewer"}}).status,
            200);
  ASSERT_EQ(Step("leader", id, {{"action", "sign"}, {"signature", "regulator_leader"}}).status,
            200);
  auto closed = Step("leader", id, {{"action", "close"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.Json()["state"], "closed");
}

TEST_F(HazardApiTest, LedgerFiltersCountsAndScopesToTheEnterprise) {
  ASSERT_GT(enterprise_unit_, 0);
  const auto a = Register("general");
  Register("major");
  ASSERT_EQ(Step("inspector", a, {{"action", "issue_order"}, {"deadline", "2099-01-01"}}).status,
            200);
  auto ledger = server_->Request("GET", "/api/v1/hazards?page_size=50", tokens_["admin"]);
  ASSERT_EQ(ledger.status, 200);
  const auto body = ledger.Json();
  EXPECT_EQ(body["total"], 2);
  EXPECT_EQ(body["counts_by_state"]["rectifying"], 1);
  EXPECT_EQ(body["counts_by_state"]["registered"], 1);
  auto rectifying =
      server_->Request("GET", "/api/v1/hazards?state=rectifying", tokens_["admin"]).Json();
  EXPECT_EQ(rectifying["total"], 1);
  EXPECT_EQ(server_->Request("GET", "/api/v1/hazards?state=bogus", tokens_["admin"]).status, 400);
  auto mine = server_->Request("GET", "/api/v1/hazards", tokens_["enterprise"]).Json();
  EXPECT_EQ(mine["total"], 2);
  EXPECT_EQ(server_->Request("GET", "/api/v1/hazards/999999", tokens_["admin"]).status, 404);
}

TEST_F(HazardApiTest, BadRegistrationsAreRefusedWithTheField) {
  ASSERT_GT(enterprise_unit_, 0);
  auto post = [&](const std::string& body) {
    return server_->Request("POST", "/api/v1/hazards", tokens_["inspector"], body);
  };
  const json base = {{"unit_id", enterprise_unit_}, {"description", "消防通道堵塞"}};
  auto with = [&](const char* key, json value) {
    json b = base;
    b[key] = std::move(value);
    return b.dump();
  };
  for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
           {with("description", 42), "description"},
           {with("description", std::string(501 * 3, 'x')), "description"},
           {with("grade", "huge"), "grade"},
           {with("found_on", "2099-01-01"), "found_on"},
           {with("found_on", "not a date"), "found_on"}}) {
    auto r = post(body);
    EXPECT_EQ(r.status, 400) << body.substr(0, 80);
    EXPECT_EQ(r.Json()["error"]["field"], field) << r.body;
  }
  EXPECT_EQ(post("{not json").status, 400);
  EXPECT_EQ(
      post(json{{"unit_credit_code", "000000000000000000"}, {"description", "x"}}.dump()).status,
      404);
  auto ledger = server_->Request("GET", "/api/v1/hazards", tokens_["admin"]).Json();
  EXPECT_EQ(ledger["total"], 0) << "nothing was written";
  EXPECT_EQ(server_->Request("GET", "/api/v1/hazards?due_within=0", tokens_["admin"]).status, 400);
}

}  // namespace
}  // namespace anjian::integration
