// InspectionService against a real SQLite store, blob store and document issuer in a temp dir with
// a fixed clock (docs/inspections.md): task teams (R-PROC-2, R-ROLE-15, recusal), the signed record
// with its hazards and numbered documents in one transaction, idempotent replay per key, signatures
// that are not PNGs refused before anything is written (no document number burnt), record rules
// naming their fields, corrections as new versions, public verification, enterprise scoping, PDFs,
// and tasks from an approved plan.
#include "app/inspection_service.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <thread>
#include <tuple>

#include "app/plan_policy_codec.hpp"
#include "app/plan_service.hpp"
#include "app/signature_service.hpp"
#include "app_fixture.hpp"
#include "common/sha256.hpp"
#include "domain/registry/key_policy.hpp"
#include "io/image_probe.hpp"
#include "support/builders.hpp"
#include "support/inspection_requests.hpp"
#include "support/tiny_png.hpp"

namespace anjian::app {
namespace {

using nlohmann::json;
using test_support::Date;
using test_support::MakeInspector;
using test_support::MakeUnit;
using test_support::SignatureDataUrl;

// 2026-03-02 (a Monday) 10:00 in Beijing.
constexpr std::int64_t kMondayMorning = 1'772'416'800;
constexpr const char* kToday = "2026-03-02";

class InspectionServiceTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    clock_.Set(kMondayMorning);
    auto calendar = planner::WorkingCalendar::Parse(BuiltinCalendarText());
    ASSERT_OK(calendar);
    calendar_ = std::make_unique<planner::WorkingCalendar>(std::move(*calendar));
    files_ = std::make_unique<io::BlobStore>(dir_.File("files"));
    issuer_ =
        std::make_unique<DocumentIssuer>(DocumentIssuerOptions{"https://anjian.example.cn", ""});
    service_ = std::make_unique<InspectionService>(*store_, clock_, *files_, *issuer_, *calendar_);

    {
      auto session = store_->Write();
      ASSERT_OK(session);
      auto a = (*session)->InsertUnit(MakeUnit(tree_.community_a.id, 701), kNow);
      auto b = (*session)->InsertUnit(MakeUnit(tree_.community_b.id, 702), kNow);
      ASSERT_OK(a);
      ASSERT_OK(b);
      unit_a_ = *a;
      unit_b_ = *b;
      const auto add = [&](domain::Inspector person) {
        auto saved = (*session)->InsertInspector(person, kNow);
        EXPECT_OK(saved);
        return saved.ok() ? saved->id.value : 0;
      };
      auto first = MakeInspector(tree_.street.id, "JF101");
      first.name = "张三";
      officer_1_ = add(first);
      auto second = MakeInspector(tree_.street.id, "JF102");
      second.name = "李四";
      officer_2_ = add(second);
      auto expired = MakeInspector(tree_.street.id, "JF103");
      expired.name = "过期证";
      expired.certificate_valid_until = Date(2026, 2, 28);
      expired_ = add(expired);
      auto grid = MakeInspector(tree_.community_a.id, "WG104");
      grid.name = "网格员甲";
      grid.role = domain::InspectorRole::kGridMember;
      grid.certificate_no = "";
      grid.certificate_valid_until.reset();
      grid_member_ = add(grid);
      auto recused = MakeInspector(tree_.street.id, "JF105");
      recused.name = "回避者";
      recused.recusal_codes = {unit_a_.credit_code};
      recused_ = add(recused);
      ASSERT_OK(CommitFixture(**session));
    }  // the single writer is released before the service writes
    // The two officers' accounts: each signs with their own (issue #12, defect 6).
    auth_ = std::make_unique<AuthService>(*store_, clock_);
    signatures_ = std::make_unique<SignatureService>(*store_, clock_, *auth_);
    {
      auto session = store_->Write();
      ASSERT_OK(session);
      for (auto [name, officer, account] : {std::tuple{"zhangsan", officer_1_, &inspector_account_},
                                            std::tuple{"lisi", officer_2_, &partner_account_}}) {
        store::User user;
        user.username = name;
        user.display_name = name;
        user.role = domain::UserRole::kInspector;
        user.jurisdiction_id = tree_.street.id;
        user.inspector_id = InspectorId(officer);
        auto saved = auth_->AddUser(**session, user, kPartnerPassword);
        ASSERT_OK(saved);
        *account = saved->id;
      }
      ASSERT_OK(CommitFixture(**session));
    }

    auto photo = service_->UploadPhoto(Inspector(), test_support::MakeTinyPng(200, 120, 77));
    ASSERT_OK(photo);
    photo_ = photo->first.sha256;
  }

  Principal Inspector() const {
    auto p = As(domain::UserRole::kInspector, tree_.street.path, "zhangsan");
    p.user_id = inspector_account_;
    p.inspector_id = InspectorId(officer_1_);
    return p;
  }
  // The team's second officer in their own session.
  Principal Partner() const {
    auto p = As(domain::UserRole::kInspector, tree_.street.path, "lisi");
    p.user_id = partner_account_;
    p.inspector_id = InspectorId(officer_2_);
    return p;
  }

  // The body with officer 2's drawing replaced by the signature officer 2 gives for `task` in
  // their own session beforehand, as the server requires; unchanged when it has no such drawing.
  json Signed(std::int64_t task, json body) {
    for (auto& entry : body["signatures"]["inspectors"]) {
      if (entry["inspector_id"] != officer_2_ || !entry.contains("png")) continue;
      auto attested = signatures_->Attest(Partner(), task,
                                          {{"inspector_id", officer_2_}, {"png", entry["png"]}});
      EXPECT_OK(attested);
      if (!attested.ok()) return body;
      entry = {{"inspector_id", officer_2_}, {"attestation_id", (*attested)["id"]}};
    }
    return body;
  }
  Principal Enterprise() const {
    auto p = As(domain::UserRole::kEnterprise, tree_.street.path, "enterprise");
    p.user_id = UserId(2);
    p.unit_id = unit_a_.id;
    return p;
  }

  json TaskBody(const domain::Unit& unit, std::vector<std::int64_t> team) const {
    return {
        {"kind", "planned"}, {"unit_id", unit.id.value}, {"scheduled_on", kToday}, {"team", team}};
  }

  std::int64_t NewTask(const domain::Unit& unit) {
    auto task = service_->CreateTask(Inspector(), TaskBody(unit, {officer_1_, officer_2_}));
    EXPECT_OK(task);
    return task.ok() ? task->task.id : 0;
  }

  // A complete, valid submission for a task of today with the general list: every item
  // conforms except C9, which has a finding ordered to be rectified by 2026-03-16.
  json ValidRecord(std::uint32_t seed = 1) const {
    json checklist = {{"items", json::array()}};
    for (const auto& item : BuiltinChecklists().Latest("general")->items) {
      checklist["items"].push_back({{"code", item.code}});
    }
    return test_support::RecordBodyAt(
        checklist, {officer_1_, officer_2_},
        {std::string(kToday) + "T08:30", std::string(kToday) + "T09:40", "2026-03-16"}, photo_,
        photo_, seed * 10 + 1);
  }

