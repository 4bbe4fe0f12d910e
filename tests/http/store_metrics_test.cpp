#include "http/store_metrics.hpp"

#include <gtest/gtest.h>

#include "http/exposition.hpp"
#include "http/temp_dir.hpp"

namespace anjian::http {
namespace {

// A store that only reports pool figures, so the test controls every number.
class PoolFiguresStore final : public store::Store {
 public:
  explicit PoolFiguresStore(store::StoreMetrics figures) : figures_(figures) {}
  Result<std::unique_ptr<store::StoreSession>> Read() override {
    return Error::Unavailable("test");
  }
  Result<std::unique_ptr<store::StoreSession>> Write() override {
    return Error::Unavailable("test");
  }
  std::string_view Kind() const override { return "postgresql"; }
  store::StoreMetrics Metrics() const override { return figures_; }
  store::StoreMetrics figures_;
};

TEST(StoreMetricsTest, PoolFiguresBecomeGaugesAndCounters) {
  PoolFiguresStore store({.pool_size = 8, .pool_in_use = 3, .pool_waits = 41, .unavailable = 2});
  Metrics metrics("0", 0);
  metrics.AddCollector(StoreMetricsCollector(store));
  Exposition parsed = ParseExposition(metrics.Render());
  ASSERT_EQ(parsed.error, "");
  EXPECT_EQ(parsed.Value("anjian_db_info", {{"kind", "postgresql"}}), 1);
  EXPECT_EQ(parsed.Value("anjian_db_pool_connections"), 8);
  EXPECT_EQ(parsed.Value("anjian_db_pool_in_use"), 3);
  EXPECT_EQ(parsed.Value("anjian_db_pool_waits_total"), 41);
  EXPECT_EQ(parsed.Value("anjian_db_unavailable_total"), 2);
  EXPECT_EQ(parsed.types.at("anjian_db_pool_connections"), "gauge");
  EXPECT_EQ(parsed.types.at("anjian_db_pool_waits_total"), "counter");
  EXPECT_EQ(parsed.types.at("anjian_db_unavailable_total"), "counter");

  // Read at every scrape, not once.
  store.figures_.pool_waits = 42;
  parsed = ParseExposition(metrics.Render());
  EXPECT_EQ(parsed.Value("anjian_db_pool_waits_total"), 42);
}

TEST(StoreMetricsTest, SqliteStoreReportsItsKind) {
  TempDir dir;
  auto store = store::OpenStore((std::filesystem::path(dir.path()) / "metrics.db").string());
  ASSERT_TRUE(store.ok()) << store.error().message;
  Metrics metrics("0", 0);
  metrics.AddCollector(StoreMetricsCollector(**store));
  const Exposition parsed = ParseExposition(metrics.Render());
  ASSERT_EQ(parsed.error, "");
  EXPECT_EQ(parsed.Value("anjian_db_info", {{"kind", "sqlite"}}), 1);
  EXPECT_TRUE(parsed.Value("anjian_db_pool_connections").has_value());
  EXPECT_TRUE(parsed.Value("anjian_db_unavailable_total").has_value());
}

}  // namespace
}  // namespace anjian::http
