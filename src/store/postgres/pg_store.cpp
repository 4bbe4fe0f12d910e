#include "store/postgres/pg_store.hpp"

#include <charconv>
#include <chrono>

#include "store/sql/sql_session.hpp"

namespace anjian::store::postgres {

Result<std::pair<std::string, PgStoreOptions>> ParsePgUrl(const std::string& url) {
  PgStoreOptions options;
  const auto question = url.find('?');
  if (question == std::string::npos) return std::make_pair(url, options);
  std::string kept = url.substr(0, question);
  char separator = '?';
  std::size_t start = question + 1;
  while (start <= url.size()) {
    std::size_t end = url.find('&', start);
    if (end == std::string::npos) end = url.size();
    const std::string pair = url.substr(start, end - start);
    if (pair.starts_with("pool_max=")) {
      const std::string value = pair.substr(9);
      int parsed = 0;
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
      if (ec != std::errc() || ptr != value.data() + value.size() || parsed < 1 || parsed > 1000) {
        return Error::InvalidArgument(
            "PostgreSQL 连接串无效: pool_max 应为 1–1000 的整数，而不是“" + value + "”");
      }
      options.pool_max = parsed;
    } else if (!pair.empty()) {
      kept += separator;
      kept += pair;
      separator = '&';
    }
    start = end + 1;
  }
  return std::make_pair(kept, options);
}

Result<std::unique_ptr<PgStore>> PgStore::Open(const std::string& url) {
  ANJIAN_ASSIGN_OR_RETURN(auto parsed, ParsePgUrl(url));
  std::unique_ptr<PgStore> store(new PgStore(parsed.first, parsed.second));
  ANJIAN_ASSIGN_OR_RETURN(auto connection, PgConnection::Open(store->conninfo_));
  ANJIAN_TRY(sql::ApplyMigrations(*connection, PostgresMigrations()));
  store->idle_.push_back(std::move(connection));
  store->open_ = 1;
  return store;
}

Result<std::unique_ptr<PgConnection>> PgStore::Acquire(const char* begin) {
  for (int attempt = 0; attempt <= options_.pool_max; ++attempt) {
    std::unique_ptr<PgConnection> connection;
    {
      std::unique_lock lock(mutex_);
      if (idle_.empty() && open_ >= options_.pool_max) {
        waits_.fetch_add(1, std::memory_order_relaxed);
        const bool freed =
            available_.wait_for(lock, std::chrono::seconds(options_.pool_timeout_seconds),
                                [&] { return !idle_.empty() || open_ < options_.pool_max; });
        if (!freed) {
          unavailable_.fetch_add(1, std::memory_order_relaxed);
          return Error::Unavailable(
              "数据库连接已用尽（pool_max=" + std::to_string(options_.pool_max) + "），请稍后重试");
        }
      }
      if (!idle_.empty()) {
        connection = std::move(idle_.back());
        idle_.pop_back();
      }
      ++lent_;
      if (!connection) ++open_;
    }
    if (!connection) {
      auto opened = PgConnection::Open(conninfo_);
      if (!opened.ok()) {
        Release(nullptr, false);
        unavailable_.fetch_add(1, std::memory_order_relaxed);
        return opened.error();
      }
      connection = std::move(opened).value();
    }
    Status begun = connection->Run(begin);
    if (begun.ok()) return connection;
    const bool dead = !connection->Healthy() || begun.error().code == ErrorCode::kUnavailable;
    Release(std::move(connection), false);
    if (!dead) return begun.error();
    // The server went away under an idle connection (restart, failover): try a fresh one.
  }
  unavailable_.fetch_add(1, std::memory_order_relaxed);
  return Error::Unavailable("数据库暂时不可用，请稍后重试");
}

void PgStore::Release(std::unique_ptr<PgConnection> connection, bool healthy) {
  {
    std::lock_guard lock(mutex_);
    --lent_;
    if (connection && healthy) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;
    }
  }
  available_.notify_one();
}

Result<std::unique_ptr<StoreSession>> PgStore::Read() {
  ANJIAN_ASSIGN_OR_RETURN(auto connection,
                          Acquire("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  auto release = [this](std::unique_ptr<sql::Connection> used, bool healthy) {
    Release(std::unique_ptr<PgConnection>(static_cast<PgConnection*>(used.release())), healthy);
  };
  return std::unique_ptr<StoreSession>(new sql::SqlSession(std::move(connection), false, release));
}

Result<std::unique_ptr<StoreSession>> PgStore::Write() {
  ANJIAN_ASSIGN_OR_RETURN(auto connection, Acquire("BEGIN"));
  auto release = [this](std::unique_ptr<sql::Connection> used, bool healthy) {
    Release(std::unique_ptr<PgConnection>(static_cast<PgConnection*>(used.release())), healthy);
  };
  auto session = std::make_unique<sql::SqlSession>(std::move(connection), true, release);
  session->RequireAuditEntry(audit_required());
  return std::unique_ptr<StoreSession>(std::move(session));
}

StoreMetrics PgStore::Metrics() const {
  std::lock_guard lock(mutex_);
  return StoreMetrics{open_, lent_, waits_.load(), unavailable_.load()};
}

}  // namespace anjian::store::postgres
