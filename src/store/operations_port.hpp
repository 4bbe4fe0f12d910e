// The operations area of the store: what keeps requests and daily jobs exactly-once across
// instances — stored responses of idempotent requests and the claims of daily job runs.
//
// Contract:
// - A stored response is keyed by account and Idempotency-Key and is never changed.
// - A daily job's run is claimed in a write session; the claim is what lets two instances on one
//   database run the job once a day.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/error.hpp"

namespace anjian::store {

struct IdempotentResponse {
  std::string request_hash;
  int status = 0;
  std::string body;
};

class OperationsPort {
 public:
  virtual ~OperationsPort() = default;

  virtual Result<std::optional<IdempotentResponse>> FindIdempotentResponse(
      std::int64_t user_id, const std::string& key) = 0;
  virtual Status SaveIdempotentResponse(std::int64_t user_id, const std::string& key,
                                        const IdempotentResponse& response, std::int64_t now) = 0;
  // Claims today's run of a daily job: false when it already ran (or runs) that day.
  virtual Result<bool> ClaimJobRun(const std::string& job, const std::string& day,
                                   std::int64_t now) = 0;
  virtual Status FinishJobRun(const std::string& job, const std::string& day, std::int64_t now,
                              const std::string& result) = 0;
};

}  // namespace anjian::store
