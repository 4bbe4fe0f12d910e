#include "http/request.hpp"

#include <strings.h>

#include <nlohmann/json.hpp>

#include "common/text.hpp"

namespace anjian::http {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string Request::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

std::optional<std::string> Request::QueryParam(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

Result<std::string> PercentDecode(std::string_view text, PlusDecoding plus) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      const int high = i + 2 < text.size() ? HexValue(text[i + 1]) : -1;
      const int low = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (high < 0 || low < 0) {
        return Error::InvalidArgument("URL 中的百分号编码无效 (invalid percent-encoding in URL)");
      }
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && plus == PlusDecoding::kPlusAsSpace) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Status ParseTarget(Request& request) {
  std::string_view target = request.target;
  if (target.empty() || target.front() != '/') {
    return Error::InvalidArgument("请求路径必须以 / 开头 (request target must start with '/')");
  }
  // A fragment is never sent by conforming clients; drop it rather than treating it as path.
  if (const auto hash = target.find('#'); hash != std::string_view::npos)
    target = target.substr(0, hash);

  const auto question = target.find('?');
  ANJIAN_ASSIGN_OR_RETURN(std::string path, PercentDecode(target.substr(0, question)));
  if (path.find('\0') != std::string::npos || !IsValidUtf8(path)) {
    return Error::InvalidArgument("请求路径包含非法字符 (request path has invalid characters)");
  }

  std::multimap<std::string, std::string> query;
  if (question != std::string_view::npos) {
    std::string_view rest = target.substr(question + 1);
    while (!rest.empty()) {
      const auto amp = rest.find('&');
      const std::string_view pair = rest.substr(0, amp);
      rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
      if (pair.empty()) continue;
      const auto eq = pair.find('=');
      ANJIAN_ASSIGN_OR_RETURN(std::string key,
                              PercentDecode(pair.substr(0, eq), PlusDecoding::kPlusAsSpace));
      std::string value;
      if (eq != std::string_view::npos) {
        ANJIAN_ASSIGN_OR_RETURN(value,
                                PercentDecode(pair.substr(eq + 1), PlusDecoding::kPlusAsSpace));
      }
      query.emplace(std::move(key), std::move(value));
    }
  }
  request.path = std::move(path);
  request.query = std::move(query);
  return Ok();
}

Result<nlohmann::json> ParseJsonBody(const Request& request) {
  if (request.body.empty()) {
    return Error::InvalidArgument("请求体为空，需要 JSON (request body is empty; JSON expected)");
  }
  // Refused before parsing: serialising and copying JSON recurse once per level (issue #12).
  if (JsonNestingDepth(request.body, kMaxJsonDepth) > kMaxJsonDepth) {
    return Error::InvalidArgument("请求体 JSON 嵌套超过 " + std::to_string(kMaxJsonDepth) +
                                  " 层 (request body nested deeper than " +
                                  std::to_string(kMaxJsonDepth) + " levels)");
  }
  nlohmann::json parsed = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return Error::InvalidArgument("请求体不是有效的 JSON (request body is not valid JSON)");
  }
  return parsed;
}

}  // namespace anjian::http
