// Schema migrations compiled into the binary (generated from <engine>/migrations/*.sql) and the
// runner both engines share: each migration commits together with its bookkeeping row, so a
// crash leaves either the old schema or the new one.
#pragma once

#include <vector>

#include "common/error.hpp"
#include "store/sql/sql_connection.hpp"

namespace anjian::store::sql {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// Applies the migrations newer than the database's. On PostgreSQL an advisory lock makes
// instances that start together apply them once.
Status ApplyMigrations(Connection& db, const std::vector<Migration>& migrations);

}  // namespace anjian::store::sql
