// Store contract: inspections (issue #5) — tasks with their teams (order kept, "my tasks", date,
// status and scope filters, optimistic updates, one task per plan item), signed records (newest
// version first, one row per task version), uploads put once, documents (filters, numbers unique
// per issuer), idempotency keys, daily job claims, and the enterprise side (self-inspections,
// notices reaching above and below their scope, one receipt per unit).
#include <cctype>

#include "store_contract.hpp"

namespace anjian::store {
namespace {

using test_support::MakeInspector;
using test_support::MakeUnit;

constexpr std::int64_t kAt = 1'767'225'600;

// Two units in different communities and three officers of the street, committed.
struct InspectionWorld {
  domain::Unit unit_a, unit_b;
  std::string path_a, path_b;  // the units' region paths (their communities)
  std::vector<std::int64_t> officers;
};

Result<InspectionWorld> SeedWorld(Store& store, const test_support::RegionTree& tree) {
  InspectionWorld world;
  ANJIAN_ASSIGN_OR_RETURN(auto session, store.Write());
  ANJIAN_ASSIGN_OR_RETURN(world.unit_a,
                          session->InsertUnit(MakeUnit(tree.community_a.id, 501), kAt));
  ANJIAN_ASSIGN_OR_RETURN(world.unit_b,
                          session->InsertUnit(MakeUnit(tree.community_b.id, 502), kAt));
  world.path_a = tree.community_a.path;
  world.path_b = tree.community_b.path;
  for (int i = 0; i < 3; ++i) {
    ANJIAN_ASSIGN_OR_RETURN(
        auto person,
        session->InsertInspector(MakeInspector(tree.street.id, "INS00" + std::to_string(i)), kAt));
    world.officers.push_back(person.id.value);
  }
  ANJIAN_TRY(session->Commit());
  return world;
}

TaskRecord MakeTask(const domain::Unit& unit, const char* day, const char* half_day,
                    std::vector<std::int64_t> team) {
  TaskRecord t;
  t.unit_id = unit.id;
  t.kind = domain::TaskKind::kPlanned;
  t.scheduled_on = CivilDate::Parse(day).value();
  t.half_day = domain::FromStoredCode(domain::HalfDays(), half_day, "上午/下午").value();
  t.checklist_id = "general";
  t.checklist_version = 1;
  t.team = std::move(team);
  t.created_by = 7;
  t.created_at = t.updated_at = kAt;
  return t;
}

InspectionRecordRow MakeRecord(const TaskRecord& task, int version, std::int64_t supersedes) {
  InspectionRecordRow r;
  r.task_id = task.id;
  r.unit_id = task.unit_id;
  r.region_path = task.region_path;
  r.record_version = version;
  r.supersedes_id = supersedes;
  r.correction_reason = supersedes ? "笔误更正" : "";
  r.body_json = "{\"place\":\"车间\",\"v\":" + std::to_string(version) + "}";
  r.content_hash = std::string(64, static_cast<char>('a' + version));
  r.signed_by = 7;
  r.signed_at = kAt + version;
  return r;
}

DocumentRow MakeDocument(const domain::Unit& unit, const std::string& unit_path,
                         const std::string& type, const std::string& issuer_path, int serial,
                         std::int64_t record_id) {
  DocumentRow d;
  d.doc_type = domain::ParseDocumentType(type).value();
  d.year = 2026;
  d.serial = serial;
  d.number = "（解）" + type + "〔2026〕第" + std::to_string(serial) + "号";
  d.issuer_path = issuer_path;
  d.unit_id = unit.id;
  d.region_path = unit_path;
  d.record_id = record_id;
  d.content_json = "{\"number\":\"" + d.number + "\"}";
  d.content_hash = std::string(64, 'f');
  d.issued_by = UserId(7);
  d.issued_at = kAt;
  return d;
}

std::vector<std::int64_t> TaskIds(const PageResult<TaskRecord>& page) {
  std::vector<std::int64_t> out;
  for (const auto& t : page.items) out.push_back(t.id);
  return out;
}

std::vector<std::int64_t> DocumentIds(const PageResult<DocumentRow>& page) {
  std::vector<std::int64_t> out;
  for (const auto& d : page.items) out.push_back(d.id.value);
  return out;
}

TEST_P(StoreContractTest, TasksKeepTheirTeamOrderAndAreListedByDayPersonStatusAndScope) {
  SeedTree();
  auto world = SeedWorld(*store_, tree_);
  ASSERT_OK(world);
  const auto& a = world->unit_a;
  const auto& b = world->unit_b;
  const auto& people = world->officers;
  std::int64_t march2_pm = 0, march2_am = 0, march5 = 0, april1 = 0;
  {
    auto session = WriteSession();
    // Inserted out of order: listings sort by day, half day, id.
    auto t1 = session->InsertTask(MakeTask(a, "2026-03-02", "pm", {people[2], people[0]}));
    ASSERT_OK(t1);
    march2_pm = t1->id;
    auto t2 = MakeTask(b, "2026-04-01", "", {people[0], people[1]});
    t2.status = domain::TaskStatus::kCompleted;
    t2.kind = domain::TaskKind::kComplaint;
    auto t2_saved = session->InsertTask(t2);
    ASSERT_OK(t2_saved);
    april1 = t2_saved->id;
    auto t3 = session->InsertTask(MakeTask(b, "2026-03-05", "am", {people[1], people[2]}));
    ASSERT_OK(t3);
    march5 = t3->id;
    auto t4 = session->InsertTask(MakeTask(a, "2026-03-02", "am", {people[1], people[2]}));
    ASSERT_OK(t4);
    march2_am = t4->id;
    // A unit that does not exist is refused.
    auto ghost = MakeTask(a, "2026-03-02", "am", {people[0], people[1]});
    ghost.unit_id = UnitId(999999);
    EXPECT_ERROR_CODE(session->InsertTask(ghost), kInvalidArgument);
    ASSERT_OK(session->Commit());
  }
  auto session = ReadSession();
  auto got = session->GetTask(Scope::All(), march2_pm);
  ASSERT_OK(got);
  EXPECT_EQ(got->team, (std::vector<std::int64_t>{people[2], people[0]}))
      << "team order is the order given";
  EXPECT_EQ(got->unit_id, a.id);
  EXPECT_EQ(got->unit_name, a.name);
  EXPECT_EQ(got->unit_address, a.address);
  EXPECT_EQ(got->region_path, world->path_a) << "the task takes its scope from the unit";
  EXPECT_EQ(got->status, domain::TaskStatus::kScheduled);
  EXPECT_EQ(got->scheduled_on.ToString(), "2026-03-02");
  EXPECT_EQ(got->half_day, domain::HalfDay::kAfternoon);
  EXPECT_EQ(got->checklist_id, "general");
  EXPECT_EQ(got->plan_id, 0);
  EXPECT_EQ(got->record_id, 0);
  EXPECT_EQ(got->version, 1);
  EXPECT_ERROR_CODE(session->GetTask(Scope::Under(tree_.community_b.path), march2_pm), kNotFound);
  EXPECT_ERROR_CODE(session->GetTask(Scope::All(), 424242), kNotFound);

  auto all = session->ListTasks(Scope::All(), {});
  ASSERT_OK(all);
  EXPECT_EQ(all->total, 4);
  EXPECT_EQ(TaskIds(*all), (std::vector<std::int64_t>{march2_am, march2_pm, march5, april1}));
  for (const auto& t : all->items)
    EXPECT_EQ(t.team.size(), 2u) << "listings carry the team, task " << t.id;
  EXPECT_EQ(all->items[0].team, (std::vector<std::int64_t>{people[1], people[2]}));

  TaskQuery mine;
  mine.inspector_id = people[0];
  auto my_tasks = session->ListTasks(Scope::All(), mine);
  ASSERT_OK(my_tasks);
  EXPECT_EQ(TaskIds(*my_tasks), (std::vector<std::int64_t>{march2_pm, april1}));

  TaskQuery march;
  march.from = CivilDate::Parse("2026-03-02").value();
  march.to = CivilDate::Parse("2026-03-05").value();  // both ends inclusive
  auto in_march = session->ListTasks(Scope::All(), march);
  ASSERT_OK(in_march);
  EXPECT_EQ(TaskIds(*in_march), (std::vector<std::int64_t>{march2_am, march2_pm, march5}));

  TaskQuery completed;
  completed.status = domain::TaskStatus::kCompleted;
  auto done = session->ListTasks(Scope::All(), completed);
  ASSERT_OK(done);
  EXPECT_EQ(TaskIds(*done), (std::vector<std::int64_t>{april1}));

  TaskQuery complaints;
  complaints.kind = domain::TaskKind::kComplaint;
  auto by_kind = session->ListTasks(Scope::All(), complaints);
  ASSERT_OK(by_kind);
  EXPECT_EQ(TaskIds(*by_kind), (std::vector<std::int64_t>{april1}));

  auto in_a = session->ListTasks(Scope::Under(tree_.community_a.path), {});
  ASSERT_OK(in_a);
  EXPECT_EQ(TaskIds(*in_a), (std::vector<std::int64_t>{march2_am, march2_pm}));
  TaskQuery of_unit_b;
  of_unit_b.unit = b.id;
  auto for_b = session->ListTasks(Scope::All(), of_unit_b);
  ASSERT_OK(for_b);
  EXPECT_EQ(TaskIds(*for_b), (std::vector<std::int64_t>{march5, april1}));
  // Mine and scope together: person 2 is on three tasks, two of them in community A.
  TaskQuery mine_in_a;
  mine_in_a.inspector_id = people[2];
  auto mine_a = session->ListTasks(Scope::Under(tree_.community_a.path), mine_in_a);
  ASSERT_OK(mine_a);
  EXPECT_EQ(mine_a->total, 2);

  TaskQuery second_page;
  second_page.page = 2;
  second_page.page_size = 3;
  auto page2 = session->ListTasks(Scope::All(), second_page);
  ASSERT_OK(page2);
  EXPECT_EQ(page2->total, 4);
  EXPECT_EQ(TaskIds(*page2), (std::vector<std::int64_t>{april1}));
}

TEST_P(StoreContractTest, UpdateTaskIsOptimisticAndSurvivesReopen) {
  SeedTree();
  auto world = SeedWorld(*store_, tree_);
  ASSERT_OK(world);
  std::int64_t id = 0;
  {
    auto session = WriteSession();
    auto task = session->InsertTask(MakeTask(world->unit_a, "2026-03-02", "am", world->officers));
    ASSERT_OK(task);
    id = task->id;
    auto changed = *task;
    changed.status = domain::TaskStatus::kCompleted;
    changed.record_id = 55;
    changed.note = "已检查";
    changed.updated_at = kAt + 60;
    auto updated = session->UpdateTask(changed);
    ASSERT_OK(updated);
    EXPECT_EQ(updated->version, 2);
    EXPECT_EQ(updated->status, domain::TaskStatus::kCompleted);
    EXPECT_EQ(updated->record_id, 55);
    EXPECT_EQ(updated->note, "已检查");
    EXPECT_EQ(updated->updated_at, kAt + 60);
    EXPECT_EQ(updated->team, world->officers) << "an update leaves the team alone";
    changed.status = domain::TaskStatus::kCancelled;
    EXPECT_ERROR_CODE(session->UpdateTask(changed), kConflict) << "version 1 is stale";
    ASSERT_OK(session->Commit());
  }
  Reopen();
  auto session = ReadSession();
  auto task = session->GetTask(Scope::All(), id);
  ASSERT_OK(task);
  EXPECT_EQ(task->status, domain::TaskStatus::kCompleted);
  EXPECT_EQ(task->version, 2);
}

TEST_P(StoreContractTest, OneTaskPerPlanItem) {
  SeedTree();
  auto world = SeedWorld(*store_, tree_);
  ASSERT_OK(world);
  auto session = WriteSession();
  std::int64_t plan_ids[2] = {0, 0};
  for (int i = 0; i < 2; ++i) {
    PlanRecord plan;
    plan.year = 2026;
    plan.scope_path = tree_.street.path;
    plan.title = "2026年度计划";
    plan.policy_name = "default";
    plan.status = planner::PlanStatus::kApproved;
    plan.seed = "seed";
    plan.created_at = kAt;
    auto saved = session->InsertPlan(plan);
    ASSERT_OK(saved);
    plan_ids[i] = saved->id;
  }
  const std::string key = world->unit_a.credit_code + "|2026-03-02|deterministic|1";
  auto item_task = MakeTask(world->unit_a, "2026-03-02", "am", world->officers);
  item_task.plan_id = plan_ids[0];
  item_task.plan_item_key = key;
  auto first = session->InsertTask(item_task);
  ASSERT_OK(first);
  EXPECT_EQ(first->plan_id, plan_ids[0]);
  EXPECT_EQ(first->plan_item_key, key);
  EXPECT_ERROR_CODE(session->InsertTask(item_task), kAlreadyExists);
  item_task.plan_id = plan_ids[1];
  EXPECT_OK(session->InsertTask(item_task)) << "the same key in another plan is another item";
  // Ad hoc tasks carry no plan item and never collide.
  EXPECT_OK(session->InsertTask(MakeTask(world->unit_a, "2026-03-02", "am", world->officers)));
  EXPECT_OK(session->InsertTask(MakeTask(world->unit_a, "2026-03-02", "am", world->officers)));
  auto found = session->FindTaskByPlanItem(plan_ids[0], key);
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, first->id);
  auto missing = session->FindTaskByPlanItem(plan_ids[0], key + "x");
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
  ASSERT_OK(session->Commit());
}

TEST_P(StoreContractTest, RecordVersionsAreListedNewestFirstAndUniquePerTask) {
  SeedTree();
  auto world = SeedWorld(*store_, tree_);
  ASSERT_OK(world);
  auto session = WriteSession();
  auto task = session->InsertTask(MakeTask(world->unit_a, "2026-03-02", "am", world->officers));
  ASSERT_OK(task);
  auto other_task =
      session->InsertTask(MakeTask(world->unit_b, "2026-03-02", "pm", world->officers));
  ASSERT_OK(other_task);
  auto v1 = session->InsertInspectionRecord(MakeRecord(*task, 1, 0));
  ASSERT_OK(v1);
  EXPECT_GT(v1->id, 0);
  auto v2 = session->InsertInspectionRecord(MakeRecord(*task, 2, v1->id));
  ASSERT_OK(v2);
  // Two writers correcting the same version both want version 2: the second loses.
  EXPECT_ERROR_CODE(session->InsertInspectionRecord(MakeRecord(*task, 2, v1->id)), kConflict);
  EXPECT_OK(session->InsertInspectionRecord(MakeRecord(*other_task, 1, 0)))
      << "versions count per task";
  ASSERT_OK(session->Commit());
  session.reset();

  auto read = ReadSession();
  auto versions = read->ListInspectionRecords(task->id);
  ASSERT_OK(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].id, v2->id);
  EXPECT_EQ((*versions)[1].id, v1->id);
  const auto& newest = (*versions)[0];
  EXPECT_EQ(newest.record_version, 2);
  EXPECT_EQ(newest.supersedes_id, v1->id);
  EXPECT_EQ(newest.correction_reason, "笔误更正");
  EXPECT_EQ(newest.body_json, "{\"place\":\"车间\",\"v\":2}");
  EXPECT_EQ(newest.content_hash, std::string(64, 'c'));
  EXPECT_EQ(newest.unit_id, world->unit_a.id);
  EXPECT_EQ(newest.region_path, world->path_a);
  EXPECT_EQ(newest.signed_at, kAt + 2);
  EXPECT_EQ((*versions)[1].supersedes_id, 0);
  auto got = read->GetInspectionRecord(Scope::Under(tree_.community_a.path), v1->id);
  ASSERT_OK(got);
  EXPECT_EQ(got->body_json, "{\"place\":\"车间\",\"v\":1}");
  EXPECT_ERROR_CODE(read->GetInspectionRecord(Scope::Under(tree_.community_b.path), v1->id),
                    kNotFound);
  EXPECT_ERROR_CODE(read->GetInspectionRecord(Scope::All(), 999999), kNotFound);
  auto none = read->ListInspectionRecords(999999);
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(StoreContractTest, LastInspectionOfEachUnitComesFromTheNewestVersionOfSignedRecords) {
  SeedTree();
  auto world = SeedWorld(*store_, tree_);
  ASSERT_OK(world);
  auto session = WriteSession();
  auto day = [](const char* text) { return *CivilDate::Parse(text); };
  auto record = [&](const TaskRecord& task, int version, std::int64_t supersedes,
                    const char* inspected_on) {
    auto r = MakeRecord(task, version, supersedes);
    r.inspected_on = day(inspected_on);
    return session->InsertInspectionRecord(r);
  };
  // Unit A: inspected 2025-05-06, and on a later task 2026-03-02, whose record was corrected to
  // 2026-03-01 (the correction's day is what counts). Unit B: once, in 2024.
  auto earlier = session->InsertTask(MakeTask(world->unit_a, "2025-05-06", "am", world->officers));
  ASSERT_OK(earlier);
  ASSERT_OK(record(*earlier, 1, 0, "2025-05-06"));
  auto later = session->InsertTask(MakeTask(world->unit_a, "2026-03-02", "am", world->officers));
  ASSERT_OK(later);
  auto wrong_day = record(*later, 1, 0, "2026-03-02");
  ASSERT_OK(wrong_day);
  ASSERT_OK(record(*later, 2, wrong_day->id, "2026-03-01"));
  auto of_b = session->InsertTask(MakeTask(world->unit_b, "2024-09-10", "pm", world->officers));
  ASSERT_OK(of_b);
  ASSERT_OK(record(*of_b, 1, 0, "2024-09-10"));
  // A unit with no record is never visited.
  ASSERT_OK(session->InsertUnit(MakeUnit(tree_.community_a.id, 503), kAt));
  ASSERT_OK(session->Commit());
  session.reset();

  auto read = ReadSession();
  std::vector<std::pair<UnitId, std::string>> seen;
  auto collect = [&](UnitId unit, CivilDate on) { seen.emplace_back(unit, on.ToString()); };
  ASSERT_OK(read->ForEachLastInspection(Scope::All(), collect));
  const std::vector<std::pair<UnitId, std::string>> expected = {{world->unit_a.id, "2026-03-01"},
                                                                {world->unit_b.id, "2024-09-10"}};
  EXPECT_EQ(seen, expected);
  seen.clear();
  ASSERT_OK(read->ForEachLastInspection(Scope::Under(tree_.community_b.path), collect));
  ASSERT_EQ(seen.size(), 1u) << "another community's units are outside the scope";
  EXPECT_EQ(seen[0].first, world->unit_b.id);
  // The inspection day reads back on the record itself.
  auto versions = read->ListInspectionRecords(later->id);
  ASSERT_OK(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].inspected_on, day("2026-03-01"));
  EXPECT_EQ((*versions)[1].inspected_on, day("2026-03-02"));
}

