// The enterprise side (self-inspections, notices with signed receipts) and the daily overdue job:
// who may do what, the bad inputs each refuses, and that refused calls write nothing.
#include "app/enterprise_service.hpp"

#include <gtest/gtest.h>

#include "app/checklist_catalog.hpp"
#include "app/hazard_service.hpp"
#include "app_fixture.hpp"
#include "support/builders.hpp"
#include "support/tiny_png.hpp"

namespace anjian::app {
namespace {

using nlohmann::json;
using test_support::MakeUnit;
using test_support::SignatureDataUrl;

class EnterpriseServiceTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    auto session = store_->Write();
    ASSERT_OK(session);
    auto unit = (*session)->InsertUnit(MakeUnit(tree_.community_a.id, 801), kNow);
    ASSERT_OK(unit);
    unit_ = *unit;
    ASSERT_OK(CommitFixture(**session));
    service_ = std::make_unique<EnterpriseService>(*store_, clock_);
  }

  Principal Enterprise() const {
    auto p = As(domain::UserRole::kEnterprise, tree_.street.path, "enterprise");
    p.user_id = UserId(2);
    p.unit_id = unit_.id;
    return p;
  }

  // Every item of the general list conforms except the first, which is explained.
  json SelfInspection(const std::string& kind) const {
    json results = json::array();
    for (const auto& item : BuiltinChecklists().Latest("general")->items) {
      results.push_back(
          results.empty()
              ? json{{"code", item.code}, {"result", "nonconform"}, {"note", "已安排整改"}}
              : json{{"code", item.code}, {"result", "conform"}});
    }
    return {{"kind", kind}, {"results", results}};
  }

  std::int64_t CountSelfInspections() {
    auto page = service_->ListSelfInspections(StreetAdmin(), std::nullopt, 1, 50);
    EXPECT_OK(page);
    return page.ok() ? page->total : -1;
  }

  domain::Unit unit_;
  std::unique_ptr<EnterpriseService> service_;  // made in SetUp, once the store is open
};

TEST_F(EnterpriseServiceTest, DailyCheckIsStoredWithItsNonconformities) {
  auto saved = service_->SubmitSelfInspection(Enterprise(), SelfInspection("daily"));
  ASSERT_OK(saved);
  EXPECT_EQ(saved->nonconforming, 1);
  EXPECT_EQ(saved->unit_id, unit_.id);
  EXPECT_EQ(CountSelfInspections(), 1);
}

TEST_F(EnterpriseServiceTest, BadSelfInspectionsAreRefusedAndWriteNothing) {
  const auto refused = [&](json body, const std::string& field) {
    auto result = service_->SubmitSelfInspection(Enterprise(), body);
    EXPECT_ERROR_CODE(result, kInvalidArgument);
    if (!result.ok()) {
      EXPECT_EQ(result.error().field.value_or(""), field) << result.error().message;
    }
  };
  refused(json::array(), "");
  auto body = SelfInspection("weekly");
  refused(body, "kind");
  body = SelfInspection("daily");
  body["results"].erase(body["results"].size() - 1);
  refused(body, "results");  // an item not answered
  body = SelfInspection("daily");
  body["results"][0]["note"] = "";
  refused(body, "results[0].note");  // a nonconformity without a note
  body = SelfInspection("daily");
  body["results"].push_back(body["results"][1]);  // an item answered twice
  refused(body, "results[" + std::to_string(body["results"].size() - 1) + "].code");
  body = SelfInspection("daily");
  body["results"][1]["result"] = "maybe";
  refused(body, "results[1].result");
  body = SelfInspection("daily");
  body["done_on"] = "2099-01-01";
  refused(body, "done_on");
  refused(SelfInspection("periodic"),
          "principal_name");  // periodic needs the principal's signature
  body = SelfInspection("periodic");
  body["principal_name"] = "王总";
  body["principal_png"] = "data:image/jpeg;base64,/9j/4AAQ";
  refused(body, "principal_png");
  EXPECT_EQ(CountSelfInspections(), 0);
  body["principal_png"] = SignatureDataUrl(5);
  EXPECT_OK(service_->SubmitSelfInspection(Enterprise(), body));
  EXPECT_EQ(CountSelfInspections(), 1);
}

TEST_F(EnterpriseServiceTest, OnlyEnterpriseAccountsSelfInspect) {
  EXPECT_ERROR_CODE(service_->SubmitSelfInspection(StreetAdmin(), SelfInspection("daily")),
                    kPermissionDenied);
  auto unbound = Enterprise();
  unbound.unit_id.reset();
  EXPECT_ERROR_CODE(service_->SubmitSelfInspection(unbound, SelfInspection("daily")),
                    kFailedPrecondition);
  EXPECT_EQ(CountSelfInspections(), 0);
}

