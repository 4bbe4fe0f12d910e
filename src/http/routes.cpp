// The whole route table of /api: method, path, handler, whether it needs a login.
// tests/http/openapi_test checks that every route here is documented in openapi.json.
#include "app/checklist_catalog.hpp"
#include "http/handlers/handlers.hpp"
#include "http/metrics_endpoint.hpp"
#include "http/store_metrics.hpp"

namespace anjian::http {
namespace {


std::string BearerToken(const Request& request) {
  const std::string header = request.Header("Authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (header.size() <= kPrefix.size() || !header.starts_with(kPrefix)) return {};
  return header.substr(kPrefix.size());
}

}  // namespace

void RegisterRoutes(Router& router, ApiServices& api) {
  // Parse the embedded checklists now, so a bad one stops the server at start-up, not mid-request.
  (void)app::BuiltinChecklists();

  router.Use([&api](Request& request, const Route& route) -> std::optional<Response> {
    if (!route.info.requires_auth) return std::nullopt;
    auto principal = api.auth.Authenticate(BearerToken(request));
    if (!principal.ok()) return Response::FromError(principal.error());
    request.user_id = principal->user_id.value;
    request.context = std::move(principal).value();
    return std::nullopt;
  });

  auto add = [&](const char* method, const char* path, Response (*handler)(ApiServices&, Request&),
                 const char* tag, const char* summary, bool requires_auth = true) {
    router.Add(method, path, [&api, handler](Request& request) { return handler(api, request); },
               RouteInfo{summary, requires_auth, tag});
  };

  router.Add("GET", "/api/v1/health",
             [&api](Request&) {
               return Response::Json(200, {{"status", "ok"}, {"store", api.store.Kind()}, {"version", api.version}});
             },
             RouteInfo{"健康检查", false, "meta"});
  router.Add("GET", "/api/openapi.json",
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
    router.Add("GET", "/metrics",
               [&api](Request& request) { return ServeMetrics(*api.metrics, request, api.metrics_token); },
               RouteInfo{"Prometheus 监控指标（本机或监控令牌）", false, "meta"});
  }

  add("POST", "/api/v1/auth/login", handlers::Login, "auth", "登录，返回 bearer token", false);
  add("POST", "/api/v1/auth/logout", handlers::Logout, "auth", "退出登录");
  add("GET", "/api/v1/auth/me", handlers::Me, "auth", "当前用户");

  add("GET", "/api/v1/units", handlers::ListUnits, "units", "单位台账分页查询");
  add("POST", "/api/v1/units", handlers::CreateUnit, "units", "新增单位");
  add("GET", "/api/v1/units/{id}", handlers::GetUnit, "units", "单位详情");
  add("GET", "/api/v1/stats/registry", handlers::UnitStats, "units", "辖区单位统计（按风险、等级、状态、社区）");
  add("PUT", "/api/v1/units/{id}", handlers::UpdateUnit, "units", "修改单位（须带 version）");
  add("DELETE", "/api/v1/units/{id}", handlers::DeleteUnit, "units", "删除单位（须带 version）");
  add("GET", "/api/v1/units/{id}/history", handlers::UnitHistory, "units", "单位变更历史");

  add("GET", "/api/v1/inspectors", handlers::ListInspectors, "inspectors", "执法检查人员分页查询");
  add("POST", "/api/v1/inspectors", handlers::CreateInspector, "inspectors", "新增人员");
  add("GET", "/api/v1/inspectors/{id}", handlers::GetInspector, "inspectors", "人员详情");
  add("PUT", "/api/v1/inspectors/{id}", handlers::UpdateInspector, "inspectors", "修改人员（须带 version）");
  add("DELETE", "/api/v1/inspectors/{id}", handlers::DeleteInspector, "inspectors", "删除人员（须带 version）");

  add("GET", "/api/v1/regions", handlers::ListRegions, "regions", "区划树（管辖范围内）");
  add("POST", "/api/v1/regions", handlers::CreateRegion, "regions", "新增区划");
  add("GET", "/api/v1/regions/{id}", handlers::GetRegion, "regions", "区划详情");
  add("PUT", "/api/v1/regions/{id}", handlers::UpdateRegion, "regions", "修改区划名称/代码（须带 version）");
  add("DELETE", "/api/v1/regions/{id}", handlers::DeleteRegion, "regions", "删除空区划（须带 version）");

  add("POST", "/api/v1/imports/{kind}", handlers::ImportFile, "imports", "导入 xlsx/csv（multipart，dry_run=1 试导入）");
  add("GET", "/api/v1/imports", handlers::ListImports, "imports", "最近导入记录");
  add("GET", "/api/v1/exports/{file}", handlers::ExportFile, "exports", "导出 units.xlsx / inspectors.xlsx（或 .csv）");
  add("GET", "/api/v1/policies", handlers::ListPolicies, "plans", "检查策略预设列表");
  add("GET", "/api/v1/policies/{name}", handlers::GetPolicy, "plans", "检查策略预设内容（JSON）");
  add("GET", "/api/v1/calendar/{year}", handlers::GetCalendar, "plans", "法定节假日与工作日");
  add("POST", "/api/v1/plans/commitments", handlers::CommitSeed, "plans", "抽取前登记随机种子的 SHA-256 承诺");
  add("POST", "/api/v1/plans/preview", handlers::PreviewPlan, "plans", "预览检查能力与需求（不保存）");
  add("POST", "/api/v1/plans", handlers::CompilePlan, "plans", "编制年度计划（抽取并排期）");
  add("GET", "/api/v1/plans", handlers::ListPlans, "plans", "计划列表");
  add("GET", "/api/v1/plans/{id}", handlers::GetPlan, "plans", "计划概要（能力、缺口、抽取、负荷、领导配额、流转记录）");
  add("GET", "/api/v1/plans/{id}/items", handlers::PlanItems, "plans", "计划检查项（按月、类型、人员、单位、社区筛选，分页）");
  add("GET", "/api/v1/plans/{id}/not-planned", handlers::PlanNotPlanned, "plans", "未列入计划的单位及原因");
  add("GET", "/api/v1/plans/{id}/explain", handlers::ExplainPlanUnit, "plans", "说明某单位为何列入或未列入计划");
  add("POST", "/api/v1/plans/{id}/verify", handlers::VerifyPlan, "plans", "用公布的种子重新抽取并核对");
  add("POST", "/api/v1/plans/{id}/transitions", handlers::TransitionPlan, "plans", "报批、批准、退回、发布施行（须带 version）");
  add("POST", "/api/v1/plans/{id}/adjustments", handlers::AdjustPlan, "plans", "调整计划（新版本；重大调整须30日内重新报批）");
  add("GET", "/api/v1/plans/{id}/revisions", handlers::PlanRevisions, "plans", "计划的各版本及调整差异");
  add("GET", "/api/v1/plans/{id}/export/{file}", handlers::ExportPlan, "plans", "下载 plan.pdf、items.xlsx、plan.json");
  add("GET", "/api/v1/hazards", handlers::ListHazards, "hazards", "隐患台账（状态、等级、逾期、临期筛选，按状态计数）");
  add("POST", "/api/v1/hazards", handlers::RegisterHazard, "hazards", "登记隐患");
  add("GET", "/api/v1/hazards/{id}", handlers::GetHazard, "hazards", "隐患详情与处置时间线");
  add("POST", "/api/v1/hazards/{id}/transitions", handlers::TransitionHazard, "hazards", "隐患闭环流转（须带 version）");
  add("GET", "/api/v1/reminders", handlers::HazardReminders, "hazards", "整改提醒：逾期与三日内到期的隐患（辖区与本人）");
  add("POST", "/api/v1/jobs/overdue", handlers::RunOverdueJob, "hazards", "立即运行逾期检查（管理员）");

  add("GET", "/api/v1/tasks", handlers::ListTasks, "inspections", "检查任务（mine=1 我的任务；from/to/status/kind/unit_id）");
  add("POST", "/api/v1/tasks", handlers::CreateTask, "inspections", "新建检查任务（专项、联合、暗查暗访、举报核查、复查、领导带队）");
  add("GET", "/api/v1/tasks/{id}", handlers::GetTask, "inspections", "检查任务详情与检查记录版本");
  add("POST", "/api/v1/tasks/{id}/cancel", handlers::CancelTask, "inspections", "取消检查任务（须带 version）");
  add("POST", "/api/v1/tasks/{id}/records", handlers::SubmitRecord, "inspections", "提交已签字的现场检查记录（须带 Idempotency-Key）");
  add("POST", "/api/v1/plans/{id}/tasks", handlers::CreateTasksFromPlan, "inspections", "由已审批计划生成检查任务");
  add("GET", "/api/v1/records/{id}", handlers::GetRecord, "inspections", "现场检查记录（含版本链与文书）");
  add("POST", "/api/v1/records/{id}/corrections", handlers::CorrectRecord, "inspections", "更正检查记录（新版本，须带 Idempotency-Key）");
  add("POST", "/api/v1/uploads", handlers::UploadFile, "inspections", "上传照片（JPEG/PNG，≤10 MB，按内容寻址）");
  add("GET", "/api/v1/uploads/{sha256}", handlers::GetUpload, "inspections", "读取照片或签字图像");
  add("GET", "/api/v1/documents", handlers::ListDocuments, "inspections", "执法文书列表");
  add("GET", "/api/v1/documents/{id}/pdf", handlers::DocumentPdf, "inspections", "执法文书 PDF（含核验二维码）");
  add("GET", "/api/v1/verify/{id}", handlers::VerifyDocumentJson, "inspections", "文书核验（无需登录，仅关键信息）", false);
  add("GET", "/verify/{id}", handlers::VerifyDocumentPage, "inspections", "文书核验页面（扫码打开，无需登录）", false);

  add("GET", "/api/v1/self-inspections", handlers::ListSelfInspections, "enterprise", "企业自查记录");
  add("POST", "/api/v1/self-inspections", handlers::SubmitSelfInspection, "enterprise", "提交企业自查（日常检查／定期自查，定期自查须主要负责人签字）");
  add("GET", "/api/v1/notices", handlers::ListNotices, "enterprise", "公开信等通知（企业：含本单位是否已签收）");
  add("POST", "/api/v1/notices", handlers::PublishNotice, "enterprise", "发布通知（公开信）");
  add("POST", "/api/v1/notices/{id}/receipts", handlers::SignNotice, "enterprise", "企业签收通知（签字）");
  add("GET", "/api/v1/notices/{id}/receipts", handlers::NoticeReceipts, "enterprise", "通知签收情况与签收率");
  add("GET", "/api/v1/checklists", handlers::ListChecklists, "inspections", "检查表列表（各表最新版本）");
  add("GET", "/api/v1/checklists/{id}", handlers::GetChecklist, "inspections", "检查表内容（version=N 取历史版本）");
  add("GET", "/api/v1/templates/{file}", handlers::TemplateFile, "exports", "下载导入模板 units.xlsx / inspectors.xlsx");
}

}  // namespace anjian::http