TEST_P(StoreContractTest, SignatureAttestationsAreListedNewestFirstAndUsedOnce) {
  SeedTree();
  auto world = SeedWorld(*store_, tree_);
  ASSERT_OK(world);
  auto session = WriteSession();
  User account;
  account.username = "officer-two";
  account.display_name = "执法人员";
  account.password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
  account.role = domain::UserRole::kInspector;
  account.jurisdiction_id = tree_.street.id;
  account.inspector_id = InspectorId(world->officers[1]);
  account.created_at = kAt;
  auto user = session->InsertUser(account);
  ASSERT_OK(user);
  auto task = session->InsertTask(MakeTask(world->unit_a, "2026-03-02", "am", world->officers));
  ASSERT_OK(task);
  UploadRow png;
  png.sha256 = std::string(64, 'e');
  png.kind = "signature";
  png.mime = "image/png";
  png.size = 3;
  png.region_path = world->path_a;
  png.uploaded_by = user->id.value;
  png.uploaded_at = kAt;
  png.bytes = "png";
  ASSERT_OK(session->PutUpload(png));
  SignatureAttestationRow a;
  a.task_id = task->id;
  a.inspector_id = InspectorId(world->officers[1]);
  a.user_id = user->id;
  a.device_user_id = user->id;
  a.method = domain::SignatureAuthMethod::kPasswordAndTotp;
  a.png_sha256 = png.sha256;
  a.client_address = "198.51.100.7";
  a.created_at = kAt + 5;
  auto first = session->InsertSignatureAttestation(a);
  ASSERT_OK(first);
  EXPECT_GT(first->id.value, 0);
  EXPECT_EQ(first->record_id, 0);
  a.method = domain::SignatureAuthMethod::kSession;
  a.created_at = kAt + 9;
  auto second = session->InsertSignatureAttestation(a);
  ASSERT_OK(second);
  auto record = session->InsertInspectionRecord(MakeRecord(*task, 1, 0));
  ASSERT_OK(record);
  auto used = session->UseSignatureAttestation(first->id, record->id);
  ASSERT_OK(used);
  EXPECT_TRUE(*used);
  auto twice = session->UseSignatureAttestation(first->id, record->id);
  ASSERT_OK(twice);
  EXPECT_FALSE(*twice) << "a signature signs one record";
  ASSERT_OK(session->Commit());
  session.reset();

  auto read = ReadSession();
  auto listed = read->ListSignatureAttestations(task->id);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, second->id);
  EXPECT_EQ((*listed)[0].method, domain::SignatureAuthMethod::kSession);
  EXPECT_EQ((*listed)[0].record_id, 0);
  EXPECT_EQ((*listed)[1].id, first->id);
  auto got = read->GetSignatureAttestation(first->id);
  ASSERT_OK(got);
  EXPECT_EQ(got->method, domain::SignatureAuthMethod::kPasswordAndTotp);
  EXPECT_EQ(got->record_id, record->id);
  EXPECT_EQ(got->user_id, user->id);
  EXPECT_EQ(got->device_user_id, user->id);
  EXPECT_EQ(got->inspector_id.value, world->officers[1]);
  EXPECT_EQ(got->png_sha256, png.sha256);
  EXPECT_EQ(got->client_address, "198.51.100.7");
  EXPECT_EQ(got->created_at, kAt + 5);
  EXPECT_ERROR_CODE(read->GetSignatureAttestation(AttestationId(999999)), kNotFound);
  auto none = read->ListSignatureAttestations(999999);
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(StoreContractTest, PutUploadKeepsTheFirstRowForTheSameBytes) {
  UploadRow photo;
  photo.sha256 = std::string(64, '1');
  photo.kind = "photo";
  photo.mime = "image/jpeg";
  photo.size = 12345;
  photo.width = 1600;
  photo.height = 1200;
  photo.taken_at = "2026-03-02T09:15:00";
  photo.region_path = "/1/2/";
  photo.uploaded_by = 3;
  photo.uploaded_at = kAt;
  {
    auto session = WriteSession();
    auto first = session->PutUpload(photo);
    ASSERT_OK(first);
    EXPECT_EQ(first->sha256, photo.sha256);
    EXPECT_EQ(first->uploaded_by, 3);
    auto again = photo;
    again.uploaded_by = 9;
    again.uploaded_at = kAt + 100;
    again.region_path = "/1/3/";
    auto second = session->PutUpload(again);
    ASSERT_OK(second);
    EXPECT_EQ(second->uploaded_by, 3) << "the same bytes again return the row already stored";
    EXPECT_EQ(second->uploaded_at, kAt);
    EXPECT_EQ(second->region_path, "/1/2/");
    ASSERT_OK(session->Commit());
  }
  auto session = ReadSession();
  auto stored = session->GetUpload(photo.sha256);
  ASSERT_OK(stored);
  ASSERT_TRUE(stored->has_value());
  EXPECT_EQ((*stored)->kind, "photo");
  EXPECT_EQ((*stored)->mime, "image/jpeg");
  EXPECT_EQ((*stored)->size, 12345);
  EXPECT_EQ((*stored)->width, 1600);
  EXPECT_EQ((*stored)->height, 1200);
  EXPECT_EQ((*stored)->taken_at, "2026-03-02T09:15:00");
  auto unknown = session->GetUpload(std::string(64, '2'));
  ASSERT_OK(unknown);
  EXPECT_FALSE(unknown->has_value());
}

