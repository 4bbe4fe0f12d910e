// Inspection submissions through the real server (issue #5 target: ≥ 300 signed records per second
// on SQLite with synchronous=FULL). Each submission is what a phone sends: the general checklist
// (every item answered), one nonconforming item with a finding ordered rectified, two photos
// uploaded beforehand, and three signature PNGs made fresh for each submission so their blobs are
// really written (fsynced) — then the record, its hazard and two numbered documents commit in one
// transaction. Load: N concurrent clients on keep-alive connections, each submission on its own
// task with its own Idempotency-Key.
//
// Baselines in the same run, same clients: the plain durable PUT /api/v1/units/{id} (one small
// SQLite transaction per request), and raw SQLite inserting the same bytes as each submission body
// with one transaction each (synchronous=FULL, WAL) — the disk's commit rate with no server at all.
//
// Usage: inspection_bench --anjian path/to/anjian [--clients 6] [--submissions 3000]
//                         [--threads 0] [--dir /tmp]
// --threads is the server's: handlers block on fsync, so requests overlap their signature files
// only up to that many at a time (0 = one per core, at least 2).
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "http/raw_http_client.hpp"
#include "support/inspection_requests.hpp"
#include "support/tiny_png.hpp"

namespace anjian::bench {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string anjian;
  int clients = 6;
  int submissions = 3000;
  int threads = 0;
  std::string dir = std::filesystem::temp_directory_path().string();
};

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "inspection_bench: %s\n", message.c_str());
  std::exit(1);
}

// The server as a child process on an ephemeral port.
class Server {
 public:
  Server(const Options& options, const std::string& db) {
    int fds[2];
    if (pipe(fds) != 0) Fail("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      std::vector<std::string> args = {options.anjian, "serve", "--db", db, "--port", "0"};
      if (options.threads > 0)
        args.insert(args.end(), {"--threads", std::to_string(options.threads)});
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(fds[1]);
    output_ = fdopen(fds[0], "r");
    char line[1024];
    while (fgets(line, sizeof line, output_)) {
      const std::string text(line);
      const auto at = text.find("http://127.0.0.1:");
      if (text.find("已启动") != std::string::npos && at != std::string::npos) {
        port_ = std::stoi(text.substr(at + 17));
        break;
      }
    }
    if (port_ == 0) Fail("the server did not start");
  }
  ~Server() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    if (output_) fclose(output_);
  }
  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  FILE* output_ = nullptr;
};

// A keep-alive connection that reconnects when the server closes it.
class Connection {
 public:
  explicit Connection(int port) : port_(port) {}
  http::RawResponse Send(const std::string& method, const std::string& path,
                         const std::string& token, const std::string& body,
                         const std::string& extra_headers = "",
                         const std::string& type = "application/json") {
    std::string request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.empty()) request += "Authorization: Bearer " + token + "\r\n";
    request += extra_headers;
    request += "Content-Type: " + type + "\r\nContent-Length: " + std::to_string(body.size()) +
               "\r\n\r\n" + body;
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (!client_)
        client_ = std::make_unique<http::RawHttpClient>(static_cast<unsigned short>(port_),
                                                        std::chrono::seconds(60));
      if (client_->Send(request)) {
        if (auto response = client_->Read()) {
          if (response->Header("Connection") == "close") client_.reset();
          return *response;
        }
      }
      client_.reset();
    }
    Fail(method + " " + path + ": no answer");
  }

 private:
  int port_;
  std::unique_ptr<http::RawHttpClient> client_;
};

json JsonOf(const http::RawResponse& response, int expected, const std::string& what) {
  if (response.status != expected) {
    Fail(what + ": HTTP " + std::to_string(response.status) + " " + response.body.substr(0, 300));
  }
  return json::parse(response.body);
}

// Runs `count` requests from `clients` threads; make(i, connection) performs request i and returns
// its status. Returns the latencies (ms) and the elapsed seconds.
struct LoadResult {
  std::vector<double> latencies_ms;
  double seconds = 0;
  int failures = 0;
};

template <typename Make>
LoadResult RunLoad(int port, int clients, int count, Make make) {
  LoadResult result;
  std::vector<std::vector<double>> per_thread(static_cast<std::size_t>(clients));
  std::atomic<int> next{0};
  std::atomic<int> failures{0};
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      Connection connection(port);
      for (int i = next++; i < count; i = next++) {
        const auto t0 = Clock::now();
        if (!make(i, c, connection)) ++failures;
        per_thread[static_cast<std::size_t>(c)].push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      }
    });
  }
  for (auto& t : threads) t.join();
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  for (auto& v : per_thread)
    result.latencies_ms.insert(result.latencies_ms.end(), v.begin(), v.end());
  std::sort(result.latencies_ms.begin(), result.latencies_ms.end());
  result.failures = failures;
  return result;
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(index, sorted.size() - 1)];
}

