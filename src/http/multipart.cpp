#include "http/multipart.hpp"

#include <utility>

#include "http/request.hpp"

namespace anjian::http {
namespace {

constexpr std::string_view kCrlf = "\r\n";

std::string ToLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

struct HeaderValue {
  std::string value;  // the part before the first ';', lower-cased
  std::vector<std::pair<std::string, std::string>> parameters;  // names lower-cased
};

// Parses `value; a=b; c="d;e"`. Quoted strings may contain ';' and backslash escapes.
HeaderValue ParseHeaderValue(std::string_view text) {
  HeaderValue result;
  std::size_t pos = text.find(';');
  result.value = ToLower(TrimSpaces(text.substr(0, pos)));
  while (pos != std::string_view::npos && pos < text.size()) {
    ++pos;  // skip ';'
    const std::size_t eq = text.find('=', pos);
    const std::size_t next_semicolon = text.find(';', pos);
    if (eq == std::string_view::npos ||
        (next_semicolon != std::string_view::npos && next_semicolon < eq)) {
      pos = next_semicolon;
      continue;
    }
    std::string name = ToLower(TrimSpaces(text.substr(pos, eq - pos)));
    pos = eq + 1;
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    std::string value;
    if (pos < text.size() && text[pos] == '"') {
      ++pos;
      while (pos < text.size() && text[pos] != '"') {
        if (text[pos] == '\\' && pos + 1 < text.size()) ++pos;
        value.push_back(text[pos++]);
      }
      pos = text.find(';', pos);
    } else {
      const std::size_t end = text.find(';', pos);
      value = std::string(
          TrimSpaces(text.substr(pos, end == std::string_view::npos ? end : end - pos)));
      pos = end;
    }
    result.parameters.emplace_back(std::move(name), std::move(value));
  }
  return result;
}

const std::string* FindParameter(const HeaderValue& header, std::string_view name) {
  for (const auto& [key, value] : header.parameters) {
    if (key == name) return &value;
  }
  return nullptr;
}

Error Truncated() {
  return Error::InvalidArgument(
      "上传内容不完整：multipart 正文在结束分隔符之前中断 "
      "(multipart body is truncated: closing boundary not found)");
}

// Fills name, file_name and content_type of `part` from its header block.
Status ParsePartHeaders(std::string_view block, MultipartPart& part) {
  bool has_disposition = false;
  while (!block.empty()) {
    const std::size_t end = block.find(kCrlf);
    const std::string_view line = block.substr(0, end);
    block = end == std::string_view::npos ? std::string_view{} : block.substr(end + kCrlf.size());
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return Error::InvalidArgument("multipart 分段头格式错误 (malformed multipart part header)");
    }
    const std::string name = ToLower(TrimSpaces(line.substr(0, colon)));
    const std::string_view value = TrimSpaces(line.substr(colon + 1));
    if (name == "content-type") {
      part.content_type = std::string(value);
    } else if (name == "content-disposition") {
      const HeaderValue disposition = ParseHeaderValue(value);
      const std::string* field = FindParameter(disposition, "name");
      if (field == nullptr) break;
      has_disposition = true;
      part.name = *field;
      if (const std::string* file = FindParameter(disposition, "filename")) part.file_name = *file;
      // RFC 5987 form, e.g. filename*=UTF-8''%E9%9A%90%E6%82%A3.xlsx, wins over the plain one.
      if (const std::string* extended = FindParameter(disposition, "filename*")) {
        const std::size_t quote = extended->find("''");
        if (quote != std::string::npos && ToLower(extended->substr(0, quote)) == "utf-8") {
          if (Result<std::string> decoded = PercentDecode(extended->substr(quote + 2))) {
            part.file_name = std::move(decoded).value();
          }
        }
      }
    }
  }
  if (!has_disposition) {
    return Error::InvalidArgument(
        "multipart 分段缺少 Content-Disposition 字段名 (multipart part has no Content-Disposition "
        "name)");
  }
  return Ok();
}

}  // namespace

Result<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type_header,
                                                  std::string_view body) {
  const HeaderValue content_type = ParseHeaderValue(content_type_header);
  if (content_type.value != "multipart/form-data") {
    return Error::InvalidArgument(
        "请求的 Content-Type 应为 multipart/form-data (expected multipart/form-data, got '" +
        std::string(content_type_header) + "')");
  }
  const std::string* boundary = FindParameter(content_type, "boundary");
  if (boundary == nullptr || boundary->empty()) {
    return Error::InvalidArgument(
        "multipart 请求缺少 boundary 参数 (Content-Type has no multipart boundary parameter)");
  }
  if (boundary->size() > 70) {
    return Error::InvalidArgument(
        "multipart boundary 过长 (multipart boundary longer than 70 characters)");
  }
  const std::string delimiter = "--" + *boundary;
  const std::string inner_delimiter = std::string(kCrlf) + delimiter;

  // The first delimiter is at the very start or after a preamble ending in CRLF.
  std::size_t pos = 0;
  if (body.substr(0, delimiter.size()) != delimiter) {
    pos = body.find(inner_delimiter);
    if (pos == std::string_view::npos) return Truncated();
    pos += kCrlf.size();
  }
  pos += delimiter.size();

  std::vector<MultipartPart> parts;
  while (true) {
    if (body.size() - pos < 2) return Truncated();
    if (body.substr(pos, 2) == "--") break;  // closing delimiter; anything after is epilogue
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;  // padding
    if (body.substr(pos, kCrlf.size()) != kCrlf) {
      if (body.size() - pos < kCrlf.size()) return Truncated();
      return Error::InvalidArgument(
          "multipart 分隔符后缺少换行 (multipart delimiter not followed by CRLF)");
    }
    pos += kCrlf.size();

    MultipartPart part;
    // A part with no headers starts directly with the blank line.
    std::size_t data_begin = pos;
    if (body.substr(pos, kCrlf.size()) == kCrlf) {
      data_begin = pos + kCrlf.size();
      ANJIAN_TRY(ParsePartHeaders({}, part));
    } else {
      const std::size_t headers_end = body.find("\r\n\r\n", pos);
      if (headers_end == std::string_view::npos) return Truncated();
      ANJIAN_TRY(ParsePartHeaders(body.substr(pos, headers_end - pos), part));
      data_begin = headers_end + 4;
    }
    const std::size_t data_end = body.find(inner_delimiter, data_begin);
    if (data_end == std::string_view::npos) return Truncated();
    part.data = std::string(body.substr(data_begin, data_end - data_begin));
    parts.push_back(std::move(part));
    pos = data_end + inner_delimiter.size();
  }
  return parts;
}

const MultipartPart* FindPart(const std::vector<MultipartPart>& parts, std::string_view name) {
  for (const MultipartPart& part : parts) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

}  // namespace anjian::http
