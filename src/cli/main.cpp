// anjian: the one binary (serve, demo, import, export, template, user, backup, restore, plan).
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/migrate_command.hpp"
#include "http/log_format.hpp"

#if defined(__SANITIZE_ADDRESS__)
// Test builds only: cairo 1.16 leaks 768 bytes per embedded font per PDF inside
// cairo_surface_finish, and fontconfig's caches outlive main
// (tests/support/pdf_leak_suppressions.cpp).
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libcairo.so\n"
         "leak:libfontconfig.so\n";
}
#endif

int main(int argc, char** argv) {
  using namespace anjian::cli;
  CLI::App app{"Anjian 安监 — 安全生产监督检查管理平台"};
  app.require_subcommand(1);

  ServeOptions serve;
  auto* serve_cmd = app.add_subcommand("serve", "启动 Web 服务 (start the HTTP server)");
  serve_cmd->add_option("--db", serve.db, "数据库：SQLite 文件路径")->capture_default_str();
  serve_cmd->add_option("--port", serve.port, "端口（0 = 随机）")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  serve_cmd->add_option("--address", serve.address, "监听地址")->capture_default_str();
  serve_cmd->add_flag("--demo", serve.demo, "空库时写入演示数据（解放街道 2,370 户）");
  serve_cmd->add_option("--web-root", serve.web_root, "前端构建目录（web/dist）");
  serve_cmd->add_option("--body-limit-mb", serve.body_limit_mb, "请求体上限 MB")
      ->capture_default_str();
  serve_cmd->add_option("--threads", serve.threads, "I/O 线程数（0 = 按 CPU）");
  serve_cmd->add_option("--calendar", serve.calendar, "法定节假日日历文件（缺省：内置 2024–2026）");
  serve_cmd->add_option("--files", serve.files_dir,
                        "照片与签字文件目录（缺省：数据库文件名 + .files）");
  serve_cmd->add_option("--public-url", serve.public_url,
                        "对外访问地址，用于文书二维码核验链接（缺省：http://地址:端口）");
  serve_cmd->add_option("--document-prefix", serve.document_prefix,
                        "文书编号机关代字，如 （街）（缺省：发文街道名称首字）");
  serve_cmd
      ->add_option("--page-cache-entries", serve.page_cache_entries, "列表页缓存条数（0 = 关闭）")
      ->capture_default_str();
  serve_cmd
      ->add_option("--log-format", serve.log_format,
                   "日志格式：text | json（每行一个 JSON 对象，含访问日志）")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "json"}));
  serve_cmd
      ->add_option(
          "--trusted-proxy", serve.trusted_proxies,
          "反向代理地址（可多个）：只信任这些地址发来的 X-Forwarded-For（缺省 127.0.0.1 ::1）")
      ->capture_default_str();
  serve_cmd
      ->add_option("--metrics-token", serve.metrics_token,
                   "允许非本机访问 /metrics 的 Bearer 令牌（缺省：仅本机；也可用环境变量 "
                   "ANJIAN_METRICS_TOKEN）")
      ->envname("ANJIAN_METRICS_TOKEN");
  serve_cmd->add_flag("--require-mfa", serve.require_mfa,
                      "管理员和安全管理员须绑定身份验证器（TOTP 二次验证）");
  serve_cmd
      ->add_option("--idle-timeout-minutes", serve.idle_timeout_minutes,
                   "会话闲置超时（分钟，默认 30）")
      ->check(CLI::Range(1, 24 * 60));
  serve_cmd
      ->add_option("--max-sessions", serve.max_sessions, "每个账号同时在线的会话数上限（默认 5）")
      ->check(CLI::Range(1, 100));
  serve_cmd
      ->add_option("--password-max-age-days", serve.password_max_age_days,
                   "密码最长使用天数（默认 180，0 为不限）")
      ->check(CLI::Range(0, 3650));

  std::string demo_db;
  DemoOptions demo;
  auto* demo_cmd = app.add_subcommand("demo", "在空库中写入演示数据");
  demo_cmd->add_option("--db", demo_db, "SQLite 文件路径")->required();
  // A second demo street of the same district, e.g. to try `anjian migrate` into a district
  // database that already holds the first (docs/deployment.md).
  demo_cmd->add_option("--street", demo.identity.street_name, "街道名称（默认 解放街道）");
  demo_cmd->add_option("--street-code", demo.identity.street_code, "街道代码（9 位）");
  demo_cmd->add_option("--username-prefix", demo.identity.username_prefix,
                       "演示账号用户名前缀（如 xh- 得 xh-admin）");
  demo_cmd->add_option("--employee-prefix", demo.identity.employee_prefix,
                       "执法人员工号前缀（默认 JF）");
  demo_cmd
      ->add_option("--unit-code-block", demo.identity.unit_code_block,
                   "统一社会信用代码段（0–30；不同街道用不同段，代码互不重复）")
      ->check(CLI::Range(0, ::anjian::app::kMaxDemoUnitCodeBlock));
  demo_cmd->add_option("--seed", demo.seed, "随机种子（默认 2024）");

  ImportCommandOptions import;
  auto* import_cmd = app.add_subcommand("import", "导入单位或人员（xlsx/csv，原子）");
  import_cmd->add_option("kind", import.kind, "units | inspectors")
      ->required()
      ->check(CLI::IsMember({"units", "inspectors"}));
  import_cmd->add_option("--db", import.db, "SQLite 文件路径")->required();
  import_cmd->add_option("--street", import.street, "导入到的街道名称");
  import_cmd->add_flag("--dry-run", import.dry_run, "只检查，不写入");
  import_cmd->add_flag("--json", import.json, "错误以 JSON 数组输出");
  import_cmd->add_option("file", import.file, "xlsx 或 csv 文件")->required();

  std::string export_kind, export_db, export_out;
  auto* export_cmd = app.add_subcommand("export", "导出单位或人员");
  export_cmd->add_option("kind", export_kind, "units | inspectors")
      ->required()
      ->check(CLI::IsMember({"units", "inspectors"}));
  export_cmd->add_option("--db", export_db, "SQLite 文件路径")->required();
  export_cmd->add_option("--out", export_out, "输出文件 .xlsx 或 .csv")->required();

  std::string template_kind, template_out;
  auto* template_cmd = app.add_subcommand("template", "生成导入模板");
  template_cmd->add_option("kind", template_kind, "units | inspectors")
      ->required()
      ->check(CLI::IsMember({"units", "inspectors"}));
  template_cmd->add_option("--out", template_out, "输出文件 .xlsx 或 .csv")->required();

  InitOptions init;
  auto* init_cmd = app.add_subcommand(
      "init", "首次使用：在空库中建立区县与街道，并创建业务管理员和安全管理员账号");
  init_cmd->add_option("--db", init.db, "SQLite 文件路径或 postgresql:// 连接串")->required();
  init_cmd->add_option("--district", init.district, "区县名称")->required();
  init_cmd->add_option("--district-code", init.district_code, "区县6位行政区划代码（GB/T 2260）");
  init_cmd->add_option("--street", init.street, "街道（乡镇）名称")->required();
  init_cmd->add_option("--street-code", init.street_code, "街道9位代码");
  init_cmd->add_option("--admin", init.admin, "业务管理员用户名")->required();
  init_cmd->add_option("--security-admin", init.security_admin,
                       "安全管理员用户名（缺省 security；一次性密码打印在屏幕上）");
  init_cmd->add_flag("--password-stdin", init.password_stdin, "从标准输入读取业务管理员密码")
      ->required();

  RegionAddOptions region;
  std::string region_list_db;
  auto* region_cmd = app.add_subcommand("region", "区划：新增、列出");
  region_cmd->require_subcommand(1);
  auto* region_add = region_cmd->add_subcommand("add", "新增区划（街道、社区、村、网格）");
  region_add->add_option("--db", region.db, "SQLite 文件路径或 postgresql:// 连接串")->required();
  region_add->add_option("--parent", region.parent, "上级区划名称或代码（新增区县时不填）");
  region_add->add_option("--level", region.level, "district|street|community|village|grid")
      ->required();
  region_add->add_option("--name", region.names, "名称（可重复，一次新增多个同级区划）")
      ->required();
  region_add->add_option("--code", region.code, "区划代码（街道9位、社区/村12位；仅一个名称时）");
  auto* region_list = region_cmd->add_subcommand("list", "按层级列出区划");
  region_list->add_option("--db", region_list_db, "SQLite 文件路径或 postgresql:// 连接串")
      ->required();

  UserAddOptions user;
  auto* user_cmd = app.add_subcommand("user", "账号管理");
  user_cmd->require_subcommand(1);
  auto* user_add = user_cmd->add_subcommand("add", "新增账号");
  user_add->add_option("--db", user.db, "SQLite 文件路径")->required();
  user_add->add_option("--username", user.username, "用户名")->required();
  user_add->add_option("--name", user.display_name, "显示名称");
  user_add
      ->add_option("--role", user.role,
                   "admin|leader|inspector|community|grid|enterprise|viewer|security_admin|auditor")
      ->required();
  user_add->add_option("--jurisdiction", user.jurisdiction, "管辖区划名称（缺省：全部）");
  user_add->add_option("--unit", user.unit_code, "企业账号绑定的统一社会信用代码");
  user_add->add_flag("--password-stdin", user.password_stdin, "从标准输入读取密码")->required();

  BackupOptions backup;
  auto* backup_cmd =
      app.add_subcommand("backup", "在线备份数据库（SQLite 在线备份；PostgreSQL 用 pg_dump）");
  backup_cmd->add_option("--db", backup.db, "SQLite 文件路径或 postgresql:// 连接串")->required();
  backup_cmd->add_option("--out", backup.out, "备份文件（PostgreSQL 为 pg_dump 自定义格式）")
      ->required();
  backup_cmd->add_option("--files", backup.files_dir, "照片目录（缺省：同 serve）");
  backup_cmd->add_option("--files-out", backup.files_out, "同时把照片增量复制到此目录");

  RestoreOptions restore;
  auto* restore_cmd = app.add_subcommand("restore", "从备份恢复数据库（先停止服务）");
  restore_cmd->add_option("--db", restore.db, "SQLite 文件路径或 postgresql:// 连接串")->required();
  restore_cmd->add_option("--from", restore.from, "anjian backup 写出的备份文件")->required();

  PlanOptions plan;
  auto* plan_cmd = app.add_subcommand("plan", "年度监督检查计划");
  plan_cmd->require_subcommand(1);
  auto db_option = [&](CLI::App* cmd) {
    cmd->add_option("--db", plan.db, "SQLite 文件路径")->required();
    cmd->add_option("--calendar", plan.calendar, "法定节假日日历文件（缺省：内置）");
  };
  auto* plan_commit = plan_cmd->add_subcommand("commit", "抽取前登记随机种子的 SHA-256 承诺");
  db_option(plan_commit);
  plan_commit->add_option("--year", plan.year, "计划年度")->required();
  auto* commit_hash =
      plan_commit->add_option("--commitment", plan.commitment, "SHA-256（64 位十六进制）");
  plan_commit->add_option("--seed", plan.seed, "种子（只登记其哈希）")->excludes(commit_hash);
  auto* plan_compile = plan_cmd->add_subcommand("compile", "编制年度计划（抽取并排期）");
  db_option(plan_compile);
  plan_compile->add_option("--year", plan.year, "计划年度")->required();
  plan_compile
      ->add_option("--policy", plan.policy,
                   "策略预设（jiefang|xuyou|xingan|street-2024）或策略文件")
      ->capture_default_str();
  plan_compile->add_option("--seed", plan.seed, "随机种子（公布后任何人可复核）")->required();
  plan_compile->add_option("--commitment-id", plan.commitment_id, "事先登记的种子承诺编号");
  plan_compile->add_option("--capacity", plan.capacity, "检查能力（家次），缺省按工作日测算")
      ->check(CLI::Range(0, 10000000));
  plan_compile->add_option("--json", plan.json_out, "把计划写成 JSON 文件");
  auto* plan_verify = plan_cmd->add_subcommand("verify", "用公布的种子和输入快照重新抽取并核对");
  db_option(plan_verify);
  auto* verify_by_id = plan_verify->add_option("--plan", plan.plan_id, "计划编号");
  // The commitment printed on the plan names it in any database, also after a street's merge
  // into a district database moved its ids.
  auto* verify_by_commitment = plan_verify->add_option("--commitment", plan.verify_commitment,
                                                       "种子承诺（SHA-256，计划文本上公布）");
  plan_verify->add_option("--revision", plan.revision, "与 --commitment 同用：第几版（缺省最新版）")
      ->check(CLI::Range(1, 100000));
  verify_by_id->excludes(verify_by_commitment);
  auto* plan_explain = plan_cmd->add_subcommand("explain", "说明某单位为何列入或未列入计划");
  db_option(plan_explain);
  plan_explain->add_option("--plan", plan.plan_id, "计划编号")->required();
  plan_explain->add_option("--unit", plan.unit, "统一社会信用代码")->required();
  auto* plan_export =
      plan_cmd->add_subcommand("export", "导出计划文书（.pdf）、明细（.xlsx）或 JSON");
  db_option(plan_export);
  plan_export->add_option("--plan", plan.plan_id, "计划编号")->required();
  plan_export->add_option("--out", plan.out, "输出文件 .pdf | .xlsx | .json")->required();
  auto* plan_list = plan_cmd->add_subcommand("list", "列出计划");
  db_option(plan_list);
  plan_list->add_option("--year", plan.year, "年度（缺省：全部）");
  auto* plan_transition = plan_cmd->add_subcommand("transition", "报批、批准、退回、发布施行");
  db_option(plan_transition);
  plan_transition->add_option("--plan", plan.plan_id, "计划编号")->required();
  plan_transition->add_option("--action", plan.action, "submit|approve|reject|enact")->required();
  plan_transition->add_option("--note", plan.note, "意见");
  plan_transition->add_option("--as", plan.as_user,
                              "以该账号办理（批准、发布须为编制人以外的领导账号）");

  AuditOptions audit;
  auto* audit_cmd = app.add_subcommand("audit", "审计日志：核验哈希链、导出、存档");
  audit_cmd->require_subcommand(1);
  auto* audit_verify =
      audit_cmd->add_subcommand("verify", "核验审计哈希链（完好退出码 0，被改动 3）");
  audit_verify->add_option("--db", audit.db, "SQLite 文件路径或 postgresql:// 连接串")->required();
  auto* audit_export = audit_cmd->add_subcommand("export", "导出审计日志（.jsonl 或 .xlsx）");
  audit_export->add_option("--db", audit.db, "SQLite 文件路径或 postgresql:// 连接串")->required();
  audit_export->add_option("--from", audit.from, "起始日期 YYYY-MM-DD（北京时间）");
  audit_export->add_option("--to", audit.to, "截止日期 YYYY-MM-DD（含）");
  audit_export->add_option("--out", audit.out, "输出文件 .jsonl 或 .xlsx")->required();
  auto* audit_archive = audit_cmd->add_subcommand(
      "archive", "把某日之前的审计记录存档到文件并从数据库移除（保留至少180天）");
  audit_archive->add_option("--db", audit.db, "SQLite 文件路径或 postgresql:// 连接串")->required();
  audit_archive->add_option("--before", audit.before, "存档此日期（北京时间）之前的记录")
      ->required();
  audit_archive->add_option("--out", audit.out, "存档文件 .jsonl（不得已存在）")->required();

  MigrateOptions migrate;
  auto* migrate_cmd = AddMigrateCommand(app, migrate);

  CLI11_PARSE(app, argc, argv);
  // Before anything logs, so that in JSON mode every line, start-up included, is JSON.
  if (*serve_cmd && serve.log_format == "json")
    anjian::http::UseLogFormat(anjian::http::LogFormat::kJson);
  spdlog::set_level(spdlog::level::info);

  if (*serve_cmd) return RunServe(serve);
  if (*demo_cmd) return RunDemo(demo_db, demo);
  if (*import_cmd) return RunImport(import);
  if (*export_cmd) return RunExport(export_kind, export_db, export_out);
  if (*template_cmd) return RunTemplate(template_kind, template_out);
  if (*user_add) return RunUserAdd(user);
  if (*init_cmd) return RunInit(init);
  if (*region_add) return RunRegionAdd(region);
  if (*region_list) return RunRegionList(region_list_db);
  if (*backup_cmd) return RunBackup(backup);
  if (*restore_cmd) return RunRestore(restore);
  if (*plan_commit) return RunPlanCommit(plan);
  if (*plan_compile) return RunPlanCompile(plan);
  if (*plan_verify) return RunPlanVerify(plan);
  if (*plan_explain) return RunPlanExplain(plan);
  if (*plan_export) return RunPlanExport(plan);
  if (*plan_list) return RunPlanList(plan);
  if (*plan_transition) return RunPlanTransition(plan);
  if (*migrate_cmd) return RunMigrate(migrate);
  if (*audit_verify) return RunAuditVerify(audit);
  if (*audit_export) return RunAuditExport(audit);
  if (*audit_archive) return RunAuditArchive(audit);
  return 1;
}
