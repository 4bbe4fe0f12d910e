#include "http/store_metrics.hpp"

#include <string>

namespace anjian::http {

MetricsCollector StoreMetricsCollector(const store::Store& store) {
  return [&store](MetricsWriter& out) {
    const store::StoreMetrics pool = store.Metrics();
    out.Family("anjian_db_info", "gauge",
               "Database backing the server (kind: sqlite or postgresql); always 1.");
    out.Sample("anjian_db_info", {{"kind", store.Kind()}}, 1);
    out.Family("anjian_db_pool_connections", "gauge",
               "Database connections open (idle and in use).");
    out.Sample("anjian_db_pool_connections", {}, static_cast<double>(pool.pool_size));
    out.Family("anjian_db_pool_in_use", "gauge", "Database connections lent to sessions now.");
    out.Sample("anjian_db_pool_in_use", {}, static_cast<double>(pool.pool_in_use));
    out.Family("anjian_db_pool_waits_total", "counter",
               "Sessions that had to wait for a free connection.");
    out.Sample("anjian_db_pool_waits_total", {}, static_cast<double>(pool.pool_waits));
    out.Family("anjian_db_unavailable_total", "counter",
               "Sessions refused because the database could not be reached.");
    out.Sample("anjian_db_unavailable_total", {}, static_cast<double>(pool.unavailable));
  };
}

}  // namespace anjian::http