TEST_P(StoreContractTest, DocumentsAreFilteredAndNumberedUniquelyPerIssuer) {
  SeedTree();
  auto world = SeedWorld(*store_, tree_);
  ASSERT_OK(world);
  const auto& a = world->unit_a;
  const auto& b = world->unit_b;
  std::int64_t record_id = 0, record_doc = 0, order_doc = 0, b_doc = 0;
  {
    auto session = WriteSession();
    auto task = session->InsertTask(MakeTask(a, "2026-03-02", "am", world->officers));
    ASSERT_OK(task);
    auto record = session->InsertInspectionRecord(MakeRecord(*task, 1, 0));
    ASSERT_OK(record);
    record_id = record->id;
    auto d1 = session->InsertDocument(
        MakeDocument(a, world->path_a, "inspection_record", tree_.street.path, 1, record_id));
    ASSERT_OK(d1);
    record_doc = d1->id.value;
    EXPECT_EQ(d1->unit_name, a.name) << "the stored row comes back with the unit's name";
    EXPECT_EQ(d1->record_id, record_id);
    EXPECT_EQ(d1->hazard_id, 0);
    auto d2 = session->InsertDocument(
        MakeDocument(a, world->path_a, "rectification_order", tree_.street.path, 1, record_id));
    ASSERT_OK(d2);
    order_doc = d2->id.value;
    auto d3 = session->InsertDocument(
        MakeDocument(b, world->path_b, "inspection_record", tree_.street.path, 2, 0));
    ASSERT_OK(d3);
    b_doc = d3->id.value;
    // The same number from the same issuer is refused; another issuer may use it.
    EXPECT_ERROR_CODE(session->InsertDocument(MakeDocument(b, world->path_b, "inspection_record",
                                                           tree_.street.path, 1, 0)),
                      kAlreadyExists);
    EXPECT_OK(session->InsertDocument(
        MakeDocument(b, world->path_b, "inspection_record", tree_.district.path, 1, 0)));
    ASSERT_OK(session->Commit());
  }
  auto session = ReadSession();
  auto got = session->GetDocument(Scope::All(), DocumentId(order_doc));
  ASSERT_OK(got);
  EXPECT_EQ(got->doc_type, domain::DocumentType::kRectificationOrder);
  EXPECT_EQ(got->issued_by, UserId(7));
  EXPECT_EQ(got->number, "（解）rectification_order〔2026〕第1号");
  EXPECT_EQ(got->year, 2026);
  EXPECT_EQ(got->serial, 1);
  EXPECT_EQ(got->issuer_path, tree_.street.path);
  EXPECT_EQ(got->region_path, world->path_a);
  EXPECT_EQ(got->content_json, "{\"number\":\"（解）rectification_order〔2026〕第1号\"}");
  EXPECT_EQ(got->content_hash, std::string(64, 'f'));
  EXPECT_ERROR_CODE(
      session->GetDocument(Scope::Under(tree_.community_b.path), DocumentId(order_doc)), kNotFound);
  EXPECT_ERROR_CODE(session->GetDocument(Scope::All(), DocumentId(999999)), kNotFound);

  DocumentQuery of_a;
  of_a.unit = a.id;
  auto for_a = session->ListDocuments(Scope::All(), of_a);
  ASSERT_OK(for_a);
  EXPECT_EQ(DocumentIds(*for_a), (std::vector<std::int64_t>{order_doc, record_doc}))
      << "newest first";
  DocumentQuery of_record;
  of_record.record_id = record_id;
  auto for_record = session->ListDocuments(Scope::All(), of_record);
  ASSERT_OK(for_record);
  EXPECT_EQ(for_record->total, 2);
  DocumentQuery records_only;
  records_only.doc_type = domain::DocumentType::kInspectionRecord;
  auto typed = session->ListDocuments(Scope::All(), records_only);
  ASSERT_OK(typed);
  EXPECT_EQ(typed->total, 3);
  auto in_b = session->ListDocuments(Scope::Under(tree_.community_b.path), {});
  ASSERT_OK(in_b);
  EXPECT_EQ(in_b->total, 2);
  for (const auto& d : in_b->items) EXPECT_EQ(d.unit_id, b.id);
  EXPECT_EQ(DocumentIds(*in_b).back(), b_doc);
}

