// PlanService against a real SQLite store: seed 003's published figures with the xingan preset,
// commit-reveal, verify (and its failure on tampering), lifecycle permissions, adjustments with
// the R-PLAN-2 classification, presets and the plan documents.
#include "app/plan_service.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

#include "app/auth_service.hpp"
#include "app/plan_export.hpp"
#include "app/plan_policy_codec.hpp"
#include "app_fixture.hpp"
#include "common/sha256.hpp"
#include "domain/registry/key_policy.hpp"
#include "support/builders.hpp"

namespace anjian::app {
namespace {

using nlohmann::json;
using test_support::Date;
using test_support::MakeInspector;
using test_support::MakeUnit;

class PlanServiceTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    auto calendar = planner::WorkingCalendar::Parse(BuiltinCalendarText());
    ASSERT_OK(calendar);
    calendar_ = std::make_unique<planner::WorkingCalendar>(std::move(*calendar));
    plans_ = std::make_unique<PlanService>(*store_, clock_, *calendar_,
                                           std::string(BuiltinCalendarText()));
  }

  // Seed 003's registry (end 2019): 5 fireworks retail outlets, 5 hazardous-chemicals units, 1
  // non-coal mine, 26 metallurgy/machinery/building-materials/light-industry enterprises of which
  // 8 are key (orange, or an accident last year). Plus six certified officers.
  void SeedXingan() {
    auto session = store_->Write();
    ASSERT_OK(session);
    std::uint64_t n = 1;
    auto add = [&](domain::SupervisionCategory category, domain::RiskColour risk, bool accident,
                   domain::SupervisionLevel level) {
      auto unit = MakeUnit(tree_.community_a.id, n++);
      unit.name = "单位" + std::to_string(n);
      unit.categories = {category};
      unit.risk = risk;
      unit.level = level;
      unit.accident_last_year = accident;
      unit.is_key = domain::IsKeyUnit(domain::KeyPolicy::Default(), unit);
      auto inserted = (*session)->InsertUnit(unit, kNow);
      ASSERT_OK(inserted);
      codes_[category].push_back(inserted->credit_code);
    };
    using C = domain::SupervisionCategory;
    using R = domain::RiskColour;
    using L = domain::SupervisionLevel;
    for (int i = 0; i < 5; ++i) add(C::kFireworks, R::kYellow, false, L::kLevel3);
    for (int i = 0; i < 5; ++i) add(C::kHazardousChemicals, R::kYellow, false, L::kLevel2);
    add(C::kNonCoalMining, R::kOrange, false, L::kLevel1);
    const C industry[] = {C::kMetallurgy, C::kMachinery, C::kBuildingMaterials, C::kLightIndustry};
    for (int i = 0; i < 26; ++i) {
      const bool key = i < 8;
      add(industry[i % 4], key ? (i % 2 ? R::kOrange : R::kRed) : (i % 2 ? R::kYellow : R::kBlue),
          false, key ? L::kLevel2 : L::kLevel3);
    }
    for (int i = 1; i <= 6; ++i) {
      auto inspector = MakeInspector(tree_.street.id, "XA00" + std::to_string(i));
      ASSERT_OK((*session)->InsertInspector(inspector, kNow));
    }
    ASSERT_OK(CommitFixture(**session));
  }

  CompileRequest Xingan(std::string seed = "xingan-2026-seed", std::optional<int> capacity = 31) {
    CompileRequest r;
    r.year = 2026;
    r.policy = "xingan";
    r.seed = std::move(seed);
    r.capacity = capacity;
    return r;
  }

  // SQL run on the database file behind the store's back, as someone with the file would.
  void Tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.File("anjian.db").c_str(), &db), SQLITE_OK);
    char* message = nullptr;
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK)
        << (message ? message : "");
    sqlite3_close(db);
  }

  // One item's body moved to the afternoon; its columns left alone.
  void CorruptPlanItem(std::int64_t id) {
    Tamper(
        "DROP TRIGGER plan_items_no_update; UPDATE plan_items SET body_json = "
        "replace(body_json, '\"slot\":0', '\"slot\":1') WHERE plan_id = " +
        std::to_string(id) + " AND seq = (SELECT min(seq) FROM plan_items WHERE plan_id = " +
        std::to_string(id) + " AND slot = 0)");
  }

  std::unique_ptr<planner::WorkingCalendar> calendar_;
  std::unique_ptr<PlanService> plans_;
  std::map<domain::SupervisionCategory, std::vector<std::string>> codes_;
};