TEST_F(EnterpriseServiceTest, NoticesAreSignedOncePerUnitAndCountedForRegulators) {
  const auto inspector = As(domain::UserRole::kInspector, tree_.street.path);
  EXPECT_ERROR_CODE(service_->PublishNotice(inspector, {{"title", "公开信"}, {"body", "正文"}}),
                    kPermissionDenied);
  EXPECT_ERROR_CODE(service_->PublishNotice(StreetAdmin(), {{"title", ""}, {"body", "正文"}}),
                    kInvalidArgument);
  auto notice = service_->PublishNotice(
      StreetAdmin(), {{"title", "致企业的一封公开信"}, {"body", "请落实主体责任。"}});
  ASSERT_OK(notice);

  auto listed = service_->ListNotices(Enterprise());
  ASSERT_OK(listed);
  ASSERT_EQ((*listed)["items"].size(), 1u);
  EXPECT_FALSE((*listed)["items"][0]["signed"].get<bool>());

  EXPECT_ERROR_CODE(service_->SignNotice(Enterprise(), notice->id,
                                         {{"signer_name", "王总"}, {"png", "not a data url"}}),
                    kInvalidArgument);
  EXPECT_ERROR_CODE(service_->SignNotice(StreetAdmin(), notice->id,
                                         {{"signer_name", "王总"}, {"png", SignatureDataUrl(1)}}),
                    kPermissionDenied);
  EXPECT_OK(service_->SignNotice(Enterprise(), notice->id,
                                 {{"signer_name", "王总"}, {"png", SignatureDataUrl(1)}}));
  EXPECT_ERROR_CODE(service_->SignNotice(Enterprise(), notice->id,
                                         {{"signer_name", "王总"}, {"png", SignatureDataUrl(2)}}),
                    kAlreadyExists);
  EXPECT_ERROR_CODE(service_->SignNotice(Enterprise(), NoticeId(notice->id.value + 100),
                                         {{"signer_name", "王总"}, {"png", SignatureDataUrl(3)}}),
                    kNotFound);

  listed = service_->ListNotices(Enterprise());
  ASSERT_OK(listed);
  EXPECT_TRUE((*listed)["items"][0]["signed"].get<bool>());
  auto receipts = service_->NoticeReceipts(StreetAdmin(), notice->id);
  ASSERT_OK(receipts);
  EXPECT_EQ((*receipts)["signed"], 1);
  EXPECT_EQ((*receipts)["units"], 1);
  EXPECT_EQ((*receipts)["rate"], 1.0);
  EXPECT_ERROR_CODE(service_->NoticeReceipts(Enterprise(), notice->id), kPermissionDenied);
}

// The daily job marks each overdue hazard once, escalates major ones, and claims one run a day.
TEST_F(EnterpriseServiceTest, OverdueJobMarksOnceEscalatesMajorAndRunsOncePerDay) {
  {
    auto session = store_->Write();
    ASSERT_OK(session);
    for (auto grade : {domain::HazardGrade::kGeneral, domain::HazardGrade::kMajor}) {
      store::HazardRecord h;
      h.unit_id = unit_.id;
      h.grade = grade;
      h.state = domain::HazardState::kRectifying;
      h.description = std::string(domain::Code(grade)) + " hazard";
      h.legal_basis = "《安全生产法》第一百零二条";
      h.found_on = CivilDate::Parse("2025-12-01").value();
      h.deadline = CivilDate::Parse("2025-12-20").value();  // before the clock's 2026-01-01
      h.created_by = 1;
      h.created_at = kNow;
      ASSERT_OK((*session)->InsertHazard(h));
    }
    ASSERT_OK(CommitFixture(**session));
  }
  HazardService hazards(*store_, clock_);
  EXPECT_ERROR_CODE(hazards.RunOverdueJobNow(As(domain::UserRole::kInspector, tree_.street.path)),
                    kPermissionDenied);
  auto first = hazards.RunOverdueJob(true);
  ASSERT_OK(first);
  EXPECT_EQ((*first)["marked"], 2);
  EXPECT_EQ((*first)["escalated"], 1);
  auto second = hazards.RunOverdueJob(true);
  ASSERT_OK(second);
  EXPECT_FALSE((*second)["ran"].get<bool>()) << "today's run is already claimed";
  auto manual = hazards.RunOverdueJob(false);
  ASSERT_OK(manual);
  EXPECT_EQ((*manual)["marked"], 0) << "hazards already marked stay as they are";

  auto reminders = hazards.Reminders(StreetAdmin());
  ASSERT_OK(reminders);
  EXPECT_EQ((*reminders)["overdue_total"], 2);
  auto page = hazards.List(StreetAdmin(), store::HazardQuery{}, false, 0);
  ASSERT_OK(page);
  int escalated = 0;
  for (const auto& h : page->page.items) {
    EXPECT_EQ(h.overdue_since, CivilDate::Parse("2026-01-01").value());
    escalated += h.escalated ? 1 : 0;
  }
  EXPECT_EQ(escalated, 1);
}

}  // namespace
}  // namespace anjian::app
