// Request bodies of the inspection API shared by the integration tests and the submission bench:
// a complete on-site record for the general checklist with C9 not conforming.
#pragma once

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "support/tiny_png.hpp"

namespace anjian::test_support {

// `day` (YYYY-MM-DD) plus `days` calendar days.
inline std::string AddDays(const std::string& day, int days) {
  std::tm tm{};
  tm.tm_year = std::stoi(day.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(day.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(day.substr(8, 2)) + days;
  tm.tm_hour = 12;
  const std::time_t t = timegm(&tm);
  std::tm out{};
  gmtime_r(&t, &out);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &out);
  return buffer;
}

// Start and end times on `today` (Beijing) that are already past, whatever the time of day.
inline std::pair<std::string, std::string> PastTimes(const std::string& today) {
  const std::time_t now = std::time(nullptr) + 8 * 3600;
  std::tm local{};
  gmtime_r(&now, &local);
  const int minute = local.tm_hour * 60 + local.tm_min;
  const auto at = [&](int m) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", m / 60, m % 60);
    return today + "T" + buffer;
  };
  if (minute >= 30) return {at(minute - 25), at(minute - 5)};
  return {at(0), at(1)};
}

// When a record says it was made, and the deadline of its finding.
struct RecordTimes {
  std::string started_at;  // YYYY-MM-DDTHH:MM
  std::string ended_at;
  std::string deadline;  // YYYY-MM-DD
};

// A complete record: every item of `checklist` (the GET /api/v1/checklists/general answer, or any
// {"items":[{"code":…}]}) conforms except C9, which has `item_photo` and one finding ordered
// rectified by `times.deadline` with `finding_photo`; team members (at most three) sign with PNGs
// seeded signature_seed + k, the on-site person with signature_seed + 3. A member found in
// `attested` (inspector id → attestation id) is referred to by the signature they gave beforehand
// (POST /api/v1/tasks/{id}/signatures) instead: the server takes a drawing only from the
// submitter.
inline nlohmann::json RecordBodyAt(const nlohmann::json& checklist,
                                   const std::vector<std::int64_t>& team, const RecordTimes& times,
                                   const std::string& item_photo, const std::string& finding_photo,
                                   std::uint32_t signature_seed,
                                   const std::map<std::int64_t, std::int64_t>& attested = {}) {
  using nlohmann::json;
  json results = json::array();
  for (const auto& item : checklist["items"]) {
    const std::string code = item["code"];
    if (code == "C9") {
      results.push_back({{"code", code},
                         {"result", "nonconform"},
                         {"note", "配电箱无警示标志"},
                         {"photos", {item_photo}}});
    } else {
      results.push_back({{"code", code}, {"result", "conform"}});
    }
  }
  json inspectors = json::array();
  for (std::size_t k = 0; k < team.size(); ++k) {
    if (auto found = attested.find(team[k]); found != attested.end()) {
      inspectors.push_back({{"inspector_id", team[k]}, {"attestation_id", found->second}});
      continue;
    }
    inspectors.push_back(
        {{"inspector_id", team[k]},
         {"png", SignatureDataUrl(signature_seed + static_cast<std::uint32_t>(k))}});
  }
  return {{"started_at", times.started_at},
          {"ended_at", times.ended_at},
          {"place", "生产车间、仓库"},
          {"purpose", "专项检查"},
          {"on_site_person", {{"name", "李四"}, {"post", "安全主管"}, {"phone", "13800000000"}}},
          {"results", results},
          {"findings",
           {{{"item_code", "C9"},
             {"description", "配电箱无警示标志"},
             {"grade", "general"},
             {"legal_basis", "《安全生产法》第三十五条"},
             {"measure", "rectify"},
             {"deadline", times.deadline},
             {"photos", {finding_photo}}}}},
          {"penalties", json::array()},
          {"handling", "责令限期整改"},
          {"signatures",
           {{"inspectors", inspectors},
            {"on_site_person", {{"png", SignatureDataUrl(signature_seed + 3)}}}}}};
}

// The same record made today (Beijing), at times already past, with 14 days to rectify.
inline nlohmann::json RecordBody(const nlohmann::json& checklist,
                                 const std::vector<std::int64_t>& team, const std::string& today,
                                 const std::string& item_photo, const std::string& finding_photo,
                                 std::uint32_t signature_seed,
                                 const std::map<std::int64_t, std::int64_t>& attested = {}) {
  const auto [started, ended] = PastTimes(today);
  return RecordBodyAt(checklist, team, {started, ended, AddDays(today, 14)}, item_photo,
                      finding_photo, signature_seed, attested);
}

// The body of POST /api/v1/tasks/{id}/signatures: `inspector_id` signs with a PNG seeded `seed`,
// authenticated by `password` when signing on someone else's device ("" in their own session).
inline nlohmann::json AttestationBody(std::int64_t inspector_id, std::uint32_t seed,
                                      const std::string& password = "") {
  nlohmann::json body = {{"inspector_id", inspector_id}, {"png", SignatureDataUrl(seed)}};
  if (!password.empty()) body["password"] = password;
  return body;
}

}  // namespace anjian::test_support
