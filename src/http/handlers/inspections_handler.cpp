// /api/v1/tasks, /records, /uploads, /documents and the public /verify page (issue #5).
#include "domain/inspection/task.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"
#include "http/multipart.hpp"

namespace anjian::http::handlers {
namespace {

using nlohmann::json;

// The stored answer of a record submission, replayed as it was for a repeated Idempotency-Key
// (its status may be any the first answer had).
Result<Response> Answer(Result<app::StoredAnswer>&& result) {
  ANJIAN_ASSIGN_OR_RETURN(auto answer, std::move(result));
  Response response;
  response.status = answer.status;
  response.body = std::move(answer.body);
  return response;
}

std::string HtmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

Result<Response> ListTasks(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto page, PageParams(request));
  store::TaskQuery query;
  query.page = page.page;
  query.page_size = page.page_size;
  ANJIAN_ASSIGN_OR_RETURN(query.from, DateParam(request, "from"));
  ANJIAN_ASSIGN_OR_RETURN(query.to, DateParam(request, "to"));
  if (auto status = request.QueryParam("status"); status && !status->empty()) {
    auto parsed = domain::ParseTaskStatus(*status);
    if (!parsed.ok()) return Error::InvalidArgument(parsed.error().message, "status");
    query.status = *parsed;
  }
  if (auto kind = request.QueryParam("kind"); kind && !kind->empty()) {
    auto parsed = domain::ParseTaskKind(*kind);
    if (!parsed.ok()) return Error::InvalidArgument(parsed.error().message, "kind");
    query.kind = *parsed;
  }
  if (auto unit = request.QueryParam("unit_id"); unit && !unit->empty())
    query.unit = UnitId(std::atoll(unit->c_str()));
  if (auto hazard = request.QueryParam("hazard_id"); hazard && !hazard->empty()) {
    query.hazard_id = std::atoll(hazard->c_str());
  }
  ANJIAN_ASSIGN_OR_RETURN(const auto mine, BoolParam(request, "mine"));
  const auto& who = PrincipalOf(request);
  return Respond(api.inspections.ListTasks(who, query, mine.value_or(false)),
                 [&](const auto& result) {
                   json items = json::array();
                   const auto today = api.inspections.Today();
                   for (const auto& view : result.items)
                     items.push_back(app::TaskToJson(view, today));
                   json out = PageJson(std::move(items), result.total, page);
                   out["today"] = today.ToString();
                   return out;
                 });
}

Result<Response> CreateTask(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  return Respond(
      api.inspections.CreateTask(PrincipalOf(request), body),
      [&](const app::TaskView& view) { return app::TaskToJson(view, api.inspections.Today()); },
      201);
}

Result<Response> CreateTasksFromPlan(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  ANJIAN_ASSIGN_OR_RETURN(const auto body, request.body.empty() ? Result<json>(json::object())
                                                                : ParseJsonBody(request));
  std::string from = body.value("from", "");
  std::string to = body.value("to", "");
  for (auto* date : {&from, &to}) {
    if (date->empty()) continue;
    auto parsed = CivilDate::Parse(*date);
    if (!parsed.ok()) return Error::InvalidArgument("日期：" + parsed.error().message, "from");
    *date = parsed->ToString();
  }
  return Respond(api.inspections.CreateTasksFromPlan(PrincipalOf(request), id, from, to),
                 [](const std::pair<int, int>& r) {
                   return json{{"created", r.first}, {"existing", r.second}};
                 });
}

Result<Response> GetTask(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  return Respond(api.inspections.GetTask(PrincipalOf(request), id), [&](const auto& found) {
    json out = app::TaskToJson(found.first, api.inspections.Today());
    out["records"] = json::array();
    for (const auto& r : found.second) {
      out["records"].push_back({{"id", r.id},
                                {"record_version", r.record_version},
                                {"signed_at", r.signed_at},
                                {"correction_reason", r.correction_reason}});
    }
    return out;
  });
}

Result<Response> CancelTask(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  return Respond(
      api.inspections.CancelTask(PrincipalOf(request), id, body),
      [&](const app::TaskView& view) { return app::TaskToJson(view, api.inspections.Today()); });
}

Result<Response> SubmitRecord(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  return Answer(api.inspections.SubmitRecord(PrincipalOf(request), id,
                                             request.Header("Idempotency-Key"), request.body));
}

Result<Response> CorrectRecord(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  return Answer(api.inspections.CorrectRecord(PrincipalOf(request), id,
                                              request.Header("Idempotency-Key"), request.body));
}

Result<Response> GetRecord(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  return Respond(api.inspections.GetRecord(PrincipalOf(request), id), [](json j) { return j; });
}

Result<Response> UploadFile(ApiServices& api, Request& request) {
  std::string bytes;
  std::string
      taken_at;  // the original's EXIF time, read by the browser before it downscaled the photo
  const std::string content_type = request.Header("Content-Type");
  if (content_type.starts_with("multipart/form-data")) {
    ANJIAN_ASSIGN_OR_RETURN(const auto parts, ParseMultipart(content_type, request.body));
    const MultipartPart* file = FindPart(parts, "file");
    if (!file) return Error::InvalidArgument("上传表单中缺少名为 file 的文件字段", "file");
    bytes = file->data;
    if (const MultipartPart* time = FindPart(parts, "taken_at")) taken_at = time->data;
  } else {
    bytes = request.body;
  }
  ANJIAN_ASSIGN_OR_RETURN(const auto stored,
                          api.inspections.UploadPhoto(PrincipalOf(request), bytes, taken_at));
  const auto& row = stored.first;
  return Response::Json(stored.second ? 201 : 200,
                        {{"sha256", row.sha256},
                         {"mime", row.mime},
                         {"size", row.size},
                         {"width", row.width},
                         {"height", row.height},
                         {"taken_at", row.taken_at.empty() ? json(nullptr) : json(row.taken_at)},
                         {"url", "/api/v1/uploads/" + row.sha256}});
}

Result<Response> GetUpload(ApiServices& api, Request& request) {
  const auto it = request.path_params.find("sha256");
  const std::string sha = it == request.path_params.end() ? "" : it->second;
  ANJIAN_ASSIGN_OR_RETURN(auto found, api.inspections.ReadUpload(PrincipalOf(request), sha));
  Response response;
  response.content_type = found.first.mime;
  response.body = std::move(found.second);
  // Content-addressed: the bytes behind a hash never change.
  response.SetHeader("Cache-Control", "private, max-age=31536000, immutable");
  return response;
}

Result<Response> ListDocuments(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto page, PageParams(request));
  store::DocumentQuery query;
  query.page = page.page;
  query.page_size = page.page_size;
  if (auto unit = request.QueryParam("unit_id"); unit && !unit->empty())
    query.unit = UnitId(std::atoll(unit->c_str()));
  if (auto record = request.QueryParam("record_id"); record && !record->empty()) {
    query.record_id = std::atoll(record->c_str());
  }
  if (auto hazard = request.QueryParam("hazard_id"); hazard && !hazard->empty()) {
    query.hazard_id = std::atoll(hazard->c_str());
  }
  if (auto type = request.QueryParam("type"); type && !type->empty()) {
    auto parsed = domain::ParseDocumentType(*type);
    if (!parsed.ok()) return Error::InvalidArgument(parsed.error().message, "type");
    query.doc_type = *parsed;
  }
  return Respond(api.inspections.ListDocuments(PrincipalOf(request), query),
                 [&](const auto& result) {
                   json items = json::array();
                   for (const auto& d : result.items)
                     items.push_back(api.inspections.DocumentToJson(d));
                   return PageJson(std::move(items), result.total, page);
                 });
}