// The QR code's id may belong to another document after a merge (issue #13 item 5); its 32 hex
// digits find the document: one match only, in the scope, in the printed form only.
TEST_P(StoreContractTest, DocumentsAreFoundByTheirPrintedHashPrefix) {
  SeedTree();
  auto world = SeedWorld(*store_, tree_);
  ASSERT_OK(world);
  const std::string printed = "0123456789abcdef0123456789abcdef";
  const std::string shared = std::string(32, '5');
  std::int64_t found_id = 0;
  {
    auto session = WriteSession();
    auto make = [&](const domain::Unit& unit, const std::string& path, int serial,
                    const std::string& hash) {
      auto d = MakeDocument(unit, path, "inspection_record", tree_.street.path, serial, 0);
      d.content_hash = hash;
      return session->InsertDocument(d);
    };
    ASSERT_OK(make(world->unit_b, world->path_b, 1,
                   "fedcba9876543210" + printed.substr(16) + std::string(32, 'a')));
    auto wanted = make(world->unit_a, world->path_a, 2, printed + std::string(32, 'b'));
    ASSERT_OK(wanted);
    found_id = wanted->id.value;
    // Two contents sharing the first 128 bits: practically impossible, and then neither is found.
    ASSERT_OK(make(world->unit_a, world->path_a, 3, shared + std::string(32, 'c')));
    ASSERT_OK(make(world->unit_b, world->path_b, 4, shared + std::string(32, 'd')));
    ASSERT_OK(session->Commit());
  }
  auto session = ReadSession();
  auto found = session->FindDocumentByHashPrefix(Scope::All(), printed);
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, DocumentId(found_id));
  EXPECT_EQ((*found)->number, "（解）inspection_record〔2026〕第2号");
  EXPECT_EQ((*found)->unit_name, world->unit_a.name);
  EXPECT_EQ((*found)->content_hash, printed + std::string(32, 'b'));
  auto in_scope = session->FindDocumentByHashPrefix(Scope::Under(tree_.community_a.path), printed);
  ASSERT_OK(in_scope);
  ASSERT_TRUE(in_scope->has_value());
  EXPECT_EQ((*in_scope)->id, DocumentId(found_id));

  auto upper = printed;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::vector<std::pair<Scope, std::string>> misses = {
      {Scope::Under(tree_.community_b.path), printed},
      {Scope::All(), shared},
      {Scope::All(), std::string(32, '9')},
      {Scope::All(), printed.substr(0, 31)},
      {Scope::All(), printed + std::string(32, 'b')},
      {Scope::All(), upper},
      {Scope::All(), ""},
  };
  for (const auto& [scope, prefix] : misses) {
    auto none = session->FindDocumentByHashPrefix(scope, prefix);
    ASSERT_OK(none);
    EXPECT_FALSE(none->has_value()) << "'" << prefix << "' under '" << scope.region_path << "'";
  }
}