TEST_F(PlanServiceTest, XinganReproducesSeed003Figures) {
  SeedXingan();
  auto compiled = plans_->Compile(StreetAdmin(), Xingan());
  ASSERT_OK(compiled);
  const auto& plan = compiled->plan;
  EXPECT_EQ(plan.summary.capacity.inspections, 31);
  EXPECT_EQ(plan.summary.deterministic, 19);
  EXPECT_EQ(plan.summary.random, 12);
  const auto doc = json::parse(compiled->record.plan_json);
  EXPECT_DOUBLE_EQ(doc["capacity"]["deterministic_percent"].get<double>(), 61.3);
  EXPECT_DOUBLE_EQ(doc["capacity"]["random_percent"].get<double>(), 38.7);
  // R-FREQ-9: at least 30 % of the 26 comprehensively supervised enterprises, rounded up.
  ASSERT_EQ(plan.draws.size(), 1u);
  EXPECT_EQ(plan.draws[0].pool_size, 26);
  EXPECT_EQ(plan.draws[0].required, 8);
  EXPECT_EQ(plan.draws[0].drawn, 12);
  // R-FREQ-8: every hazardous-chemicals and fireworks unit is inspected.
  std::set<std::string> inspected;
  for (const auto& item : plan.items) inspected.insert(item.unit_credit_code);
  for (auto category : {domain::SupervisionCategory::kHazardousChemicals,
                        domain::SupervisionCategory::kFireworks}) {
    for (const auto& code : codes_[category]) EXPECT_TRUE(inspected.count(code)) << code;
  }
  EXPECT_TRUE(plan.shortfall.empty());
  // The 37 − 19 − 12 = 6 units left out each say why.
  EXPECT_EQ(plan.not_planned.size(), 6u);
  for (const auto& n : plan.not_planned)
    EXPECT_NE(n.reason.find("R-FREQ-7B"), std::string::npos) << n.reason;
  for (const auto& item : plan.items) {
    EXPECT_GE(item.inspectors.size(), 2u);
    EXPECT_TRUE(calendar_->IsWorkingDay(item.date)) << item.date.ToString();
  }
}

TEST_F(PlanServiceTest, SameSeedSamePlanDifferentSeedDifferentDraw) {
  SeedXingan();
  auto a = plans_->Compile(StreetAdmin(), Xingan("seed-number-one"));
  auto b = plans_->Compile(StreetAdmin(), Xingan("seed-number-one"));
  auto c = plans_->Compile(StreetAdmin(), Xingan("seed-number-two"));
  ASSERT_OK(a);
  ASSERT_OK(b);
  ASSERT_OK(c);
  EXPECT_EQ(a->record.plan_json, b->record.plan_json);
  EXPECT_EQ(a->record.input_hash, c->record.input_hash);
  EXPECT_NE(a->plan.draws[0].drawn_codes, c->plan.draws[0].drawn_codes);
}

TEST_F(PlanServiceTest, VerifyPassesAndFailsOnTampering) {
  SeedXingan();
  auto compiled = plans_->Compile(StreetAdmin(), Xingan());
  ASSERT_OK(compiled);
  auto report = plans_->Verify(StreetAdmin(), compiled->record.id);
  ASSERT_OK(report);
  EXPECT_TRUE(report->ok);
  EXPECT_EQ(report->checks.size(), 4u);
  CorruptPlanItem(compiled->record.id);
  report = plans_->Verify(StreetAdmin(), compiled->record.id);
  ASSERT_OK(report);
  EXPECT_FALSE(report->ok);
  EXPECT_FALSE(report->checks.back().ok);
  EXPECT_NE(report->checks.back().detail.find("1 项不一致"), std::string::npos)
      << report->checks.back().detail;
}

