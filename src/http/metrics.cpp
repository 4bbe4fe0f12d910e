#include "http/metrics.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <tuple>

namespace anjian::http {
namespace {

constexpr std::array<std::string_view, 7> kKnownMethods = {"GET",    "HEAD",  "POST",   "PUT",
                                                           "DELETE", "PATCH", "OPTIONS"};

// Any other method is client-chosen text; labelling it as sent would let a client mint series.
std::string_view MethodLabel(std::string_view method) {
  for (std::string_view known : kKnownMethods) {
    if (method == known) return known;
  }
  return "other";
}

std::string_view RouteLabel(std::string_view route) { return route.empty() ? "other" : route; }

// The bucket bounds in whole nanoseconds, so the hot path compares integers.
constexpr std::array<std::int64_t, kRequestDurationBuckets.size()> BucketBoundsNanoseconds() {
  std::array<std::int64_t, kRequestDurationBuckets.size()> bounds{};
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    // The bounds are positive, so adding one half and truncating rounds to nearest; std::llround
    // would be clearer but is not constexpr in clang.
    // NOLINTNEXTLINE(bugprone-incorrect-roundings)
    bounds[i] = static_cast<std::int64_t>(kRequestDurationBuckets[i] * 1e9 + 0.5);
  }
  return bounds;
}
constexpr auto kBucketBoundsNanoseconds = BucketBoundsNanoseconds();

std::size_t HashOf(std::string_view method, std::string_view route) {
  const std::size_t h = std::hash<std::string_view>{}(route);
  return h ^ (std::hash<std::string_view>{}(method) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

void AppendNumber(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
    return;
  }
  if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
    return;
  }
  char buffer[32];
  std::to_chars_result written{};
  // Counts and timestamps read better without an exponent or ".0".
  if (value == std::floor(value) && std::fabs(value) < 9007199254740992.0) {
    written = std::to_chars(buffer, buffer + sizeof buffer, static_cast<std::int64_t>(value));
  } else {
    written = std::to_chars(buffer, buffer + sizeof buffer, value);
  }
  out.append(buffer, written.ptr);
}

void AppendEscaped(std::string& out, std::string_view text, bool escape_quotes) {
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && escape_quotes) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

}  // namespace

void MetricsWriter::Family(std::string_view name, std::string_view type, std::string_view help) {
  out_ += "# HELP ";
  out_ += name;
  out_ += ' ';
  AppendEscaped(out_, help, /*escape_quotes=*/false);
  out_ += "\n# TYPE ";
  out_ += name;
  out_ += ' ';
  out_ += type;
  out_ += '\n';
}

void MetricsWriter::Sample(std::string_view name, Labels labels, double value) {
  out_ += name;
  if (labels.size() > 0) {
    out_ += '{';
    bool first = true;
    for (const auto& [label, label_value] : labels) {
      if (!first) out_ += ',';
      first = false;
      out_ += label;
      out_ += "=\"";
      AppendEscaped(out_, label_value, /*escape_quotes=*/true);
      out_ += '"';
    }
    out_ += '}';
  }
  out_ += ' ';
  AppendNumber(out_, value);
  out_ += '\n';
}

// Nodes are created under the mutex, published with a release store and never freed or moved
// before ~Metrics, so readers may walk the chains without a lock.
struct Metrics::StatusCounter {
  int status = 0;
  std::atomic<std::uint64_t> count{0};
  StatusCounter* next = nullptr;  // immutable after publication
};

struct Metrics::RouteSeries {
  std::string method;
  std::string route;
  std::size_t hash = 0;
  RouteSeries* next = nullptr;  // immutable after publication
  std::atomic<StatusCounter*> statuses{nullptr};
  // Per-bucket (not cumulative) counts; the last one is (10 s, +Inf]. The count is their sum,
  // so a scrape always shows +Inf == _count.
  std::array<std::atomic<std::uint64_t>, kRequestDurationBuckets.size() + 1> buckets{};
  std::atomic<std::uint64_t> sum_nanoseconds{0};
};

struct Metrics::JobSeries {
  std::string job;
  std::uint64_t ran = 0;
  std::uint64_t skipped = 0;
  std::uint64_t failed = 0;
  std::int64_t last_run_unix_seconds = 0;
};