void Print(const char* label, const LoadResult& r) {
  std::printf("%-12s: %6zu in %6.2f s = %8.1f/s, p50 %6.1f ms, p99 %6.1f ms%s\n", label,
              r.latencies_ms.size(), r.seconds,
              static_cast<double>(r.latencies_ms.size()) / r.seconds,
              Percentile(r.latencies_ms, 0.50), Percentile(r.latencies_ms, 0.99),
              r.failures ? (" (" + std::to_string(r.failures) + " failed)").c_str() : "");
}

// Raw SQLite: `count` inserts of `bytes` bytes, one transaction each, synchronous=FULL, WAL.
double RawSqliteInsertsPerSecond(const std::string& path, int count, std::size_t bytes) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) Fail("sqlite3_open");
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t(id INTEGER "
               "PRIMARY KEY, body BLOB)",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t(body) VALUES (?)", -1, &stmt, nullptr);
  std::string payload(bytes, 'x');
  const auto start = Clock::now();
  for (int i = 0; i < count; ++i) {
    payload[static_cast<std::size_t>(i) % payload.size()] = static_cast<char>('a' + i % 26);
    sqlite3_bind_blob(stmt, 1, payload.data(), static_cast<int>(payload.size()), SQLITE_STATIC);
    if (sqlite3_step(stmt) != SQLITE_DONE) Fail("raw insert");
    sqlite3_reset(stmt);
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return count / seconds;
}

Options ParseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const std::string value = argv[i + 1];
    if (key == "--anjian")
      o.anjian = value;
    else if (key == "--clients")
      o.clients = std::stoi(value);
    else if (key == "--submissions")
      o.submissions = std::stoi(value);
    else if (key == "--threads")
      o.threads = std::stoi(value);
    else if (key == "--dir")
      o.dir = value;
    else
      Fail("unknown option " + key);
  }
  if (o.anjian.empty())
    Fail("usage: inspection_bench --anjian path/to/anjian [--clients N] [--submissions N]");
  return o;
}