TEST_F(PlanServiceTest, ItemsAndInputUnitsAreRowsThatVerifyItemByItem) {
  SeedXingan();
  auto compiled = plans_->Compile(StreetAdmin(), Xingan());
  ASSERT_OK(compiled);
  const auto id = compiled->record.id;
  // The documents hold no lists; the rows hold every item and unit, in order, with stable keys.
  const auto head = json::parse(compiled->record.plan_json);
  EXPECT_FALSE(head.contains("items"));
  EXPECT_FALSE(json::parse(compiled->record.input_json).contains("units"));
  std::vector<json> items;
  ASSERT_OK(plans_->ForEachStoredItem(StreetAdmin(), compiled->record, {}, [&](const json& item) {
    items.push_back(item);
    return Ok();
  }));
  ASSERT_EQ(items.size(), compiled->plan.items.size());
  std::set<std::string> keys;
  for (std::size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(items[i]["seq"], static_cast<int>(i) + 1);
    EXPECT_EQ(items[i]["key"], compiled->plan.items[i].key);
    keys.insert(items[i]["key"].get<std::string>());
  }
  EXPECT_EQ(keys.size(), items.size()) << "keys are unique in a plan";
  // The rows' texts are what the DOM would write, byte for byte, including escapes.
  for (const auto& item : compiled->plan.items)
    ASSERT_EQ(PlanItemJsonText(item), PlanItemToJson(item).dump()) << item.key;
  auto odd = compiled->plan.items.front();
  odd.note = "“春节”前\"专项\"\\检查\n\t";
  odd.also_rules = {"R-A", "R-\"B"};
  odd.key_period = true;
  EXPECT_EQ(PlanItemJsonText(odd), PlanItemToJson(odd).dump());
  planner::PlanInput input;
  {
    auto session = store_->Read();
    ASSERT_OK(session);
    ASSERT_OK(ReadPlanUnitsAndInspectors(**session, StreetAdmin().scope, input));
  }
  ASSERT_FALSE(input.units.empty());
  input.units.front().unit.name = "带\"引号\"的\n单位";
  input.units.front().last_inspected = CivilDate::Parse("2025-06-01").value();
  for (const auto& unit : input.units)
    ASSERT_EQ(InputUnitJsonText(unit), InputUnitToJson(unit).dump()) << unit.unit.credit_code;
  const auto& first = compiled->plan.items.front();
  EXPECT_EQ(first.key,
            first.unit_credit_code + "/" + first.rule + "/" + std::to_string(first.occurrence));
  // A date range reads only that part of the plan.
  store::PlanItemFilter march{CivilDate::Parse("2026-03-01").value(),
                              CivilDate::Parse("2026-03-31").value()};
  std::size_t in_march = 0;
  ASSERT_OK(plans_->ForEachStoredItem(StreetAdmin(), compiled->record, march, [&](const json& i) {
    EXPECT_EQ(i["date"].get<std::string>().substr(0, 7), "2026-03");
    ++in_march;
    return Ok();
  }));
  EXPECT_EQ(in_march, static_cast<std::size_t>(
                          std::count_if(compiled->plan.items.begin(), compiled->plan.items.end(),
                                        [](const auto& i) { return i.date.month() == 3; })));
  // The served document puts them back together.
  auto stored = plans_->StoredDocument(StreetAdmin(), compiled->record);
  ASSERT_OK(stored);
  EXPECT_EQ((*stored)["items"].size(), items.size());
  EXPECT_EQ((*stored)["plan_id"], id);

  // A column changed behind the store's back (the date the tasks are made for) fails verify
  // though the body is intact; so does a unit removed from the input snapshot.
  Tamper(
      "DROP TRIGGER plan_items_no_update; UPDATE plan_items SET scheduled_on = '2026-12-31' "
      "WHERE plan_id = " +
      std::to_string(id) + " AND seq = 2");
  auto report = plans_->Verify(StreetAdmin(), id);
  ASSERT_OK(report);
  EXPECT_FALSE(report->ok);
  EXPECT_NE(report->checks.back().detail.find("首项 第 2 项"), std::string::npos)
      << report->checks.back().detail;
  Tamper(
      "DROP TRIGGER plan_input_chunks_no_delete; DELETE FROM plan_input_chunks WHERE plan_id = " +
      std::to_string(id) + " AND ordinal = 1");
  report = plans_->Verify(StreetAdmin(), id);
  ASSERT_OK(report);
  bool hash_failed = false;
  for (const auto& check : report->checks) hash_failed |= check.name == "输入快照哈希" && !check.ok;
  EXPECT_TRUE(hash_failed);
  // A chunk that is not a JSON array of units: the snapshot is reported unreadable, no crash.
  Tamper("INSERT INTO plan_input_chunks(plan_id, ordinal, units_json) VALUES (" +
         std::to_string(id) + ", 5, '{\"units\": 1}')");
  report = plans_->Verify(StreetAdmin(), id);
  ASSERT_OK(report);
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->checks.back().name, "输入快照");
  EXPECT_NE(report->checks.back().detail.find("单位分块无法读取"), std::string::npos)
      << report->checks.back().detail;
}

