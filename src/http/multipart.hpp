// multipart/form-data parser (RFC 7578) for uploads such as xlsx imports. The whole body is
// already in memory (the server caps it with body_limit_bytes).
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace anjian::http {

struct MultipartPart {
  std::string name;          // form field name from Content-Disposition
  std::string file_name;     // "filename" (filename*=UTF-8'' preferred when present); "" for fields
  std::string content_type;  // part Content-Type; "" when absent
  std::string data;          // raw bytes, without the CRLF that precedes the next delimiter
};

// Parses `body` using the boundary from the request's Content-Type header.
// kInvalidArgument with a bilingual message when the header is not multipart/form-data, the
// boundary parameter is missing or invalid, a part lacks its headers or Content-Disposition name,
// or the body ends before the closing delimiter ("--boundary--").
Result<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type_header,
                                                  std::string_view body);

// The first part with this field name, or nullptr.
const MultipartPart* FindPart(const std::vector<MultipartPart>& parts, std::string_view name);

}  // namespace anjian::http