TEST_P(StoreContractTest, IdempotencyKeysAreSavedOncePerUserAndKey) {
  {
    auto session = WriteSession();
    auto none = session->FindIdempotentResponse(3, "key-0001");
    ASSERT_OK(none);
    EXPECT_FALSE(none->has_value());
    ASSERT_OK(
        session->SaveIdempotentResponse(3, "key-0001", {"hash-1", 201, "{\"record\":{}}"}, kAt));
    EXPECT_ERROR_CODE(session->SaveIdempotentResponse(3, "key-0001", {"hash-2", 201, "{}"}, kAt),
                      kConflict);
    EXPECT_OK(session->SaveIdempotentResponse(4, "key-0001", {"hash-3", 201, "{}"}, kAt))
        << "keys are per user";
    ASSERT_OK(session->Commit());
  }
  {
    auto session = WriteSession();
    ASSERT_OK(session->SaveIdempotentResponse(3, "key-rolled-back", {"h", 201, "{}"}, kAt));
    // No commit.
  }
  Reopen();
  auto session = ReadSession();
  auto stored = session->FindIdempotentResponse(3, "key-0001");
  ASSERT_OK(stored);
  ASSERT_TRUE(stored->has_value());
  EXPECT_EQ((*stored)->request_hash, "hash-1");
  EXPECT_EQ((*stored)->status, 201);
  EXPECT_EQ((*stored)->body, "{\"record\":{}}");
  auto other = session->FindIdempotentResponse(4, "key-0001");
  ASSERT_OK(other);
  ASSERT_TRUE(other->has_value());
  EXPECT_EQ((*other)->request_hash, "hash-3");
  auto rolled_back = session->FindIdempotentResponse(3, "key-rolled-back");
  ASSERT_OK(rolled_back);
  EXPECT_FALSE(rolled_back->has_value());
}