TEST_F(PlanServiceTest, AnAdjustmentKeepsTheKeysOfKeptItemsAndGivesNewOnesTheirOwn) {
  SeedXingan();
  auto compiled = plans_->Compile(StreetAdmin(), Xingan());
  ASSERT_OK(compiled);
  const auto& items = compiled->plan.items;
  ASSERT_GE(items.size(), 3u);
  // Move the first item, remove the second, add a visit to the third's unit, both in half-days
  // where the first item's team has nothing else to do.
  ASSERT_TRUE(planner::IsEnforcement(items[0].kind));
  const auto team = items[0].inspectors;
  auto team_free = [&](CivilDate day, int slot) {
    for (const auto& other : items) {
      if (other.seq <= 2 || other.date != day || other.slot != slot) continue;
      for (const auto& e : other.inspectors) {
        if (std::find(team.begin(), team.end(), e) != team.end()) return false;
      }
    }
    return true;
  };
  std::vector<std::pair<CivilDate, int>> free_slots;
  for (CivilDate day = CivilDate::FromDays(items[0].date.ToDays() + 1);
       free_slots.size() < 2 && day.year() == 2026; day = CivilDate::FromDays(day.ToDays() + 1)) {
    if (!calendar_->IsWorkingDay(day)) continue;
    for (int slot : {0, 1}) {
      if (free_slots.size() < 2 && team_free(day, slot)) free_slots.emplace_back(day, slot);
    }
  }
  ASSERT_EQ(free_slots.size(), 2u);
  const CivilDate target = free_slots[0].first;
  json body = {
      {"version", 1},
      {"reason", "春节调休"},
      {"move", {{{"seq", 1}, {"date", target.ToString()}, {"slot", free_slots[0].second}}}},
      {"remove", {2}},
      {"add",
       {{{"unit_credit_code", items[2].unit_credit_code},
         {"date", free_slots[1].first.ToString()},
         {"slot", free_slots[1].second},
         {"kind", "special"},
         {"rule", "ADJ"},
         {"inspectors", team}}}}};
  auto revised = plans_->Adjust(StreetAdmin(), compiled->record.id, body);
  ASSERT_OK(revised);
  std::map<std::string, json> by_key;
  ASSERT_OK(plans_->ForEachStoredItem(StreetAdmin(), *revised, {}, [&](const json& item) {
    by_key[item["key"].get<std::string>()] = item;
    return Ok();
  }));
  EXPECT_EQ(by_key.size(), items.size());  // one removed, one added
  ASSERT_TRUE(by_key.contains(items[0].key)) << "a moved item keeps its key";
  EXPECT_EQ(by_key[items[0].key]["date"], target.ToString());
  EXPECT_FALSE(by_key.contains(items[1].key)) << "a removed item's key is gone";
  const std::string added = items[2].unit_credit_code + "/ADJ/r2-1";
  ASSERT_TRUE(by_key.contains(added)) << "the addition is keyed by revision";
  EXPECT_EQ(by_key[added]["kind"], "special");
  for (std::size_t i = 2; i < items.size(); ++i) EXPECT_TRUE(by_key.contains(items[i].key));
  // Verify replays the adjustment and compares revision 2's stored items with it.
  auto report = plans_->Verify(StreetAdmin(), revised->id);
  ASSERT_OK(report);
  EXPECT_TRUE(report->ok) << report->checks.back().detail;
  EXPECT_NE(report->checks.back().detail.find("与重放结果一致"), std::string::npos)
      << report->checks.back().detail;
}

