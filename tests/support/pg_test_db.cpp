#include "support/pg_test_db.hpp"

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <utility>

namespace anjian::test_support {
namespace {

constexpr const char* kStateVariable = "ANJIAN_TEST_PG_STATE";
// SQLSTATEs: duplicate_database; unique_violation (what CREATE DATABASE reports instead when the
// other creation commits while this one runs); object_in_use (CREATE DATABASE while someone is
// connected to the template).
constexpr const char* kDuplicateDatabase = "42P04";
constexpr const char* kUniqueViolation = "23505";
constexpr const char* kObjectInUse = "55006";

struct ConnectionCloser {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
using Connection = std::unique_ptr<PGconn, ConnectionCloser>;

struct ResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultClearer>;

struct ConninfoFreer {
  void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};

// NOTICEs ("database ... does not exist, skipping") are noise in test output.
void IgnoreNotice(void*, const char*) {}

std::string Trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

Connection Connect(const std::string& url) {
  Connection connection(PQconnectdb(url.c_str()));
  if (connection == nullptr) throw std::runtime_error("libpq could not allocate a connection");
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    throw std::runtime_error(
        "cannot connect to the test PostgreSQL at " + url + ": " +
        Trimmed(PQerrorMessage(connection.get())) +
        " (ctest starts the cluster in test pg_cluster_start; is it running?)");
  }
  PQsetNoticeProcessor(connection.get(), IgnoreNotice, nullptr);
  return connection;
}

// SQLSTATE of a failed statement ("" if libpq gives none, e.g. the connection broke).
std::string SqlState(const PGresult* result) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  return state ? state : "";
}

std::string FailureMessage(PGconn* connection, const PGresult* result, const std::string& sql,
                           const std::string& url) {
  std::string message = result ? Trimmed(PQresultErrorMessage(result)) : "";
  if (message.empty()) message = Trimmed(PQerrorMessage(connection));
  std::string state = SqlState(result);
  return "PostgreSQL statement failed" + (state.empty() ? "" : " (SQLSTATE " + state + ")") + ": " +
         message + "\n  statement: " + sql + "\n  database: " + url;
}

// Runs sql; returns the result when it succeeded, nullptr otherwise (then `failure` holds a
// message and `state` the SQLSTATE).
Result Execute(PGconn* connection, const std::string& sql, const std::string& url,
               std::string& state, std::string& failure) {
  Result result(PQexec(connection, sql.c_str()));
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) return result;
  state = SqlState(result.get());
  failure = FailureMessage(connection, result.get(), sql, url);
  return nullptr;
}

// Percent-encodes a URI component, keeping '/' so that socket directories stay readable.
std::string UriEncoded(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : text) {
    bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0xF];
    }
  }
  return encoded;
}

// The server URL with another database: user, host and port parsed by libpq itself.
std::string UrlForDatabase(const std::string& server_url, const std::string& database) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, ConninfoFreer> options(
      PQconninfoParse(server_url.c_str(), &error));
  if (options == nullptr) {
    std::string reason = error ? Trimmed(error) : "out of memory";
    PQfreemem(error);
    throw std::runtime_error("cannot parse the test PostgreSQL url " + server_url + ": " + reason);
  }
  std::string user, host, port;
  for (PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
    if (option->val == nullptr) continue;
    std::string keyword = option->keyword;
    if (keyword == "user") user = option->val;
    if (keyword == "host") host = option->val;
    if (keyword == "port") port = option->val;
  }
  std::string url = "postgresql://" + UriEncoded(user) + "@/" + database;
  std::string separator = "?";
  if (!host.empty()) {
    url += separator + "host=" + UriEncoded(host);
    separator = "&";
  }
  if (!port.empty()) url += separator + "port=" + UriEncoded(port);
  return url;
}

}  // namespace

