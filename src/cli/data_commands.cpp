// import / export / template / user add.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/audit_trail.hpp"
#include "cli/commands.hpp"
#include "cli/services.hpp"
#include "io/table_writer.hpp"

namespace anjian::cli {

int RunImport(const ImportCommandOptions& options) {
  auto bytes = io::ReadFileBytes(options.file);
  if (!bytes.ok()) {
    PrintError(bytes.error());
    return 1;
  }
  auto services = BuildServices(options.db);
  if (!services) return 1;
  app::ImportOptions import_options;
  import_options.file_name = options.file;
  import_options.street_name = options.street;
  import_options.dry_run = options.dry_run;
  const auto who = app::Principal::System();
  auto report = options.kind == "units"
                    ? services->imports->ImportUnits(who, *bytes, import_options)
                    : services->imports->ImportInspectors(who, *bytes, import_options);
  if (!report.ok()) {
    PrintError(report.error());
    return 1;
  }
  if (options.json) {
    auto errors = nlohmann::json::array();
    for (const auto& e : report->errors) {
      errors.push_back({{"row", e.row}, {"column", e.column}, {"message", e.message}});
    }
    std::printf("%s\n", errors.dump().c_str());
  } else {
    for (const auto& e : report->errors) std::printf("%s\n", e.ToLine().c_str());
  }
  if (!report->errors.empty()) {
    std::fprintf(stderr, "共 %d 处错误，未导入任何数据（%d 行中 %d 行无误）\n", report->error_count,
                 report->rows, report->valid_rows);
    return 2;
  }
  if (options.dry_run) {
    std::fprintf(stderr, "试导入通过：%d 行均无误，将新建区划 %d 个（未写入）\n",
                 report->valid_rows, report->created_regions);
  } else {
    std::fprintf(stderr, "已导入 %d 行到%s，新建区划 %d 个\n", report->imported,
                 report->street.c_str(), report->created_regions);
  }
  return 0;
}

int RunExport(const std::string& kind, const std::string& db, const std::string& out) {
  auto format = app::ExportFormatForPath(out);
  if (!format.ok()) {
    PrintError(format.error());
    return 2;
  }
  auto services = BuildServices(db);
  if (!services) return 1;
  const auto who = app::Principal::System();
  auto rows = kind == "units" ? services->exports->ExportUnits(who, out, *format)
                              : services->exports->ExportInspectors(who, out, *format);
  if (!rows.ok()) {
    PrintError(rows.error());
    return 1;
  }
  std::fprintf(stderr, "已导出 %lld 行到 %s\n", static_cast<long long>(*rows), out.c_str());
  return 0;
}

int RunTemplate(const std::string& kind, const std::string& out) {
  auto status = app::ExportService::WriteTemplate(kind, out);
  if (!status.ok()) {
    PrintError(status.error());
    return 2;
  }
  return 0;
}

int RunUserAdd(const UserAddOptions& options) {
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  auto role = domain::ParseUserRole(options.role);
  if (!role.ok()) {
    PrintError(role.error());
    return 2;
  }
  auto services = BuildServices(options.db);
  if (!services) return 1;
  auto result = [&]() -> Result<store::User> {
    ANJIAN_ASSIGN_OR_RETURN(auto session, services->store->Write());
    store::User user;
    user.username = options.username;
    user.display_name = options.display_name.empty() ? options.username : options.display_name;
    user.role = *role;
    if (!options.jurisdiction.empty()) {
      ANJIAN_ASSIGN_OR_RETURN(auto regions, session->ListRegions(store::Scope::All()));
      for (const auto& r : regions) {
        if (r.name == options.jurisdiction) user.jurisdiction_id = r.id;
      }
      if (!user.jurisdiction_id)
        return Error::InvalidArgument("未找到区划“" + options.jurisdiction + "”");
    }
    if (!options.unit_code.empty()) {
      ANJIAN_ASSIGN_OR_RETURN(auto unit,
                              session->FindUnitByCode(store::Scope::All(), options.unit_code));
      if (!unit)
        return Error::InvalidArgument("未找到统一社会信用代码为 " + options.unit_code + " 的单位");
      user.unit_id = unit->id;
    }
    if (user.role == domain::UserRole::kEnterprise && !user.unit_id) {
      return Error::InvalidArgument("企业账号须用 --unit 指定所属单位的统一社会信用代码", "unit");
    }
    ANJIAN_ASSIGN_OR_RETURN(auto saved, services->auth->AddUser(*session, user, password));
    app::Audit(*session, app::Principal::System(), SystemClock().NowUnixSeconds(), "user.create",
               "user", std::to_string(saved.id.value),
               {{"username", saved.username},
                {"role", std::string(domain::Code(saved.role))},
                {"jurisdiction_id", saved.jurisdiction_id ? saved.jurisdiction_id->value : 0},
                {"unit_id", saved.unit_id ? saved.unit_id->value : 0}});
    ANJIAN_TRY(session->Commit());
    return saved;
  }();
  if (!result.ok()) {
    PrintError(result.error());
    return result.error().code == ErrorCode::kInvalidArgument ||
                   result.error().code == ErrorCode::kAlreadyExists
               ? 2
               : 1;
  }
  std::fprintf(stderr, "已创建账号 %s（%s）\n", result->username.c_str(),
               std::string(domain::Label(result->role)).c_str());
  return 0;
}

}  // namespace anjian::cli
