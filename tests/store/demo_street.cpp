#include "demo_street.hpp"

#include <sqlite3.h>

#include <map>

#include "app/audit_trail.hpp"
#include "app/checklist_catalog.hpp"
#include "app/enterprise_service.hpp"
#include "app/hazard_service.hpp"
#include "app/inspection_service.hpp"
#include "app/plan_policy_codec.hpp"
#include "app/plan_service.hpp"
#include "app/signature_service.hpp"
#include "common/sha256.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "support/builders.hpp"
#include "support/inspection_requests.hpp"
#include "support/tiny_png.hpp"

namespace anjian::store::transfer {

app::Principal StreetAdmin(const std::string& scope, const std::string& username) {
  app::Principal p;
  p.user_id = UserId(1);
  p.username = username;
  p.role = domain::UserRole::kAdmin;
  p.scope = Scope::Under(scope);
  return p;
}

namespace {

using nlohmann::json;

json RecordBody(const std::string& photo, const std::vector<std::int64_t>& team,
                const std::map<std::int64_t, std::int64_t>& attested) {
  json checklist = {{"items", json::array()}};
  for (const auto& item : app::BuiltinChecklists().Latest("general")->items) {
    checklist["items"].push_back({{"code", item.code}});
  }
  return test_support::RecordBodyAt(
      checklist, team,
      {std::string(kToday) + "T08:30", std::string(kToday) + "T09:40", "2026-03-16"}, photo, photo,
      11, attested);
}

}  // namespace

Street::Street(app::DemoIdentity who, std::uint64_t seed)
    : path(dir.File("street.db")), identity(std::move(who)) {
  auto built = Build(seed);
  if (!built.ok()) error = built.error().message;
}

Status Street::Build(std::uint64_t seed) {
  FixedClock clock(kDemoNow);
  ANJIAN_ASSIGN_OR_RETURN(auto store, sqlite::SqliteStore::Open(path));
  app::AuthService auth(*store, clock);
  ANJIAN_TRY(
      app::BuildDemoData(*store, auth, domain::KeyPolicy::Default(), kDemoNow, seed, identity));
  clock.Set(kMondayMorning);

  // sessions, and login_throttle from a failed attempt
  ANJIAN_ASSIGN_OR_RETURN(auto login, auth.Login(User("admin"), app::kDemoPassword, "192.0.2.1"));
  token_hash = Sha256Hex(login.token);
  (void)auth.Login(User("admin"), "not-the-password", "192.0.2.1");

  std::string street_path;
  std::vector<std::int64_t> team;
  std::vector<UserId> team_accounts;
  UserId enterprise_account(3);
  {
    ANJIAN_ASSIGN_OR_RETURN(auto session, store->Write());
    ANJIAN_ASSIGN_OR_RETURN(auto regions, session->ListRegions(Scope::All()));
    std::optional<RegionId> community;
    for (const auto& region : regions) {
      if (region.level == domain::RegionLevel::kStreet) street_path = region.path;
      if (region.level == domain::RegionLevel::kCommunity && !community) community = region.id;
    }
    if (!community || street_path.empty())
      return Error::Internal("demo street without a community");
    auto unit = test_support::MakeUnit(*community, 987'654 + identity.unit_code_block);
    unit.name = "迁移测试单位😀";
    unit.address = kAwkwardAddress;
    ANJIAN_ASSIGN_OR_RETURN(auto saved, session->InsertUnit(unit, kMondayMorning));
    awkward_unit = saved.id;
    ANJIAN_TRY(session->AppendHistory({"unit", saved.id.value, 1, "create", "admin", kMondayMorning,
                                       json{{"address", kAwkwardAddress}}.dump()}));
    ANJIAN_TRY(session->RecordImport(
        ImportRecord{0, "units", "台账\t2026.xlsx", "admin", kMondayMorning, 3, 0, 1, true}));
    // The team: the officers behind the two demo inspector accounts, each signing with their own.
    ANJIAN_ASSIGN_OR_RETURN(auto users, session->ListUsers());
    for (const char* name : {"inspector", "inspector2"}) {
      for (const auto& user : users) {
        if (user.username == User(name) && user.inspector_id) {
          team.push_back(user.inspector_id->value);
          team_accounts.push_back(user.id);
        }
      }
    }
    if (team.size() < 2) return Error::Internal("demo data without two inspector accounts");
    for (const auto& user : users) {
      if (user.username == User("enterprise")) enterprise_account = user.id;
    }
    ANJIAN_TRY(session->ForEachUnit(Scope::All(), [&](const domain::Unit& u) {
      max_unit_id = std::max(max_unit_id, u.id.value);
    }));
    ANJIAN_TRY(session->Commit());
  }

  // An inspection: task, team, signed record, photo and signatures, hazard, numbered documents,
  // idempotency key.
  auto calendar = planner::WorkingCalendar::Parse(app::BuiltinCalendarText());
  if (!calendar.ok()) return calendar.error();
  io::BlobStore files(dir.File("files"));
  app::DocumentIssuer issuer(app::DocumentIssuerOptions{"https://anjian.example.cn", ""});
  app::InspectionService inspections(*store, clock, files, issuer, *calendar);
  auto officer = StreetAdmin();
  officer.user_id = team_accounts[0];
  officer.role = domain::UserRole::kInspector;
  officer.username = User("inspector");
  officer.inspector_id = InspectorId(team[0]);
  auto partner = officer;
  partner.user_id = team_accounts[1];
  partner.username = User("inspector2");
  partner.inspector_id = InspectorId(team[1]);
  ANJIAN_ASSIGN_OR_RETURN(
      auto photo, inspections.UploadPhoto(officer, test_support::MakeTinyPng(200, 120, 77)));
  ANJIAN_ASSIGN_OR_RETURN(auto task,
                          inspections.CreateTask(officer, {{"kind", "planned"},
                                                           {"unit_id", awkward_unit.value},
                                                           {"scheduled_on", kToday},
                                                           {"team", team}}));
  // The partner signs in their own session (signature_attestations).
  app::SignatureService signatures(*store, clock, auth);
  ANJIAN_ASSIGN_OR_RETURN(
      auto attestation,
      signatures.Attest(partner, task.task.id, test_support::AttestationBody(team[1], 12)));
  ANJIAN_ASSIGN_OR_RETURN(
      auto answer,
      inspections.SubmitRecord(
          officer, task.task.id, "migrate-key-0001",
          RecordBody(photo.first.sha256, team, {{team[1], attestation["id"].get<std::int64_t>()}})
              .dump()));
  const json body = json::parse(answer.body);
  if (!body.contains("hazards") || body["hazards"].empty())
    return Error::Internal("no hazard: " + answer.body);
  hazard_id = body["hazards"][0].get<std::int64_t>();

  // The daily job (job_runs), the enterprise side (self-inspection with the principal's
  // signature, a notice and its signed receipt).
  app::HazardService hazards(*store, clock, &issuer);
  ANJIAN_TRY(hazards.RunOverdueJob(/*claim=*/true));
  app::EnterpriseService enterprise(*store, clock);
  auto company = StreetAdmin();
  company.user_id = enterprise_account;
  company.username = User("enterprise");
  company.role = domain::UserRole::kEnterprise;
  company.unit_id = awkward_unit;
  json self_check = {{"kind", "periodic"},
                     {"principal_name", "王总"},
                     {"principal_png", test_support::SignatureDataUrl(21)}};
  self_check["results"] = json::array();
  for (const auto& item : app::BuiltinChecklists().Latest("general")->items) {
    self_check["results"].push_back({{"code", item.code}, {"result", "conform"}});
  }
  ANJIAN_TRY(enterprise.SubmitSelfInspection(company, self_check));
  ANJIAN_ASSIGN_OR_RETURN(
      auto notice, enterprise.PublishNotice(
                       StreetAdmin("", User("admin")),
                       {{"title", "致企业的一封公开信"}, {"body", "请落实主体责任。\n谢谢！"}}));
  notice_id = notice.id.value;
  ANJIAN_TRY(enterprise.SignNotice(
      company, notice.id, {{"signer_name", "王总"}, {"png", test_support::SignatureDataUrl(22)}}));

  // An annual plan (seed commitment, plan revision with its input snapshot, an event).
  app::PlanService plans(*store, clock, *calendar, std::string(app::BuiltinCalendarText()));
  app::CompileRequest request;
  request.year = 2026;
  request.policy = "jiefang";
  request.seed = "migrate-test-seed-2026";
  ANJIAN_ASSIGN_OR_RETURN(auto compiled,
                          plans.Compile(StreetAdmin(street_path, User("admin")), request));
  plan_id = compiled.record.id;
  ANJIAN_TRY(plans.Transition(StreetAdmin(street_path, User("admin")), plan_id, "submit",
                              compiled.record.version, "请审批"));

  // An audit archive checkpoint (the oldest entry archived), so audit_checkpoints has a row too.
  ANJIAN_ASSIGN_OR_RETURN(auto session, store->Write());
  ANJIAN_ASSIGN_OR_RETURN(auto entries, session->ListAudit({.page = 1, .page_size = 1000}));
  if (entries.items.empty()) return Error::Internal("the street wrote no audit entries");
  const auto& oldest = entries.items.back();
  ANJIAN_TRY(session->ArchiveAudit(
      {oldest.seq, oldest.hash, oldest.at + 10, oldest.at + 1, std::string(64, '0')}));
  session->StageAudit(app::AuditEntryFor(StreetAdmin("", User("admin")), oldest.at + 10,
                                         "audit.archive", "audit_log", std::to_string(oldest.seq)));
  ANJIAN_TRY(session->Commit());
  return Ok();
}

}  // namespace anjian::store::transfer
