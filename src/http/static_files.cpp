#include "http/static_files.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>

namespace anjian::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kNoCache = "no-cache";

std::string ToLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// "gzip" (or "*") listed with a non-zero q value.
bool AcceptsGzip(std::string_view accept_encoding) {
  while (!accept_encoding.empty()) {
    const std::size_t comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);
    const std::size_t semicolon = item.find(';');
    const std::string coding = ToLower(Trim(item.substr(0, semicolon)));
    if (coding != "gzip" && coding != "x-gzip" && coding != "*") continue;
    if (semicolon == std::string_view::npos) return true;
    std::string_view parameter = Trim(item.substr(semicolon + 1));
    if (!StartsWith(parameter, "q=") && !StartsWith(parameter, "Q=")) return true;
    parameter.remove_prefix(2);
    for (char c : parameter) {
      if (c != '0' && c != '.') return true;  // any non-zero digit makes q > 0
    }
    return false;
  }
  return false;
}

// Lexical check of the decoded path; no filesystem access.
bool IsSafePath(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  if (path.find_first_of(std::string_view("\\%\0", 3)) != std::string_view::npos) return false;
  std::string_view rest = path.substr(1);
  while (true) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment == "." || segment == "..") return false;
    if (slash == std::string_view::npos) return true;
    rest.remove_prefix(slash + 1);
  }
}

bool HasHiddenSegment(std::string_view path) { return path.find("/.") != std::string_view::npos; }

bool IsUnder(const fs::path& candidate, const fs::path& root) {
  const std::string& c = candidate.native();
  const std::string& r = root.native();
  return c.size() > r.size() && StartsWith(c, r) && (r.back() == '/' || c[r.size()] == '/');
}

std::optional<std::string> ReadWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return data;
}

std::string WeakEtag(const fs::path& path, bool gzip) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  const auto mtime = fs::last_write_time(path, ec).time_since_epoch().count();
  std::array<char, 64> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "W/\"%llx-%llx%s\"",
                static_cast<unsigned long long>(size), static_cast<unsigned long long>(mtime),
                gzip ? "-gz" : "");
  return buffer.data();
}

bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  if (Trim(if_none_match) == "*") return true;
  while (!if_none_match.empty()) {
    const std::size_t comma = if_none_match.find(',');
    if (Trim(if_none_match.substr(0, comma)) == etag) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

Response ServeFile(const fs::path& file, std::string_view cache_control, const Request& request) {
  Response response;
  response.content_type = ContentTypeForPath(file.filename().native());

  fs::path gzip_file = file;
  gzip_file += ".gz";
  std::error_code ec;
  const bool has_gzip = fs::is_regular_file(gzip_file, ec);
  const bool use_gzip = has_gzip && AcceptsGzip(request.Header("Accept-Encoding"));
  const fs::path& served = use_gzip ? gzip_file : file;

  const std::string etag = WeakEtag(served, use_gzip);
  response.SetHeader("Cache-Control", std::string(cache_control));
  response.SetHeader("ETag", etag);
  if (has_gzip) response.SetHeader("Vary", "Accept-Encoding");
  if (use_gzip) response.SetHeader("Content-Encoding", "gzip");

  const std::string if_none_match = request.Header("If-None-Match");
  if (!if_none_match.empty() && EtagMatches(if_none_match, etag)) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  std::optional<std::string> data = ReadWholeFile(served);
  if (!data) {
    spdlog::warn("static file unreadable: {}", served.native());
    return Response::ErrorJson(500, "internal", "读取文件失败 (could not read file)");
  }
  response.body = std::move(*data);
  return response;
}

Response NotFound() { return Response::ErrorJson(404, "not_found", "文件不存在 (file not found)"); }

}  // namespace

std::string ContentTypeForPath(std::string_view file_name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kTypes{{
      {"html", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"json", "application/json; charset=utf-8"},
      {"map", "application/json; charset=utf-8"},
      {"txt", "text/plain; charset=utf-8"},
      {"woff", "font/woff"},
      {"woff2", "font/woff2"},
      {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"pdf", "application/pdf"},
  }};
  const std::size_t dot = file_name.rfind('.');
  if (dot != std::string_view::npos) {
    const std::string extension = ToLower(file_name.substr(dot + 1));
    for (const auto& [known, type] : kTypes) {
      if (extension == known) return std::string(type);
    }
  }
  return "application/octet-stream";
}

std::optional<Response> ServeStatic(const StaticFilesOptions& options, const Request& request) {
  if (options.root.empty()) return std::nullopt;
  if (request.method != "GET" && request.method != "HEAD") return std::nullopt;
  const std::string_view path = request.path;
  if (path == "/api" || StartsWith(path, "/api/")) return std::nullopt;
  if (!IsSafePath(path)) {
    return Response::ErrorJson(400, "invalid_argument", "非法的文件路径 (invalid file path)");
  }

  std::error_code ec;
  const fs::path root = fs::canonical(options.root, ec);
  if (ec || !fs::is_directory(root, ec)) return std::nullopt;
  if (HasHiddenSegment(path)) return NotFound();

  const std::string_view relative = path.substr(1);
  const fs::path candidate = root / fs::path(std::string(relative));
  const std::string_view last_segment = relative.substr(relative.rfind('/') + 1);
  if (!last_segment.empty() && fs::is_regular_file(candidate, ec)) {
    const fs::path resolved = fs::canonical(candidate, ec);
    if (ec || !IsUnder(resolved, root)) return NotFound();
    return ServeFile(resolved, StartsWith(path, "/assets/") ? kImmutable : kNoCache, request);
  }
  if (last_segment.find('.') != std::string_view::npos) return NotFound();

  // Client-side routes (/units/42) and directories get the SPA index.
  const fs::path index = fs::canonical(root / options.spa_index, ec);
  if (ec || !IsUnder(index, root) || !fs::is_regular_file(index, ec)) return std::nullopt;
  return ServeFile(index, kNoCache, request);
}

}  // namespace anjian::http
