// Runs the real `anjian` binary for black-box tests: a demo database in a temp dir, the server
// on an ephemeral port, and curl for HTTP (what an operator would use).
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace anjian::testing {

inline std::string AnjianBinary() { return std::string(ANJIAN_BINARY_DIR) + "/src/cli/anjian"; }

inline std::string MakeTempDir() {
  std::string pattern = std::filesystem::temp_directory_path().string() + "/anjian-it-XXXXXX";
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  return pattern;
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
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
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

class ServerProcess {
 public:
  // Starts `anjian serve --port 0` on db with extra args and waits for the "已启动" line.
  ServerProcess(const std::string& db, const std::vector<std::string>& extra_args = {}) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
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
    FILE* out = fdopen(pipe_fds[0], "r");
    char line[1024];
    while (fgets(line, sizeof line, out)) {
      std::string text(line);
      auto pos = text.find("http://127.0.0.1:");
      if (text.find("已启动") != std::string::npos && pos != std::string::npos) {
        port_ = std::stoi(text.substr(pos + 17));
        break;
      }
    }
    output_ = out;
    if (port_ == 0) throw std::runtime_error("server did not start");
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
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  // curl with optional bearer token and extra curl arguments; body read from `data` if given.
  HttpResult Request(const std::string& method, const std::string& path, const std::string& token = "",
                     const std::string& data = "", const std::string& extra = "") const {
    std::string command = "curl -s -o - -w '\\n%{http_code}' -X " + method + " " + ShellQuote(Url(path));
    if (!token.empty()) command += " -H " + ShellQuote("Authorization: Bearer " + token);
    if (!data.empty()) command += " -H 'Content-Type: application/json' --data-binary " + ShellQuote(data);
    if (!extra.empty()) command += " " + extra;
    auto result = RunCommand(command);
    HttpResult http;
    const auto newline = result.output.rfind('\n');
    if (newline == std::string::npos) return http;
    http.status = std::atoi(result.output.c_str() + newline + 1);
    http.body = result.output.substr(0, newline);
    return http;
  }

  std::string Login(const std::string& username, const std::string& password = "Anjian@2024") const {
    auto result = Request("POST", "/api/v1/auth/login", "",
                          nlohmann::json{{"username", username}, {"password", password}}.dump());
    auto json = result.Json();
    if (result.status != 200 || !json.contains("token")) return "";
    return json["token"].get<std::string>();
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  FILE* output_ = nullptr;
};

// A demo database built once per test binary in its own temp dir.
inline std::string DemoDatabase(const std::string& dir) {
  const std::string db = dir + "/demo.db";
  RunCommand(AnjianBinary() + " demo --db " + ShellQuote(db) + " > /dev/null");
  return db;
}

}  // namespace anjian::testing