  static json WithFine(json body) {
    body["penalties"] = {{{"type", "fine"},
                          {"amount_yuan", 10500},
                          {"legal_basis", "《安全生产法》第九十九条"},
                          {"facts", "未在有较大危险因素的设备上设置安全警示标志"}}};
    return body;
  }

  Result<StoredAnswer> Submit(std::int64_t task, const std::string& key, const json& body) {
    return service_->SubmitRecord(Inspector(), task, key, Signed(task, body).dump());
  }

  // Submits and returns the 201 answer's JSON.
  json SubmitOk(std::int64_t task, const std::string& key, const json& body) {
    auto answer = Submit(task, key, body);
    EXPECT_OK(answer);
    if (!answer.ok()) return json::object();
    EXPECT_EQ(answer->status, 201);
    return json::parse(answer->body);
  }

  std::int64_t CountDocuments() {
    auto page = service_->ListDocuments(StreetAdmin(), {});
    EXPECT_OK(page);
    return page.ok() ? page->total : -1;
  }
  std::int64_t CountHazards() {
    auto session = store_->Read();
    EXPECT_OK(session);
    auto page = (*session)->ListHazards(store::Scope::All(), {});
    EXPECT_OK(page);
    return page.ok() ? page->total : -1;
  }
  std::vector<store::InspectionRecordRow> RecordsOf(std::int64_t task) {
    auto session = store_->Read();
    EXPECT_OK(session);
    auto rows = (*session)->ListInspectionRecords(task);
    EXPECT_OK(rows);
    return rows.ok() ? *rows : std::vector<store::InspectionRecordRow>{};
  }
  store::TaskRecord TaskRow(std::int64_t task) {
    auto session = store_->Read();
    EXPECT_OK(session);
    auto row = (*session)->GetTask(store::Scope::All(), task);
    EXPECT_OK(row);
    return row.ok() ? *row : store::TaskRecord{};
  }
  store::DocumentRow StoredDocument(std::int64_t id) {
    auto session = store_->Read();
    EXPECT_OK(session);
    auto row = (*session)->GetDocument(store::Scope::All(), DocumentId(id));
    EXPECT_OK(row);
    return row.ok() ? *row : store::DocumentRow{};
  }

  std::unique_ptr<planner::WorkingCalendar> calendar_;
  std::unique_ptr<io::BlobStore> files_;
  std::unique_ptr<DocumentIssuer> issuer_;
  std::unique_ptr<InspectionService> service_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<SignatureService> signatures_;
  static constexpr const char* kPartnerPassword = "Zq7-rocket-Lantern";
  UserId inspector_account_, partner_account_;
  domain::Unit unit_a_, unit_b_;
  std::int64_t officer_1_ = 0, officer_2_ = 0, expired_ = 0, grid_member_ = 0, recused_ = 0;
  std::string photo_;
};

// --- Tasks -------------------------------------------------------------------------------------

TEST_F(InspectionServiceTest, CreateTaskRefusesTeamsThatMayNotEnforceNamingTheMember) {
  struct Case {
    const char* name;
    std::vector<std::int64_t> team;
    std::string field;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"one person", {officer_1_}, "team", "两名以上"},
      {"grid member", {officer_1_, grid_member_}, "team[1]", "网格员"},
      {"expired certificate", {expired_, officer_1_}, "team[0]", "无有效执法证"},
      {"recused", {officer_1_, recused_}, "team[1]", "回避"},
      {"unknown person", {officer_1_, 999999}, "team[1]", "人员不存在"},
  };
  for (const auto& c : cases) {
    auto task = service_->CreateTask(Inspector(), TaskBody(unit_a_, c.team));
    ASSERT_ERROR_CODE(task, kInvalidArgument) << c.name;
    EXPECT_EQ(task.error().field.value_or(""), c.field) << c.name << ": " << task.error().message;
    EXPECT_NE(task.error().message.find(c.message), std::string::npos)
        << c.name << ": " << task.error().message;
  }
  // The recused officer may inspect another unit.
  EXPECT_OK(service_->CreateTask(Inspector(), TaskBody(unit_b_, {officer_1_, recused_})));
  auto tasks = service_->ListTasks(StreetAdmin(), {}, /*mine=*/false);
  ASSERT_OK(tasks);
  EXPECT_EQ(tasks->total, 1) << "refused teams leave no task behind";
}

TEST_F(InspectionServiceTest, CreateTaskIsForbiddenToEnterpriseAccounts) {
  auto task = service_->CreateTask(Enterprise(), TaskBody(unit_a_, {officer_1_, officer_2_}));
  EXPECT_ERROR_CODE(task, kPermissionDenied);
  auto yesterday = TaskBody(unit_a_, {officer_1_, officer_2_});
  yesterday["scheduled_on"] = "2026-03-01";
  auto past = service_->CreateTask(Inspector(), yesterday);
  ASSERT_ERROR_CODE(past, kInvalidArgument);
  EXPECT_EQ(past.error().field.value_or(""), "scheduled_on");
}

TEST_F(InspectionServiceTest, HalfDayIsAmPmOrOpenAndNothingElse) {
  auto afternoon = TaskBody(unit_a_, {officer_1_, officer_2_});
  afternoon["half_day"] = "pm";
  auto created = service_->CreateTask(Inspector(), afternoon);
  ASSERT_OK(created);
  EXPECT_EQ(created->task.half_day, domain::HalfDay::kAfternoon);
  EXPECT_EQ(TaskToJson(*created, CivilDate::Parse(kToday).value())["half_day"], "pm");
  for (const json& bad : {json("noon"), json("AM"), json(1), json::array()}) {
    auto body = TaskBody(unit_a_, {officer_1_, officer_2_});
    body["half_day"] = bad;
    auto refused = service_->CreateTask(Inspector(), body);
    ASSERT_ERROR_CODE(refused, kInvalidArgument) << bad.dump();
    EXPECT_EQ(refused.error().field.value_or(""), "half_day") << bad.dump();
  }
}

TEST_F(InspectionServiceTest, MyTasksAreTheTasksWhoseTeamHasMe) {
  const auto mine = NewTask(unit_a_);
  ASSERT_OK(service_->CreateTask(Inspector(), TaskBody(unit_b_, {officer_2_, recused_})));
  auto page = service_->ListTasks(Inspector(), {}, /*mine=*/true);
  ASSERT_OK(page);
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].task.id, mine);
  ASSERT_EQ(page->items[0].team.size(), 2u);
  EXPECT_EQ(page->items[0].team[0].name, "张三");
  const json task = TaskToJson(page->items[0], service_->Today());
  EXPECT_EQ(task["today"], true);
  EXPECT_EQ(task["team"][1]["certificate_valid"], true);
  auto unlinked = service_->ListTasks(StreetAdmin(), {}, /*mine=*/true);
  ASSERT_ERROR_CODE(unlinked, kInvalidArgument)
      << "an account without a roster person has no tasks of its own";
  EXPECT_EQ(unlinked.error().field.value_or(""), "mine");
}

// --- Submission --------------------------------------------------------------------------------