TEST_P(StoreContractTest, DailyJobIsClaimedOncePerDay) {
  {
    auto session = WriteSession();
    auto first = session->ClaimJobRun("overdue", "2026-03-02", kAt);
    ASSERT_OK(first);
    EXPECT_TRUE(*first);
    auto again = session->ClaimJobRun("overdue", "2026-03-02", kAt + 5);
    ASSERT_OK(again);
    EXPECT_FALSE(*again);
    auto other_job = session->ClaimJobRun("reminders", "2026-03-02", kAt);
    ASSERT_OK(other_job);
    EXPECT_TRUE(*other_job);
    ASSERT_OK(session->FinishJobRun("overdue", "2026-03-02", kAt + 10, "marked 3"));
    ASSERT_OK(session->Commit());
  }
  Reopen();
  auto session = WriteSession();
  auto after_restart = session->ClaimJobRun("overdue", "2026-03-02", kAt + 3600);
  ASSERT_OK(after_restart);
  EXPECT_FALSE(*after_restart) << "a restart the same day does not run the job again";
  auto next_day = session->ClaimJobRun("overdue", "2026-03-03", kAt + 86400);
  ASSERT_OK(next_day);
  EXPECT_TRUE(*next_day);
}

TEST_P(StoreContractTest, SelfInspectionsAreScopedToTheirUnit) {
  SeedTree();
  auto world = SeedWorld(*store_, tree_);
  ASSERT_OK(world);
  {
    auto session = WriteSession();
    const auto add = [&](const domain::Unit& unit, const char* day,
                         domain::SelfInspectionKind kind) {
      SelfInspectionRow row;
      row.unit_id = unit.id;
      row.kind = kind;
      row.done_on = CivilDate::Parse(day).value();
      row.checklist_id = "general";
      row.body_json = "{}";
      row.nonconforming = 1;
      row.created_by = UserId(11);
      row.created_at = kAt;
      auto saved = session->InsertSelfInspection(row);
      EXPECT_OK(saved);
      EXPECT_GT(saved.ok() ? saved->id.value : 0, 0);
    };
    add(world->unit_a, "2026-03-01", domain::SelfInspectionKind::kDaily);
    add(world->unit_a, "2026-03-02", domain::SelfInspectionKind::kPeriodic);
    add(world->unit_b, "2026-03-02", domain::SelfInspectionKind::kDaily);
    ASSERT_OK(session->Commit());
  }
  auto session = ReadSession();
  auto mine = session->ListSelfInspections(Scope::All(), world->unit_a.id, 1, 20);
  ASSERT_OK(mine);
  ASSERT_EQ(mine->total, 2);
  EXPECT_EQ(mine->items[0].done_on.ToString(), "2026-03-02") << "newest first";
  EXPECT_EQ(mine->items[0].kind, domain::SelfInspectionKind::kPeriodic);
  EXPECT_EQ(mine->items[0].created_by, UserId(11));
  EXPECT_EQ(mine->items[0].unit_name, world->unit_a.name);
  EXPECT_EQ(mine->items[0].region_path, world->path_a) << "the row takes the unit's scope";
  auto in_b =
      session->ListSelfInspections(Scope::Under(tree_.community_b.path), std::nullopt, 1, 20);
  ASSERT_OK(in_b);
  ASSERT_EQ(in_b->total, 1);
  EXPECT_EQ(in_b->items[0].unit_id, world->unit_b.id);
  auto all = session->ListSelfInspections(Scope::All(), std::nullopt, 1, 20);
  ASSERT_OK(all);
  EXPECT_EQ(all->total, 3);
  session.reset();

  // The schema refuses an unknown kind (CHECK); a day this version cannot read is an error naming
  // the row, never a default.
  GetParam().exec_raw(dir_.path(),
                      "UPDATE self_inspections SET done_on = '3月2日' WHERE unit_id = " +
                          std::to_string(world->unit_b.id.value));
  auto read = ReadSession();
  auto unreadable =
      read->ListSelfInspections(Scope::Under(tree_.community_b.path), std::nullopt, 1, 20);
  ASSERT_ERROR_CODE(unreadable, kInternal);
  EXPECT_NE(unreadable.error().message.find("企业自查"), std::string::npos)
      << unreadable.error().message;
  EXPECT_NE(unreadable.error().message.find("3月2日"), std::string::npos);
}

