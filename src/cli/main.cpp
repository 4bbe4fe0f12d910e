// anjian: the one binary (serve, demo, import, export, template, user, backup).
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  using namespace anjian::cli;
  CLI::App app{"Anjian 安监 — 安全生产监督检查管理平台"};
  app.require_subcommand(1);

  ServeOptions serve;
  auto* serve_cmd = app.add_subcommand("serve", "启动 Web 服务 (start the HTTP server)");
  serve_cmd->add_option("--db", serve.db, "数据库：SQLite 文件路径")->capture_default_str();
  serve_cmd->add_option("--port", serve.port, "端口（0 = 随机）")->capture_default_str()->check(CLI::Range(0, 65535));
  serve_cmd->add_option("--address", serve.address, "监听地址")->capture_default_str();
  serve_cmd->add_flag("--demo", serve.demo, "空库时写入演示数据（解放街道 2,370 户）");
  serve_cmd->add_option("--web-root", serve.web_root, "前端构建目录（web/dist）");
  serve_cmd->add_option("--body-limit-mb", serve.body_limit_mb, "请求体上限 MB")->capture_default_str();
  serve_cmd->add_option("--threads", serve.threads, "I/O 线程数（0 = 按 CPU）");
  serve_cmd->add_option("--page-cache-entries", serve.page_cache_entries, "列表页缓存条数（0 = 关闭）")->capture_default_str();

  std::string demo_db;
  auto* demo_cmd = app.add_subcommand("demo", "在空库中写入演示数据");
  demo_cmd->add_option("--db", demo_db, "SQLite 文件路径")->required();

  ImportCommandOptions import;
  auto* import_cmd = app.add_subcommand("import", "导入单位或人员（xlsx/csv，原子）");
  import_cmd->add_option("kind", import.kind, "units | inspectors")->required()->check(CLI::IsMember({"units", "inspectors"}));
  import_cmd->add_option("--db", import.db, "SQLite 文件路径")->required();
  import_cmd->add_option("--street", import.street, "导入到的街道名称");
  import_cmd->add_flag("--dry-run", import.dry_run, "只检查，不写入");
  import_cmd->add_flag("--json", import.json, "错误以 JSON 数组输出");
  import_cmd->add_option("file", import.file, "xlsx 或 csv 文件")->required();

  std::string export_kind, export_db, export_out;
  auto* export_cmd = app.add_subcommand("export", "导出单位或人员");
  export_cmd->add_option("kind", export_kind, "units | inspectors")->required()->check(CLI::IsMember({"units", "inspectors"}));
  export_cmd->add_option("--db", export_db, "SQLite 文件路径")->required();
  export_cmd->add_option("--out", export_out, "输出文件 .xlsx 或 .csv")->required();

  std::string template_kind, template_out;
  auto* template_cmd = app.add_subcommand("template", "生成导入模板");
  template_cmd->add_option("kind", template_kind, "units | inspectors")->required()->check(CLI::IsMember({"units", "inspectors"}));
  template_cmd->add_option("--out", template_out, "输出文件 .xlsx 或 .csv")->required();

  UserAddOptions user;
  auto* user_cmd = app.add_subcommand("user", "账号管理");
  user_cmd->require_subcommand(1);
  auto* user_add = user_cmd->add_subcommand("add", "新增账号");
  user_add->add_option("--db", user.db, "SQLite 文件路径")->required();
  user_add->add_option("--username", user.username, "用户名")->required();
  user_add->add_option("--name", user.display_name, "显示名称");
  user_add->add_option("--role", user.role, "admin|leader|inspector|community|grid|enterprise|viewer")->required();
  user_add->add_option("--jurisdiction", user.jurisdiction, "管辖区划名称（缺省：全部）");
  user_add->add_option("--unit", user.unit_code, "企业账号绑定的统一社会信用代码");
  user_add->add_flag("--password-stdin", user.password_stdin, "从标准输入读取密码")->required();

  std::string backup_db, backup_out;
  auto* backup_cmd = app.add_subcommand("backup", "在线备份 SQLite 数据库");
  backup_cmd->add_option("--db", backup_db, "SQLite 文件路径")->required();
  backup_cmd->add_option("--out", backup_out, "备份文件")->required();

  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::info);

  if (*serve_cmd) return RunServe(serve);
  if (*demo_cmd) return RunDemo(demo_db);
  if (*import_cmd) return RunImport(import);
  if (*export_cmd) return RunExport(export_kind, export_db, export_out);
  if (*template_cmd) return RunTemplate(template_kind, template_out);
  if (*user_add) return RunUserAdd(user);
  if (*backup_cmd) return RunBackup(backup_db, backup_out);
  return 1;
}