TEST_F(InspectionServiceTest, SubmitStoresTheRecordHazardsAndNumberedDocumentsInOneGo) {
  const auto task = NewTask(unit_a_);
  const json answer = SubmitOk(task, "key-first-0001", WithFine(ValidRecord()));
  ASSERT_TRUE(answer.contains("record")) << answer.dump();
  const auto record_id = answer["record"]["id"].get<std::int64_t>();
  EXPECT_EQ(answer["record"]["record_version"], 1);
  EXPECT_TRUE(answer["record"]["supersedes_id"].is_null());
  EXPECT_EQ(answer["record"]["place"], "生产车间、仓库");
  EXPECT_EQ(answer["record"]["signatures"]["inspectors"][0]["png"].get<std::string>().size(), 64u)
      << "the record keeps the stored signature's hash, not the data URL";

  // One hazard per finding, under order with the finding's deadline.
  ASSERT_EQ(answer["hazards"].size(), 1u);
  {
    auto session = store_->Read();
    ASSERT_OK(session);
    auto hazard = (*session)->GetHazard(store::Scope::All(),
                                        HazardId(answer["hazards"][0].get<std::int64_t>()));
    ASSERT_OK(hazard);
    EXPECT_EQ(hazard->state, domain::HazardState::kRectifying);
    EXPECT_EQ(hazard->deadline, CivilDate::Parse("2026-03-16").value());
    EXPECT_EQ(hazard->grade, domain::HazardGrade::kGeneral);
    EXPECT_EQ(hazard->found_on, CivilDate::Parse(kToday).value());
    EXPECT_EQ(hazard->unit_id, unit_a_.id);
    EXPECT_EQ(hazard->task_id, task);
    EXPECT_EQ(hazard->record_id, record_id);
    auto timeline = (*session)->ListHazardTransitions(hazard->id);
    ASSERT_OK(timeline);
    ASSERT_EQ(timeline->size(), 2u);
    EXPECT_EQ((*timeline)[0].action, "register");
    EXPECT_EQ((*timeline)[0].evidence, std::vector<std::string>{photo_});
    EXPECT_EQ((*timeline)[1].to_state, domain::HazardState::kRectifying);
  }

  // 现场检查记录 always, 责令限期整改指令书 for the rectify finding, 行政处罚告知书 for the fine.
  ASSERT_EQ(answer["documents"].size(), 3u) << answer["documents"].dump();
  std::map<std::string, std::string> numbers;
  for (const auto& d : answer["documents"]) numbers[d["type"]] = d["number"];
  EXPECT_EQ(numbers["inspection_record"], "（解）应急检记〔2026〕第1号");
  EXPECT_EQ(numbers["rectification_order"], "（解）应急责改〔2026〕第1号");
  EXPECT_EQ(numbers["penalty_notice"], "（解）应急罚告〔2026〕第1号");
  EXPECT_EQ(answer["documents"][1]["type_label"], "责令限期整改指令书");
  const auto notice = StoredDocument(answer["documents"][2]["id"].get<std::int64_t>());
  EXPECT_NE(notice.content_json.find("人民币壹万零伍佰元整"), std::string::npos)
      << notice.content_json;
  EXPECT_EQ(notice.record_id, record_id);

  const auto row = TaskRow(task);
  EXPECT_EQ(row.status, domain::TaskStatus::kCompleted);
  EXPECT_EQ(row.record_id, record_id);

  // The next record takes the next numbers; no fine, no penalty notice.
  const json second = SubmitOk(NewTask(unit_b_), "key-second-0001", ValidRecord(2));
  ASSERT_EQ(second["documents"].size(), 2u);
  EXPECT_EQ(second["documents"][0]["number"], "（解）应急检记〔2026〕第2号");
  EXPECT_EQ(second["documents"][1]["number"], "（解）应急责改〔2026〕第2号");
}

TEST_F(InspectionServiceTest, ImmediateCorrectionIsDueTheNextWorkingDay) {
  clock_.Set(kMondayMorning + 4 * 86400);  // Friday 2026-03-06
  auto created = service_->CreateTask(Inspector(), {{"kind", "complaint"},
                                                    {"unit_id", unit_a_.id.value},
                                                    {"scheduled_on", "2026-03-06"},
                                                    {"team", {officer_1_, officer_2_}}});
  ASSERT_OK(created);
  json body = ValidRecord();
  body["started_at"] = "2026-03-06T08:30";
  body["ended_at"] = "2026-03-06T09:00";
  body["findings"][0]["measure"] = "immediate";
  body["findings"][0].erase("deadline");
  const json answer = SubmitOk(created->task.id, "key-immediate-01", body);
  ASSERT_EQ(answer["hazards"].size(), 1u);
  auto session = store_->Read();
  ASSERT_OK(session);
  auto hazard = (*session)->GetHazard(store::Scope::All(),
                                      HazardId(answer["hazards"][0].get<std::int64_t>()));
  ASSERT_OK(hazard);
  EXPECT_EQ(hazard->deadline, CivilDate::Parse("2026-03-09").value())
      << "Friday's immediate correction is re-checked on Monday";
  ASSERT_EQ(answer["documents"].size(), 1u) << "no rectification order for an immediate correction";
}

TEST_F(InspectionServiceTest, ReplayWithTheSameKeyReturnsTheStoredAnswerAndWritesNothing) {
  const auto task = NewTask(unit_a_);
  const std::string body = Signed(task, WithFine(ValidRecord())).dump();
  auto first = service_->SubmitRecord(Inspector(), task, "key-replay-0001", body);
  ASSERT_OK(first);
  const auto documents = CountDocuments();
  const auto hazards = CountHazards();
  auto again = service_->SubmitRecord(Inspector(), task, "key-replay-0001", body);
  ASSERT_OK(again);
  EXPECT_EQ(again->status, first->status);
  EXPECT_EQ(again->body, first->body) << "the stored answer, byte for byte";
  EXPECT_EQ(RecordsOf(task).size(), 1u);
  EXPECT_EQ(CountDocuments(), documents);
  EXPECT_EQ(CountHazards(), hazards);
  // The same key from another user is another request (and this task is already done).
  auto other_user = Inspector();
  other_user.user_id = UserId(5);
  EXPECT_ERROR_CODE(service_->SubmitRecord(other_user, task, "key-replay-0001", body), kConflict);
}

TEST_F(InspectionServiceTest, SameKeyWithADifferentBodyIsAConflictOnTheKey) {
  const auto task = NewTask(unit_a_);
  json body = ValidRecord();
  SubmitOk(task, "key-reused-00001", body);
  body["place"] = "办公楼";
  auto reused = Submit(task, "key-reused-00001", body);
  ASSERT_ERROR_CODE(reused, kIdempotencyKeyReused);
  EXPECT_EQ(reused.error().field.value_or(""), "Idempotency-Key");
  // The same body for another task under that key is a different request too.
  auto other_task = Submit(NewTask(unit_b_), "key-reused-00001", ValidRecord());
  ASSERT_ERROR_CODE(other_task, kIdempotencyKeyReused);
  EXPECT_EQ(other_task.error().field.value_or(""), "Idempotency-Key");
  EXPECT_ERROR_CODE(Submit(task, "short", body), kInvalidArgument)
      << "keys have 8 to 100 characters";
}

