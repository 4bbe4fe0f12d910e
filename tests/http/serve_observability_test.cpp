// Black-box: `anjian serve --log-format json --metrics-token T` writes only JSON lines on stdout
// (demo accounts and the start banner included, Chinese intact), an access line per request
// without query strings, and serves /metrics to loopback and to the token only.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/exposition.hpp"
#include "integration/server_process.hpp"

namespace anjian::http {
namespace {

using integration::AnjianBinary;
using integration::RunCommand;
using integration::ShellQuote;

constexpr const char* kToken = "scrape-token-1";

// `anjian serve` with stdout on a pipe; the lines it writes are kept for the test to inspect.
class JsonServe {
 public:
  explicit JsonServe(const std::string& dir) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      const std::string db = dir + "/serve.db";
      std::vector<std::string> args = {
          AnjianBinary(), "serve",           "--db", db, "--port", "0", "--demo", "--log-format",
          "json",         "--metrics-token", kToken};
      std::vector<char*> argv;
      for (auto& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(fds[1]);
    out_ = fdopen(fds[0], "r");
    // The banner says "已启动: http://127.0.0.1:PORT/"; everything before it is kept too.
    while (ReadLine()) {
      const std::string& line = lines_.back();
      const auto at = line.find("已启动: http://127.0.0.1:");
      if (at != std::string::npos) {
        port_ = std::stoi(line.substr(at + std::string("已启动: http://127.0.0.1:").size()));
        break;
      }
    }
    if (port_ == 0) throw std::runtime_error("server did not start");
  }

  ~JsonServe() {
    Stop();
    if (out_ != nullptr) fclose(out_);
  }

  // SIGTERM, then reads stdout to its end.
  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    while (ReadLine()) {
    }
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  const std::vector<std::string>& lines() const { return lines_; }

 private:
  bool ReadLine() {
    char* buffer = nullptr;
    std::size_t capacity = 0;
    const ssize_t length = getline(&buffer, &capacity, out_);
    if (length >= 0) lines_.emplace_back(buffer, static_cast<std::size_t>(length));
    free(buffer);
    return length >= 0;
  }

  pid_t pid_ = -1;
  int port_ = 0;
  FILE* out_ = nullptr;
  std::vector<std::string> lines_;
};

struct CurlResult {
  int status = 0;
  std::string body;
};

CurlResult Curl(const std::string& url, const std::string& extra = "") {
  const auto result =
      RunCommand("curl -s -o - -w '\\n%{http_code}' " + extra + " " + ShellQuote(url));
  CurlResult curl;
  const auto newline = result.output.rfind('\n');
  if (newline == std::string::npos) return curl;
  curl.status = std::atoi(result.output.c_str() + newline + 1);
  curl.body = result.output.substr(0, newline);
  return curl;
}

TEST(ServeObservabilityTest, JsonLogsAndGuardedMetricsFromTheRealBinary) {
  const std::string dir = integration::MakeTempDir();
  JsonServe serve(dir);

  const CurlResult login = Curl(serve.Url("/api/v1/auth/login"),
                                "-H 'Content-Type: application/json' --data-binary "
                                "'{\"username\":\"admin\",\"password\":\"Anjian@2024\"}'");
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string token = nlohmann::json::parse(login.body)["token"];
  const CurlResult unit = Curl(serve.Url("/api/v1/units/1?q=private-term"),
                               "-H " + ShellQuote("Authorization: Bearer " + token));
  EXPECT_EQ(unit.status, 200) << unit.body;

  const CurlResult metrics = Curl(serve.Url("/metrics"));
  ASSERT_EQ(metrics.status, 200) << metrics.body;
  const Exposition parsed = ParseExposition(metrics.body);
  ASSERT_EQ(parsed.error, "") << metrics.body;
  EXPECT_EQ(parsed.Value("anjian_db_info", {{"kind", "sqlite"}}), 1);
  EXPECT_EQ(parsed.Value("anjian_http_requests_total",
                         {{"method", "GET"}, {"route", "/api/v1/units/{id}"}, {"status", "200"}}),
            1);
  EXPECT_TRUE(
      parsed.Value("anjian_job_runs_total", {{"job", "overdue"}, {"result", "ran"}}).has_value());
  EXPECT_TRUE(
      parsed.Value("anjian_job_last_run_timestamp_seconds", {{"job", "overdue"}}).has_value());
  EXPECT_EQ(parsed.All("anjian_build_info").size(), 1u);
  EXPECT_TRUE(parsed.Value("process_start_time_seconds").has_value());
  EXPECT_TRUE(parsed.Value("anjian_db_pool_connections").has_value());

  // A proxied request (nginx adds X-Forwarded-For) needs the token.
  const CurlResult proxied = Curl(serve.Url("/metrics"), "-H 'X-Forwarded-For: 203.0.113.7'");
  EXPECT_EQ(proxied.status, 403);
  EXPECT_EQ(nlohmann::json::parse(proxied.body, nullptr, false)["error"]["code"],
            "permission_denied");
  const CurlResult with_token =
      Curl(serve.Url("/metrics"), "-H 'X-Forwarded-For: 203.0.113.7' -H " +
                                      ShellQuote(std::string("Authorization: Bearer ") + kToken));
  EXPECT_EQ(with_token.status, 200);
  EXPECT_NE(with_token.body.find("anjian_http_requests_total"), std::string::npos);

  serve.Stop();
  bool saw_demo_accounts = false;
  bool saw_banner = false;
  bool saw_unit_access = false;
  for (const std::string& line : serve.lines()) {
    const nlohmann::json parsed_line = nlohmann::json::parse(line, nullptr, false);
    ASSERT_TRUE(parsed_line.is_object()) << "stdout line is not JSON: " << line;
    EXPECT_TRUE(parsed_line.contains("ts") && parsed_line.contains("level") &&
                parsed_line.contains("msg"))
        << line;
    const std::string msg = parsed_line.value("msg", "");
    if (msg.find("演示账号") != std::string::npos) saw_demo_accounts = true;
    if (msg.find("Anjian 安监已启动") != std::string::npos) saw_banner = true;
    if (parsed_line.value("route", "") == "/api/v1/units/{id}") {
      saw_unit_access = true;
      EXPECT_EQ(parsed_line["path"], "/api/v1/units/1");
      EXPECT_EQ(parsed_line["status"], 200);
      EXPECT_TRUE(parsed_line["user_id"].is_number_integer()) << line;
      EXPECT_EQ(parsed_line["bytes"], unit.body.size());
    }
    EXPECT_EQ(line.find("private-term"), std::string::npos) << "query string logged: " << line;
    EXPECT_EQ(line.find(token), std::string::npos) << "session token logged: " << line;
  }
  EXPECT_TRUE(saw_demo_accounts);
  EXPECT_TRUE(saw_banner);
  EXPECT_TRUE(saw_unit_access);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace anjian::http
