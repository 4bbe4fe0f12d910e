// Team members' signatures bound to their accounts (/api/v1/tasks/{id}/signatures, issue #12).
#include "app/signature_service.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"

namespace anjian::http::handlers {

using nlohmann::json;

Response AttestSignature(ApiServices& api, Request& request) {
  auto id = PathId(request);
  if (!id.ok()) return Response::FromError(id.error());
  auto body = ParseJsonBody(request);
  if (!body.ok()) return Response::FromError(body.error());
  return Respond(
      api.signatures.Attest(PrincipalOf(request), *id, *body),
      [](json attestation) {
        return json{{"attestation", std::move(attestation)}};
      },
      201);
}

Response ListSignatures(ApiServices& api, Request& request) {
  auto id = PathId(request);
  if (!id.ok()) return Response::FromError(id.error());
  return Respond(api.signatures.List(PrincipalOf(request), *id), [](json j) { return j; });
}

}  // namespace anjian::http::handlers
