// The store contract on PostgreSQL: every TEST_P of store_contract_*_test.cpp runs against a
// database of the throwaway cluster `make test` starts (tests/support/pg_test_db). A test's
// temp dir names its database, so re-opening the same dir re-opens the same data.
#include <gtest/gtest.h>

#include "store/postgres/pg_store.hpp"
#include "store_contract.hpp"
#include "support/pg_test_db.hpp"

namespace anjian::store {
namespace {

std::unique_ptr<Store> OpenPostgres(const std::string& dir) {
  auto store = OpenStore(test_support::PostgresDatabaseUrl(dir));
  if (!store.ok()) {
    ADD_FAILURE() << store.error().message;
    return nullptr;
  }
  return std::move(store).value();
}

INSTANTIATE_TEST_SUITE_P(Postgres, StoreContractTest,
                         ::testing::Values(StoreBackend{
                             "Postgres", OpenPostgres,
                             [](const std::string& dir, const std::string& sql) {
                               test_support::PgQueryValue(test_support::PostgresDatabaseUrl(dir),
                                                          sql);
                             }}),
                         BackendName);

}  // namespace
}  // namespace anjian::store
