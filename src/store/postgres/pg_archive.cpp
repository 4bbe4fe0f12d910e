#include "store/postgres/pg_archive.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "platform/atomic_file.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/postgres/pg_store.hpp"

extern char** environ;

namespace anjian::store::postgres {

namespace {

std::string PercentDecode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

struct ToolRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs `path args…` with PGPASSWORD set when `password` is not empty; stdin is /dev/null.
Result<ToolRun> RunTool(const std::string& path, const std::vector<std::string>& args,
                        const std::string& password) {
  std::vector<std::string> env_strings;
  for (char** e = environ; e && *e; ++e) {
    if (!password.empty() && std::strncmp(*e, "PGPASSWORD=", 11) == 0) continue;
    env_strings.emplace_back(*e);
  }
  if (!password.empty()) env_strings.push_back("PGPASSWORD=" + password);
  std::vector<char*> envp;
  envp.reserve(env_strings.size() + 1);
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_strings{path};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  argv.reserve(argv_strings.size() + 1);
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0)
    return Error::Internal(std::string("pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, path.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawned != 0) {
    ::close(pipe_fds[0]);
    return Error::Unavailable("无法运行 " + path + ": " + std::strerror(spawned));
  }
  ToolRun run;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (n > 0) {
      run.output.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// The tool's reason in one line: its first "error:" line without the "pg_dump: error: " prefix,
// else its last line; the password, should a tool ever echo it, is blanked.
std::string ReasonLine(const ToolRun& run, const std::string& password) {
  std::istringstream lines(run.output);
  std::string line, first_error, last;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    last = line;
    const auto error_at = line.find("error: ");
    if (first_error.empty() && error_at != std::string::npos)
      first_error = line.substr(error_at + 7);
  }
  std::string reason = !first_error.empty() ? first_error
                       : !last.empty()      ? last
                                            : "退出码 " + std::to_string(run.exit_code);
  if (!password.empty()) {
    for (auto at = reason.find(password); at != std::string::npos;
         at = reason.find(password, at + 3)) {
      reason.replace(at, password.size(), "***");
    }
  }
  return reason;
}

Result<std::string> ReadMagic(const std::string& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return Error::NotFound("文件不存在：" + file);
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error::Unavailable("无法读取 " + file);
  std::string magic(16, '\0');
  in.read(magic.data(), static_cast<std::streamsize>(magic.size()));
  magic.resize(static_cast<std::size_t>(in.gcount()));
  return magic;
}

// Table names in a custom archive, from `pg_restore --list` (lines "id; oid oid TABLE schema name
// owner").
Result<std::set<std::string>> ArchiveTables(const std::string& pg_restore,
                                            const std::string& file) {
  ANJIAN_ASSIGN_OR_RETURN(auto run, RunTool(pg_restore, {"--list", file}, ""));
  if (run.exit_code != 0)
    return Error::InvalidArgument("无法读取备份 " + file + ": " + ReasonLine(run, ""));
  std::set<std::string> tables;
  std::istringstream lines(run.output);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == ';') continue;
    std::istringstream words(line);
    std::string id, table_oid, oid, kind, schema, name;
    if (!(words >> id >> table_oid >> oid >> kind >> schema >> name)) continue;
    if (kind == "TABLE" && schema != "DATA") tables.insert(name);
  }
  return tables;
}

Result<std::set<std::string>> DatabaseTables(const std::string& conninfo) {
  ANJIAN_ASSIGN_OR_RETURN(auto connection, PgConnection::Open(conninfo));
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      connection->Prepare("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"));
  std::set<std::string> tables;
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    tables.insert(stmt.Text(0));
  }
  return tables;
}

}  // namespace

Result<ToolConnection> ToolConnectionFor(const std::string& url) {
  ANJIAN_ASSIGN_OR_RETURN(auto parsed, ParsePgUrl(url));
  ToolConnection out;
  std::string rest = parsed.first;
  const auto scheme_end = rest.find("://");
  if (scheme_end == std::string::npos)
    return Error::InvalidArgument("PostgreSQL 连接串应以 postgresql:// 开头");
  const auto authority = scheme_end + 3;
  auto authority_end = rest.find_first_of("/?#", authority);
  if (authority_end == std::string::npos) authority_end = rest.size();
  const auto at = rest.rfind('@', authority_end);
  if (at != std::string::npos && at >= authority) {
    const auto colon = rest.find(':', authority);
    if (colon != std::string::npos && colon < at) {
      out.password = PercentDecode(std::string_view(rest).substr(colon + 1, at - colon - 1));
      rest.erase(colon, at - colon);
    }
  }
  const auto question = rest.find('?');
  if (question != std::string::npos) {
    std::string kept = rest.substr(0, question);
    char separator = '?';
    std::istringstream pairs(rest.substr(question + 1));
    std::string pair;
    while (std::getline(pairs, pair, '&')) {
      if (pair.starts_with("password=")) {
        out.password = PercentDecode(std::string_view(pair).substr(9));
      } else if (!pair.empty()) {
        kept += separator;
        kept += pair;
        separator = '&';
      }
    }
    rest = kept;
  }
  out.url = rest;
  return out;
}

