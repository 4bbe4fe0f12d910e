#include "http/handlers/handler_support.hpp"

#include <unistd.h>

#include <atomic>
#include <charconv>
#include <cstdio>

#include "http/api.hpp"
#include "io/table_writer.hpp"

namespace anjian::http {
namespace {

Result<std::int64_t> ParsePositive(const std::string& text, const char* name, std::int64_t max) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || value < 1 || value > max) {
    return Error::InvalidArgument(std::string("参数 ") + name + " 应为 1 到 " +
                                      std::to_string(max) + " 之间的整数，实际为“" + text + "”",
                                  std::string(name));
  }
  return value;
}

}  // namespace

std::string CookieValue(const Request& request, std::string_view name) {
  const std::string header = request.Header("Cookie");
  std::string_view rest = header;
  while (!rest.empty()) {
    const std::size_t end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name)
      return std::string(pair.substr(eq + 1));
  }
  return {};
}

SessionCredential SessionCredentialOf(const Request& request) {
  const std::string header = request.Header("Authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (header.size() > kPrefix.size() && header.starts_with(kPrefix))
    return {header.substr(kPrefix.size()), false};
  std::string cookie = CookieValue(request, kSessionCookie);
  if (!cookie.empty()) return {std::move(cookie), true};
  return {};
}

const app::Principal& PrincipalOf(const Request& request) {
  const auto* principal = std::any_cast<app::Principal>(&request.context);
  ANJIAN_ASSERT(principal != nullptr && "auth middleware runs before every protected route");
  return *principal;
}

Result<std::int64_t> PathId(const Request& request, const char* name) {
  auto it = request.path_params.find(name);
  if (it == request.path_params.end()) return Error::InvalidArgument("缺少路径参数");
  return ParsePositive(it->second, name, INT64_MAX);
}

Result<store::PageRequest> PageParams(const Request& request) {
  store::PageRequest page;
  if (auto p = request.QueryParam("page"); p && !p->empty()) {
    ANJIAN_ASSIGN_OR_RETURN(auto value, ParsePositive(*p, "page", 1'000'000));
    page.page = static_cast<int>(value);
  }
  if (auto s = request.QueryParam("page_size"); s && !s->empty()) {
    ANJIAN_ASSIGN_OR_RETURN(auto value, ParsePositive(*s, "page_size", 200));
    page.page_size = static_cast<int>(value);
  }
  return page;
}

Result<std::optional<bool>> BoolParam(const Request& request, const char* name) {
  auto value = request.QueryParam(name);
  if (!value || value->empty()) return std::optional<bool>();
  if (*value == "1" || *value == "true") return std::optional<bool>(true);
  if (*value == "0" || *value == "false") return std::optional<bool>(false);
  return Error::InvalidArgument(std::string("参数 ") + name + " 应为 1/0 或 true/false",
                                std::string(name));
}

Result<std::optional<CivilDate>> DateParam(const Request& request, const char* name) {
  auto value = request.QueryParam(name);
  if (!value || value->empty()) return std::optional<CivilDate>();
  auto date = CivilDate::Parse(*value);
  if (!date.ok())
    return Error::InvalidArgument(std::string(name) + "：" + date.error().message, name);
  return std::optional<CivilDate>(*date);
}

Result<int> VersionParam(const Request& request) {
  auto value = request.QueryParam("version");
  if (!value || value->empty()) {
    return Error::InvalidArgument("删除时须提供读取时的 version 参数（乐观锁）", "version");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto version, ParsePositive(*value, "version", INT32_MAX));
  return static_cast<int>(version);
}

nlohmann::json PageJson(nlohmann::json items, std::int64_t total, const store::PageRequest& page) {
  return {{"items", std::move(items)},
          {"total", total},
          {"page", page.page},
          {"page_size", page.page_size}};
}

// RFC 6266/5987: an ASCII fallback plus the UTF-8 name so Chinese file names survive.
std::string ContentDisposition(const std::string& ascii_name, const std::string& utf8_name) {
  std::string encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : utf8_name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return "attachment; filename=\"" + ascii_name + "\"; filename*=UTF-8''" + encoded;
}

namespace {
std::string TempPath(const ApiServices& api, const std::string& suffix) {
  static std::atomic<std::uint64_t> counter{0};
  return api.temp_dir + "/anjian-" + std::to_string(getpid()) + "-" + std::to_string(++counter) +
         suffix;
}

// Generates a file with `produce`, returns it as a download and removes the scratch file.
}  // namespace

Result<Response> FileDownload(const ApiServices& api, const std::string& suffix,
                              const std::string& ascii_name, const std::string& utf8_name,
                              const std::function<Status(const std::string&)>& produce) {
  const std::string path = TempPath(api, suffix);
  auto status = produce(path);
  auto bytes = status.ok() ? io::ReadFileBytes(path) : Result<std::string>(status.error());
  std::remove(path.c_str());
  if (!bytes.ok()) return std::move(bytes).error();
  return Download(std::move(bytes).value(),
                  suffix == ".csv"
                      ? "text/csv; charset=utf-8"
                      : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  ascii_name, utf8_name);
}

Response Download(std::string bytes, const std::string& content_type, const std::string& ascii_name,
                  const std::string& utf8_name) {
  Response response;
  response.status = 200;
  response.content_type = content_type;
  response.body = std::move(bytes);
  response.SetHeader("Content-Disposition", ContentDisposition(ascii_name, utf8_name));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace anjian::http