TEST_F(InspectionServiceTest, SignatureThatIsNotAPngIsRefusedBeforeAnythingIsWritten) {
  const auto task = NewTask(unit_a_);
  const std::string jpeg_bytes =
      std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20) +
      std::string(64, '\x11') + "\xFF\xD9";
  const std::string png = test_support::MakeTinyPng(120, 40, 5);
  struct Case {
    const char* name;
    std::string data_url;
  };
  const std::vector<Case> cases = {
      {"JPEG data URL", "data:image/jpeg;base64," + test_support::Base64(jpeg_bytes)},
      {"JPEG bytes labelled PNG", "data:image/png;base64," + test_support::Base64(jpeg_bytes)},
      {"garbage base64", "data:image/png;base64,!!!not*base64???"},
      {"truncated PNG",
       "data:image/png;base64," + test_support::Base64(png.substr(0, png.size() / 2))},
      {"not a data URL", "hello"},
  };
  int attempt = 0;
  for (const auto& c : cases) {
    for (const char* where : {"inspector", "on_site"}) {
      json body = WithFine(ValidRecord());
      std::string field;
      if (std::string(where) == "inspector") {
        body["signatures"]["inspectors"][0]["png"] = c.data_url;  // the submitter's own
        field = "signatures.inspectors[0].png";
      } else {
        body["signatures"]["on_site_person"]["png"] = c.data_url;
        field = "signatures.on_site_person.png";
      }
      auto refused = Submit(task, "key-bad-signature-" + std::to_string(++attempt), body);
      ASSERT_ERROR_CODE(refused, kInvalidArgument) << c.name << " / " << where;
      EXPECT_EQ(refused.error().field.value_or(""), field)
          << c.name << ": " << refused.error().message;
      EXPECT_NE(refused.error().message.find("签名"), std::string::npos) << refused.error().message;
    }
  }
  // Nothing was written: no record, the task still open, no document, no hazard, no key stored.
  EXPECT_TRUE(RecordsOf(task).empty());
  EXPECT_EQ(TaskRow(task).status, domain::TaskStatus::kScheduled);
  EXPECT_EQ(CountDocuments(), 0);
  EXPECT_EQ(CountHazards(), 0);
  // A bad key is not consumed: the valid submission may even reuse one.
  const json answer = SubmitOk(task, "key-bad-signature-1", WithFine(ValidRecord()));
  ASSERT_FALSE(answer["documents"].empty());
  EXPECT_EQ(answer["documents"][0]["number"], "（解）应急检记〔2026〕第1号")
      << "no number was burnt";
}

TEST_F(InspectionServiceTest, OnSitePersonMustSignOrRefuseBeforeAWitness) {
  const auto task = NewTask(unit_a_);
  json unsigned_body = ValidRecord();
  unsigned_body["signatures"]["on_site_person"] = nullptr;
  auto refused = Submit(task, "key-unsigned-001", unsigned_body);
  ASSERT_ERROR_CODE(refused, kInvalidArgument);
  EXPECT_EQ(refused.error().field.value_or(""), "signatures.on_site_person");

  json no_witness = unsigned_body;
  no_witness["signatures"]["refusal"] = {{"reason", "拒绝签字"}, {"witness_name", "赵六"}};
  auto missing_witness = Submit(task, "key-no-witness-1", no_witness);
  ASSERT_ERROR_CODE(missing_witness, kInvalidArgument);
  EXPECT_NE(missing_witness.error().message.find("signatures.refusal.witness_png"),
            std::string::npos)
      << missing_witness.error().message;

  json refusal = unsigned_body;
  refusal["signatures"]["refusal"] = {{"reason", "负责人拒绝在记录上签字"},
                                      {"witness_name", "赵六"},
                                      {"witness_png", SignatureDataUrl(99)}};
  const json answer = SubmitOk(task, "key-refusal-0001", refusal);
  ASSERT_FALSE(answer["documents"].empty());
  const auto record_doc = StoredDocument(answer["documents"][0]["id"].get<std::int64_t>());
  EXPECT_NE(record_doc.content_json.find("拒绝签字：负责人拒绝在记录上签字"), std::string::npos)
      << record_doc.content_json;
  EXPECT_NE(record_doc.content_json.find("赵六"), std::string::npos);
  EXPECT_EQ(answer["record"]["signatures"]["refusal"]["witness_png"].get<std::string>().size(),
            64u);
}

TEST_F(InspectionServiceTest, RecordProblemsAreRefusedNamingTheirFields) {
  const auto task = NewTask(unit_a_);
  struct Case {
    const char* name;
    std::function<void(json&)> spoil;
    std::string field;
    std::string mentions;
  };
  const std::vector<Case> cases = {
      {"unanswered item", [](json& b) { b["results"].erase(b["results"].size() - 1); }, "results",
       ""},
      {"nonconform without a finding", [](json& b) { b["findings"] = json::array(); }, "findings",
       "C9"},
      {"nonconform without a note", [](json& b) { b["results"][8]["note"] = ""; }, "", ".note"},
      {"deadline before the day", [](json& b) { b["findings"][0]["deadline"] = "2026-03-01"; },
       "findings[0].deadline", ""},
      {"deadline on the day", [](json& b) { b["findings"][0]["deadline"] = kToday; },
       "findings[0].deadline", ""},
      {"rectify without a deadline", [](json& b) { b["findings"][0].erase("deadline"); },
       "findings[0].deadline", ""},
      {"photo not uploaded", [](json& b) { b["findings"][0]["photos"] = {std::string(64, 'a')}; },
       "findings[0].photos", ""},
      {"photo not uploaded on an item",
       [](json& b) { b["results"][0]["photos"] = {std::string(64, 'b')}; }, "results[0].photos",
       ""},
      // (A stranger's drawing is refused before these rules with 403: only the submitter draws.)
      {"the submitter signs twice and the partner not at all",
       [this](json& b) { b["signatures"]["inspectors"][1]["inspector_id"] = officer_1_; }, "",
       "signatures.inspectors"},
      {"fine without amount",
       [](json& b) {
         b = WithFine(b);
         b["penalties"][0]["amount_yuan"] = 0;
       },
       "penalties[0].amount_yuan", ""},
      {"ends before it starts", [](json& b) { b["ended_at"] = std::string(kToday) + "T08:00"; },
       "ended_at", ""},
  };
  const auto* list = BuiltinChecklists().Latest("general");
  ASSERT_EQ(list->items[8].code, "C9") << "the cases above address C9 as results[8]";
  for (const auto& c : cases) {
    json body = ValidRecord();
    c.spoil(body);
    auto refused = Submit(task, "key-problem-" + std::to_string(&c - cases.data()), body);
    ASSERT_ERROR_CODE(refused, kInvalidArgument) << c.name;
    if (!c.field.empty()) {
      EXPECT_EQ(refused.error().field.value_or(""), c.field)
          << c.name << ": " << refused.error().message;
    }
    if (!c.mentions.empty()) {
      EXPECT_NE(refused.error().message.find(c.mentions), std::string::npos)
          << c.name << ": " << refused.error().message;
    }
  }
  EXPECT_TRUE(RecordsOf(task).empty());
  EXPECT_EQ(CountDocuments(), 0);
  EXPECT_EQ(CountHazards(), 0);
}

