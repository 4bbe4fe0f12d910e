// Server: the HTTP/1.1 listener (Boost.Beast, asynchronous) that feeds a Router. Boost stays
// inside server.cpp; this header is safe to include anywhere.
// One io_context run by N threads, a strand per connection, TCP_NODELAY, keep-alive, a per-read
// timeout, "Expect: 100-continue", and the body limit enforced from the header (413 before the
// body is read). Handlers run on the io threads, so they must be short (or hand work off).
// /api paths go to the router; other GET/HEAD paths go to the router when a route has that path,
// else to ServeStatic, else to the router (404). Every response carries
// "X-Content-Type-Options: nosniff"; JSON responses also "Cache-Control: no-store" unless the
// handler set Cache-Control. Malformed HTTP → 400 JSON and close; invalid percent-encoding → 400.
// Each answered request is counted in ServerOptions::metrics and logged (debug text, or an info
// JSON access line).
// Thread-safety: Start/Stop/Wait may be called from any thread except the server's own io threads
// (Stop from a handler only requests the stop; Wait() or the destructor completes it).
// The Router must outlive the Server and must not change after Start().
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "common/error.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace anjian::http {

class Metrics;

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;                // 0 = ephemeral; Start() returns the bound port
  int threads = 0;                           // 0 → max(2, hardware_concurrency)
  std::size_t body_limit_bytes = 64u << 20;  // larger Content-Length → 413 JSON from the header
  int read_timeout_seconds = 30;             // per read and per write; an idle connection closes
  int shutdown_grace_seconds = 5;            // Stop() waits this long for in-flight responses
  bool stop_on_signals = false;     // SIGINT/SIGTERM make Wait() stop the server and return
  StaticFilesOptions static_files;  // root empty = no static serving
  // Counts every answered request (method, route pattern, status, duration) and the requests in
  // flight when set; must outlive the Server.
  Metrics* metrics = nullptr;
  // One info line per request with structured fields (method, route, path, status, duration_ms,
  // bytes, request_id, user_id) for --log-format json; otherwise the line stays at debug level.
  bool json_access_log = false;
  // Peers whose X-Forwarded-For is believed (the reverse proxy in front); others' is ignored,
  // so a client cannot choose the address its failed logins count against.
  std::vector<std::string> trusted_proxies = {"127.0.0.1", "::1"};
  // Strict-Transport-Security on every response (set when the public URL is https).
  bool hsts = false;
};

// The security headers every response carries (docs/security.md explains each).
std::vector<std::pair<std::string, std::string>> SecurityHeaders(bool hsts);

// The client address of a request from `peer` carrying `forwarded_for` (X-Forwarded-For).
std::string ClientAddress(const std::string& peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted_proxies);

class Server {
 public:
  Server(ServerOptions options, const Router& router);
  ~Server();  // Stop()s
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens, starts the io threads; returns the bound port. Call at most once.
  // Errors: kUnavailable when the port is taken ("端口 8080 已被占用 ...") or binding fails,
  // kInvalidArgument for an unparsable address, kFailedPrecondition when already started.
  Result<unsigned short> Start();

  // Graceful: stops accepting, lets responses in flight finish (up to shutdown_grace_seconds),
  // closes idle keep-alive connections, joins the threads. Idempotent.
  void Stop();

  // Blocks until Stop() has been requested (or, with stop_on_signals, SIGINT/SIGTERM arrived),
  // then completes the stop and returns. Returns at once if the server was never started.
  void Wait();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace anjian::http
