// Imports (multipart upload), exports and templates as file downloads.
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <map>

#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"
#include "http/multipart.hpp"
#include "io/table_writer.hpp"

namespace anjian::http::handlers {
namespace {

nlohmann::json ReportJson(const app::ImportReport& report) {
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& e : report.errors) {
    errors.push_back(
        {{"row", e.row}, {"column", e.column}, {"message", e.message}, {"text", e.ToLine()}});
  }
  return {{"dry_run", report.dry_run},
          {"street", report.street},
          {"rows", report.rows},
          {"valid_rows", report.valid_rows},
          {"imported", report.imported},
          {"created_regions", report.created_regions},
          {"error_count", report.error_count},
          {"errors", errors}};
}

}  // namespace

Result<Response> ImportFile(ApiServices& api, Request& request) {
  const std::string kind = request.path_params["kind"];
  if (kind != "units" && kind != "inspectors") {
    return Error::NotFound("导入类型应为 units 或 inspectors");
  }
  ANJIAN_ASSIGN_OR_RETURN(const auto dry_run, BoolParam(request, "dry_run"));
  app::ImportOptions options;
  options.dry_run = dry_run.value_or(false);
  options.street_name = request.QueryParam("street").value_or("");
  std::string bytes;
  const std::string content_type = request.Header("Content-Type");
  if (content_type.starts_with("multipart/form-data")) {
    ANJIAN_ASSIGN_OR_RETURN(const auto parts, ParseMultipart(content_type, request.body));
    const MultipartPart* file = nullptr;
    for (const auto& part : parts) {
      if (part.name == "file") file = &part;
    }
    if (!file) return Error::InvalidArgument("上传表单中缺少名为 file 的文件字段", "file");
    options.file_name = file->file_name;
    bytes = file->data;
  } else {
    options.file_name = request.QueryParam("file_name").value_or("upload");
    bytes = request.body;
  }
  const auto& who = PrincipalOf(request);
  ANJIAN_ASSIGN_OR_RETURN(const auto report,
                          kind == "units" ? api.imports.ImportUnits(who, bytes, options)
                                          : api.imports.ImportInspectors(who, bytes, options));
  // 422: the file was read but rejected; nothing was written. Not an Error: the body is the
  // report with every rejected row, not the error body.
  return Response::Json(report.errors.empty() ? 200 : 422, ReportJson(report));
}

Result<Response> ListImports(ApiServices& api, Request& request) {
  const auto& who = PrincipalOf(request);
  if (!domain::MayPerform(who.role, domain::Action::kImport)) {
    return Error::PermissionDenied("当前角色无权查看导入记录");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto session, api.store.Read());
  // Imports are listed for the caller's jurisdiction only: those made by accounts inside it
  // (issue #12, defect 3). The CLI ("system") imports belong to the whole system.
  ANJIAN_ASSIGN_OR_RETURN(const auto users, session->ListUsers());
  std::map<std::string, std::string> jurisdiction_of;
  for (const auto& u : users) jurisdiction_of[u.username] = u.jurisdiction_path;
  auto visible = [&](const store::ImportRecord& r) {
    auto it = jurisdiction_of.find(r.actor);
    const std::string path = it == jurisdiction_of.end() ? std::string() : it->second;
    return path.starts_with(who.scope.region_path);
  };
  return Respond(session->ListImports(200), [&](const auto& records) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : records) {
      if (!visible(r) || items.size() >= 20) continue;
      items.push_back({{"id", r.id},
                       {"kind", r.kind},
                       {"file_name", r.file_name},
                       {"actor", r.actor},
                       {"at", r.at},
                       {"rows", r.rows},
                       {"imported", r.imported},
                       {"error_count", r.error_count},
                       {"dry_run", r.dry_run}});
    }
    return nlohmann::json{{"items", items}};
  });
}

// Splits "units.xlsx" into kind and format.
std::pair<std::string, std::string> FileKindAndFormat(const Request& request) {
  const auto it = request.path_params.find("file");
  const std::string file = it == request.path_params.end() ? "" : it->second;
  const auto dot = file.rfind('.');
  if (dot == std::string::npos) return {file, ""};
  return {file.substr(0, dot), file.substr(dot + 1)};
}

Result<Response> ExportFile(ApiServices& api, Request& request) {
  const auto [kind, format] = FileKindAndFormat(request);
  if ((kind != "units" && kind != "inspectors") || (format != "xlsx" && format != "csv")) {
    return Error::NotFound("导出地址应为 /exports/{units|inspectors}.{xlsx|csv}");
  }
  const auto export_format = format == "xlsx" ? app::ExportFormat::kXlsx : app::ExportFormat::kCsv;
  const auto& who = PrincipalOf(request);
  const std::string utf8_name =
      (kind == "units" ? "生产经营单位台账." : "执法检查人员名录库.") + format;
  return FileDownload(api, "." + format, kind + "." + format, utf8_name,
                      [&, kind = kind](const std::string& path) -> Status {
                        auto rows = kind == "units"
                                        ? api.exports.ExportUnits(who, path, export_format)
                                        : api.exports.ExportInspectors(who, path, export_format);
                        if (!rows.ok()) return rows.error();
                        return Ok();
                      });
}

Result<Response> TemplateFile(ApiServices& api, Request& request) {
  const auto [kind, format] = FileKindAndFormat(request);
  if ((kind != "units" && kind != "inspectors") || (format != "xlsx" && format != "csv")) {
    return Error::NotFound("模板地址应为 /templates/{units|inspectors}.{xlsx|csv}");
  }
  const std::string utf8_name = (kind == "units" ? "单位导入模板." : "人员导入模板.") + format;
  return FileDownload(api, "." + format, kind + "-template." + format, utf8_name,
                      [kind = kind](const std::string& path) {
                        return app::ExportService::WriteTemplate(kind, path);
                      });
}

}  // namespace anjian::http::handlers
