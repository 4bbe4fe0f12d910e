// The store's figures for GET /metrics: which database backs the server and how its connection
// pool is doing (anjian_db_info, anjian_db_pool_connections, anjian_db_pool_in_use,
// anjian_db_pool_waits_total, anjian_db_unavailable_total).
// Thread-safety: the collector calls Store::Metrics(), which may run on any thread.
#pragma once

#include "http/metrics.hpp"
#include "store/store.hpp"

namespace anjian::http {

// A collector reading `store` at each scrape; the store must outlive the Metrics it is added to.
MetricsCollector StoreMetricsCollector(const store::Store& store);

}  // namespace anjian::http
