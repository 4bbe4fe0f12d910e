#include <memory>

#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace anjian::store {

Result<std::unique_ptr<Store>> OpenStore(const std::string& location) {
  if (location.starts_with("postgresql://") || location.starts_with("postgres://")) {
    ANJIAN_ASSIGN_OR_RETURN(auto store, postgres::PgStore::Open(location));
    return std::unique_ptr<Store>(std::move(store));
  }
  std::string path = location;
  if (path.starts_with("sqlite:")) path = path.substr(7);
  if (path.empty()) return Error::InvalidArgument("数据库路径不能为空");
  ANJIAN_ASSIGN_OR_RETURN(auto store, sqlite::SqliteStore::Open(path));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace anjian::store
