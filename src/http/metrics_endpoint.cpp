#include "http/metrics_endpoint.hpp"

namespace anjian::http {
namespace {

// Runtime independent of where the first difference is, so response timing does not leak the
// token a character at a time (its length is not worth hiding).
bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  return difference == 0;
}

}  // namespace

bool IsLoopbackAddress(std::string_view address) {
  if (address == "::1") return true;
  constexpr std::string_view kMapped = "::ffff:";
  if (address.starts_with(kMapped)) address.remove_prefix(kMapped.size());
  return address.starts_with("127.");
}

bool MayScrapeMetrics(const Request& request, std::string_view token) {
  if (!token.empty()) {
    constexpr std::string_view kPrefix = "Bearer ";
    const std::string header = request.Header("Authorization");
    if (header.starts_with(kPrefix) &&
        ConstantTimeEquals(std::string_view(header).substr(kPrefix.size()), token)) {
      return true;
    }
  }
  const bool proxied = !request.Header("X-Forwarded-For").empty() ||
                       !request.Header("X-Real-IP").empty() || !request.Header("Forwarded").empty();
  return !proxied && IsLoopbackAddress(request.remote_address);
}

Response ServeMetrics(const Metrics& metrics, const Request& request, std::string_view token) {
  if (!MayScrapeMetrics(request, token)) {
    return Response::FromError(Error::PermissionDenied(
        "监控指标仅供本机或持有监控令牌的请求访问 (metrics are served to loopback clients or with "
        "the --metrics-token bearer token)"));
  }
  Response response;
  response.content_type = std::string(kMetricsContentType);
  response.body = metrics.Render();
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace anjian::http