TEST_P(StoreContractTest, NoticesReachAboveAndBelowTheirScopeAndEachUnitSignsOnce) {
  SeedTree();
  auto world = SeedWorld(*store_, tree_);
  ASSERT_OK(world);
  NoticeId street_notice, community_notice;
  {
    auto session = WriteSession();
    auto n1 = session->InsertNotice(
        {NoticeId(), tree_.street.path, "致辖区企业的一封信", "请落实主体责任", UserId(1), kAt});
    ASSERT_OK(n1);
    street_notice = n1->id;
    auto n2 = session->InsertNotice(
        {NoticeId(), tree_.community_b.path, "民主社区通知", "消防演练", UserId(1), kAt + 1});
    ASSERT_OK(n2);
    community_notice = n2->id;
    ASSERT_OK(session->Commit());
  }
  auto session = WriteSession();
  const auto ids = [](const std::vector<NoticeRow>& rows) {
    std::vector<NoticeId> out;
    for (const auto& n : rows) out.push_back(n.id);
    return out;
  };
  // An enterprise in community A (below the street) sees the street's notice, not B's.
  auto below = session->ListNotices(world->path_a);
  ASSERT_OK(below);
  EXPECT_EQ(ids(*below), (std::vector<NoticeId>{street_notice}));
  auto in_b = session->ListNotices(world->path_b);
  ASSERT_OK(in_b);
  EXPECT_EQ(ids(*in_b), (std::vector<NoticeId>{community_notice, street_notice})) << "newest first";
  // A regulator of the district (above) sees what was published below it.
  auto above = session->ListNotices(tree_.district.path);
  ASSERT_OK(above);
  EXPECT_EQ(ids(*above), (std::vector<NoticeId>{community_notice, street_notice}));
  auto elsewhere = session->ListNotices("/999999/");
  ASSERT_OK(elsewhere);
  EXPECT_TRUE(elsewhere->empty());
  auto got = session->GetNotice(street_notice);
  ASSERT_OK(got);
  EXPECT_EQ(got->title, "致辖区企业的一封信");
  EXPECT_EQ(got->body, "请落实主体责任");
  EXPECT_EQ(got->scope_path, tree_.street.path);
  EXPECT_EQ(got->published_by, UserId(1));
  EXPECT_ERROR_CODE(session->GetNotice(NoticeId(999999)), kNotFound);

  NoticeReceiptRow receipt{street_notice,        world->unit_a.id, "",      "王建国",
                           std::string(64, 'e'), UserId(11),       kAt + 10};
  ASSERT_OK(session->InsertNoticeReceipt(receipt));
  receipt.signer_name = "另一人";
  EXPECT_ERROR_CODE(session->InsertNoticeReceipt(receipt), kAlreadyExists);
  ASSERT_OK(session->InsertNoticeReceipt(
      {street_notice, world->unit_b.id, "", "赵六", std::string(64, 'd'), UserId(12), kAt + 20}));
  ASSERT_OK(session->Commit());
  session.reset();
  auto read = ReadSession();
  auto receipts = read->ListNoticeReceipts(street_notice);
  ASSERT_OK(receipts);
  ASSERT_EQ(receipts->size(), 2u);
  EXPECT_EQ((*receipts)[0].unit_id, world->unit_a.id);
  EXPECT_EQ((*receipts)[0].unit_name, world->unit_a.name);
  EXPECT_EQ((*receipts)[0].signer_name, "王建国") << "the first receipt stands";
  EXPECT_EQ((*receipts)[0].signed_by, UserId(11));
  EXPECT_EQ((*receipts)[0].notice_id, street_notice);
  EXPECT_EQ((*receipts)[1].signer_name, "赵六");
  auto unsigned_notice = read->ListNoticeReceipts(community_notice);
  ASSERT_OK(unsigned_notice);
  EXPECT_TRUE(unsigned_notice->empty());
}

