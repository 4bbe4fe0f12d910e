#include "http/log_format.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace anjian::http {
namespace {

thread_local std::span<const LogField> current_fields;

// Length of the well-formed UTF-8 sequence starting at text[i], or 0 when none starts there
// (stray continuation byte, overlong form, surrogate, beyond U+10FFFF, truncated).
std::size_t Utf8SequenceLength(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  const unsigned char second = byte(i + 1);
  if (lead == 0xE0 && second < 0xA0) return 0;
  if (lead == 0xED && second > 0x9F) return 0;
  if (lead == 0xF0 && second < 0x90) return 0;
  if (lead == 0xF4 && second > 0x8F) return 0;
  return length;
}

std::string_view LevelName(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
      return "trace";
    case spdlog::level::debug:
      return "debug";
    case spdlog::level::info:
      return "info";
    case spdlog::level::warn:
      return "warn";
    case spdlog::level::err:
      return "error";
    case spdlog::level::critical:
      return "critical";
    default:
      return "off";
  }
}

// "2026-11-22T22:30:00.123Z" (UTC). The seconds part is cached per thread: most lines of a busy
// second share it, and gmtime_r is the costliest step of a line.
void AppendTimestamp(std::string& out, std::chrono::system_clock::time_point time) {
  thread_local std::time_t cached_second = -1;
  thread_local char cached_text[32] = {};
  const auto since_epoch = time.time_since_epoch();
  const auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  const auto milliseconds =
      std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds).count();
  const std::time_t whole = static_cast<std::time_t>(seconds.count());
  if (whole != cached_second) {
    std::tm utc{};
    gmtime_r(&whole, &utc);
    std::strftime(cached_text, sizeof cached_text, "%Y-%m-%dT%H:%M:%S", &utc);
    cached_second = whole;
  }
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%03dZ", static_cast<int>(milliseconds));
  out += cached_text;
  out += fraction;
}

void AppendFieldValue(std::string& out,
                      const std::variant<std::string_view, std::int64_t, double>& value) {
  if (const auto* text = std::get_if<std::string_view>(&value)) {
    AppendJsonString(out, *text);
    return;
  }
  char buffer[32];
  std::to_chars_result written{};
  if (const auto* integer = std::get_if<std::int64_t>(&value)) {
    written = std::to_chars(buffer, buffer + sizeof buffer, *integer);
  } else {
    const double number = std::get<double>(value);
    if (!std::isfinite(number)) {
      out += "null";  // JSON has no NaN or infinity
      return;
    }
    written = std::to_chars(buffer, buffer + sizeof buffer, number);
  }
  out.append(buffer, written.ptr);
}

}  // namespace

ScopedLogFields::ScopedLogFields(std::span<const LogField> fields) : previous_(current_fields) {
  current_fields = fields;
}

ScopedLogFields::~ScopedLogFields() { current_fields = previous_; }

void AppendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t length = Utf8SequenceLength(text, i);
      if (length == 0) {
        out += "\\ufffd";  // invalid UTF-8 would make the whole line unparseable
        ++i;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xf];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

void JsonLogFormatter::format(const spdlog::details::log_msg& message, spdlog::memory_buf_t& dest) {
  thread_local std::string line;
  line.clear();
  line += "{\"ts\":\"";
  AppendTimestamp(line, message.time);
  line += "\",\"level\":\"";
  line += LevelName(message.level);
  line += "\",\"msg\":";
  AppendJsonString(line, std::string_view(message.payload.data(), message.payload.size()));
  for (const LogField& field : current_fields) {
    line += ",\"";
    line += field.key;
    line += "\":";
    AppendFieldValue(line, field.value);
  }
  line += "}\n";
  dest.append(line.data(), line.data() + line.size());
}

std::unique_ptr<spdlog::formatter> JsonLogFormatter::clone() const {
  return std::make_unique<JsonLogFormatter>();
}

void UseLogFormat(LogFormat format) {
  if (format == LogFormat::kText) return;
  auto sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
  sink->set_formatter(std::make_unique<JsonLogFormatter>());
  auto logger = std::make_shared<spdlog::logger>("anjian", std::move(sink));
  logger->set_level(spdlog::default_logger()->level());
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace anjian::http
