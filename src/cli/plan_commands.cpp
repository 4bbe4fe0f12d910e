// anjian plan commit | compile | verify | explain | export | list | transition.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app/plan_export.hpp"
#include "app/plan_policy_codec.hpp"
#include "cli/commands.hpp"
#include "cli/services.hpp"
#include "common/sha256.hpp"
#include "io/table_writer.hpp"

namespace anjian::cli {
namespace {

using nlohmann::json;

bool WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    PrintError(Error::Unavailable("无法写入文件：" + path));
    return false;
  }
  return true;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void PrintSummary(const store::PlanRecord& record, const planner::Plan& plan) {
  const auto& s = plan.summary;
  std::printf("计划 %lld：%s（%s，第 %d 版，状态 %s）\n", static_cast<long long>(record.id),
              record.title.c_str(), record.policy_name.c_str(), record.revision,
              std::string(planner::Code(record.status)).c_str());
  for (const auto& step : s.capacity.steps) std::printf("  %s\n", step.c_str());
  const int enforcement = s.deterministic + s.random;
  auto pct = [&](int n) { return enforcement > 0 ? 100.0 * n / enforcement : 0.0; };
  std::printf(
      "  检查能力 %d 家次：确定性 %d（%.1f%%），随机 %d（%.1f%%）；专项 %d，领导带队 %d，社区排查 "
      "%d\n",
      s.capacity.inspections, s.deterministic, pct(s.deterministic), s.random, pct(s.random),
      s.special, s.leader_led, s.community_screening);
  std::printf("  单位 %d 家，列入计划 %d 家；缺口 %zu 项；未列入说明 %zu 家；人员负荷 %d–%d 项\n",
              s.units_total, s.units_planned, plan.shortfall.size(), plan.not_planned.size(),
              s.min_load, s.max_load);
  std::printf("  种子承诺 %s\n  输入哈希 %s\n", record.seed_commitment.c_str(),
              record.input_hash.c_str());
  for (const auto& w : plan.warnings) std::printf("  注意：%s\n", w.c_str());
}

}  // namespace

int RunPlanCommit(const PlanOptions& options) {
  auto services = BuildServices(options.db, 0, options.calendar);
  if (!services) return 1;
  auto commitment = options.commitment;
  if (commitment.empty() && !options.seed.empty()) commitment = Sha256Hex(options.seed);
  auto result = services->plans->Commit(app::Principal::System(), options.year, commitment);
  if (!result.ok()) {
    PrintError(result.error());
    return 2;
  }
  std::printf("种子承诺已登记：编号 %lld，%d 年度，SHA-256 %s，时间 %lld\n",
              static_cast<long long>(result->id), result->year, result->commitment.c_str(),
              static_cast<long long>(result->committed_at));
  return 0;
}

int RunPlanCompile(const PlanOptions& options) {
  app::CompileRequest request;
  request.year = options.year;
  request.seed = options.seed;
  request.commitment_id = options.commitment_id;
  if (options.capacity >= 0) request.capacity = options.capacity;
  // A preset name, or a policy file.
  if (app::PresetText(options.policy).ok()) {
    request.policy = options.policy;
  } else if (std::filesystem::exists(options.policy)) {
    auto text = io::ReadFileBytes(options.policy);
    if (!text.ok()) {
      PrintError(text.error());
      return 1;
    }
    request.policy_text = std::move(*text);
  } else {
    PrintError(app::PresetText(options.policy).error());
    return 2;
  }
  auto services = BuildServices(options.db, 0, options.calendar);
  if (!services) return 1;
  auto compiled = services->plans->Compile(app::Principal::System(), request);
  if (!compiled.ok()) {
    PrintError(compiled.error());
    return compiled.error().code == ErrorCode::kInvalidArgument ? 2 : 1;
  }
  PrintSummary(compiled->record, compiled->plan);
  if (options.json_out.empty()) return 0;
  auto stored = services->plans->StoredDocument(app::Principal::System(), compiled->record);
  if (!stored.ok()) {
    PrintError(stored.error());
    return 1;
  }
  return WriteFile(options.json_out, stored->dump(2)) ? 0 : 1;
}

int RunPlanVerify(const PlanOptions& options) {
  auto services = BuildServices(options.db, 0, options.calendar);
  if (!services) return 1;
  std::int64_t plan_id = options.plan_id;
  if (plan_id == 0 && options.verify_commitment.empty()) {
    PrintError(Error::InvalidArgument("请用 --plan 给出计划编号，或用 --commitment 给出种子承诺"));
    return 2;
  }
  if (!options.verify_commitment.empty()) {
    auto found = services->plans->FindByCommitment(app::Principal::System(),
                                                   options.verify_commitment, options.revision);
    if (!found.ok()) {
      PrintError(found.error());
      return found.error().code == ErrorCode::kNotFound ||
                     found.error().code == ErrorCode::kInvalidArgument
                 ? 2
                 : 1;
    }
    plan_id = *found;
    std::printf("种子承诺 %s 对应计划编号 %lld\n", options.verify_commitment.c_str(),
                static_cast<long long>(plan_id));
  }
  auto report = services->plans->Verify(app::Principal::System(), plan_id);
  if (!report.ok()) {
    PrintError(report.error());
    return 1;
  }
  for (const auto& c : report->checks) {
    std::printf("%s %s：%s\n", c.ok ? "通过" : "失败", c.name.c_str(), c.detail.c_str());
  }
  std::printf(report->ok ? "核验通过：抽取结果可由公布的种子和输入快照完全复现\n" : "核验失败\n");
  return report->ok ? 0 : 3;
}