TEST_P(StoreContractTest, HazardsFoundByAnInspectionPointAtItsTaskAndRecord) {
  SeedTree();
  auto world = SeedWorld(*store_, tree_);
  ASSERT_OK(world);
  auto session = WriteSession();
  auto task = session->InsertTask(MakeTask(world->unit_a, "2026-03-02", "am", world->officers));
  ASSERT_OK(task);
  auto record = session->InsertInspectionRecord(MakeRecord(*task, 1, 0));
  ASSERT_OK(record);
  HazardRecord h;
  h.unit_id = world->unit_a.id;
  h.state = domain::HazardState::kRectifying;
  h.description = "配电箱无警示标志";
  h.legal_basis = "《安全生产法》第三十五条";
  h.found_on = CivilDate::Parse("2026-03-02").value();
  h.deadline = CivilDate::Parse("2026-03-16").value();
  h.task_id = task->id;
  h.record_id = record->id;
  h.created_at = kAt;
  auto saved = session->InsertHazard(h);
  ASSERT_OK(saved);
  auto got = session->GetHazard(Scope::All(), saved->id);
  ASSERT_OK(got);
  EXPECT_EQ(got->task_id, task->id);
  EXPECT_EQ(got->record_id, record->id);
  EXPECT_EQ(got->overdue_since, std::nullopt);
  EXPECT_FALSE(got->escalated);
  const auto day17 = CivilDate::Parse("2026-03-17").value();
  auto first = session->MarkHazardOverdue(saved->id, day17, /*escalated=*/true);
  ASSERT_OK(first);
  EXPECT_TRUE(*first);
  auto again = session->MarkHazardOverdue(saved->id, CivilDate::Parse("2026-03-18").value(), true);
  ASSERT_OK(again);
  EXPECT_FALSE(*again) << "a hazard is marked overdue once";
  auto marked = session->GetHazard(Scope::All(), saved->id);
  ASSERT_OK(marked);
  EXPECT_EQ(marked->overdue_since, day17);
  EXPECT_TRUE(marked->escalated);
  EXPECT_EQ(marked->version, got->version) << "the daily job does not bump the version";
  TaskQuery reinspections;
  reinspections.hazard_id = saved->id.value;
  auto none = session->ListTasks(Scope::All(), reinspections);
  ASSERT_OK(none);
  EXPECT_EQ(none->total, 0);
  auto review = MakeTask(world->unit_a, "2026-03-17", "am", world->officers);
  review.kind = domain::TaskKind::kReinspection;
  review.hazard_id = saved->id.value;
  ASSERT_OK(session->InsertTask(review));
  auto one = session->ListTasks(Scope::All(), reinspections);
  ASSERT_OK(one);
  ASSERT_EQ(one->total, 1);
  EXPECT_EQ(one->items[0].hazard_id, saved->id.value);
}

}  // namespace
}  // namespace anjian::store