TEST_F(PlanServiceTest, CommitRevealChecksTheSeed) {
  SeedXingan();
  auto committed = plans_->Commit(StreetAdmin(), 2026, Sha256Hex("the-real-seed"));
  ASSERT_OK(committed);
  auto request = Xingan("another-seed");
  request.commitment_id = committed->id;
  EXPECT_ERROR_CODE(plans_->Compile(StreetAdmin(), request), kInvalidArgument);
  request.seed = "the-real-seed";
  auto compiled = plans_->Compile(StreetAdmin(), request);
  ASSERT_OK(compiled);
  EXPECT_EQ(compiled->record.seed_commitment, committed->commitment);
  EXPECT_EQ(compiled->record.committed_at, committed->committed_at);
  EXPECT_ERROR_CODE(plans_->Compile(StreetAdmin(), request), kConflict);
  EXPECT_ERROR_CODE(plans_->Commit(StreetAdmin(), 2026, "not-a-hash"), kInvalidArgument);
  EXPECT_ERROR_CODE(plans_->Compile(StreetAdmin(), Xingan("short")), kInvalidArgument);
}

TEST_F(PlanServiceTest, LifecycleEnforcesRolesAndOrder) {
  SeedXingan();
  auto compiled = plans_->Compile(StreetAdmin(), Xingan());
  ASSERT_OK(compiled);
  const auto id = compiled->record.id;
  const auto inspector = As(domain::UserRole::kInspector, tree_.street.path);
  const auto leader = As(domain::UserRole::kLeader, tree_.street.path);
  const auto enterprise = As(domain::UserRole::kEnterprise, tree_.street.path);
  EXPECT_ERROR_CODE(plans_->Get(enterprise, id), kPermissionDenied);
  auto illegal = plans_->Transition(leader, id, "enact", 1, "");
  ASSERT_FALSE(illegal.ok());
  EXPECT_EQ(illegal.error().code, ErrorCode::kConflict);
  EXPECT_NE(illegal.error().message.find("报批"), std::string::npos) << illegal.error().message;
  auto submitted = plans_->Transition(inspector, id, "submit", 1, "");
  ASSERT_OK(submitted);
  EXPECT_EQ(planner::Code(submitted->status), "submitted");
  EXPECT_ERROR_CODE(plans_->Transition(inspector, id, "approve", submitted->version, ""),
                    kPermissionDenied);
  EXPECT_ERROR_CODE(plans_->Transition(leader, id, "approve", 1, ""), kConflict);  // stale version
  auto approved = plans_->Transition(leader, id, "approve", submitted->version, "同意");
  ASSERT_OK(approved);
  auto enacted = plans_->Transition(leader, id, "enact", approved->version, "");
  ASSERT_OK(enacted);
  EXPECT_EQ(planner::Code(enacted->status), "in_force");
  auto events = plans_->Events(leader, id);
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 4u);
  EXPECT_EQ((*events)[2].first.note, "同意");
}