std::string TestPostgresServerUrl() {
  const char* state = std::getenv(kStateVariable);
  if (state == nullptr || *state == '\0') {
    throw std::runtime_error(
        std::string(kStateVariable) +
        " is not set: this test needs the throwaway PostgreSQL cluster. Register it with "
        "anjian_test(... POSTGRESQL) and run it through ctest, or run `scripts/pg-test-cluster "
        "start build/pg` and export " +
        kStateVariable + "=build/pg");
  }
  std::string path = std::string(state) + "/url";
  std::ifstream file(path);
  std::stringstream contents;
  contents << file.rdbuf();
  std::string url = Trimmed(contents.str());
  if (!file || url.empty()) {
    throw std::runtime_error("no PostgreSQL test cluster url in " + path + " (" + kStateVariable +
                             "=" + state +
                             "): the cluster was not started or has been stopped; ctest starts "
                             "it in test pg_cluster_start (scripts/pg-test-cluster start " +
                             state + ")");
  }
  return url;
}

std::string PostgresDatabaseName(const std::string& key) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a, 64 bits
  for (unsigned char c : key) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char digits[17];
  std::snprintf(digits, sizeof digits, "%016llx", static_cast<unsigned long long>(hash));
  return std::string("t_") + digits;
}

std::string PostgresDatabaseUrl(const std::string& key) {
  const std::string server_url = TestPostgresServerUrl();
  const std::string name = PostgresDatabaseName(key);
  Connection connection = Connect(server_url);

  const char* parameters[] = {name.c_str()};
  const std::string exists_sql = "SELECT 1 FROM pg_database WHERE datname = $1";
  Result exists(PQexecParams(connection.get(), exists_sql.c_str(), 1, nullptr, parameters, nullptr,
                             nullptr, 0));
  if (exists == nullptr || PQresultStatus(exists.get()) != PGRES_TUPLES_OK) {
    throw std::runtime_error(
        FailureMessage(connection.get(), exists.get(), exists_sql, server_url));
  }
  if (PQntuples(exists.get()) == 0) {
    // Names are "t_" + hex digits: nothing to escape. Another process may create the same
    // database between the check and here (42P04 or 23505: that is success), and CREATE DATABASE
    // fails with 55006 while any session is connected to template1 (retried for a while).
    const std::string create_sql = "CREATE DATABASE \"" + name + "\" TEMPLATE template1";
    for (int attempt = 1;; ++attempt) {
      std::string state, failure;
      if (Execute(connection.get(), create_sql, server_url, state, failure)) break;
      if (state == kDuplicateDatabase || state == kUniqueViolation) break;
      if (state == kObjectInUse && attempt < 100) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        continue;
      }
      throw std::runtime_error("cannot create test database " + name + " for key '" + key +
                               "': " + failure);
    }
  }
  return UrlForDatabase(server_url, name);
}

void DropPostgresDatabase(const std::string& key) {
  const std::string name = PostgresDatabaseName(key);
  try {
    const std::string server_url = TestPostgresServerUrl();
    Connection connection = Connect(server_url);
    std::string state, failure;
    if (!Execute(connection.get(), "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)",
                 server_url, state, failure)) {
      std::fprintf(stderr, "DropPostgresDatabase(%s): %s\n", name.c_str(), failure.c_str());
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "DropPostgresDatabase(%s): %s\n", name.c_str(), error.what());
  }
}

std::string PgQueryValue(const std::string& url, const std::string& sql) {
  Connection connection = Connect(url);
  std::string state, failure;
  Result result = Execute(connection.get(), sql, url, state, failure);
  if (result == nullptr) throw std::runtime_error(failure);
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK || PQntuples(result.get()) == 0 ||
      PQnfields(result.get()) == 0 || PQgetisnull(result.get(), 0, 0)) {
    return "";
  }
  return PQgetvalue(result.get(), 0, 0);
}

ScopedPostgresDatabase::ScopedPostgresDatabase(std::string key)
    : key_(std::move(key)), url_(PostgresDatabaseUrl(key_)) {}

ScopedPostgresDatabase::~ScopedPostgresDatabase() { DropPostgresDatabase(key_); }

}  // namespace anjian::test_support
