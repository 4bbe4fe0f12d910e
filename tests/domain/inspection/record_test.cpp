// On-site record rules (R-PROC-2..8, R-PEN-1): team composition, what a signed record must hold,
// and the capital-figure amounts of penalty documents.
#include "domain/inspection/record.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/inspection/task.hpp"
#include "support/builders.hpp"

namespace anjian::domain {
namespace {

using test_support::Date;

const CivilDate kDay = Date(2026, 11, 23);

Checklist TwoItems() {
  Checklist c;
  c.id = "t";
  c.title = "测试检查表";
  c.items = {{"C1", "安全生产许可", "《安全生产法》第六十三条", "S0 1", false},
             {"K1", "三项岗位人员培训", "《安全生产法》第二十七条", "S3", true}};
  return c;
}

InspectionRecord ValidRecord() {
  InspectionRecord r;
  r.started_at = {kDay, 9 * 60};
  r.ended_at = {kDay, 10 * 60};
  r.place = "车间";
  r.purpose = "计划检查";
  r.on_site_person = {"李四", "安全主管", "138"};
  r.answers = {{"C1", ItemResult::kNonConform, "无许可证", {}},
               {"K1", ItemResult::kConform, "", {}}};
  Finding f;
  f.item_code = "C1";
  f.description = "未取得安全生产许可";
  f.legal_basis = "《安全生产法》第六十三条";
  f.measure = FindingMeasure::kRectify;
  f.deadline = Date(2026, 12, 7);
  r.findings = {f};
  r.inspector_signatures = {{1, "a"}, {2, "b"}};
  r.on_site_signature = "c";
  return r;
}

const LocalDateTime kNow{kDay, 18 * 60};

bool Names(const std::vector<FieldError>& errors, const std::string& field) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const FieldError& e) { return e.field == field; });
}

TEST(RecordTest, ValidRecordPasses) {
  EXPECT_TRUE(ValidateRecord(ValidRecord(), TwoItems(), {1, 2}, kDay, kNow).empty());
}

TEST(RecordTest, EveryItemMustBeAnsweredOnce) {
  auto r = ValidRecord();
  r.answers.pop_back();
  EXPECT_TRUE(Names(ValidateRecord(r, TwoItems(), {1, 2}, kDay, kNow), "results"));
  r = ValidRecord();
  r.answers.push_back(r.answers.front());
  EXPECT_TRUE(Names(ValidateRecord(r, TwoItems(), {1, 2}, kDay, kNow), "results[2].code"));
}

TEST(RecordTest, MandatoryItemCannotBeNotApplicable) {
  auto r = ValidRecord();
  r.answers[1].result = ItemResult::kNotApplicable;
  EXPECT_TRUE(Names(ValidateRecord(r, TwoItems(), {1, 2}, kDay, kNow), "results[1].result"));
}

TEST(RecordTest, NonconformityNeedsNoteAndFinding) {
  auto r = ValidRecord();
  r.answers[0].note = "";
  r.findings.clear();
  const auto errors = ValidateRecord(r, TwoItems(), {1, 2}, kDay, kNow);
  EXPECT_TRUE(Names(errors, "results[0].note"));
  EXPECT_TRUE(Names(errors, "findings"));
}

TEST(RecordTest, DeadlinesFollowTheMeasure) {
  auto r = ValidRecord();
  r.findings[0].deadline.reset();
  EXPECT_TRUE(Names(ValidateRecord(r, TwoItems(), {1, 2}, kDay, kNow), "findings[0].deadline"));
  r.findings[0].deadline = kDay;  // not after the inspection day
  EXPECT_TRUE(Names(ValidateRecord(r, TwoItems(), {1, 2}, kDay, kNow), "findings[0].deadline"));
  r.findings[0].measure = FindingMeasure::kImmediate;
  r.findings[0].deadline = Date(2026, 12, 1);
  EXPECT_TRUE(Names(ValidateRecord(r, TwoItems(), {1, 2}, kDay, kNow), "findings[0].deadline"));
  r.findings[0].deadline.reset();
  EXPECT_TRUE(ValidateRecord(r, TwoItems(), {1, 2}, kDay, kNow).empty());
  r.findings[0].measure = FindingMeasure::kOnSite;
  EXPECT_TRUE(
      Names(ValidateRecord(r, TwoItems(), {1, 2}, kDay, kNow), "findings[0].on_site_decision"));
}

TEST(RecordTest, FinesNeedAnAmountAndEveryPenaltyABasis) {
  auto r = ValidRecord();
  r.penalties = {{PenaltyKind::kFine, 0, "《安全生产法》第九十九条", "未设警示标志"},
                 {PenaltyKind::kWarning, 500, "", "事实"}};
  const auto errors = ValidateRecord(r, TwoItems(), {1, 2}, kDay, kNow);
  EXPECT_TRUE(Names(errors, "penalties[0].amount_yuan"));
  EXPECT_TRUE(Names(errors, "penalties[1].amount_yuan"));
  EXPECT_TRUE(Names(errors, "penalties[1].legal_basis"));
}