int RunPlanExplain(const PlanOptions& options) {
  auto services = BuildServices(options.db, 0, options.calendar);
  if (!services) return 1;
  auto explained =
      services->plans->Explain(app::Principal::System(), options.plan_id, options.unit);
  if (!explained.ok()) {
    PrintError(explained.error());
    return explained.error().code == ErrorCode::kNotFound ? 2 : 1;
  }
  const auto& e = *explained;
  std::printf("%s（%s）%s，%s，%s色，%s\n", e["unit_name"].get<std::string>().c_str(),
              options.unit.c_str(), e["community"].get<std::string>().c_str(),
              e["level"].get<std::string>().c_str(), e["risk"].get<std::string>().c_str(),
              e["is_key"].get<bool>() ? "重点单位" : "非重点单位");
  if (e["planned"].get<bool>()) {
    std::printf("列入计划 %zu 次：\n", e["items"].size());
    for (const auto& item : e["items"]) {
      std::printf("  %s %s  %s  依据 %s  检查人员 %s%s\n", item["date"].get<std::string>().c_str(),
                  item["slot"].get<int>() == 0 ? "上午" : "下午",
                  item["kind_label"].get<std::string>().c_str(),
                  item["rule"].get<std::string>().c_str(), item["inspectors"].dump().c_str(),
                  item["leader"].get<std::string>().empty()
                      ? ""
                      : ("  带队 " + item["leader"].get<std::string>()).c_str());
    }
    for (const auto& r : e["rules"]) {
      std::printf("  %s %s：%s\n", r["id"].get<std::string>().c_str(),
                  r["title"].get<std::string>().c_str(), r["basis"].get<std::string>().c_str());
    }
  } else {
    std::printf("未列入计划：%s\n", e["reason"].get<std::string>().c_str());
  }
  return 0;
}

int RunPlanExport(const PlanOptions& options) {
  auto services = BuildServices(options.db, 0, options.calendar);
  if (!services) return 1;
  auto loaded = services->plans->Load(app::Principal::System(), options.plan_id);
  if (!loaded.ok()) {
    PrintError(loaded.error());
    return 1;
  }
  const app::PlanDocumentInput doc{loaded->record, loaded->input, loaded->plan};
  if (EndsWith(options.out, ".pdf")) {
    auto pdf = app::RenderPlanPdf(doc);
    if (!pdf.ok()) {
      PrintError(pdf.error());
      return 1;
    }
    if (!WriteFile(options.out, *pdf)) return 1;
  } else if (EndsWith(options.out, ".xlsx")) {
    if (auto status = app::WritePlanXlsx(doc, options.out); !status.ok()) {
      PrintError(status.error());
      return 1;
    }
  } else if (EndsWith(options.out, ".json")) {
    auto stored = services->plans->StoredDocument(app::Principal::System(), loaded->record);
    if (!stored.ok()) {
      PrintError(stored.error());
      return 1;
    }
    if (!WriteFile(options.out, stored->dump(2))) return 1;
  } else {
    PrintError(Error::InvalidArgument("输出文件应以 .pdf、.xlsx 或 .json 结尾"));
    return 2;
  }
  std::printf("已导出：%s\n", options.out.c_str());
  return 0;
}

int RunPlanList(const PlanOptions& options) {
  auto services = BuildServices(options.db, 0, options.calendar);
  if (!services) return 1;
  auto plans = services->plans->List(app::Principal::System(), options.year);
  if (!plans.ok()) {
    PrintError(plans.error());
    return 1;
  }
  for (const auto& p : *plans) {
    std::printf("%lld\t%d\t第%d版\t%s\t%s\t%s\n", static_cast<long long>(p.id), p.year, p.revision,
                std::string(planner::Code(p.status)).c_str(), p.policy_name.c_str(),
                p.title.c_str());
  }
  return 0;
}

int RunPlanTransition(const PlanOptions& options) {
  auto services = BuildServices(options.db, 0, options.calendar);
  if (!services) return 1;
  // Approving and enacting are a leader's acts (R-PLAN) by another account than the author, so the
  // operator names the account that decides (--as); submitting may stay the system's.
  auto who = app::Principal::System();
  if (!options.as_user.empty()) {
    auto read = services->store->Read();
    auto user = read.ok() ? (*read)->FindUserByName(options.as_user)
                          : Result<std::optional<store::User>>(read.error());
    if (!user.ok() || !*user) {
      PrintError(user.ok() ? Error::NotFound("账号不存在：" + options.as_user) : user.error());
      return 2;
    }
    who.user_id = (*user)->id;
    who.username = (*user)->username;
    who.role = (*user)->role;
    who.scope = store::Scope::Under((*user)->jurisdiction_path);
  }
  auto current = services->plans->Get(who, options.plan_id);
  if (!current.ok()) {
    PrintError(current.error());
    return 1;
  }
  auto updated = services->plans->Transition(who, options.plan_id, options.action, current->version,
                                             options.note);
  if (!updated.ok()) {
    PrintError(updated.error());
    return 2;
  }
  std::printf("计划 %lld 状态：%s → %s\n", static_cast<long long>(options.plan_id),
              std::string(planner::Code(current->status)).c_str(),
              std::string(planner::Code(updated->status)).c_str());
  return 0;
}

}  // namespace anjian::cli
