// The whole route table of /api: method, path, handler, whether it needs a login.
// tests/http/openapi_test checks that every route here is documented in openapi.json.
#include <spdlog/spdlog.h>

#include <ctime>

#include "app/audit_trail.hpp"
#include "app/checklist_catalog.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"
#include "http/metrics_endpoint.hpp"
#include "http/store_metrics.hpp"

namespace anjian::http {
namespace {

using domain::Action;

bool IsWriteMethod(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// Constant-time comparison, so the CSRF check does not leak how much of a guess was right.
bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// The path parameters as "name=value,…", naming the target of an audited request.
std::string PathParamsText(const Request& request) {
  std::string text;
  for (const auto& [name, value] : request.path_params)
    text += (text.empty() ? "" : ",") + name + "=" + value;
  return text;
}

// Denials are audited (等保 L3-CES1-12: "permission denial"), in their own short transaction:
// by the access middleware and when a use case's finer check refuses (scope, four-eyes, team).
void AuditDenial(ApiServices& api, const app::Principal& who, const Request& request,
                 std::string_view reason) {
  const std::string route = request.method + " " + std::string(request.route);
  auto status = app::AppendAuditEntry(
      api.store, app::AuditEntryFor(who, std::time(nullptr), "access.denied", "route", route,
                                    domain::AuditOutcome::kDenied,
                                    {{"reason", reason}, {"params", PathParamsText(request)}}));
  if (!status.ok())
    spdlog::warn("could not audit a denial of {}: {}", route, status.error().message);
}

}  // namespace

void RegisterRoutes(Router& router, ApiServices& api) {
  // Parse the embedded checklists now, so a bad one stops the server at start-up, not mid-request.
  (void)app::BuiltinChecklists();

  // The access table at work: who the caller is, then whether the route's action is open to the
  // caller's role, before any handler (or its body parser) runs.
  router.Use([&api](Request& request, const Route& route) -> std::optional<Response> {
    if (!route.info.requires_auth) return std::nullopt;
    const SessionCredential credential = SessionCredentialOf(request);
    auto principal = api.auth.Authenticate(credential.token);
    if (!principal.ok()) return Response::FromError(principal.error());
    principal->client_address = request.client_address;
    request.user_id = principal->user_id.value;
    if (credential.from_cookie && IsWriteMethod(request.method) &&
        !SameSecret(request.Header("X-CSRF-Token"), app::CsrfTokenFor(credential.token))) {
      AuditDenial(api, *principal, request, "csrf");
      return Response::ErrorJson(403, "csrf",
                                 "缺少或错误的 X-CSRF-Token（浏览器会话的写操作须携带）");
    }
    ANJIAN_ASSERT(route.info.action.has_value() && "protected routes have an access-table action");
    if (!principal->restriction.empty() && *route.info.action != Action::kOwnAccount) {
      return Response::ErrorJson(403, principal->restriction,
                                 principal->restriction == "password_change_required"
                                     ? "请先修改密码（临时密码或密码已超过有效期）"
                                     : "请先绑定身份验证器（二次验证）");
    }
    if (!domain::MayPerform(principal->role, *route.info.action)) {
      AuditDenial(api, *principal, request,
                  std::string("role may not ") + std::string(domain::Code(*route.info.action)));
      return Response::FromError(Error::PermissionDenied(
          std::string("当前角色（") + std::string(domain::Label(principal->role)) +
          "）无权执行此操作"));
    }
    request.context = std::move(principal).value();
    return std::nullopt;
  });

  struct Row {
    std::optional<Action> action;  // nullopt: public
    const char* scope_rule;
    std::size_t body_limit = kJsonBodyLimit;
    const char* audited_read =
        nullptr;  // downloads whose every success is audited, e.g. "document.download"
  };
  // The route adapter: a handler's Error becomes its status and {"error":{"code","message"}}
  // body here, once for every route (error_mapping.cpp); then refusals and audited downloads are
  // accounted for.
  auto add = [&](const char* method, const char* path,
                 Result<Response> (*handler)(ApiServices&, Request&), const char* tag,
                 const char* summary, Row row) {
    const bool requires_auth = row.action.has_value();
    const char* audited_read = row.audited_read;
    router.Add(
        method, path,
        [&api, handler, audited_read](Request& request) {
          Result<Response> result = handler(api, request);
          Response response =
              result.ok() ? std::move(result).value() : Response::FromError(result.error());
          if (request.context.has_value()) {
            const auto& who = PrincipalOf(request);
            if (response.status == 403) {
              AuditDenial(api, who, request, "use case refused");
            } else if (audited_read != nullptr && response.status < 300) {
              auto status = app::AppendAuditEntry(
                  api.store,
                  app::AuditEntryFor(who, std::time(nullptr), audited_read, "route",
                                     PathParamsText(request), domain::AuditOutcome::kSuccess,
                                     {{"path", request.path}, {"bytes", response.body.size()}}));
              // A download that cannot be accounted for is not handed out.
              if (!status.ok()) return Response::FromError(status.error());
            }
          }
          return response;
        },
        RouteInfo{summary, requires_auth, tag, row.action, row.scope_rule, row.body_limit});
  };
  constexpr std::size_t kUploadLimit = 12u << 20;
  constexpr std::size_t kImportLimit = 64u << 20;
  // A drawn signature: the PNG data URL is at most 2,000,000 characters (inspection_support).
  constexpr std::size_t kSignatureLimit = 2u << 20;

  router.Add(
      "GET", "/api/v1/health",
      [&api](Request&) {
        return Response::Json(200, {{"status", "ok"},
                                    {"store", api.store.Kind()},
                                    {"version", api.version},
                                    {"demo", api.demo}});
      },
      RouteInfo{"健康检查", false, "meta", std::nullopt, "public"});
  router.Add(
      "GET", "/api/openapi.json",
      [](Request&) {
        Response response;
        response.body = std::string(OpenApiDocument());
        return response;
      },
      RouteInfo{"OpenAPI 3 文档", false, "meta"});

  // Outside /api so that a proxy forwarding /api/ does not expose it; access is checked in
  // ServeMetrics (loopback or the metrics token), not by the login middleware.
  if (api.metrics != nullptr) {
    api.metrics->AddCollector(StoreMetricsCollector(api.store));
    router.Add(
        "GET", "/metrics",
        [&api](Request& request) { return ServeMetrics(*api.metrics, request, api.metrics_token); },
        RouteInfo{"Prometheus 监控指标（本机或监控令牌）", false, "meta"});
  }

  add("GET", "/api/v1/setup", handlers::SetupStatus, "setup", "是否已初始化（库中已有街道）",
      Row{std::nullopt, "public"});
  add("POST", "/api/v1/setup", handlers::Setup, "setup",
      "首次使用：建立区县、街道与业务/安全管理员账号（须带服务器启动时打印的设置码）",
      Row{std::nullopt, "public; setup code printed on the server console", kLoginBodyLimit});
  add("POST", "/api/v1/auth/login", handlers::Login, "auth", "登录，返回 bearer token",
      Row{std::nullopt, "public", kLoginBodyLimit});
  add("POST", "/api/v1/auth/logout", handlers::Logout, "auth", "退出登录",
      Row{Action::kOwnAccount, "own_account"});
  add("GET", "/api/v1/auth/me", handlers::Me, "auth", "当前用户",
      Row{Action::kOwnAccount, "own_account"});

  add("GET", "/api/v1/units", handlers::ListUnits, "units", "单位台账分页查询",
      Row{Action::kReadRegistry, "jurisdiction; enterprise: own unit"});
  add("POST", "/api/v1/units", handlers::CreateUnit, "units", "新增单位",
      Row{Action::kWriteRegistry, "jurisdiction"});
  add("GET", "/api/v1/units/{id}", handlers::GetUnit, "units", "单位详情",
      Row{Action::kReadRegistry, "jurisdiction; enterprise: own unit"});
  add("GET", "/api/v1/stats/registry", handlers::UnitStats, "units",
      "辖区单位统计（按风险、等级、状态、社区）", Row{Action::kReadRegistry, "jurisdiction"});
  add("PUT", "/api/v1/units/{id}", handlers::UpdateUnit, "units", "修改单位（须带 version）",
      Row{Action::kWriteRegistry, "jurisdiction"});
  add("DELETE", "/api/v1/units/{id}", handlers::DeleteUnit, "units", "删除单位（须带 version）",
      Row{Action::kWriteRegistry, "jurisdiction"});
  add("GET", "/api/v1/units/{id}/history", handlers::UnitHistory, "units", "单位变更历史",
      Row{Action::kReadRegistry, "jurisdiction; enterprise: own unit"});

  add("GET", "/api/v1/inspectors", handlers::ListInspectors, "inspectors", "执法检查人员分页查询",
      Row{Action::kReadRoster, "jurisdiction"});
  add("POST", "/api/v1/inspectors", handlers::CreateInspector, "inspectors", "新增人员",
      Row{Action::kWriteRoster, "jurisdiction"});
  add("GET", "/api/v1/inspectors/{id}", handlers::GetInspector, "inspectors", "人员详情",
      Row{Action::kReadRoster, "jurisdiction"});
  add("PUT", "/api/v1/inspectors/{id}", handlers::UpdateInspector, "inspectors",
      "修改人员（须带 version）", Row{Action::kWriteRoster, "jurisdiction"});
  add("DELETE", "/api/v1/inspectors/{id}", handlers::DeleteInspector, "inspectors",
      "删除人员（须带 version）", Row{Action::kWriteRoster, "jurisdiction"});

  add("GET", "/api/v1/regions", handlers::ListRegions, "regions", "区划树（管辖范围内）",
      Row{Action::kReadRegions, "jurisdiction"});
  add("POST", "/api/v1/regions", handlers::CreateRegion, "regions", "新增区划",
      Row{Action::kWriteRegistry, "jurisdiction"});
  add("GET", "/api/v1/regions/{id}", handlers::GetRegion, "regions", "区划详情",
      Row{Action::kReadRegions, "jurisdiction"});
  add("PUT", "/api/v1/regions/{id}", handlers::UpdateRegion, "regions",
      "修改区划名称/代码（须带 version）", Row{Action::kWriteRegistry, "jurisdiction"});
  add("DELETE", "/api/v1/regions/{id}", handlers::DeleteRegion, "regions",
      "删除空区划（须带 version）", Row{Action::kWriteRegistry, "jurisdiction"});

  add("POST", "/api/v1/imports/{kind}", handlers::ImportFile, "imports",
      "导入 xlsx/csv（multipart，dry_run=1 试导入）",
      Row{Action::kImport, "jurisdiction", kImportLimit});
  add("GET", "/api/v1/imports", handlers::ListImports, "imports", "最近导入记录",
      Row{Action::kImport, "jurisdiction"});
  add("GET", "/api/v1/exports/{file}", handlers::ExportFile, "exports",
      "导出 units.xlsx / inspectors.xlsx（或 .csv）",
      Row{Action::kExport, "jurisdiction", kJsonBodyLimit, "export.download"});
  add("GET", "/api/v1/policies", handlers::ListPolicies, "plans", "检查策略预设列表",
      Row{Action::kReadPlans, "public data"});
  add("GET", "/api/v1/policies/{name}", handlers::GetPolicy, "plans", "检查策略预设内容（JSON）",
      Row{Action::kReadPlans, "public data"});
  add("GET", "/api/v1/calendar/{year}", handlers::GetCalendar, "plans", "法定节假日与工作日",
      Row{Action::kReadPlans, "public data"});
  add("POST", "/api/v1/plans/commitments", handlers::CommitSeed, "plans",
      "抽取前登记随机种子的 SHA-256 承诺", Row{Action::kCompilePlan, "jurisdiction"});
  add("POST", "/api/v1/plans/preview", handlers::PreviewPlan, "plans",
      "预览检查能力与需求（不保存）",
      Row{Action::kCompilePlan, "jurisdiction", kJsonBodyLimit, "plan.preview"});
  add("POST", "/api/v1/plans", handlers::CompilePlan, "plans", "编制年度计划（抽取并排期）",
      Row{Action::kCompilePlan, "jurisdiction"});
  add("GET", "/api/v1/plans", handlers::ListPlans, "plans", "计划列表",
      Row{Action::kReadPlans, "jurisdiction and above"});
  add("GET", "/api/v1/plans/{id}", handlers::GetPlan, "plans",
      "计划概要（能力、缺口、抽取、负荷、领导配额、流转记录）",
      Row{Action::kReadPlans, "jurisdiction and above"});
  add("GET", "/api/v1/plans/{id}/items", handlers::PlanItems, "plans",
      "计划检查项（按月、类型、人员、单位、社区筛选，分页）",
      Row{Action::kReadPlans, "items of units inside the jurisdiction"});
  add("GET", "/api/v1/plans/{id}/not-planned", handlers::PlanNotPlanned, "plans",
      "未列入计划的单位及原因", Row{Action::kReadPlans, "units inside the jurisdiction"});
  add("GET", "/api/v1/plans/{id}/explain", handlers::ExplainPlanUnit, "plans",
      "说明某单位为何列入或未列入计划", Row{Action::kReadPlans, "units inside the jurisdiction"});
  add("POST", "/api/v1/plans/{id}/verify", handlers::VerifyPlan, "plans",
      "用公布的种子重新抽取并核对",
      Row{Action::kReadPlans, "jurisdiction and above", kJsonBodyLimit, "plan.verify"});
  add("POST", "/api/v1/plans/{id}/transitions", handlers::TransitionPlan, "plans",
      "报批、批准、退回、发布施行（须带 version）",
      Row{Action::kReadPlans,
          "plan inside the jurisdiction; submit: compile_plan, approve/reject/enact: approve_plan "
          "by another account"});
  add("POST", "/api/v1/plans/{id}/adjustments", handlers::AdjustPlan, "plans",
      "调整计划（新版本；重大调整须30日内重新报批）",
      Row{Action::kCompilePlan, "plan inside the jurisdiction"});
  add("GET", "/api/v1/plans/{id}/revisions", handlers::PlanRevisions, "plans",
      "计划的各版本及调整差异", Row{Action::kReadPlans, "jurisdiction and above"});
  add("GET", "/api/v1/plans/{id}/export/{file}", handlers::ExportPlan, "plans",
      "下载 plan.pdf、items.xlsx、plan.json",
      Row{Action::kExport, "plan inside the jurisdiction", kJsonBodyLimit, "plan.download"});
  add("GET", "/api/v1/hazards", handlers::ListHazards, "hazards",
      "隐患台账（状态、等级、逾期、临期筛选，按状态计数）",
      Row{Action::kReadHazards, "jurisdiction; enterprise: own unit"});
  add("POST", "/api/v1/hazards", handlers::RegisterHazard, "hazards", "登记隐患",
      Row{Action::kRegisterHazard, "jurisdiction"});
  add("GET", "/api/v1/hazards/{id}", handlers::GetHazard, "hazards", "隐患详情与处置时间线",
      Row{Action::kReadHazards, "jurisdiction; enterprise: own unit"});
  add("POST", "/api/v1/hazards/{id}/transitions", handlers::TransitionHazard, "hazards",
      "隐患闭环流转（须带 version）",
      Row{Action::kReadHazards, "jurisdiction; enterprise: own unit; each step by its role"});
  add("GET", "/api/v1/reminders", handlers::HazardReminders, "hazards",
      "整改提醒：逾期与三日内到期的隐患（辖区与本人）", Row{Action::kReadHazards, "jurisdiction"});
  add("POST", "/api/v1/jobs/overdue", handlers::RunOverdueJob, "hazards",
      "立即运行逾期检查（管理员）", Row{Action::kRunJobs, "system"});

  add("GET", "/api/v1/tasks", handlers::ListTasks, "inspections",
      "检查任务（mine=1 我的任务；from/to/status/kind/unit_id）",
      Row{Action::kReadInspections,
          "jurisdiction; covert tasks hidden until done for non-enforcement roles"});
  add("POST", "/api/v1/tasks", handlers::CreateTask, "inspections",
      "新建检查任务（专项、联合、暗查暗访、举报核查、复查、领导带队）",
      Row{Action::kInspect, "jurisdiction"});
  add("GET", "/api/v1/tasks/{id}", handlers::GetTask, "inspections", "检查任务详情与检查记录版本",
      Row{Action::kReadInspections, "jurisdiction; covert tasks hidden until done"});
  add("POST", "/api/v1/tasks/{id}/cancel", handlers::CancelTask, "inspections",
      "取消检查任务（须带 version）", Row{Action::kInspect, "jurisdiction"});
  add("GET", "/api/v1/tasks/{id}/signatures", handlers::ListSignatures, "inspections",
      "检查组成员签字（每人绑定本人账号：本人账号签字或本设备验证身份后签字）",
      Row{Action::kInspect, "jurisdiction"});
  add("POST", "/api/v1/tasks/{id}/signatures", handlers::AttestSignature, "inspections",
      "检查组成员签字：本人账号中签字，或在提交人设备上以密码/一次性验证码验证身份后签字",
      Row{Action::kInspect, "team members of the task; another member re-authenticates",
          kSignatureLimit});
  add("POST", "/api/v1/tasks/{id}/records", handlers::SubmitRecord, "inspections",
      "提交已签字的现场检查记录（须带 Idempotency-Key）",
      Row{Action::kInspect, "team members of the task", kUploadLimit});
  add("POST", "/api/v1/plans/{id}/tasks", handlers::CreateTasksFromPlan, "inspections",
      "由已审批计划生成检查任务",
      Row{Action::kInspect, "plan inside the jurisdiction; units inside it"});
  add("GET", "/api/v1/records/{id}", handlers::GetRecord, "inspections",
      "现场检查记录（含版本链与文书）",
      Row{Action::kReadInspections, "jurisdiction; enterprise: own unit"});
  add("POST", "/api/v1/records/{id}/corrections", handlers::CorrectRecord, "inspections",
      "更正检查记录（新版本，须带 Idempotency-Key）",
      Row{Action::kInspect, "team members of the task", kUploadLimit});
  add("POST", "/api/v1/uploads", handlers::UploadFile, "inspections",
      "上传照片（JPEG/PNG，≤10 MB，按内容寻址）",
      Row{Action::kReadInspections, "inspect or self_inspect", kUploadLimit});
  add("GET", "/api/v1/uploads/{sha256}", handlers::GetUpload, "inspections", "读取照片或签字图像",
      Row{Action::kReadInspections, "uploader, or who sees the record citing it", kJsonBodyLimit,
          "upload.download"});
  add("GET", "/api/v1/documents", handlers::ListDocuments, "inspections", "执法文书列表",
      Row{Action::kReadInspections, "jurisdiction; enterprise: own unit"});
  add("GET", "/api/v1/documents/{id}/pdf", handlers::DocumentPdf, "inspections",
      "执法文书 PDF（含核验二维码）",
      Row{Action::kReadInspections, "jurisdiction; enterprise: own unit", kJsonBodyLimit,
          "document.download"});
  add("GET", "/api/v1/verify/{id}", handlers::VerifyDocumentJson, "inspections",
      "文书核验（无需登录，仅关键信息）", Row{std::nullopt, "public (key facts only)"});
  add("GET", "/verify/{id}", handlers::VerifyDocumentPage, "inspections",
      "文书核验页面（扫码打开，无需登录）", Row{std::nullopt, "public (key facts only)"});

  add("GET", "/api/v1/self-inspections", handlers::ListSelfInspections, "enterprise",
      "企业自查记录", Row{Action::kReadInspections, "jurisdiction; enterprise: own unit"});
  add("POST", "/api/v1/self-inspections", handlers::SubmitSelfInspection, "enterprise",
      "提交企业自查（日常检查／定期自查，定期自查须主要负责人签字）",
      Row{Action::kSelfInspect, "own unit"});
  add("GET", "/api/v1/notices", handlers::ListNotices, "enterprise",
      "公开信等通知（企业：含本单位是否已签收）",
      Row{Action::kReadInspections, "jurisdiction; enterprise: own unit"});
  add("POST", "/api/v1/notices", handlers::PublishNotice, "enterprise", "发布通知（公开信）",
      Row{Action::kPublishNotice, "jurisdiction"});
  add("POST", "/api/v1/notices/{id}/receipts", handlers::SignNotice, "enterprise",
      "企业签收通知（签字）", Row{Action::kSelfInspect, "own unit"});
  add("GET", "/api/v1/notices/{id}/receipts", handlers::NoticeReceipts, "enterprise",
      "通知签收情况与签收率",
      Row{Action::kReadRegistry, "the part of the notice inside the jurisdiction"});
  add("GET", "/api/v1/checklists", handlers::ListChecklists, "inspections",
      "检查表列表（各表最新版本）", Row{Action::kReadInspections, "public data"});
  add("GET", "/api/v1/checklists/{id}", handlers::GetChecklist, "inspections",
      "检查表内容（version=N 取历史版本）", Row{Action::kReadInspections, "public data"});
  add("GET", "/api/v1/users", handlers::ListUsers, "accounts", "账号列表（安全管理员，管辖范围内）",
      Row{Action::kManageUsers, "accounts inside the jurisdiction"});
  add("POST", "/api/v1/users", handlers::CreateUser, "accounts",
      "新建账号（返回一次性临时密码，首次登录须修改）",
      Row{Action::kManageUsers, "accounts inside the jurisdiction"});
  add("PUT", "/api/v1/users/{id}", handlers::UpdateUser, "accounts",
      "修改账号：角色、管辖区划、停用（须带 version）",
      Row{Action::kManageUsers, "accounts inside the jurisdiction"});
  add("POST", "/api/v1/users/{id}/password-reset", handlers::ResetUserPassword, "accounts",
      "重置密码（临时密码）", Row{Action::kManageUsers, "accounts inside the jurisdiction"});
  add("POST", "/api/v1/users/{id}/unlock", handlers::UnlockUser, "accounts", "解除登录锁定",
      Row{Action::kManageUsers, "accounts inside the jurisdiction"});
  add("GET", "/api/v1/users/{id}/sessions", handlers::UserSessions, "accounts", "账号的登录会话",
      Row{Action::kManageUsers, "accounts inside the jurisdiction"});
  add("DELETE", "/api/v1/users/{id}/sessions/{session_id}", handlers::RevokeUserSession, "accounts",
      "结束账号的某个会话", Row{Action::kManageUsers, "accounts inside the jurisdiction"});
  add("POST", "/api/v1/auth/password", handlers::ChangeOwnPassword, "auth", "修改本人密码",
      Row{Action::kOwnAccount, "own_account", kLoginBodyLimit});
  add("GET", "/api/v1/auth/sessions", handlers::OwnSessions, "auth", "本人的登录会话",
      Row{Action::kOwnAccount, "own_account"});
  add("DELETE", "/api/v1/auth/sessions/{session_id}", handlers::RevokeOwnSession, "auth",
      "结束本人的某个会话", Row{Action::kOwnAccount, "own_account"});
  add("POST", "/api/v1/auth/totp/enrol", handlers::EnrolTotp, "auth",
      "开始绑定身份验证器（TOTP，返回密钥与二维码）",
      Row{Action::kOwnAccount, "own_account", kLoginBodyLimit});
  add("POST", "/api/v1/auth/totp/confirm", handlers::ConfirmTotp, "auth",
      "以一次性验证码确认开启二次验证", Row{Action::kOwnAccount, "own_account", kLoginBodyLimit});

  add("GET", "/api/v1/audit", handlers::ListAudit, "audit",
      "审计日志（审计员；按账号、操作、对象、时间、结果筛选）",
      Row{Action::kReadAudit, "whole log"});
  add("GET", "/api/v1/audit/anchors", handlers::AuditAnchors, "audit",
      "审计链每日链头哈希（可抄送留存）", Row{Action::kReadAudit, "whole log"});
  add("GET", "/api/v1/audit/export", handlers::ExportAudit, "audit",
      "导出审计日志（xlsx 或 jsonl）", Row{Action::kReadAudit, "whole log"});
  add("GET", "/api/v1/templates/{file}", handlers::TemplateFile, "exports",
      "下载导入模板 units.xlsx / inspectors.xlsx", Row{Action::kImport, "public data"});
  // The access table itself, for the web app and the generated matrix test (docs/security.md).
  router.Add(
      "GET", "/api/v1/meta/access",
      [&router](Request&) {
        nlohmann::json routes = nlohmann::json::array();
        for (const auto& route : router.routes()) {
          nlohmann::json roles = nlohmann::json::array();
          if (route.info.action) {
            for (const auto& role : domain::UserRoles()) {
              if (domain::MayPerform(role.value, *route.info.action))
                roles.push_back(std::string(role.code));
            }
          }
          routes.push_back(
              {{"method", route.method},
               {"path", route.pattern},
               {"action", route.info.action ? std::string(domain::Code(*route.info.action)) : ""},
               {"public", !route.info.requires_auth},
               {"roles", roles},
               {"scope", route.info.scope_rule},
               {"body_limit", route.info.body_limit}});
        }
        return Response::Json(200, {{"routes", routes}});
      },
      RouteInfo{"访问控制表（路由 × 角色 → 是否允许，及数据范围规则）", true, "meta",
                Action::kOwnAccount, "own_account"});
  for (const auto& route : router.routes()) {
    ANJIAN_ASSERT((!route.info.requires_auth || route.info.action.has_value()) &&
                  "every protected route has a row in the access table");
  }
}

}  // namespace anjian::http