TEST(RecordTest, AllTeamMembersSignAndNobodyElse) {
  auto r = ValidRecord();
  r.inspector_signatures = {{1, "a"}};
  EXPECT_TRUE(Names(ValidateRecord(r, TwoItems(), {1, 2}, kDay, kNow), "signatures.inspectors"));
  r.inspector_signatures = {{1, "a"}, {3, "x"}};
  EXPECT_TRUE(Names(ValidateRecord(r, TwoItems(), {1, 2}, kDay, kNow), "signatures.inspectors[1]"));
  r.inspector_signatures = {{1, "a"}, {1, "a"}};
  EXPECT_TRUE(Names(ValidateRecord(r, TwoItems(), {1, 2}, kDay, kNow), "signatures.inspectors[1]"));
}

TEST(RecordTest, OnSitePersonSignsOrRefusalIsWitnessed) {
  auto r = ValidRecord();
  r.on_site_signature.clear();
  EXPECT_TRUE(
      Names(ValidateRecord(r, TwoItems(), {1, 2}, kDay, kNow), "signatures.on_site_person"));
  r.refusal = Refusal{"拒绝签字", "王五", ""};
  EXPECT_TRUE(
      Names(ValidateRecord(r, TwoItems(), {1, 2}, kDay, kNow), "signatures.refusal.witness_png"));
  r.refusal->witness_signature = "w";
  EXPECT_TRUE(ValidateRecord(r, TwoItems(), {1, 2}, kDay, kNow).empty());
  r.on_site_signature = "c";  // signed and refused at once
  EXPECT_TRUE(Names(ValidateRecord(r, TwoItems(), {1, 2}, kDay, kNow), "signatures.refusal"));
}

TEST(RecordTest, TimesAreOnTheTaskDayAndNotInTheFuture) {
  auto r = ValidRecord();
  r.ended_at = r.started_at;
  EXPECT_TRUE(Names(ValidateRecord(r, TwoItems(), {1, 2}, kDay, kNow), "ended_at"));
  r = ValidRecord();
  EXPECT_TRUE(Names(ValidateRecord(r, TwoItems(), {1, 2}, Date(2026, 11, 24), kNow), "started_at"));
  EXPECT_TRUE(Names(ValidateRecord(r, TwoItems(), {1, 2}, kDay, {kDay, 9 * 60 + 30}), "ended_at"));
}

TEST(LocalDateTimeTest, ParsesAndFormats) {
  auto t = LocalDateTime::Parse("2026-11-23T09:05");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->ToString(), "2026-11-23T09:05");
  EXPECT_EQ(t->ToFormText(), "2026年11月23日09时05分");
  for (const char* bad :
       {"2026-11-23", "2026-11-23T24:00", "2026-11-23T09:60", "2026/11/23T09:00", "x"}) {
    EXPECT_FALSE(LocalDateTime::Parse(bad).ok()) << bad;
  }
}

TEST(ChineseCapitalYuanTest, WritesAmountsAsOnPenaltyDocuments) {
  EXPECT_EQ(ChineseCapitalYuan(50000), "人民币伍万元整");
  EXPECT_EQ(ChineseCapitalYuan(10500), "人民币壹万零伍佰元整");
  EXPECT_EQ(ChineseCapitalYuan(1000500), "人民币壹佰万零伍佰元整");
  EXPECT_EQ(ChineseCapitalYuan(200), "人民币贰佰元整");
  EXPECT_EQ(ChineseCapitalYuan(100000000), "人民币壹亿元整");
  EXPECT_EQ(ChineseCapitalYuan(3005), "人民币叁仟零伍元整");
}

Inspector Officer(std::int64_t id, CivilDate valid_until) {
  Inspector p;
  p.id = InspectorId(id);
  p.name = "执法" + std::to_string(id);
  p.role = InspectorRole::kEnforcementOfficer;
  p.certificate_no = "C" + std::to_string(id);
  p.certificate_valid_until = valid_until;
  return p;
}

TEST(TeamTest, TwoCertifiedPeopleFreeToInspectTheUnit) {
  Unit unit;
  unit.credit_code = "91350100M000100Y43";
  const auto valid = Date(2027, 1, 1);
  EXPECT_TRUE(ValidateTeam({Officer(1, valid), Officer(2, valid)}, unit, kDay).empty());
  EXPECT_TRUE(Names(ValidateTeam({Officer(1, valid)}, unit, kDay), "team"));
  EXPECT_TRUE(Names(ValidateTeam({Officer(1, valid), Officer(2, Date(2026, 11, 22))}, unit, kDay),
                    "team[1]"));
  auto grid = Officer(3, valid);
  grid.role = InspectorRole::kGridMember;
  EXPECT_TRUE(Names(ValidateTeam({Officer(1, valid), grid}, unit, kDay), "team[1]"));
  auto recused = Officer(4, valid);
  recused.recusal_codes = {unit.credit_code};
  EXPECT_TRUE(Names(ValidateTeam({recused, Officer(1, valid)}, unit, kDay), "team[0]"));
  EXPECT_TRUE(Names(ValidateTeam({Officer(1, valid), Officer(1, valid)}, unit, kDay), "team[1]"));
}

}  // namespace
}  // namespace anjian::domain