Metrics::Metrics(std::string version, double start_time_seconds)
    : version_(std::move(version)), start_time_seconds_(start_time_seconds) {}

Metrics::~Metrics() = default;

void Metrics::RequestStarted() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
void Metrics::RequestEnded() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }

Metrics::RouteSeries& Metrics::FindOrCreateSeries(std::string_view method, std::string_view route) {
  const std::size_t hash = HashOf(method, route);
  std::atomic<RouteSeries*>& slot = table_[hash % kTableSize];
  for (RouteSeries* node = slot.load(std::memory_order_acquire); node != nullptr;
       node = node->next) {
    if (node->hash == hash && node->method == method && node->route == route) return *node;
  }
  std::lock_guard lock(mutex_);
  // Another thread may have created it between the lock-free walk and the lock.
  for (RouteSeries* node = slot.load(std::memory_order_relaxed); node != nullptr;
       node = node->next) {
    if (node->hash == hash && node->method == method && node->route == route) return *node;
  }
  auto created = std::make_unique<RouteSeries>();
  created->method = std::string(method);
  created->route = std::string(route);
  created->hash = hash;
  created->next = slot.load(std::memory_order_relaxed);
  slot.store(created.get(), std::memory_order_release);
  series_.push_back(std::move(created));
  return *series_.back();
}

std::atomic<std::uint64_t>& Metrics::FindOrCreateStatus(RouteSeries& series, int status) {
  for (StatusCounter* node = series.statuses.load(std::memory_order_acquire); node != nullptr;
       node = node->next) {
    if (node->status == status) return node->count;
  }
  std::lock_guard lock(mutex_);
  for (StatusCounter* node = series.statuses.load(std::memory_order_relaxed); node != nullptr;
       node = node->next) {
    if (node->status == status) return node->count;
  }
  auto created = std::make_unique<StatusCounter>();
  created->status = status;
  created->next = series.statuses.load(std::memory_order_relaxed);
  series.statuses.store(created.get(), std::memory_order_release);
  status_counters_.push_back(std::move(created));
  return status_counters_.back()->count;
}

void Metrics::RecordRequest(std::string_view method, std::string_view route, int status,
                            std::chrono::nanoseconds duration) {
  RouteSeries& series = FindOrCreateSeries(MethodLabel(method), RouteLabel(route));
  FindOrCreateStatus(series, status).fetch_add(1, std::memory_order_relaxed);
  const std::int64_t nanoseconds = std::max<std::int64_t>(0, duration.count());
  const auto bucket =
      static_cast<std::size_t>(std::lower_bound(kBucketBoundsNanoseconds.begin(),
                                                kBucketBoundsNanoseconds.end(), nanoseconds) -
                               kBucketBoundsNanoseconds.begin());
  series.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  series.sum_nanoseconds.fetch_add(static_cast<std::uint64_t>(nanoseconds),
                                   std::memory_order_relaxed);
}

void Metrics::RegisterJob(std::string_view job) {
  std::lock_guard lock(mutex_);
  for (const JobSeries& series : jobs_) {
    if (series.job == job) return;
  }
  jobs_.push_back(JobSeries{std::string(job)});
}

void Metrics::RecordJobRun(std::string_view job, JobResult result, std::int64_t unix_seconds) {
  std::lock_guard lock(mutex_);
  auto it =
      std::find_if(jobs_.begin(), jobs_.end(), [&](const JobSeries& s) { return s.job == job; });
  if (it == jobs_.end()) it = jobs_.insert(jobs_.end(), JobSeries{std::string(job)});
  switch (result) {
    case JobResult::kRan:
      ++it->ran;
      it->last_run_unix_seconds = unix_seconds;
      break;
    case JobResult::kSkipped:
      ++it->skipped;
      break;
    case JobResult::kFailed:
      ++it->failed;
      break;
  }
}

void Metrics::AddCollector(MetricsCollector collector) {
  std::lock_guard lock(mutex_);
  collectors_.push_back(std::move(collector));
}