TEST_F(InspectionServiceTest, UnansweredItemIsNamedInTheMessage) {
  const auto task = NewTask(unit_a_);
  const auto* list = BuiltinChecklists().Latest("general");
  json body = ValidRecord();
  body["results"].erase(body["results"].size() - 1);
  auto refused = Submit(task, "key-unanswered-1", body);
  ASSERT_ERROR_CODE(refused, kInvalidArgument);
  EXPECT_NE(refused.error().message.find(list->items.back().code + " "), std::string::npos)
      << refused.error().message;
}

// Signatures are stored in the database in the record's own transaction (one durable commit per
// submission; writing each as a file cost two fsyncs and capped submissions far below 300/s in
// bench/inspection_bench): no signature file is written, the bytes read back exactly, and the
// documents render with them.
TEST_F(InspectionServiceTest, SignaturesCommitWithTheRecordAndReadBack) {
  const auto task = NewTask(unit_a_);
  // ValidRecord(7): the two officers sign with seeds 71 and 72, the on-site person with 74.
  const std::vector<std::string> pngs = {test_support::MakeTinyPng(120, 40, 71),
                                         test_support::MakeTinyPng(120, 40, 72),
                                         test_support::MakeTinyPng(120, 40, 74)};
  auto answer = Submit(task, "key-signatures-01", ValidRecord(7));
  ASSERT_OK(answer);
  EXPECT_EQ(answer->status, 201);
  const json body = json::parse(answer->body);
  EXPECT_EQ(body["record"]["signatures"]["on_site_person"]["png"], Sha256Hex(pngs[2]));
  for (const auto& png : pngs) {
    const auto sha = Sha256Hex(png);
    EXPECT_FALSE(files_->Contains(sha)) << "signatures are not files: " << sha;
    auto read = service_->ReadUpload(Inspector(), sha);
    ASSERT_OK(read);
    EXPECT_EQ(read->first.kind, "signature");
    EXPECT_EQ(read->second, png) << "the stored bytes are the signed PNG";
  }
  const auto document_id = body["documents"][0]["id"].get<std::int64_t>();
  auto pdf = service_->DocumentPdf(Inspector(), document_id);
  ASSERT_OK(pdf);
  EXPECT_EQ(pdf->second.substr(0, 4), "%PDF");
}

TEST_F(InspectionServiceTest, SecondSubmissionOnACompletedTaskIsAConflict) {
  const auto task = NewTask(unit_a_);
  SubmitOk(task, "key-once-000001", ValidRecord());
  auto second = Submit(task, "key-once-000002", ValidRecord(2));
  ASSERT_ERROR_CODE(second, kConflict);
  EXPECT_NE(second.error().message.find("更正"), std::string::npos) << second.error().message;
  EXPECT_EQ(RecordsOf(task).size(), 1u);
}

TEST_F(InspectionServiceTest, CorrectionIsANewVersionAndOnlyTheNewestMayBeCorrected) {
  const auto task = NewTask(unit_a_);
  const json first = SubmitOk(task, "key-original-001", ValidRecord());
  const auto v1 = first["record"]["id"].get<std::int64_t>();
  const auto original = RecordsOf(task);
  ASSERT_EQ(original.size(), 1u);
  const auto hazards = CountHazards();

  json corrected = ValidRecord(3);
  corrected["place"] = "生产车间、仓库、配电室";
  auto no_reason =
      service_->CorrectRecord(Inspector(), v1, "key-correct-0000", Signed(task, corrected).dump());
  ASSERT_ERROR_CODE(no_reason, kInvalidArgument);
  EXPECT_EQ(no_reason.error().field.value_or(""), "reason");
  corrected["reason"] = "检查场所漏写配电室";
  auto answer =
      service_->CorrectRecord(Inspector(), v1, "key-correct-0001", Signed(task, corrected).dump());
  ASSERT_OK(answer);
  EXPECT_EQ(answer->status, 201);
  const json second = json::parse(answer->body);
  const auto v2 = second["record"]["id"].get<std::int64_t>();
  EXPECT_EQ(second["record"]["record_version"], 2);
  EXPECT_EQ(second["record"]["supersedes_id"], v1);
  EXPECT_TRUE(second["hazards"].empty()) << "a correction does not register the findings again";
  ASSERT_EQ(second["documents"].size(), 1u);
  EXPECT_EQ(second["documents"][0]["type"], "inspection_record");
  EXPECT_EQ(second["documents"][0]["number"], "（解）应急检记〔2026〕第2号");
  EXPECT_EQ(CountHazards(), hazards);

  const auto versions = RecordsOf(task);
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].id, v2);
  EXPECT_EQ(versions[0].correction_reason, "检查场所漏写配电室");
  EXPECT_EQ(versions[1].id, v1);
  EXPECT_EQ(versions[1].body_json, original[0].body_json) << "the old version is unchanged";
  EXPECT_EQ(versions[1].content_hash, original[0].content_hash);
  EXPECT_EQ(TaskRow(task).record_id, v2) << "the task points at the newest version";

  auto stale =
      service_->CorrectRecord(Inspector(), v1, "key-correct-0002", Signed(task, corrected).dump());
  EXPECT_ERROR_CODE(stale, kConflict);
  auto record = service_->GetRecord(Inspector(), v1);
  ASSERT_OK(record);
  ASSERT_EQ((*record)["versions"].size(), 2u);
  EXPECT_EQ((*record)["versions"][0]["current"], true);
  EXPECT_EQ((*record)["versions"][0]["id"], v2);
  EXPECT_EQ((*record)["place"], "生产车间、仓库");
  auto third =
      service_->CorrectRecord(Inspector(), v2, "key-correct-0003", Signed(task, corrected).dump());
  ASSERT_OK(third);
  EXPECT_EQ(json::parse(third->body)["record"]["record_version"], 3);
}

// --- Signatures bound to accounts (issue #12, defect 6) ---------------------------------------

TEST_F(InspectionServiceTest, OnlyTheSubmittersOwnSignatureMayBeDrawnInTheSubmittingSession) {
  const auto task = NewTask(unit_a_);
  auto forged = service_->SubmitRecord(Inspector(), task, "key-forged-00001", ValidRecord().dump());
  ASSERT_ERROR_CODE(forged, kPermissionDenied);
  EXPECT_EQ(forged.error().field.value_or(""), "signatures.inspectors[1]");
  EXPECT_TRUE(RecordsOf(task).empty());
  EXPECT_EQ(CountDocuments(), 0);
}