TEST_F(PlanServiceTest, AdjustmentsAreVersionedAndClassified) {
  SeedXingan();
  auto compiled = plans_->Compile(StreetAdmin(), Xingan());
  ASSERT_OK(compiled);
  const auto leader = As(domain::UserRole::kLeader, tree_.street.path);
  auto record = *plans_->Transition(StreetAdmin(), compiled->record.id, "submit", 1, "");
  record = *plans_->Transition(leader, record.id, "approve", record.version, "");
  record = *plans_->Transition(leader, record.id, "enact", record.version, "");
  const auto& items = compiled->plan.items;

  // A partial adjustment: one visit moves to another working day. Archived, stays in force.
  const auto& first = items.front();
  const auto target = calendar_->AddWorkingDays(first.date, 3);
  json move = {{"version", record.version},
               {"reason", "企业停产检修，顺延"},
               {"decided_on", "2026-03-01"},
               {"move", {{{"seq", first.seq}, {"date", target.ToString()}, {"slot", first.slot}}}}};
  auto minor = plans_->Adjust(StreetAdmin(), record.id, move);
  ASSERT_OK(minor);
  EXPECT_EQ(minor->revision, 2);
  EXPECT_EQ(planner::Code(minor->status), "in_force");
  EXPECT_EQ(minor->reapproval_due, std::nullopt);
  auto old = plans_->Get(StreetAdmin(), record.id);
  ASSERT_OK(old);
  EXPECT_EQ(planner::Code(old->status), "superseded");
  EXPECT_ERROR_CODE(plans_->Adjust(StreetAdmin(), record.id, move), kConflict);

  // Removing more than 20 % of the inspected units is major: re-approval within 30 days.
  json remove = {{"version", minor->version},
                 {"reason", "机构调整"},
                 {"decided_on", "2026-04-10"},
                 {"remove", json::array()}};
  std::set<std::string> removed_units;
  for (const auto& item : items) {
    if (removed_units.size() >= 8) break;
    if (item.kind == planner::ItemKind::kRandom) {
      remove["remove"].push_back(item.seq);
      removed_units.insert(item.unit_credit_code);
    }
  }
  auto major = plans_->Adjust(StreetAdmin(), minor->id, remove);
  ASSERT_OK(major);
  EXPECT_EQ(planner::Code(major->status), "reapproval_required");
  EXPECT_EQ(ToString(major->reapproval_due), "2026-05-10");
  const auto diff = json::parse(major->adjustment_json)["diff"];
  EXPECT_TRUE(diff["major"].get<bool>());
  EXPECT_EQ(diff["removed"].size(), removed_units.size());
  EXPECT_NE(diff["major_reasons"][0].get<std::string>().find("20%"), std::string::npos);
  auto reapproved = plans_->Transition(leader, major->id, "approve", major->version, "");
  ASSERT_OK(reapproved);
  EXPECT_EQ(planner::Code(reapproved->status), "in_force");
  EXPECT_EQ(reapproved->reapproval_due, std::nullopt);

  // Every revision still verifies: the chain is replayed from the snapshot.
  auto report = plans_->Verify(StreetAdmin(), major->id);
  ASSERT_OK(report);
  EXPECT_TRUE(report->ok);
  auto loaded = plans_->Load(StreetAdmin(), major->id);
  ASSERT_OK(loaded);
  EXPECT_EQ(loaded->plan.items.size(), items.size() - removed_units.size());
  // Removed units now say why they are out.
  EXPECT_NE(planner::ExplainUnit(loaded->plan, *removed_units.begin()).find("机构调整"),
            std::string::npos);
}

TEST_F(PlanServiceTest, BadAdjustmentsListEveryProblem) {
  SeedXingan();
  auto compiled = plans_->Compile(StreetAdmin(), Xingan());
  ASSERT_OK(compiled);
  json bad = {{"version", 1},
              {"reason", "测试"},
              {"remove", {99999}},
              {"add",
               {{{"unit_credit_code", codes_[domain::SupervisionCategory::kFireworks][0]},
                 {"kind", "special"},
                 {"date", "2026-10-01"},
                 {"inspectors", {"XA001"}}}}}};
  auto result = plans_->Adjust(StreetAdmin(), compiled->record.id, bad);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  const auto& message = result.error().message;
  EXPECT_NE(message.find("99999"), std::string::npos) << message;
  EXPECT_NE(message.find("不是工作日"), std::string::npos) << message;
  EXPECT_NE(message.find("至少 2 人"), std::string::npos) << message;
}

TEST_F(PlanServiceTest, ExplainCoversPlannedAndUnplannedUnits) {
  SeedXingan();
  auto compiled = plans_->Compile(StreetAdmin(), Xingan());
  ASSERT_OK(compiled);
  const auto& fireworks = codes_[domain::SupervisionCategory::kFireworks][0];
  auto planned = plans_->Explain(StreetAdmin(), compiled->record.id, fireworks);
  ASSERT_OK(planned);
  EXPECT_TRUE((*planned)["planned"].get<bool>());
  EXPECT_EQ((*planned)["rules"][0]["id"], "R-FREQ-8");
  const auto& left_out = compiled->plan.not_planned.front().unit_credit_code;
  auto unplanned = plans_->Explain(StreetAdmin(), compiled->record.id, left_out);
  ASSERT_OK(unplanned);
  EXPECT_FALSE((*unplanned)["planned"].get<bool>());
  EXPECT_FALSE((*unplanned)["reason"].get<std::string>().empty());
  EXPECT_ERROR_CODE(plans_->Explain(StreetAdmin(), compiled->record.id, "000000000000000000"),
                    kNotFound);
}

