// Metrics: the process's Prometheus figures, rendered for GET /metrics in the text exposition
// format 0.0.4. HTTP requests are labelled with the matched ROUTE PATTERN ("/api/v1/units/{id}"),
// never the raw path, and unknown methods collapse to "other", so the number of label sets is
// bounded by the route table whatever clients send. Other components contribute through
// collectors run at render time (the store's pool figures, see store_metrics.hpp).
// Thread-safety: every method may be called from any thread. Recording a request is lock-free
// (a lookup in an insert-only hash table, then relaxed atomic increments); the one mutex is taken
// only the first time a label set appears, and by Render, AddCollector and the job methods
// (which run once a minute, not per request).
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace anjian::http {

// Appends metric families to a string in the exposition format. Label values are escaped
// (backslash, double quote, newline) as the format requires; names are the caller's contract.
class MetricsWriter {
 public:
  using Labels = std::initializer_list<std::pair<std::string_view, std::string_view>>;

  explicit MetricsWriter(std::string& out) : out_(out) {}

  // The "# HELP" and "# TYPE" lines; type is "counter", "gauge" or "histogram". All samples of a
  // family must follow its Family() call before the next family starts.
  void Family(std::string_view name, std::string_view type, std::string_view help);
  // One sample line: name{labels} value. Integral values print without a decimal point.
  void Sample(std::string_view name, Labels labels, double value);

 private:
  std::string& out_;
};

// Adds families to a scrape; runs on the scraping thread, so it must be quick and thread-safe.
using MetricsCollector = std::function<void(MetricsWriter&)>;

enum class JobResult { kRan, kSkipped, kFailed };

// Upper bounds (seconds) of the request-duration histogram buckets; +Inf is implied.
inline constexpr std::array<double, 13> kRequestDurationBuckets = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

class Metrics {
 public:
  // `version` becomes anjian_build_info{version}; `start_time_seconds` (Unix time) becomes
  // process_start_time_seconds.
  Metrics(std::string version, double start_time_seconds);
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // The in-flight gauge; every RequestStarted() must be matched by one RequestEnded().
  void RequestStarted();
  void RequestEnded();

  // Counts one answered request. `method` as sent (anything but the seven standard methods is
  // counted as "other"); `route` the matched pattern, empty when no route matched ("other").
  void RecordRequest(std::string_view method, std::string_view route, int status,
                     std::chrono::nanoseconds duration);

  // Makes a job's series appear (with zero counts) before its first run.
  void RegisterJob(std::string_view job);
  // Counts one offer of a scheduled job; a kRan result also sets its last-run time.
  void RecordJobRun(std::string_view job, JobResult result, std::int64_t unix_seconds);

  // Collectors run on every Render, in the order added.
  void AddCollector(MetricsCollector collector);

  // The whole exposition text, families in a fixed order and series sorted, so two scrapes of an
  // idle server are identical.
  std::string Render() const;

 private:
  struct StatusCounter;
  struct RouteSeries;
  struct JobSeries;
  static constexpr std::size_t kTableSize = 256;  // hash slots; chains grow beyond that

  RouteSeries& FindOrCreateSeries(std::string_view method, std::string_view route);
  std::atomic<std::uint64_t>& FindOrCreateStatus(RouteSeries& series, int status);
  void RenderHttp(MetricsWriter& out) const;
  void RenderJobs(MetricsWriter& out) const;

  const std::string version_;
  const double start_time_seconds_;
  std::atomic<std::int64_t> in_flight_{0};
  std::array<std::atomic<RouteSeries*>, kTableSize> table_{};

  mutable std::mutex mutex_;  // guards everything below
  std::vector<std::unique_ptr<RouteSeries>> series_;
  std::vector<std::unique_ptr<StatusCounter>> status_counters_;
  std::vector<JobSeries> jobs_;
  std::vector<MetricsCollector> collectors_;
};

}  // namespace anjian::http