TEST_F(InspectionServiceTest, ARecordSaysWhoAuthenticatedEachSignatureAndHow) {
  const auto task = NewTask(unit_a_);
  json body = ValidRecord(4);
  // Officer 2 signs on officer 1's device with their own password.
  auto attested = signatures_->Attest(Inspector(), task,
                                      {{"inspector_id", officer_2_},
                                       {"png", SignatureDataUrl(42)},
                                       {"password", kPartnerPassword}});
  ASSERT_OK(attested);
  EXPECT_EQ((*attested)["method"], "password");
  EXPECT_EQ((*attested)["user_id"], partner_account_.value);
  EXPECT_EQ((*attested)["device_user_id"], inspector_account_.value);
  body["signatures"]["inspectors"][1] = {{"inspector_id", officer_2_},
                                         {"attestation_id", (*attested)["id"]}};
  const json answer =
      SubmitOk(task, "key-bound-000001", body);  // Signed() leaves the reference alone
  const auto& entries = answer["record"]["signatures"]["inspectors"];
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["auth_method"], "session");
  EXPECT_EQ(entries[0]["authenticated_user_id"], inspector_account_.value);
  EXPECT_EQ(entries[0]["authenticated_username"], "zhangsan");
  EXPECT_EQ(entries[0]["attestation_id"], nullptr);
  EXPECT_EQ(entries[1]["auth_method"], "password");
  EXPECT_EQ(entries[1]["authenticated_user_id"], partner_account_.value);
  EXPECT_EQ(entries[1]["authenticated_username"], "lisi");
  EXPECT_EQ(entries[1]["attestation_id"], (*attested)["id"]);
  EXPECT_EQ(entries[1]["png"], Sha256Hex(test_support::MakeTinyPng(120, 40, 42)));
  // The stored body (what the content hash covers) holds the same, and no secret.
  const auto rows = RecordsOf(task);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NE(rows[0].body_json.find("\"auth_method\":\"password\""), std::string::npos);
  EXPECT_EQ(rows[0].body_json.find(kPartnerPassword), std::string::npos);
  // Used once.
  auto again = signatures_->List(Inspector(), task);
  ASSERT_OK(again);
  EXPECT_EQ((*again)["items"][0]["usable"], false);
}

TEST_F(InspectionServiceTest,
       ReauthenticationNeedsTheMembersOwnSecretAndTheSecondFactorWhenEnrolled) {
  const auto task = NewTask(unit_a_);
  const auto attest = [&](json extra) {
    json body = {{"inspector_id", officer_2_}, {"png", SignatureDataUrl(43)}};
    body.update(extra);
    return signatures_->Attest(Inspector(), task, body);
  };
  auto none = attest(json::object());
  ASSERT_ERROR_CODE(none, kInvalidArgument);
  EXPECT_EQ(none.error().field.value_or(""), "password");
  auto wrong = attest({{"password", "Zq7-rocket-Lanterm"}});
  ASSERT_ERROR_CODE(wrong, kPermissionDenied);
  EXPECT_EQ(wrong.error().field.value_or(""), "password");
  auto code_without_factor = attest({{"totp_code", "123456"}});
  ASSERT_ERROR_CODE(code_without_factor, kInvalidArgument);

  // Officer 2 enrols an authenticator.
  auto secret = NewTotpSecret();
  ASSERT_OK(secret);
  {
    auto session = store_->Write();
    ASSERT_OK(session);
    auto user = (*session)->GetUser(partner_account_);
    ASSERT_OK(user);
    user->totp_secret = *secret;
    user->totp_enabled = true;
    ASSERT_OK((*session)->UpdateUser(*user));
    ASSERT_OK(CommitFixture(**session));
  }
  auto code = TotpCode(*secret, clock_.NowUnixSeconds());
  ASSERT_OK(code);
  auto password_only = attest({{"password", kPartnerPassword}});
  ASSERT_ERROR_CODE(password_only, kInvalidArgument);
  EXPECT_EQ(password_only.error().field.value_or(""), "totp_code");
  auto wrong_code = attest({{"totp_code", *code == "000000" ? "111111" : "000000"}});
  ASSERT_ERROR_CODE(wrong_code, kPermissionDenied);
  EXPECT_EQ(wrong_code.error().field.value_or(""), "totp_code");
  auto both = attest({{"password", kPartnerPassword}, {"totp_code", *code}});
  ASSERT_OK(both);
  EXPECT_EQ((*both)["method"], "password_totp");
  auto code_alone = attest({{"totp_code", *code}});
  ASSERT_OK(code_alone);
  EXPECT_EQ((*code_alone)["method"], "totp");

  // Nobody off the team signs, and nobody signs for someone off the team.
  auto outsider = Inspector();
  outsider.inspector_id = InspectorId(expired_);
  EXPECT_ERROR_CODE(
      signatures_->Attest(outsider, task,
                          {{"inspector_id", expired_}, {"png", SignatureDataUrl(44)}}),
      kPermissionDenied);
  auto stranger = signatures_->Attest(Inspector(), task,
                                      {{"inspector_id", expired_}, {"png", SignatureDataUrl(44)}});
  ASSERT_ERROR_CODE(stranger, kInvalidArgument);
  EXPECT_EQ(stranger.error().field.value_or(""), "inspector_id");
  // Every failed attempt is on the audit log; nothing was attested by them.
  auto listed = signatures_->List(Inspector(), task);
  ASSERT_OK(listed);
  EXPECT_EQ((*listed)["items"].size(), 2u);
}

TEST_F(InspectionServiceTest, AnAttestationSignsOneRecordOfItsTaskForItsMemberWithinItsLifetime) {
  store::SignatureAttestationRow row;
  row.task_id = 7;
  row.inspector_id = InspectorId(3);
  row.created_at = 1'000'000;
  const auto at = [&](std::int64_t now) { return AttestationProblem(row, 7, 3, now, "f"); };
  EXPECT_FALSE(at(row.created_at).has_value());
  EXPECT_FALSE(at(row.created_at + kSignatureAttestationLifetimeSeconds).has_value());
  auto late = at(row.created_at + kSignatureAttestationLifetimeSeconds + 1);
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->code, ErrorCode::kConflict);
  EXPECT_EQ(late->field.value_or(""), "f");
  EXPECT_EQ(AttestationProblem(row, 8, 3, row.created_at, "f")->code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(AttestationProblem(row, 7, 4, row.created_at, "f")->code, ErrorCode::kInvalidArgument);
  row.record_id = 99;
  EXPECT_EQ(at(row.created_at)->code, ErrorCode::kConflict);
}

// --- Documents ---------------------------------------------------------------------------------

