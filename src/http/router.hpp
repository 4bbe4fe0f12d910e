// Router: the table from (method, path pattern) to handler, plus the middleware chain.
// Patterns are literal segments and "{name}" segments, e.g. "/api/v1/units/{id}"; a "{name}"
// segment matches one non-empty segment of the percent-decoded path (so an encoded "/" inside a
// value splits it). A literal segment beats a parameter at the first position where two matching
// patterns differ, so "/units/export" wins over "/units/{id}". Matching is exact: a trailing
// slash is a different path. HEAD falls back to the GET route when no HEAD route exists.
// Thread-safety: Add/Use during start-up only; afterwards Match/Dispatch may run concurrently.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access/role.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace anjian::http {

using Handler = std::function<Response(Request&)>;

// Default body limits (bytes): JSON bodies, and uploads/imports that set their own.
inline constexpr std::size_t kJsonBodyLimit = 1 << 20;
inline constexpr std::size_t kLoginBodyLimit = 4 << 10;

// A route's row in the access table (docs/security.md): which action it performs (the roles
// allowed follow from domain::MayPerform), and what the server checks on the data.
struct RouteInfo {
  std::string summary;        // one line for the route listing / API docs
  bool requires_auth = true;  // read by the auth middleware
  std::string tag;            // grouping for docs, e.g. "units"
  // The action checked against the caller's role before the handler runs (and before its body is
  // parsed). RegisterRoutes refuses to start with a protected API route that has none.
  std::optional<domain::Action> action;
  std::string scope_rule;  // what limits the data: "jurisdiction", "own_unit", "assignment",
                           // "own_account", "public"
  // Larger bodies are refused with 413 before they are read; 0 = only the server's own limit.
  // The API table (routes.cpp) sets one on every route (JSON by default).
  std::size_t body_limit = 0;
};

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  RouteInfo info;
};

// Runs before a matched handler; returning a Response short-circuits the chain (e.g. 401).
using Middleware = std::function<std::optional<Response>(Request&, const Route&)>;

class Router {
 public:
  // Registers a route. A malformed pattern (not starting with '/', empty or unterminated "{}")
  // or a duplicate method+pattern is a programming error and aborts via ANJIAN_ASSERT.
  void Add(std::string method, std::string pattern, Handler handler, RouteInfo info = {});

  // Matches req.method + req.path and fills req.path_params and req.route (the pattern). Returns
  // nullptr when no route matches (req.route is then empty); then *path_matched (if given) is
  // true when the path exists with another method.
  const Route* Match(Request& req, bool* path_matched) const;

  // Methods registered for req.path, sorted, HEAD added when GET exists; empty if none.
  std::vector<std::string> AllowedMethods(const Request& req) const;

  const std::vector<Route>& routes() const { return routes_; }

  // Appends a middleware; they run in registration order.
  void Use(Middleware middleware);

  // Match + middleware + handler. Unknown path → 404 JSON, known path with another method → 405
  // JSON with an Allow header. Any exception from middleware or handler is logged and answered
  // with 500 JSON {"error":{"code":"internal",...}}; this function never throws.
  Response Dispatch(Request& req) const;

 private:
  struct Segment {
    std::string text;  // literal text, or the parameter name
    bool is_parameter = false;
  };
  // True when `path` fits `pattern`; then stores "{name}" values into *params when given.
  static bool MatchSegments(const std::vector<Segment>& pattern,
                            const std::vector<std::string_view>& path,
                            std::map<std::string, std::string>* params);
  // Index of the most specific route for this method and path, or -1.
  int FindRoute(std::string_view method, const std::vector<std::string_view>& path) const;

  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> compiled_;  // parallel to routes_
  std::vector<Middleware> middleware_;
};

}  // namespace anjian::http