int Main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  std::string pattern = options.dir + "/anjian-inspection-bench-XXXXXX";
  if (!mkdtemp(pattern.data())) Fail("mkdtemp");
  const std::string work = pattern;
  const std::string db = work + "/bench.db";
  if (std::system((options.anjian + " demo --db '" + db + "' > /dev/null").c_str()) != 0)
    Fail("anjian demo");

  double raw_rate = 0;
  std::size_t body_bytes = 0;
  {
    Server server(options, db);
    Connection setup(server.port());
    const auto login = [&](const char* user) {
      return JsonOf(setup.Send("POST", "/api/v1/auth/login", "",
                               json{{"username", user}, {"password", "Anjian@2024"}}.dump()),
                    200, "login")["token"]
          .get<std::string>();
    };
    const std::string token = login("inspector");
    const std::string admin = login("admin");
    const json mine = JsonOf(setup.Send("GET", "/api/v1/tasks?mine=1", token, ""), 200, "my tasks");
    const std::string today = mine["today"];
    json team = json::array();
    for (const auto& m : mine["items"][0]["team"]) team.push_back(m["inspector_id"]);
    const json checklist =
        JsonOf(setup.Send("GET", "/api/v1/checklists/general", token, ""), 200, "checklist");

    // Units the team may inspect (not recused), found by creating a first task for each.
    const json units =
        JsonOf(setup.Send("GET", "/api/v1/units?page_size=200", admin, ""), 200, "units");
    std::vector<std::int64_t> unit_ids;
    for (const auto& u : units["items"]) {
      auto r = setup.Send(
          "POST", "/api/v1/tasks", token,
          json{{"kind", "special"}, {"unit_id", u["id"]}, {"scheduled_on", today}, {"team", team}}
              .dump());
      if (r.status == 201) unit_ids.push_back(u["id"]);
      if (unit_ids.size() == 100) break;
    }
    if (unit_ids.empty()) Fail("no unit the demo team may inspect");

    // One task per submission.
    std::vector<std::int64_t> tasks(static_cast<std::size_t>(options.submissions));
    auto created = RunLoad(
        server.port(), options.clients, options.submissions, [&](int i, int, Connection& c) {
          auto r = c.Send("POST", "/api/v1/tasks", token,
                          json{{"kind", "special"},
                               {"unit_id", unit_ids[static_cast<std::size_t>(i) % unit_ids.size()]},
                               {"scheduled_on", today},
                               {"team", team}}
                              .dump());
          if (r.status != 201) return false;
          tasks[static_cast<std::size_t>(i)] = json::parse(r.body)["id"];
          return true;
        });
    if (created.failures) Fail("task creation failed");

    // Two photos (uploaded once, referenced by every submission).
    std::vector<std::string> photos;
    for (std::uint32_t seed : {1u, 2u}) {
      const std::string boundary = "----bench-boundary";
      const std::string body =
          "--" + boundary +
          "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\nContent-Type: "
          "image/png\r\n\r\n" +
          test_support::MakeTinyPng(640, 480, seed) + "\r\n--" + boundary + "--\r\n";
      auto r = setup.Send("POST", "/api/v1/uploads", token, body, "",
                          "multipart/form-data; boundary=" + boundary);
      if (r.status != 201 && r.status != 200) Fail("upload: " + r.body);
      photos.push_back(json::parse(r.body)["sha256"]);
    }

    // The team's second member (demo account inspector2) signs every task in their own session
    // first, outside the measurement: the server takes a drawing only from the submitter.
    const std::string partner_token = login("inspector2");
    const json partner_me =
        JsonOf(setup.Send("GET", "/api/v1/auth/me", partner_token, ""), 200, "me");
    const json& partner_user = partner_me.contains("user") ? partner_me["user"] : partner_me;
    const std::int64_t partner = partner_user["inspector_id"].get<std::int64_t>();
    std::vector<std::int64_t> attestations(tasks.size());
    auto signed_first = RunLoad(
        server.port(), options.clients, options.submissions, [&](int i, int, Connection& c) {
          const auto task = tasks[static_cast<std::size_t>(i)];
          auto r = c.Send(
              "POST", "/api/v1/tasks/" + std::to_string(task) + "/signatures", partner_token,
              test_support::AttestationBody(partner, static_cast<std::uint32_t>(i) * 4u + 1003u)
                  .dump());
          if (r.status != 201) return false;
          attestations[static_cast<std::size_t>(i)] = json::parse(r.body)["attestation"]["id"];
          return true;
        });
    if (signed_first.failures) Fail("the partner's signatures failed");

    const auto make_body = [&](int i) {
      return test_support::RecordBody(checklist, team.get<std::vector<std::int64_t>>(), today,
                                      photos[0], photos[1],
                                      static_cast<std::uint32_t>(i) * 4u + 1000u,
                                      {{partner, attestations[static_cast<std::size_t>(i)]}})
          .dump();
    };
    body_bytes = make_body(0).size();

    // Baseline 1: durable PUT /api/v1/units/{id}, each client on its own units with their versions.
    const json page =
        JsonOf(setup.Send("GET", "/api/v1/units?page_size=200", admin, ""), 200, "units");
    std::vector<std::pair<std::int64_t, int>> put_units;
    for (const auto& u : page["items"])
      put_units.emplace_back(u["id"].get<std::int64_t>(), u["version"].get<int>());
    const std::size_t span = put_units.size() / static_cast<std::size_t>(options.clients);
    std::vector<std::size_t> cursor(static_cast<std::size_t>(options.clients), 0);
    auto puts = RunLoad(
        server.port(), options.clients, options.submissions, [&](int, int client, Connection& c) {
          auto& slot = put_units[static_cast<std::size_t>(client) * span +
                                 cursor[static_cast<std::size_t>(client)]++ % span];
          auto r = c.Send("PUT", "/api/v1/units/" + std::to_string(slot.first), admin,
                          json{{"version", slot.second},
                               {"address", "压测路" + std::to_string(slot.second) + "号"}}
                              .dump());
          if (r.status != 200) return false;
          slot.second = json::parse(r.body)["version"];
          return true;
        });

    // The submissions.
    auto submissions = RunLoad(
        server.port(), options.clients, options.submissions, [&](int i, int, Connection& c) {
          const std::string body = make_body(i);
          auto r = c.Send(
              "POST",
              "/api/v1/tasks/" + std::to_string(tasks[static_cast<std::size_t>(i)]) + "/records",
              token, body,
              "Idempotency-Key: bench-" + std::to_string(i) + "-" +
                  std::to_string(tasks[static_cast<std::size_t>(i)]) + "\r\n");
          if (r.status != 201) {
            static std::atomic<bool> printed{false};
            if (!printed.exchange(true))
              std::fprintf(stderr, "submission: HTTP %d %s\n", r.status,
                           r.body.substr(0, 300).c_str());
            return false;
          }
          return true;
        });

    std::printf(
        "== inspection submission: %zu checklist items, 2 photos, 3 fresh signature PNGs, body %zu "
        "bytes; %d clients, server --threads %d (0 = one per core), SQLite synchronous=FULL ==\n",
        checklist["items"].size(), body_bytes, options.clients, options.threads);
    Print("submissions", submissions);
    Print("PUT unit", puts);
    Print("new task", created);
    const double rate = static_cast<double>(submissions.latencies_ms.size() -
                                            static_cast<std::size_t>(submissions.failures)) /
                        submissions.seconds;
    std::printf("ratio       : submissions at %.1f%% of the durable PUT rate\n",
                100.0 * rate / (static_cast<double>(puts.latencies_ms.size()) / puts.seconds));
    std::printf("target      : >= 300 submissions/s: %s (%.1f/s)\n",
                rate >= 300 ? "met" : "NOT met", rate);
  }
  raw_rate =
      RawSqliteInsertsPerSecond(work + "/raw.db", std::min(options.submissions, 2000), body_bytes);
  std::printf(
      "raw SQLite  : %8.1f inserts/s of %zu bytes, one transaction each, synchronous=FULL (1 "
      "writer)\n",
      raw_rate, body_bytes);
  std::filesystem::remove_all(work);
  return 0;
}

}  // namespace
}  // namespace anjian::bench

int main(int argc, char** argv) { return anjian::bench::Main(argc, argv); }