TEST_F(InspectionServiceTest, VerifyShowsOnlyTheKeyFieldsWhenTheHashMatches) {
  const json answer = SubmitOk(NewTask(unit_a_), "key-verify-0001", ValidRecord());
  const auto id = answer["documents"][0]["id"].get<std::int64_t>();
  const std::string url = answer["documents"][0]["verify_url"];
  const auto at = url.find("?h=");
  ASSERT_NE(at, std::string::npos) << url;
  EXPECT_EQ(url.substr(0, at), "https://anjian.example.cn/verify/" + std::to_string(id));
  const std::string h = url.substr(at + 3);
  EXPECT_EQ(h.size(), 32u);

  auto valid = service_->Verify(id, h);
  ASSERT_OK(valid);
  std::set<std::string> keys;
  for (const auto& [key, value] : valid->items()) keys.insert(key);
  EXPECT_EQ(keys, (std::set<std::string>{"valid", "id", "number", "type_label", "unit_name",
                                         "issuer", "issued_on"}));
  EXPECT_EQ((*valid)["valid"], true);
  EXPECT_EQ((*valid)["id"], id);
  EXPECT_EQ((*valid)["number"], "（解）应急检记〔2026〕第1号");
  EXPECT_EQ((*valid)["type_label"], "现场检查记录");
  EXPECT_EQ((*valid)["unit_name"], unit_a_.name);
  EXPECT_EQ((*valid)["issuer"], "解放街道");
  EXPECT_EQ((*valid)["issued_on"], kToday);
  // The full hash (e.g. from the API) works too.
  const auto row = StoredDocument(id);
  auto full = service_->Verify(id, row.content_hash);
  ASSERT_OK(full);
  EXPECT_EQ((*full)["valid"], true);

  std::string tampered = h;
  tampered[0] = tampered[0] == '0' ? '1' : '0';
  for (const std::string& bad : {tampered, std::string(""), h.substr(0, 31), std::string("zz")}) {
    auto invalid = service_->Verify(id, bad);
    ASSERT_OK(invalid);
    EXPECT_EQ(*invalid, (json{{"valid", false}})) << "'" << bad << "'";
  }
  auto unknown = service_->Verify(999999, tampered);
  ASSERT_OK(unknown);
  EXPECT_EQ(*unknown, (json{{"valid", false}}));
}

// Issue #13 item 5: a street merged into a district database has its ids moved up, so a QR code
// printed before the merge carries an id that is now another document's, or nobody's. The hash
// still names the document, and the answer gives its id now.
TEST_F(InspectionServiceTest, VerifyFindsTheDocumentByItsPrintedHashWhenTheIdIsAnotherOne) {
  const json first = SubmitOk(NewTask(unit_a_), "key-verify-0002", ValidRecord());
  const json second = SubmitOk(NewTask(unit_b_), "key-verify-0003", ValidRecord(2));
  const auto id = first["documents"][0]["id"].get<std::int64_t>();
  const auto other_id = second["documents"][0]["id"].get<std::int64_t>();
  ASSERT_NE(id, other_id);
  const std::string url = first["documents"][0]["verify_url"];
  const std::string h = url.substr(url.find("?h=") + 3);
  ASSERT_EQ(h.size(), 32u);

  for (const std::int64_t printed_id : {other_id, std::int64_t{999999}}) {
    auto moved = service_->Verify(printed_id, h);
    ASSERT_OK(moved);
    EXPECT_EQ((*moved)["valid"], true) << "printed id " << printed_id;
    EXPECT_EQ((*moved)["id"], id) << "the document's id now";
    EXPECT_EQ((*moved)["number"], first["documents"][0]["number"]);
    EXPECT_EQ((*moved)["unit_name"], unit_a_.name) << "the printed document, not the id's";
    EXPECT_EQ((*moved)["issued_on"], kToday);
  }

  // A wrong hash is invalid whatever the id, and only the printed form (32 lowercase hex) is
  // looked up by hash: upper case or the full hash verify only against their own id.
  std::string tampered = h;
  tampered[7] = tampered[7] == 'a' ? 'b' : 'a';
  std::string upper = h;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string full = StoredDocument(id).content_hash;
  for (const std::string& bad : {tampered, upper, full, h + "0"}) {
    auto invalid = service_->Verify(other_id, bad);
    ASSERT_OK(invalid);
    EXPECT_EQ(*invalid, (json{{"valid", false}})) << "'" << bad << "'";
  }
  auto own = service_->Verify(id, upper);
  ASSERT_OK(own);
  EXPECT_EQ((*own)["valid"], true) << "against its own id the hash is compared as before";
}

TEST_F(InspectionServiceTest, EnterpriseSeesOnlyItsOwnUnitsRecordsAndDocuments) {
  const json own = SubmitOk(NewTask(unit_a_), "key-own-unit-001", ValidRecord());
  const json other = SubmitOk(NewTask(unit_b_), "key-other-unit-1", ValidRecord(2));
  const auto own_record = own["record"]["id"].get<std::int64_t>();
  const auto other_record = other["record"]["id"].get<std::int64_t>();

  auto documents = service_->ListDocuments(Enterprise(), {});
  ASSERT_OK(documents);
  EXPECT_EQ(documents->total, 2);
  for (const auto& d : documents->items) EXPECT_EQ(d.unit_id, unit_a_.id) << d.number;
  store::DocumentQuery asks_for_b;
  asks_for_b.unit = unit_b_.id;
  auto still_own = service_->ListDocuments(Enterprise(), asks_for_b);
  ASSERT_OK(still_own);
  for (const auto& d : still_own->items)
    EXPECT_EQ(d.unit_id, unit_a_.id) << "the unit filter cannot widen the view";
  store::DocumentQuery orders;
  orders.doc_type = domain::DocumentType::kRectificationOrder;
  auto own_orders = service_->ListDocuments(Enterprise(), orders);
  ASSERT_OK(own_orders);
  ASSERT_EQ(own_orders->total, 1);
  EXPECT_EQ(own_orders->items[0].number, "（解）应急责改〔2026〕第1号");

  EXPECT_OK(service_->GetRecord(Enterprise(), own_record));
  EXPECT_ERROR_CODE(service_->GetRecord(Enterprise(), other_record), kNotFound);
  EXPECT_ERROR_CODE(
      service_->DocumentPdf(Enterprise(), other["documents"][0]["id"].get<std::int64_t>()),
      kNotFound);
  // Inspections are not announced to the unit beforehand: no task lists for enterprise accounts.
  EXPECT_ERROR_CODE(service_->ListTasks(Enterprise(), {}, /*mine=*/false), kPermissionDenied);
  // A community regulator of B does not see A's record at all.
  const auto community_b = As(domain::UserRole::kCommunity, tree_.community_b.path, "community");
  EXPECT_ERROR_CODE(service_->GetRecord(community_b, own_record), kNotFound);
  EXPECT_ERROR_CODE(service_->SubmitRecord(Enterprise(), NewTask(unit_a_), "key-enterprise-1",
                                           ValidRecord().dump()),
                    kPermissionDenied);
}

TEST_F(InspectionServiceTest, DocumentPdfIsAPdf) {
  const json answer = SubmitOk(NewTask(unit_a_), "key-pdf-0000001", WithFine(ValidRecord()));
  for (const auto& d : answer["documents"]) {
    auto pdf = service_->DocumentPdf(Inspector(), d["id"].get<std::int64_t>());
    ASSERT_OK(pdf) << d["type"];
    EXPECT_EQ(pdf->second.substr(0, 5), "%PDF-") << d["type"];
    EXPECT_GT(pdf->second.size(), 1000u);
    EXPECT_EQ(pdf->first.number, d["number"]);
  }
  EXPECT_ERROR_CODE(service_->DocumentPdf(Inspector(), 999999), kNotFound);
}