std::string Metrics::Render() const {
  std::string text;
  text.reserve(16 * 1024);
  MetricsWriter out(text);
  out.Family("anjian_build_info", "gauge", "Build of the running server; the value is always 1.");
  out.Sample("anjian_build_info", {{"version", version_}}, 1);
  out.Family("process_start_time_seconds", "gauge",
             "Start time of the process since the Unix epoch in seconds.");
  out.Sample("process_start_time_seconds", {}, start_time_seconds_);
  RenderHttp(out);
  RenderJobs(out);
  std::vector<MetricsCollector> collectors;
  {
    std::lock_guard lock(mutex_);
    collectors = collectors_;
  }
  // Outside the lock: a collector may be slow (the store takes its own locks).
  for (const MetricsCollector& collector : collectors) collector(out);
  return text;
}

void Metrics::RenderHttp(MetricsWriter& out) const {
  out.Family("anjian_http_in_flight_requests", "gauge",
             "HTTP requests being read, handled or written.");
  out.Sample("anjian_http_in_flight_requests", {},
             static_cast<double>(in_flight_.load(std::memory_order_relaxed)));

  std::vector<const RouteSeries*> series;
  {
    std::lock_guard lock(mutex_);
    series.reserve(series_.size());
    for (const auto& node : series_) series.push_back(node.get());
  }
  std::sort(series.begin(), series.end(), [](const RouteSeries* a, const RouteSeries* b) {
    return std::tie(a->route, a->method) < std::tie(b->route, b->method);
  });

  out.Family("anjian_http_requests_total", "counter",
             "HTTP requests answered, by method, route pattern and status.");
  for (const RouteSeries* node : series) {
    std::vector<std::pair<int, std::uint64_t>> statuses;
    for (const StatusCounter* status = node->statuses.load(std::memory_order_acquire);
         status != nullptr; status = status->next) {
      statuses.emplace_back(status->status, status->count.load(std::memory_order_relaxed));
    }
    std::sort(statuses.begin(), statuses.end());
    for (const auto& [status, count] : statuses) {
      const std::string status_text = std::to_string(status);
      out.Sample("anjian_http_requests_total",
                 {{"method", node->method}, {"route", node->route}, {"status", status_text}},
                 static_cast<double>(count));
    }
  }

  out.Family("anjian_http_request_duration_seconds", "histogram",
             "Time from the request header to the last byte of the response, by method and route "
             "pattern.");
  for (const RouteSeries* node : series) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < node->buckets.size(); ++i) {
      cumulative += node->buckets[i].load(std::memory_order_relaxed);
      std::string bound = "+Inf";
      if (i < kRequestDurationBuckets.size()) {
        bound.clear();
        AppendNumber(bound, kRequestDurationBuckets[i]);
      }
      out.Sample("anjian_http_request_duration_seconds_bucket",
                 {{"method", node->method}, {"route", node->route}, {"le", bound}},
                 static_cast<double>(cumulative));
    }
    out.Sample("anjian_http_request_duration_seconds_sum",
               {{"method", node->method}, {"route", node->route}},
               static_cast<double>(node->sum_nanoseconds.load(std::memory_order_relaxed)) / 1e9);
    out.Sample("anjian_http_request_duration_seconds_count",
               {{"method", node->method}, {"route", node->route}}, static_cast<double>(cumulative));
  }
}

void Metrics::RenderJobs(MetricsWriter& out) const {
  std::vector<JobSeries> jobs;
  {
    std::lock_guard lock(mutex_);
    jobs = jobs_;
  }
  std::sort(jobs.begin(), jobs.end(),
            [](const JobSeries& a, const JobSeries& b) { return a.job < b.job; });
  out.Family("anjian_job_runs_total", "counter",
             "Offers of a scheduled job: ran, skipped (already done today) or failed.");
  for (const JobSeries& job : jobs) {
    out.Sample("anjian_job_runs_total", {{"job", job.job}, {"result", "failed"}},
               static_cast<double>(job.failed));
    out.Sample("anjian_job_runs_total", {{"job", job.job}, {"result", "ran"}},
               static_cast<double>(job.ran));
    out.Sample("anjian_job_runs_total", {{"job", job.job}, {"result", "skipped"}},
               static_cast<double>(job.skipped));
  }
  out.Family("anjian_job_last_run_timestamp_seconds", "gauge",
             "Unix time of the job's last run that did its work in this process (0 = none yet).");
  for (const JobSeries& job : jobs) {
    out.Sample("anjian_job_last_run_timestamp_seconds", {{"job", job.job}},
               static_cast<double>(job.last_run_unix_seconds));
  }
}

}  // namespace anjian::http
