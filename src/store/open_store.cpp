#include <memory>

#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace anjian::store {

Result<std::unique_ptr<Store>> OpenStore(const std::string& location) {
  if (location.starts_with("postgresql://") || location.starts_with("postgres://")) {
    return Error::Unavailable("PostgreSQL 存储尚未实现（见 issue #6）；请使用 SQLite 文件路径");
  }
  std::string path = location;
  if (path.starts_with("sqlite:")) path = path.substr(7);
  if (path.empty()) return Error::InvalidArgument("数据库路径不能为空");
  ANJIAN_ASSIGN_OR_RETURN(auto store, sqlite::SqliteStore::Open(path));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace anjian::store
