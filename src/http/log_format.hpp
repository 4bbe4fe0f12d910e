// Log output formats of `anjian serve`: the default spdlog text lines, or one JSON object per
// line ({"ts":"2026-11-22T22:30:00.123Z","level":"info","msg":"…", …fields}) for log collectors.
// The JSON form escapes quotes, backslashes and control characters (a message with a newline
// stays one line), keeps valid UTF-8 (Chinese) as is and replaces invalid bytes with U+FFFD, so
// every line parses. Structured fields (the access log's method, route, status, …) are attached
// with ScopedLogFields instead of being formatted into the message.
// Thread-safety: ScopedLogFields is per thread; UseLogFormat at start-up only.
#pragma once

#include <spdlog/formatter.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace anjian::http {

enum class LogFormat { kText, kJson };

// Makes the default spdlog logger write `format` to stdout. kJson also flushes every line, so a
// collector reading a pipe sees each line at once (and a crash loses none); kText leaves the
// default logger as it is.
void UseLogFormat(LogFormat format);

struct LogField {
  std::string_view key;  // must not be "ts", "level" or "msg", and needs no JSON escaping
  std::variant<std::string_view, std::int64_t, double> value;
};

// While alive, every line this thread logs in JSON format carries these fields (the text format
// ignores them). The fields' storage must outlive the scope. Scopes nest; the inner one wins.
class ScopedLogFields {
 public:
  explicit ScopedLogFields(std::span<const LogField> fields);
  ~ScopedLogFields();
  ScopedLogFields(const ScopedLogFields&) = delete;
  ScopedLogFields& operator=(const ScopedLogFields&) = delete;

 private:
  std::span<const LogField> previous_;
};

// The spdlog formatter behind LogFormat::kJson.
class JsonLogFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& message, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;
};

}  // namespace anjian::http
