// Runs the real `anjian` binary for black-box tests: a demo database in a temp dir, the server
// on an ephemeral port, and curl for HTTP (what an operator would use).
#pragma once

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/inspection_requests.hpp"
#include "support/temp_dir.hpp"
#include "support/tiny_png.hpp"

namespace anjian::integration {

inline std::string AnjianBinary() { return std::string(ANJIAN_BINARY_DIR) + "/src/cli/anjian"; }

// A fresh directory that lives until the test binary exits (suites share theirs across tests and
// servers they start write into it), then is removed with its contents.
inline std::string MakeTempDir() {
  static std::vector<std::unique_ptr<test_support::TempDir>> kept;
  kept.push_back(std::make_unique<test_support::TempDir>());
  return kept.back()->path();
}

struct CommandResult {
  int exit_code = -1;
  std::string output;
};

// Runs a shell command, capturing stdout.
inline CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  std::size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct HttpResult {
  int status = 0;
  std::string body;
  nlohmann::json Json() const { return nlohmann::json::parse(body, nullptr, false); }
};

// The password of every demo account (app::kDemoPassword).
inline constexpr const char* kDemoPassword = "Anjian@2024";

class ServerProcess {
 public:
  enum class Startup {
    kWait,   // the constructor returns once the server listens
    kLater,  // the constructor only starts it; call AwaitStart() (to start several at once)
  };
  // Starts `anjian serve --port 0` on db with extra args and waits for the "已启动" line. The
  // server gets SIGTERM when the thread that constructed this object ends (PR_SET_PDEATHSIG), so
  // a crashed test leaves no server behind holding ctest's output pipe open: construct it on a
  // thread that outlives it.
  ServerProcess(const std::string& db, const std::vector<std::string>& extra_args = {},
                Startup startup = Startup::kWait) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe");
    const pid_t parent = getpid();
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (getppid() != parent) _exit(1);  // the test died before prctl
      dup2(pipe_fds[1], STDOUT_FILENO);
      close(pipe_fds[0]);
      std::vector<std::string> args = {AnjianBinary(), "serve", "--db", db, "--port", "0"};
      args.insert(args.end(), extra_args.begin(), extra_args.end());
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(pipe_fds[1]);
    output_ = fdopen(pipe_fds[0], "r");
    if (startup == Startup::kWait) AwaitStart();
  }
  // Reads the server's output up to its "已启动" line. Throws (after stopping the process) when it
  // ends its output without that line, e.g. because it exited on an error.
  void AwaitStart() {
    char line[1024];
    while (port_ == 0 && fgets(line, sizeof line, output_)) {
      std::string text(line);
      startup_output_ += text;
      auto pos = text.find("http://127.0.0.1:");
      if (text.find("已启动") != std::string::npos && pos != std::string::npos) {
        port_ = std::stoi(text.substr(pos + 17));
      }
    }
    if (port_ == 0) {
      Kill(SIGKILL);
      throw std::runtime_error("server did not start: " + startup_output_);
    }
  }
  ~ServerProcess() {
    Kill(SIGTERM);
    if (output_) fclose(output_);
  }
  void Kill(int signal_number) {
    if (pid_ > 0) {
      kill(pid_, signal_number);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Whether the server process is still alive (not exited, not killed).
  bool Running() {
    if (pid_ <= 0) return false;
    if (waitpid(pid_, nullptr, WNOHANG) == 0) return true;
    pid_ = -1;  // reaped: nothing left to kill
    return false;
  }
  // What the server printed on stdout up to and including its "已启动" line.
  const std::string& startup_output() const { return startup_output_; }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  // curl with optional bearer token and extra curl arguments; body read from `data` if given.
  // Status 0 when curl got no answer (connection refused, --max-time exceeded).
  HttpResult Request(const std::string& method, const std::string& path,
                     const std::string& token = "", const std::string& data = "",
                     const std::string& extra = "") const {
    std::string command =
        "curl -s -o - -w '\\n%{http_code}' -X " + method + " " + ShellQuote(Url(path));
    if (!token.empty()) command += " -H " + ShellQuote("Authorization: Bearer " + token);
    std::string body_file;
    if (!data.empty()) {
      command += " -H 'Content-Type: application/json' --data-binary ";
      if (data.size() <= kLargestInlineBody) {
        command += ShellQuote(data);
      } else {
        // A signed record with its signature PNGs can exceed what one shell argument may hold.
        body_file = std::filesystem::temp_directory_path().string() + "/anjian-body-XXXXXX";
        const int fd = mkstemp(body_file.data());
        if (fd < 0) throw std::runtime_error("mkstemp failed");
        close(fd);
        std::ofstream(body_file, std::ios::binary) << data;
        command += "@" + ShellQuote(body_file);
      }
    }
    if (!extra.empty()) command += " " + extra;
    auto result = RunCommand(command);
    if (!body_file.empty()) std::filesystem::remove(body_file);
    HttpResult http;
    const auto newline = result.output.rfind('\n');
    if (newline == std::string::npos) return http;
    http.status = std::atoi(result.output.c_str() + newline + 1);
    http.body = result.output.substr(0, newline);
    return http;
  }

  // POSTs the file at `path` as the multipart field `file` (an upload of a photo); the sha256 of
  // the stored file, or "" when the upload was refused.
  std::string UploadFile(const std::string& token, const std::string& path,
                         const std::string& content_type = "image/png") const {
    auto result = Request("POST", "/api/v1/uploads", token, "",
                          "-F " + ShellQuote("file=@" + path + ";type=" + content_type));
    auto json = result.Json();
    if ((result.status != 200 && result.status != 201) || !json.contains("sha256")) return "";
    return json["sha256"].get<std::string>();
  }

  std::string Login(const std::string& username,
                    const std::string& password = kDemoPassword) const {
    auto result = Request("POST", "/api/v1/auth/login", "",
                          nlohmann::json{{"username", username}, {"password", password}}.dump());
    auto json = result.Json();
    if (result.status != 200 || !json.contains("token")) return "";
    return json["token"].get<std::string>();
  }

 private:
  static constexpr std::size_t kLargestInlineBody = 32 * 1024;

  pid_t pid_ = -1;
  int port_ = 0;
  FILE* output_ = nullptr;
  std::string startup_output_;
};

// Extra curl arguments for ServerProcess::Request: one request header ("Name: value").
inline std::string CurlHeader(const std::string& header) { return "-H " + ShellQuote(header); }

// Extra curl arguments for ServerProcess::Request: give up after `seconds` (the answer then has
// status 0), so a hanging server fails a test instead of stalling it.
inline std::string CurlMaxTime(int seconds) { return "--max-time " + std::to_string(seconds); }

// A demo database built once per test binary in its own temp dir.
inline std::string DemoDatabase(const std::string& dir) {
  const std::string db = dir + "/demo.db";
  RunCommand(AnjianBinary() + " demo --db " + ShellQuote(db) + " > /dev/null");
  return db;
}

// What the demo inspector needs to submit on-site records (test_support::RecordBody): today's
// date (Beijing), the team of the first of "my tasks", the general checklist, one uploaded photo
// (written to `dir`), and the session of the team's other member (demo account inspector2), who
// signs each record in their own account before the inspector submits it.
struct InspectionKit {
  std::string today;
  std::vector<std::int64_t> team;
  nlohmann::json checklist;
  std::string photo;
  std::int64_t partner = 0;  // the other member's inspector id
  std::string partner_token;
};

// Throws std::runtime_error naming the step that failed.
inline InspectionKit PrepareInspectionKit(const ServerProcess& server,
                                          const std::string& inspector_token,
                                          const std::string& dir) {
  InspectionKit kit;
  auto mine = server.Request("GET", "/api/v1/tasks?mine=1", inspector_token);
  auto tasks = mine.Json();
  if (mine.status != 200 || !tasks.contains("items") || tasks["items"].empty()) {
    throw std::runtime_error("the demo inspector has no tasks: " + std::to_string(mine.status) +
                             " " + mine.body);
  }
  kit.today = tasks["today"];
  for (const auto& member : tasks["items"][0]["team"])
    kit.team.push_back(member["inspector_id"].get<std::int64_t>());
  auto checklist = server.Request("GET", "/api/v1/checklists/general", inspector_token);
  if (checklist.status != 200)
    throw std::runtime_error("GET /api/v1/checklists/general: " + checklist.body);
  kit.checklist = checklist.Json();
  const std::string path = dir + "/kit-photo.png";
  std::ofstream(path, std::ios::binary) << test_support::MakeTinyPng(320, 240, 7);
  kit.photo = server.UploadFile(inspector_token, path);
  if (kit.photo.size() != 64) throw std::runtime_error("the photo upload failed");
  kit.partner_token = server.Login("inspector2");
  auto me = server.Request("GET", "/api/v1/auth/me", kit.partner_token);
  const nlohmann::json partner = me.Json();
  const nlohmann::json& user = partner.contains("user") ? partner["user"] : partner;
  if (me.status != 200 || !user.contains("inspector_id") ||
      !user["inspector_id"].is_number_integer()) {
    throw std::runtime_error("the demo account inspector2 has no inspector: " + me.body);
  }
  kit.partner = user["inspector_id"].get<std::int64_t>();
  if (std::find(kit.team.begin(), kit.team.end(), kit.partner) == kit.team.end()) {
    throw std::runtime_error("inspector2 is not on the demo team");
  }
  return kit;
}

// Up to `count` ad hoc special tasks for today with the kit's team, one per unit listed by
// GET /api/v1/units?<units_query> (as admin), skipping units from which someone on the team is
// recused (400). Returns the task ids; throws on any other refusal.
inline std::vector<std::int64_t> CreateAdHocTasks(
    const ServerProcess& server, const std::string& admin_token, const std::string& inspector_token,
    const InspectionKit& kit, const std::string& units_query, std::size_t count) {
  std::vector<std::int64_t> ids;
  auto units = server.Request("GET", "/api/v1/units?" + units_query, admin_token);
  if (units.status != 200)
    throw std::runtime_error("GET /api/v1/units?" + units_query + ": " + units.body);
  const nlohmann::json listed = units.Json();
  for (const auto& unit : listed["items"]) {
    if (ids.size() == count) break;
    auto created = server.Request("POST", "/api/v1/tasks", inspector_token,
                                  nlohmann::json{{"kind", "special"},
                                                 {"unit_id", unit["id"]},
                                                 {"scheduled_on", kit.today},
                                                 {"team", kit.team}}
                                      .dump());
    if (created.status == 400) continue;
    if (created.status != 201) throw std::runtime_error("POST /api/v1/tasks: " + created.body);
    ids.push_back(created.Json()["id"].get<std::int64_t>());
  }
  return ids;
}

// The on-site record for a task with the kit (C9 not conforming, one finding); `seed` varies
// the signatures so that every body differs. The partner signs first in their own session (one
// request); throws when that is refused.
inline std::string KitRecordBody(const ServerProcess& server, const InspectionKit& kit,
                                 std::int64_t task_id, std::uint32_t seed) {
  auto attested = server.Request("POST", "/api/v1/tasks/" + std::to_string(task_id) + "/signatures",
                                 kit.partner_token,
                                 test_support::AttestationBody(kit.partner, seed * 16 + 9).dump());
  if (attested.status != 201) {
    throw std::runtime_error("the partner could not sign task " + std::to_string(task_id) + ": " +
                             std::to_string(attested.status) + " " + attested.body);
  }
  const std::int64_t attestation = attested.Json()["attestation"]["id"].get<std::int64_t>();
  return test_support::RecordBody(kit.checklist, kit.team, kit.today, kit.photo, kit.photo,
                                  seed * 16, {{kit.partner, attestation}})
      .dump();
}

}  // namespace anjian::integration