// Issue #13 item 4: a unit's last inspection comes from its signed records, so "not drawn again
// within N months" and the two-year rule (R-FREQ-7B) read real history instead of treating every
// unit as never inspected.
TEST_F(PlanServiceTest, LastInspectionFromSignedRecordsExcludesRecentlyInspectedUnitsFromDraws) {
  SeedXingan();
  // Every non-key industry unit but two was inspected on 2025-06-01 (inside 12 months of 2026).
  std::vector<std::string> industry;
  for (auto c : {domain::SupervisionCategory::kMetallurgy, domain::SupervisionCategory::kMachinery,
                 domain::SupervisionCategory::kBuildingMaterials,
                 domain::SupervisionCategory::kLightIndustry}) {
    for (const auto& code : codes_[c]) industry.push_back(code);
  }
  std::set<std::string> inspected;
  {
    auto session = store_->Write();
    ASSERT_OK(session);
    int skipped_non_key = 0;
    for (const auto& code : industry) {
      auto unit = (*session)->FindUnitByCode(store::Scope::All(), code);
      ASSERT_OK(unit);
      ASSERT_TRUE(unit->has_value());
      if ((*unit)->is_key) continue;
      if (skipped_non_key++ < 2) continue;
      store::TaskRecord task;
      task.unit_id = (*unit)->id;
      task.kind = domain::TaskKind::kPlanned;
      task.status = domain::TaskStatus::kCompleted;
      task.scheduled_on = Date(2025, 6, 1);
      task.checklist_id = "general";
      auto saved_task = (*session)->InsertTask(task);
      ASSERT_OK(saved_task);
      store::InspectionRecordRow record;
      record.task_id = saved_task->id;
      record.unit_id = (*unit)->id;
      record.region_path = saved_task->region_path;
      record.body_json = R"({"started_at":"2025-06-01T09:00"})";
      record.content_hash = std::string(64, 'b');
      record.inspected_on = Date(2025, 6, 1);
      ASSERT_OK((*session)->InsertInspectionRecord(record));
      inspected.insert(code);
    }
    ASSERT_OK(CommitFixture(**session));
  }
  ASSERT_EQ(inspected.size(), 16u);

  auto policy = PresetText("xingan");
  ASSERT_OK(policy);
  auto request = Xingan("recent-history-seed");
  const std::string draw = R"("exclude_planned": true,)";
  request.policy_text = *policy;
  const auto at = request.policy_text.find(draw);
  ASSERT_NE(at, std::string::npos);
  request.policy_text.insert(at + draw.size(), R"( "exclude_inspected_within_months": 12,)");
  auto compiled = plans_->Compile(StreetAdmin(), request);
  ASSERT_OK(compiled);
  int drawn = 0;
  for (const auto& item : compiled->plan.items) {
    if (item.rule != "R-FREQ-9") continue;
    ++drawn;
    EXPECT_EQ(inspected.count(item.unit_credit_code), 0u)
        << item.unit_credit_code << " was inspected on 2025-06-01 and drawn again";
  }
  EXPECT_GT(drawn, 0) << "the two units never inspected are still in the pool";
  const auto& recent = *inspected.begin();
  auto why = plans_->Explain(StreetAdmin(), compiled->record.id, recent);
  ASSERT_OK(why);
  EXPECT_FALSE((*why)["planned"].get<bool>());
  const auto reason = (*why)["reason"].get<std::string>();
  EXPECT_NE(reason.find("已检查（2025-06-01）"), std::string::npos) << reason;
  // The history is part of the plan's input snapshot: the plan still verifies.
  auto report = plans_->Verify(StreetAdmin(), compiled->record.id);
  ASSERT_OK(report);
  EXPECT_TRUE(report->ok);
}

