// Enforcement signatures bound to accounts (issue #12, defect 6). The submitter of an on-site
// record signs in the submitting session; every other member of the team signs beforehand, either
// in their own session (on their own phone) or on the submitter's device after re-entering their
// password or a one-time code. Each such signature is an attestation: which account authenticated
// it, how, when and from where. A record uses an attestation once (app/inspection_records.cpp);
// secrets are verified and dropped, never stored or hashed into anything kept.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "app/auth_service.hpp"
#include "app/principal.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "store/store.hpp"

namespace anjian::app {

// A local setting, not a seed's number: long enough for a record finished the day after the
// inspection (the latest the record validation allows) plus a day for a slow network, short enough
// that a forgotten signature cannot be put under a record weeks later.
inline constexpr std::int64_t kSignatureAttestationLifetimeSeconds = 72 * 3600;

// Why an attestation may not sign the record of `task_id` for `inspector_id` at `now`, with the
// field to name; nullopt when it may.
std::optional<Error> AttestationProblem(const store::SignatureAttestationRow& attestation,
                                        std::int64_t task_id, std::int64_t inspector_id,
                                        std::int64_t now, const std::string& field);

class SignatureService {
 public:
  SignatureService(store::Store& store, const Clock& clock, AuthService& auth)
      : store_(store), clock_(clock), auth_(auth) {}

  // POST /api/v1/tasks/{id}/signatures: {inspector_id, png, password?, totp_code?, username?}.
  // The caller must be on the task's team. For the caller's own inspector no secret is needed
  // (method "session"); for another member the account linked to that member must re-authenticate.
  Result<nlohmann::json> Attest(const Principal& who, std::int64_t task_id,
                                const nlohmann::json& body);
  // GET /api/v1/tasks/{id}/signatures: the task's attestations, newest first, with `usable`.
  Result<nlohmann::json> List(const Principal& who, std::int64_t task_id);

 private:
  nlohmann::json ToJson(store::StoreSession& session, const store::TaskRecord& task,
                        const store::SignatureAttestationRow& row, std::int64_t now) const;

  store::Store& store_;
  const Clock& clock_;
  AuthService& auth_;
};

}  // namespace anjian::app