TEST_F(InspectionServiceTest, UploadsAreContentAddressedAndOnlyImages) {
  const std::string bytes = test_support::MakeTinyPng(64, 48, 1234);
  auto first = service_->UploadPhoto(Inspector(), bytes);
  ASSERT_OK(first);
  EXPECT_TRUE(first->second);
  EXPECT_EQ(first->first.mime, "image/png");
  EXPECT_EQ(first->first.width, 64);
  EXPECT_EQ(first->first.height, 48);
  EXPECT_TRUE(files_->Contains(first->first.sha256));
  auto again = service_->UploadPhoto(Inspector(), bytes);
  ASSERT_OK(again);
  EXPECT_FALSE(again->second) << "the same bytes again are not stored twice";
  EXPECT_EQ(again->first.sha256, first->first.sha256);
  EXPECT_ERROR_CODE(service_->UploadPhoto(Inspector(), "just some text, not an image"),
                    kUnsupportedMediaType);
  EXPECT_ERROR_CODE(service_->UploadPhoto(Inspector(), std::string(11u << 20, 'x')),
                    kPayloadTooLarge);
  auto read = service_->ReadUpload(Inspector(), first->first.sha256);
  ASSERT_OK(read);
  EXPECT_EQ(read->second, bytes);
}

// A phone photo downscaled in the browser has lost its EXIF; the time the browser read from the
// original comes with the upload and is kept, checked like any input.
TEST_F(InspectionServiceTest, StatedTakenAtIsKeptWhenThePhotoHasNoExifTime) {
  auto stated = service_->UploadPhoto(Inspector(), test_support::MakeTinyPng(64, 48, 4321),
                                      "2026-03-02T09:41:05");
  ASSERT_OK(stated);
  EXPECT_EQ(stated->first.taken_at, "2026-03-02T09:41:05");
  for (const char* bad : {"2026-03-02 09:41:05", "2026-02-30T09:41:05", "2026-03-02T25:00:00",
                          "2026-03-02T09:41:60", "yesterday"}) {
    auto refused = service_->UploadPhoto(Inspector(), test_support::MakeTinyPng(64, 48, 4322), bad);
    EXPECT_ERROR_CODE(refused, kInvalidArgument);
    if (!refused.ok()) {
      EXPECT_EQ(refused.error().field, "taken_at") << bad;
    }
  }
  EXPECT_ERROR_CODE(service_->UploadPhoto(Inspector(), test_support::MakeTinyPng(64, 48, 4323),
                                          "2026-03-09T09:00:00"),
                    kInvalidArgument)
      << "a week ahead of the clock";
}

// --- Tasks from a plan -------------------------------------------------------------------------

TEST_F(InspectionServiceTest, TasksComeOnlyFromAnApprovedPlanAndOncePerItem) {
  // Seed 003's registry in miniature with the xingan preset: enough units and certified officers
  // for the compiler to plan deterministic and random street-team inspections.
  {
    auto session = store_->Write();
    ASSERT_OK(session);
    std::uint64_t n = 800;
    const auto add = [&](domain::SupervisionCategory category, domain::RiskColour risk,
                         domain::SupervisionLevel level) {
      auto unit = MakeUnit(tree_.community_a.id, n++);
      unit.categories = {category};
      unit.risk = risk;
      unit.level = level;
      unit.is_key = domain::IsKeyUnit(domain::KeyPolicy::Default(), unit);
      ASSERT_OK((*session)->InsertUnit(unit, kNow));
    };
    using C = domain::SupervisionCategory;
    for (int i = 0; i < 3; ++i)
      add(C::kHazardousChemicals, domain::RiskColour::kYellow, domain::SupervisionLevel::kLevel2);
    for (int i = 0; i < 10; ++i) {
      add(C::kMachinery, i < 3 ? domain::RiskColour::kOrange : domain::RiskColour::kBlue,
          i < 3 ? domain::SupervisionLevel::kLevel2 : domain::SupervisionLevel::kLevel3);
    }
    for (int i = 1; i <= 4; ++i)
      ASSERT_OK((*session)->InsertInspector(
          MakeInspector(tree_.street.id, "XA00" + std::to_string(i)), kNow));
    ASSERT_OK(CommitFixture(**session));
  }
  PlanService plans(*store_, clock_, *calendar_, std::string(BuiltinCalendarText()));
  CompileRequest request;
  request.year = 2026;
  request.policy = "xingan";
  request.seed = "inspection-test-seed";
  auto compiled = plans.Compile(StreetAdmin(), request);
  ASSERT_OK(compiled);
  const auto plan_id = compiled->record.id;
  int street_items = 0;
  for (const auto& item : compiled->plan.items) {
    if (item.kind != planner::ItemKind::kCommunityScreening) ++street_items;
  }
  ASSERT_GT(street_items, 0) << "the plan should have street-team items";

  EXPECT_ERROR_CODE(service_->CreateTasksFromPlan(StreetAdmin(), plan_id, "", ""),
                    kFailedPrecondition)
      << "a draft plan makes no tasks";
  const auto leader = As(domain::UserRole::kLeader, tree_.street.path, "leader");
  auto submitted = plans.Transition(StreetAdmin(), plan_id, "submit", 1, "");
  ASSERT_OK(submitted);
  EXPECT_ERROR_CODE(service_->CreateTasksFromPlan(StreetAdmin(), plan_id, "", ""),
                    kFailedPrecondition);
  ASSERT_OK(plans.Transition(leader, plan_id, "approve", submitted->version, "同意"));
  EXPECT_ERROR_CODE(service_->CreateTasksFromPlan(Enterprise(), plan_id, "", ""),
                    kPermissionDenied);

  EXPECT_ERROR_CODE(service_->CreateTasksFromPlan(StreetAdmin(), plan_id, "2026-13-01", ""),
                    kInvalidArgument)
      << "a bad date range is refused, not compared as text";
  EXPECT_ERROR_CODE(service_->CreateTasksFromPlan(StreetAdmin(), plan_id, "", "soon"),
                    kInvalidArgument);
  auto created = service_->CreateTasksFromPlan(StreetAdmin(), plan_id, "", "");
  ASSERT_OK(created);
  EXPECT_EQ(created->first, street_items);
  EXPECT_EQ(created->second, 0);
  auto again = service_->CreateTasksFromPlan(StreetAdmin(), plan_id, "", "");
  ASSERT_OK(again);
  EXPECT_EQ(again->first, 0);
  EXPECT_EQ(again->second, street_items) << "idempotent per plan item";

  // Tasks carry the items' stable keys.
  std::set<std::string> keys;
  for (const auto& item : compiled->plan.items) keys.insert(item.key);

  store::TaskQuery query;
  query.page_size = 500;
  auto tasks = service_->ListTasks(StreetAdmin(), query, /*mine=*/false);
  ASSERT_OK(tasks);
  EXPECT_EQ(tasks->total, street_items);
  for (const auto& view : tasks->items) {
    EXPECT_EQ(view.task.plan_id, plan_id);
    EXPECT_GE(view.team.size(), 2u) << view.task.plan_item_key;
    EXPECT_EQ(view.task.checklist_id, "general");
    EXPECT_TRUE(keys.contains(view.task.plan_item_key)) << view.task.plan_item_key;
  }
}

}  // namespace
}  // namespace anjian::app
