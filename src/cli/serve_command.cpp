#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>

#include "app/demo_data.hpp"
#include "cli/commands.hpp"
#include "cli/services.hpp"
#include "http/api.hpp"
#include "http/metrics.hpp"
#include "http/server.hpp"

namespace anjian::cli {
namespace {

// web/dist next to the source tree or the installed binary.
std::string FindWebRoot(const std::string& configured) {
  if (!configured.empty()) return configured;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  for (auto dir = exe.parent_path(); !ec && !dir.empty() && dir != dir.root_path();
       dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / "web" / "dist" / "index.html"))
      return (dir / "web" / "dist").string();
  }
  return {};
}

enum class Output { kText, kJsonLog };

// A line for the operator: printed on stdout, or in JSON log mode written as an info log line,
// so that stdout stays one JSON object per line for a log collector.
void Say(Output output, const std::string& line) {
  if (output == Output::kJsonLog) {
    spdlog::info("{}", line);
  } else {
    std::printf("%s\n", line.c_str());
  }
}

void PrintDemoAccounts(const app::DemoSummary& summary, Output output = Output::kText) {
  Say(output, fmt::format("演示数据：{} 个区划，{} 户生产经营单位，{} 名执法检查人员",
                          summary.regions, summary.units, summary.inspectors));
  Say(output, fmt::format("演示账号（密码均为 {}）：", app::kDemoPassword));
  for (const auto& a : summary.accounts) {
    // Chinese labels are two columns wide each, so padding would misalign them: the fixed-width
    // username goes first and the label follows.
    Say(output, fmt::format("  {:<11} {}（{}）", a.username, a.role_label, a.note));
  }
}

// The in-process scheduler of daily jobs: once a minute it offers today's overdue run, which the
// store lets start once per day (after 00:10 Beijing time, when yesterday's deadlines have passed).
// Each offer is counted in anjian_job_runs_total{job="overdue"} as ran, skipped (already done
// today, by this or another process) or failed.
class DailyJobs {
 public:
  static constexpr std::string_view kOverdueJob = "overdue";

  DailyJobs(app::HazardService& hazards, store::Store& store, const Clock& clock,
            http::Metrics& metrics)
      : hazards_(hazards), store_(store), clock_(clock), metrics_(metrics) {
    metrics_.RegisterJob(kOverdueJob);
    thread_ = std::thread([this] { Loop(); });
  }
  ~DailyJobs() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  void Loop() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
      if (BeijingMinuteOfDay(clock_.NowUnixSeconds()) >= 10) {
        lock.unlock();
        auto result = hazards_.RunOverdueJob(true);
        if (!result.ok()) {
          metrics_.RecordJobRun(kOverdueJob, http::JobResult::kFailed, clock_.NowUnixSeconds());
          spdlog::warn("overdue job failed: {}", result.error().message);
        } else if (result->value("ran", false)) {
          metrics_.RecordJobRun(kOverdueJob, http::JobResult::kRan, clock_.NowUnixSeconds());
          spdlog::info("overdue job: {}", result->dump());
          LogAuditAnchor();
        } else {
          metrics_.RecordJobRun(kOverdueJob, http::JobResult::kSkipped, clock_.NowUnixSeconds());
        }
        lock.lock();
      }
      wake_.wait_for(lock, std::chrono::seconds(60), [this] { return stop_; });
    }
  }

  // Once a day, yesterday's last audit hash goes to the log too, so a log collector keeps a copy
  // of every anchor outside the database (docs/security.md).
  void LogAuditAnchor() {
    auto session = store_.Read();
    if (!session.ok()) return;
    auto anchors = (*session)->AuditAnchors(2);
    if (!anchors.ok()) return;
    const std::string today = domain::AuditDay(clock_.NowUnixSeconds());
    for (const auto& anchor : *anchors) {
      if (anchor.day == today) continue;
      spdlog::info("audit anchor: day={} seq={} hash={}", anchor.day, anchor.seq, anchor.hash);
      return;
    }
  }

  app::HazardService& hazards_;
  store::Store& store_;
  const Clock& clock_;
  http::Metrics& metrics_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace

int RunServe(const ServeOptions& options) {
  const Output output = options.log_format == "json" ? Output::kJsonLog : Output::kText;
  const auto started = std::chrono::system_clock::now().time_since_epoch();
  app::DocumentIssuerOptions documents;
  documents.public_url =
      options.public_url.empty()
          ? "http://" +
                (options.address == "0.0.0.0" ? std::string("localhost") : options.address) + ":" +
                std::to_string(options.port)
          : options.public_url;
  documents.number_prefix = options.document_prefix;
  app::AuthOptions auth_options;
  auth_options.require_mfa = options.require_mfa;
  auth_options.idle_timeout_seconds = static_cast<std::int64_t>(options.idle_timeout_minutes) * 60;
  auth_options.max_sessions = options.max_sessions;
  auth_options.max_password_age_days = options.password_max_age_days;
  auto services = BuildServices(options.db, options.page_cache_entries, options.calendar,
                                options.files_dir, documents, auth_options);
  if (!services) return 1;
  if (options.demo) {
    auto count = [&]() -> Result<std::int64_t> {
      ANJIAN_ASSIGN_OR_RETURN(auto session, services->store->Read());
      return session->CountUnits(store::Scope::All());
    }();
    if (count.ok() && *count == 0) {
      auto summary = app::BuildDemoData(*services->store, *services->auth, services->key_policy,
                                        services->clock.NowUnixSeconds());
      if (!summary.ok()) {
        PrintError(summary.error());
        return 1;
      }
      PrintDemoAccounts(*summary, output);
    } else {
      Say(output, fmt::format("数据库中已有数据，跳过演示数据。演示账号（若存在）密码：{}",
                              app::kDemoPassword));
    }
  }
  http::ApiServices api{*services->auth,
                        *services->registry,
                        *services->roster,
                        *services->imports,
                        *services->exports,
                        *services->plans,
                        *services->hazards,
                        *services->inspections,
                        *services->enterprise,
                        *services->store,
                        *services->audit,
                        *services->accounts,
                        *services->signatures,
                        *services->setup,
                        std::filesystem::temp_directory_path().string()};
  // A database without a street opens the browser's first-run screen, to whoever also has the
  // code printed here: reaching the page first is not enough.
  std::string setup_code;
  if (auto initialized = services->setup->Initialized(); initialized.ok() && !*initialized) {
    auto code = app::OneTimePassword();
    if (!code.ok()) {
      PrintError(code.error());
      return 1;
    }
    setup_code = *code;
    services->setup->SetSetupCode(setup_code);
  }
  const bool https = options.public_url.starts_with("https://");
  api.demo = options.demo;
  api.secure_cookies = https;
  // Declared before the router and the server, which use it until they are destroyed.
  http::Metrics metrics(api.version, std::chrono::duration<double>(started).count());
  api.metrics = &metrics;
  api.metrics_token = options.metrics_token;
  http::Router router;
  http::RegisterRoutes(router, api);
  http::ServerOptions server_options;
  server_options.address = options.address;
  server_options.port = static_cast<unsigned short>(options.port);
  server_options.threads = options.threads;
  server_options.body_limit_bytes = options.body_limit_mb << 20;
  server_options.stop_on_signals = true;
  server_options.static_files.root = FindWebRoot(options.web_root);
  server_options.metrics = &metrics;
  server_options.json_access_log = output == Output::kJsonLog;
  server_options.trusted_proxies = options.trusted_proxies;
  server_options.hsts = https;
  http::Server server(server_options, router);
  auto port = server.Start();
  if (!port.ok()) {
    PrintError(port.error());
    return 1;
  }
  // Printed before the start line, which scripts wait for, so they have it too.
  if (!setup_code.empty()) {
    Say(output, fmt::format("首次使用：库中还没有街道。打开 http://{}:{}/setup 建立区县、街道和"
                            "管理员账号，设置码 {}（或在命令行运行 anjian init）",
                            options.address, *port, setup_code));
  }
  // Tests and scripts wait for "已启动: http://…:PORT/" in either output format.
  Say(output,
      fmt::format("Anjian 安监已启动: http://{}:{}/  (数据库 {}, API http://{}:{}/api/v1/health)",
                  options.address, *port, RedactDbLocation(options.db), options.address, *port));
  if (server_options.static_files.root.empty()) {
    Say(output, "提示：未找到前端构建（web/dist），仅提供 API。");
  }
  std::fflush(stdout);
  DailyJobs daily_jobs(*services->hazards, *services->store, services->clock, metrics);
  server.Wait();
  spdlog::info("server stopped");
  return 0;
}

int RunDemo(const std::string& db, const DemoOptions& options) {
  auto services = BuildServices(db);
  if (!services) return 1;
  auto summary =
      app::BuildDemoData(*services->store, *services->auth, services->key_policy,
                         services->clock.NowUnixSeconds(), options.seed, options.identity);
  if (!summary.ok()) {
    PrintError(summary.error());
    return 1;
  }
  PrintDemoAccounts(*summary);
  return 0;
}

}  // namespace anjian::cli
