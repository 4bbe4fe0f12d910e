// multipart/form-data uploads (http::ParseMultipart, used by the import and photo routes). The
// input is "<Content-Type header>\n<body>": the first line is the header value, so mutations
// reach the boundary parameter parsing too. Without a newline the whole input is the body under
// a fixed header. The parts' data must fit inside the body, and FindPart must find every part.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "http/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view header = "multipart/form-data; boundary=XyZ";
  if (const auto newline = input.find('\n'); newline != std::string_view::npos) {
    header = input.substr(0, newline);
    input.remove_prefix(newline + 1);
  }
  auto parts = anjian::http::ParseMultipart(header, input);
  if (!parts.ok()) return 0;
  std::size_t total = 0;
  for (const auto& part : *parts) {
    total += part.data.size();
    FUZZ_CHECK(anjian::http::FindPart(*parts, part.name) != nullptr);
  }
  FUZZ_CHECK(total <= input.size());
  return 0;
}
