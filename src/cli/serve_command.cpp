#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "app/demo_data.hpp"
#include "cli/commands.hpp"
#include "cli/services.hpp"
#include "http/api.hpp"
#include "http/server.hpp"

namespace anjian::cli {
namespace {

// web/dist next to the source tree or the installed binary.
std::string FindWebRoot(const std::string& configured) {
  if (!configured.empty()) return configured;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  for (auto dir = exe.parent_path(); !ec && !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / "web" / "dist" / "index.html")) return (dir / "web" / "dist").string();
  }
  return {};
}

void PrintDemoAccounts(const app::DemoSummary& summary) {
  std::printf("演示数据：%d 个区划，%d 户生产经营单位，%d 名执法检查人员\n", summary.regions,
              summary.units, summary.inspectors);
  std::printf("演示账号（密码均为 %s）：\n", app::kDemoPassword);
  for (const auto& a : summary.accounts) {
    // Chinese labels are two columns wide each, so printf padding would misalign them: the
    // fixed-width username goes first and the label follows.
    std::printf("  %-11s %s（%s）\n", a.username.c_str(), a.role_label.c_str(), a.note.c_str());
  }
}

// The in-process scheduler of daily jobs: once a minute it offers today's overdue run, which the
// store lets start once per day (after 00:10 Beijing time, when yesterday's deadlines have passed).
class DailyJobs {
 public:
  explicit DailyJobs(app::HazardService& hazards, const Clock& clock)
      : hazards_(hazards), clock_(clock), thread_([this] { Loop(); }) {}
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
          spdlog::warn("overdue job failed: {}", result.error().message);
        } else if (result->value("ran", false)) {
          spdlog::info("overdue job: {}", result->dump());
        }
        lock.lock();
      }
      wake_.wait_for(lock, std::chrono::seconds(60), [this] { return stop_; });
    }
  }

  app::HazardService& hazards_;
  const Clock& clock_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace

int RunServe(const ServeOptions& options) {
  app::DocumentIssuerOptions documents;
  documents.public_url = options.public_url.empty()
                             ? "http://" + (options.address == "0.0.0.0" ? std::string("localhost") : options.address) +
                                   ":" + std::to_string(options.port)
                             : options.public_url;
  documents.number_prefix = options.document_prefix;
  auto services =
      BuildServices(options.db, options.page_cache_entries, options.calendar, options.files_dir, documents);
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
      PrintDemoAccounts(*summary);
    } else {
      std::printf("数据库中已有数据，跳过演示数据。演示账号（若存在）密码：%s\n", app::kDemoPassword);
    }
  }
  http::ApiServices api{*services->auth, *services->registry, *services->roster,
                        *services->imports, *services->exports, *services->plans, *services->hazards, *services->inspections, *services->enterprise, *services->store,
                        std::filesystem::temp_directory_path().string()};
  http::Router router;
  http::RegisterRoutes(router, api);
  http::ServerOptions server_options;
  server_options.address = options.address;
  server_options.port = static_cast<unsigned short>(options.port);
  server_options.threads = options.threads;
  server_options.body_limit_bytes = options.body_limit_mb << 20;
  server_options.stop_on_signals = true;
  server_options.static_files.root = FindWebRoot(options.web_root);
  http::Server server(server_options, router);
  auto port = server.Start();
  if (!port.ok()) {
    PrintError(port.error());
    return 1;
  }
  std::printf("Anjian 安监已启动: http://%s:%u/  (数据库 %s, API http://%s:%u/api/v1/health)\n",
              options.address.c_str(), *port, options.db.c_str(), options.address.c_str(), *port);
  if (server_options.static_files.root.empty()) {
    std::printf("提示：未找到前端构建（web/dist），仅提供 API。\n");
  }
  std::fflush(stdout);
  DailyJobs daily_jobs(*services->hazards, services->clock);
  server.Wait();
  spdlog::info("server stopped");
  return 0;
}

int RunDemo(const std::string& db) {
  auto services = BuildServices(db);
  if (!services) return 1;
  auto summary = app::BuildDemoData(*services->store, *services->auth, services->key_policy,
                                    services->clock.NowUnixSeconds());
  if (!summary.ok()) {
    PrintError(summary.error());
    return 1;
  }
  PrintDemoAccounts(*summary);
  return 0;
}

}  // namespace anjian::cli