Result<std::string> FindClientTool(const std::string& name) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (const char* path = std::getenv("PATH")) {
    std::istringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
      if (dir.empty()) continue;
      const fs::path candidate = fs::path(dir) / name;
      if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0)
        return candidate.string();
    }
  }
  // Debian installs the versioned binaries off PATH; the newest can dump every older server.
  int best_major = -1;
  std::string best;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string major_text = entry.path().filename().string();
    if (major_text.empty() || !std::all_of(major_text.begin(), major_text.end(),
                                           [](unsigned char c) { return std::isdigit(c) != 0; }))
      continue;
    const fs::path candidate = entry.path() / "bin" / name;
    const int major = std::stoi(major_text);
    if (major > best_major && ::access(candidate.c_str(), X_OK) == 0) {
      best_major = major;
      best = candidate.string();
    }
  }
  if (!best.empty()) return best;
  return Error::FailedPrecondition(
      "找不到 " + name +
      "（PATH 和 /usr/lib/postgresql/*/bin 中都没有），请安装 postgresql-client");
}

Status CheckArchiveFile(const std::string& file) {
  ANJIAN_ASSIGN_OR_RETURN(auto magic, ReadMagic(file));
  if (magic.starts_with("PGDMP")) return Ok();
  if (magic.starts_with("SQLite format 3")) {
    return Error::InvalidArgument(
        file + " 是 SQLite 数据库文件，不是 pg_dump 备份；不能恢复到 PostgreSQL");
  }
  return Error::InvalidArgument(file + " 不是 pg_dump 自定义格式（--format=custom）的备份");
}

Status DumpDatabase(const std::string& url, const std::string& file) {
  ANJIAN_ASSIGN_OR_RETURN(auto pg_dump, FindClientTool("pg_dump"));
  ANJIAN_ASSIGN_OR_RETURN(auto connection, ToolConnectionFor(url));
  const auto dump = [&](const std::string& temp) -> Status {
    auto run = RunTool(pg_dump, {"--format=custom", "--file=" + temp, "--dbname=" + connection.url},
                       connection.password);
    if (!run.ok()) return run.error();
    if (run->exit_code != 0) {
      return Error::Unavailable("pg_dump 失败（" + connection.url +
                                "）: " + ReasonLine(*run, connection.password));
    }
    if (auto archive = CheckArchiveFile(temp); !archive.ok()) {
      return Error::Internal("pg_dump 没有写出自定义格式备份: " + archive.error().message);
    }
    return Ok();
  };
  return platform::ReplaceFileAtomically(file, dump, " " + file);
}

Status RestoreDatabase(const std::string& url, const std::string& file) {
  ANJIAN_TRY(CheckArchiveFile(file));
  ANJIAN_ASSIGN_OR_RETURN(auto pg_restore, FindClientTool("pg_restore"));
  ANJIAN_ASSIGN_OR_RETURN(auto connection, ToolConnectionFor(url));
  ANJIAN_ASSIGN_OR_RETURN(auto archived, ArchiveTables(pg_restore, file));
  if (!archived.contains("schema_migrations")) {
    return Error::FailedPrecondition(file + " 不是 Anjian 的备份（没有 schema_migrations 表）");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto parsed, ParsePgUrl(url));
  ANJIAN_ASSIGN_OR_RETURN(auto present, DatabaseTables(parsed.first));
  std::string extra;
  for (const auto& table : present) {
    if (!archived.contains(table)) extra += (extra.empty() ? "" : "、") + table;
  }
  if (!extra.empty()) {
    return Error::FailedPrecondition(
        "目标数据库有备份中没有的表（" + extra +
        "），数据库结构比备份新；请恢复到新建的空数据库，未做任何改动");
  }
  auto run = RunTool(pg_restore,
                     {"--clean", "--if-exists", "--no-owner", "--single-transaction",
                      "--exit-on-error", "--dbname=" + connection.url, file},
                     connection.password);
  if (!run.ok()) return run.error();
  if (run->exit_code != 0) {
    return Error::Unavailable("pg_restore 失败，数据库未改变（整个恢复在一个事务中，已回滚）: " +
                              ReasonLine(*run, connection.password));
  }
  return Ok();
}

}  // namespace anjian::store::postgres
