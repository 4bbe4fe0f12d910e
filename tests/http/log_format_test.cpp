#include "http/log_format.hpp"

#include <gtest/gtest.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <vector>

#include "common/text.hpp"

namespace anjian::http {
namespace {

// A logger writing JSON lines into a string, like the server's stdout logger in JSON mode.
class JsonLog {
 public:
  JsonLog()
      : sink_(std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_)), logger_("test", sink_) {
    sink_->set_formatter(std::make_unique<JsonLogFormatter>());
    logger_.set_level(spdlog::level::trace);
  }
  spdlog::logger& logger() { return logger_; }

  // Every line parsed; a line that is not one JSON object fails the test.
  std::vector<nlohmann::json> Lines() {
    std::vector<nlohmann::json> lines;
    std::string line;
    std::istringstream in(stream_.str());
    while (std::getline(in, line)) {
      nlohmann::json parsed = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      EXPECT_TRUE(parsed.is_object()) << "not a JSON object: " << line;
      lines.push_back(std::move(parsed));
    }
    return lines;
  }
  std::string Text() const { return stream_.str(); }

 private:
  std::ostringstream stream_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> sink_;
  spdlog::logger logger_;
};

TEST(LogFormatTest, EachLineIsOneObjectWithTimestampLevelAndMessage) {
  JsonLog log;
  log.logger().info("HTTP server listening on {}:{}", "127.0.0.1", 8080);
  const std::vector<nlohmann::json> lines = log.Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["level"], "info");
  EXPECT_EQ(lines[0]["msg"], "HTTP server listening on 127.0.0.1:8080");
  const std::string ts = lines[0]["ts"];
  EXPECT_TRUE(std::regex_match(ts, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)")))
      << ts;
  EXPECT_EQ(log.Text().substr(0, 7), "{\"ts\":\"");
  EXPECT_EQ(log.Text().back(), '\n');
}

TEST(LogFormatTest, QuotesNewlinesBackslashesAndChineseSurviveARoundTrip) {
  const std::vector<std::string> messages = {
      R"(unit "解放街道" said "hi")",
      "line one\nline two\r\n\tindented",
      R"(C:\path\to\file and \" and \\)",
      "整改期限已过：隐患 #17（重大隐患）",
      "control \x01\x1f and delete \x7f",
      "emoji 🚒 and {braces}",
      "",
  };
  JsonLog log;
  for (const std::string& message : messages) log.logger().warn("{}", message);
  const std::string text = log.Text();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), static_cast<long>(messages.size()))
      << "a message with a newline must stay on one line";
  const std::vector<nlohmann::json> lines = log.Lines();
  ASSERT_EQ(lines.size(), messages.size());
  for (std::size_t i = 0; i < messages.size(); ++i) {
    EXPECT_EQ(lines[i]["msg"], messages[i]);
    EXPECT_EQ(lines[i]["level"], "warn");
  }
  // Chinese stays readable in the raw line rather than \uXXXX escapes.
  EXPECT_NE(text.find("整改期限已过"), std::string::npos);
}

TEST(LogFormatTest, InvalidUtf8BecomesReplacementCharacters) {
  JsonLog log;
  // A stray continuation byte, a truncated 3-byte sequence, an overlong '/', a surrogate and a
  // lone 0xFF around valid text.
  log.logger().error("{}", std::string("a\x80"
                                       "b\xe6\x95"
                                       "c\xc0\xaf"
                                       "d\xed\xa0\x80"
                                       "e\xff"
                                       "中"));
  const std::vector<nlohmann::json> lines = log.Lines();
  ASSERT_EQ(lines.size(), 1u);
  // One U+FFFD per byte that does not start a well-formed sequence.
  EXPECT_EQ(lines[0]["msg"], "a\uFFFDb\uFFFD\uFFFDc\uFFFD\uFFFDd\uFFFD\uFFFD\uFFFDe\uFFFD中");
  EXPECT_EQ(lines[0]["level"], "error");
}

TEST(LogFormatTest, LevelNames) {
  JsonLog log;
  log.logger().trace("t");
  log.logger().debug("d");
  log.logger().info("i");
  log.logger().warn("w");
  log.logger().error("e");
  log.logger().critical("c");
  std::vector<std::string> levels;
  for (const auto& line : log.Lines()) levels.push_back(line["level"]);
  EXPECT_EQ(levels,
            (std::vector<std::string>{"trace", "debug", "info", "warn", "error", "critical"}));
}

TEST(LogFormatTest, ScopedFieldsAreAddedAsTypedMembersAndRemovedAfterwards) {
  JsonLog log;
  {
    const std::vector<LogField> fields = {{"method", std::string_view("GET")},
                                          {"route", std::string_view("/api/v1/units/{id}")},
                                          {"status", std::int64_t{200}},
                                          {"duration_ms", 1.25},
                                          {"request_id", std::string_view("a\"b\n中")}};
    const ScopedLogFields scope(fields);
    log.logger().info("GET /api/v1/units/17 200");
    {
      const std::vector<LogField> inner = {{"job", std::string_view("overdue")}};
      const ScopedLogFields nested(inner);
      log.logger().info("inner");
    }
    log.logger().info("outer again");
  }
  log.logger().info("plain");
  const std::vector<nlohmann::json> lines = log.Lines();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0]["method"], "GET");
  EXPECT_EQ(lines[0]["route"], "/api/v1/units/{id}");
  EXPECT_EQ(lines[0]["status"], 200);
  EXPECT_TRUE(lines[0]["status"].is_number_integer());
  EXPECT_DOUBLE_EQ(lines[0]["duration_ms"].get<double>(), 1.25);
  EXPECT_EQ(lines[0]["request_id"], "a\"b\n中");
  EXPECT_EQ(lines[1]["job"], "overdue");
  EXPECT_FALSE(lines[1].contains("method"));
  EXPECT_EQ(lines[2]["status"], 200);
  EXPECT_EQ(lines[3].size(), 3u) << lines[3].dump();
}

TEST(LogFormatTest, FieldsAreThreadLocal) {
  JsonLog log;
  const std::vector<LogField> fields = {{"user_id", std::int64_t{7}}};
  const ScopedLogFields scope(fields);
  std::thread([&] { log.logger().info("other thread"); }).join();
  log.logger().info("this thread");
  const std::vector<nlohmann::json> lines = log.Lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_FALSE(lines[0].contains("user_id"));
  EXPECT_EQ(lines[1]["user_id"], 7);
}

TEST(LogFormatTest, AppendJsonStringEscapesLikeAJsonLibraryReadsIt) {
  std::string out;
  AppendJsonString(out, "say \"hi\"\n\\ 中文\x02");
  EXPECT_EQ(out, "\"say \\\"hi\\\"\\n\\\\ 中文\\u0002\"");
  EXPECT_EQ(nlohmann::json::parse(out), "say \"hi\"\n\\ 中文\x02");
}

}  // namespace
}  // namespace anjian::http