Result<Response> DocumentPdf(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  ANJIAN_ASSIGN_OR_RETURN(auto pdf, api.inspections.DocumentPdf(PrincipalOf(request), id));
  return Download(std::move(pdf.second), "application/pdf",
                  "document-" + std::to_string(id) + ".pdf", pdf.first.number + ".pdf");
}

Result<Response> VerifyDocumentJson(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  return Respond(api.inspections.Verify(id, request.QueryParam("h").value_or("")),
                 [](json j) { return j; });
}

// The page a phone opens after scanning the QR code: no login, only the key fields. Never an
// Error: a bad id is a 404 HTML page built here, not the JSON error body.
Result<Response> VerifyDocumentPage(ApiServices& api, Request& request) {
  auto id = PathId(request);
  json result = {{"valid", false}};
  if (id.ok()) {
    auto verified = api.inspections.Verify(*id, request.QueryParam("h").value_or(""));
    if (verified.ok()) result = *verified;
  }
  const bool valid = result.value("valid", false);
  std::string html =
      "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width,initial-scale=1\"><title>文书核验</"
      "title><style>body{font-family:sans-serif;"
      "margin:2em auto;max-width:32em;padding:0 "
      "1em}h1{font-size:1.4em}.ok{color:#1a7f37}.bad{color:#c62828}"
      "th{text-align:left;padding-right:1em;color:#555;font-weight:normal}td,th{padding:.3em "
      "0}</style></head><body>";
  if (valid) {
    html += "<h1 class=\"ok\">✔ 文书有效</h1><table>";
    const auto row = [&](const char* label, const std::string& value) {
      html += "<tr><th>" + std::string(label) + "</th><td>" + HtmlEscape(value) + "</td></tr>";
    };
    row("文书名称", result.value("type_label", ""));
    row("文书编号", result.value("number", ""));
    row("被检查单位", result.value("unit_name", ""));
    row("发文机关", result.value("issuer", ""));
    row("出具日期", result.value("issued_on", ""));
    html += "</table><p>本页仅显示文书的关键信息，用于核验真伪。</p>";
  } else {
    html +=
        "<h1 class=\"bad\">✘ "
        "文书无效</h1><p>未找到与该二维码相符的文书：文书可能被篡改、编号有误或不是本系统出具。</"
        "p>";
  }
  html += "</body></html>";
  Response response;
  response.status = id.ok() ? 200 : 404;
  response.content_type = "text/html; charset=utf-8";
  response.body = std::move(html);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace anjian::http::handlers
