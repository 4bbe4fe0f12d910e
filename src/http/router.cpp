#include "http/router.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>

namespace anjian::http {
namespace {

// "/a/b" → {"a","b"}; "/" → {""}; "/a/" → {"a",""}. Views point into `path`.
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> segments;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

// True when a beats b: at the first position where one is literal and the other a parameter,
// the literal wins.
template <typename Segments>
bool MoreSpecific(const Segments& a, const Segments& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i].is_parameter != b[i].is_parameter) return !a[i].is_parameter;
  }
  return false;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler, RouteInfo info) {
  ANJIAN_ASSERT(!method.empty() && !pattern.empty() && pattern.front() == '/');
  ANJIAN_ASSERT(handler != nullptr);
  std::vector<Segment> segments;
  for (std::string_view part : SplitPath(pattern)) {
    const bool opens = !part.empty() && part.front() == '{';
    const bool closes = !part.empty() && part.back() == '}';
    ANJIAN_ASSERT(opens == closes);
    if (opens) {
      ANJIAN_ASSERT(part.size() > 2);
      segments.push_back({std::string(part.substr(1, part.size() - 2)), /*is_parameter=*/true});
    } else {
      ANJIAN_ASSERT(part.find_first_of("{}") == std::string_view::npos);
      segments.push_back({std::string(part), /*is_parameter=*/false});
    }
  }
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    // Two patterns that differ only in parameter names are the same route.
    bool same = routes_[i].method == method && compiled_[i].size() == segments.size();
    for (std::size_t s = 0; same && s < segments.size(); ++s) {
      same = compiled_[i][s].is_parameter == segments[s].is_parameter &&
             (segments[s].is_parameter || compiled_[i][s].text == segments[s].text);
    }
    ANJIAN_ASSERT(!same);
  }
  routes_.push_back({std::move(method), std::move(pattern), std::move(handler), std::move(info)});
  compiled_.push_back(std::move(segments));
}

void Router::Use(Middleware middleware) { middleware_.push_back(std::move(middleware)); }

bool Router::MatchSegments(const std::vector<Segment>& pattern,
                           const std::vector<std::string_view>& path,
                           std::map<std::string, std::string>* params) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i].is_parameter ? path[i].empty() : pattern[i].text != path[i]) return false;
  }
  if (params != nullptr) {
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      if (pattern[i].is_parameter) (*params)[pattern[i].text] = std::string(path[i]);
    }
  }
  return true;
}

int Router::FindRoute(std::string_view method, const std::vector<std::string_view>& path) const {
  int best = -1;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].method != method || !MatchSegments(compiled_[i], path, nullptr)) continue;
    if (best < 0 || MoreSpecific(compiled_[i], compiled_[static_cast<std::size_t>(best)])) {
      best = static_cast<int>(i);
    }
  }
  return best;
}

const Route* Router::Match(Request& req, bool* path_matched) const {
  if (path_matched != nullptr) *path_matched = false;
  req.route = {};
  const std::vector<std::string_view> path = SplitPath(req.path);
  int index = FindRoute(req.method, path);
  if (index < 0 && req.method == "HEAD") index = FindRoute("GET", path);
  if (index < 0) {
    if (path_matched != nullptr) {
      for (const auto& segments : compiled_) {
        if (MatchSegments(segments, path, nullptr)) {
          *path_matched = true;
          break;
        }
      }
    }
    return nullptr;
  }
  const auto route_index = static_cast<std::size_t>(index);
  req.path_params.clear();
  MatchSegments(compiled_[route_index], path, &req.path_params);
  req.route = routes_[route_index].pattern;
  return &routes_[route_index];
}

std::vector<std::string> Router::AllowedMethods(const Request& req) const {
  const std::vector<std::string_view> path = SplitPath(req.path);
  std::vector<std::string> methods;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (MatchSegments(compiled_[i], path, nullptr)) methods.push_back(routes_[i].method);
  }
  if (std::find(methods.begin(), methods.end(), "GET") != methods.end()) methods.push_back("HEAD");
  std::sort(methods.begin(), methods.end());
  methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
  return methods;
}

Response Router::Dispatch(Request& req) const {
  // The one last-resort catch of the HTTP layer (STYLE.md §4): a bug in one handler must cost
  // one 500, never the process or the connection's other requests.
  try {
    bool path_matched = false;
    const Route* route = Match(req, &path_matched);
    if (route == nullptr) {
      if (!path_matched) {
        return Response::ErrorJson(404, "not_found",
                                   "接口不存在 (no such route): " + req.method + " " + req.path);
      }
      std::string allow;
      for (const std::string& method : AllowedMethods(req)) {
        allow += allow.empty() ? method : ", " + method;
      }
      Response response = Response::ErrorJson(
          405, "method_not_allowed",
          "该接口不支持 " + req.method + " 方法 (method not allowed; allowed: " + allow + ")");
      response.SetHeader("Allow", allow);
      return response;
    }
    for (const Middleware& middleware : middleware_) {
      if (std::optional<Response> early = middleware(req, *route)) return std::move(*early);
    }
    return route->handler(req);
  } catch (const nlohmann::json::type_error& e) {
    // A request field of the wrong type read without a check (e.g. an array where a string is
    // expected): the client's mistake, never a 500. Handlers should name the field themselves;
    // this is the net under the ones that do not (issue #12).
    spdlog::warn("JSON type error in {} {}: {}", req.method, req.path, e.what());
    return Response::ErrorJson(
        400, "invalid_argument",
        "请求体中有字段的类型不正确 (a field of the request body has the wrong type)");
  } catch (const std::exception& e) {
    spdlog::error("unhandled exception in {} {}: {}", req.method, req.path, e.what());
  } catch (...) {
    spdlog::error("unhandled non-standard exception in {} {}", req.method, req.path);
  }
  return Response::ErrorJson(500, "internal", "服务器内部错误 (internal server error)");
}

}  // namespace anjian::http
