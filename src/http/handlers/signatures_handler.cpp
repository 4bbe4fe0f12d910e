// Team members' signatures bound to their accounts (/api/v1/tasks/{id}/signatures, issue #12).
#include "app/signature_service.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"

namespace anjian::http::handlers {

using nlohmann::json;

Result<Response> AttestSignature(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  return Respond(
      api.signatures.Attest(PrincipalOf(request), id, body),
      [](json attestation) {
        return json{{"attestation", std::move(attestation)}};
      },
      201);
}

Result<Response> ListSignatures(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  return Respond(api.signatures.List(PrincipalOf(request), id), [](json j) { return j; });
}

}  // namespace anjian::http::handlers
