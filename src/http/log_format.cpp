#include "http/log_format.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "common/text.hpp"

namespace anjian::http {
namespace {

thread_local std::span<const LogField> current_fields;

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
