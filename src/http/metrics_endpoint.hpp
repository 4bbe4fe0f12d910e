// The GET /metrics endpoint: who may scrape, and the response. Metrics carry no personal data but
// do reveal traffic and pool figures, so they are served only to a loopback client that did not
// come through a proxy, or to a client presenting the configured bearer token.
// Thread-safety: stateless functions; ServeMetrics only reads the Metrics.
#pragma once

#include <string>
#include <string_view>

#include "http/metrics.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace anjian::http {

inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

// True for 127.0.0.0/8, ::1 and IPv4-mapped loopback (::ffff:127.x.y.z), as Request::remote_address
// spells them.
bool IsLoopbackAddress(std::string_view address);

// Allowed when `token` is non-empty and the request carries "Authorization: Bearer <token>", or
// when the peer is loopback and the request has no X-Forwarded-For, X-Real-IP or Forwarded
// header (a reverse proxy on the same machine makes every client look local; such a request must
// present the token).
bool MayScrapeMetrics(const Request& request, std::string_view token);

// 200 with the exposition text, or 403 {"error":{"code":"permission_denied",...}}.
Response ServeMetrics(const Metrics& metrics, const Request& request, std::string_view token);

}  // namespace anjian::http