TEST_F(PlanServiceTest, ShortCapacityGivesAShortfallOrderedByRisk) {
  SeedXingan();
  auto compiled = plans_->Compile(StreetAdmin(), Xingan("short-capacity", 12));
  ASSERT_OK(compiled);
  const auto& plan = compiled->plan;
  EXPECT_EQ(plan.summary.deterministic, 12);
  EXPECT_EQ(plan.summary.random, 0);
  // 19 mandatory visits, 12 placed: 7 unit entries plus the random rule's entry.
  auto loaded = plans_->Load(StreetAdmin(), compiled->record.id);
  ASSERT_OK(loaded);
  std::map<std::string, domain::RiskColour> risk;
  for (const auto& u : loaded->input.units) risk[u.unit.credit_code] = u.unit.risk;
  int unit_entries = 0;
  int last_risk = -1;
  for (const auto& e : plan.shortfall) {
    if (e.unit_credit_code.empty()) continue;
    ++unit_entries;
    EXPECT_GE(static_cast<int>(risk[e.unit_credit_code]), last_risk)
        << "red before orange before yellow";
    last_risk = static_cast<int>(risk[e.unit_credit_code]);
  }
  EXPECT_EQ(unit_entries, 7);
  // The placed visits are the riskiest: every red and orange unit got one.
  for (const auto& item : plan.items)
    EXPECT_NE(risk[item.unit_credit_code], domain::RiskColour::kBlue);
  ASSERT_FALSE(plan.shortfall.empty());
  EXPECT_EQ(plan.shortfall.front().rule, "R-FREQ-9");  // rule-level entries first
}

TEST_F(PlanServiceTest, PresetsParseAndStrictFormatRejectsTypos) {
  for (const auto& name : PresetNames()) {
    auto text = PresetText(name);
    ASSERT_OK(text);
    auto policy = ParsePolicy(*text);
    ASSERT_OK(policy) << name;
    EXPECT_EQ(policy->name, name);
    EXPECT_FALSE(policy->frequency_rules.empty()) << name;
    for (const auto& rule : policy->frequency_rules)
      EXPECT_FALSE(rule.source.basis.empty()) << rule.source.id;
    // Round trip through the canonical JSON form.
    auto again = PolicyFromJson(PolicyToJson(*policy));
    ASSERT_OK(again);
    EXPECT_EQ(PolicyToJson(*again), PolicyToJson(*policy));
  }
  EXPECT_EQ(PresetNames().size(), 4u);
  auto typo = ParsePolicy(
      R"({"name": "x", "frequency_rules": [{"id": "A", "title": "t", "perod": "year"}]})");
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.error().message.find("frequency_rules[0]"), std::string::npos)
      << typo.error().message;
  EXPECT_NE(typo.error().message.find("perod"), std::string::npos);
  auto bad_team = ParsePolicy(R"({"name": "x", "team": {"size": 1}})");
  ASSERT_FALSE(bad_team.ok());
  EXPECT_NE(bad_team.error().message.find("2 人"), std::string::npos) << bad_team.error().message;
  EXPECT_FALSE(ParsePolicy("{not json").ok());
  EXPECT_ERROR_CODE(PresetText("nowhere"), kNotFound);
}

TEST_F(PlanServiceTest, DocumentsCarryThePlan) {
  SeedXingan();
  auto compiled = plans_->Compile(StreetAdmin(), Xingan());
  ASSERT_OK(compiled);
  auto loaded = plans_->Load(StreetAdmin(), compiled->record.id);
  ASSERT_OK(loaded);
  const PlanDocumentInput doc{loaded->record, loaded->input, loaded->plan};
  auto pdf = RenderPlanPdf(doc);
  ASSERT_OK(pdf);
  ASSERT_EQ(pdf->rfind("%PDF-", 0), 0u);
  const auto pdf_path = dir_.File("plan.pdf");
  std::ofstream(pdf_path, std::ios::binary) << *pdf;
  std::string text;
  if (FILE* p = popen(("pdftotext -raw " + pdf_path + " - 2>/dev/null").c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
    pclose(p);
  }
  auto squashed = text;
  std::erase_if(squashed, [](char c) { return c == '\n' || c == ' '; });
  EXPECT_NE(squashed.find("确定性检查19家（次），占计划的61.3%"), std::string::npos)
      << text.substr(0, 2000);
  EXPECT_NE(squashed.find("38.7%"), std::string::npos);
  EXPECT_NE(squashed.find(compiled->record.seed_commitment), std::string::npos);
  const auto xlsx_path = dir_.File("items.xlsx");
  ASSERT_OK(WritePlanXlsx(doc, xlsx_path));
  std::ifstream xlsx(xlsx_path, std::ios::binary);
  std::string head(2, '\0');
  xlsx.read(head.data(), 2);
  EXPECT_EQ(head, "PK");
}

}  // namespace
}  // namespace anjian::app
