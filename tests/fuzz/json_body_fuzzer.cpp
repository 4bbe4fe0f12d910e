// JSON request bodies of the main routes: http::ParseJsonBody (every JSON route), then the parsed
// value through the codecs those routes call before touching the store:
//   POST/PUT /units        app::MergeUnitJson, app::RequiredVersion
//   POST/PUT /inspectors   app::MergeInspectorJson
//   POST/PUT /regions      app::MergeRegionJson
//   POST .../records       app::ParseRecordBody (on-site inspection records)
//   POST /plans/{id}/adjust app::AdjustmentFromJson
// and the two stored JSON forms read back from the database: app::InputFromJson (the input
// snapshot `plan verify` re-runs) and app::DocumentContentFromJson (issued documents).
// Every codec must return an error or a value; none may throw or crash on any JSON value.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "app/documents/document_codec.hpp"
#include "app/inspection_record_codec.hpp"
#include "app/json_codec.hpp"
#include "app/plan_codec.hpp"
#include "common/civil_date.hpp"
#include "fuzz_check.hpp"
#include "http/request.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  anjian::http::Request request;
  request.method = "POST";
  request.body.assign(reinterpret_cast<const char*>(data), size);
  auto body = anjian::http::ParseJsonBody(request);
  if (!body.ok()) {
    FUZZ_CHECK(!body.error().message.empty());
    return 0;
  }
  const nlohmann::json& json = *body;

  anjian::domain::Unit unit;
  (void)anjian::app::MergeUnitJson(json, unit);
  (void)anjian::app::RequiredVersion(json);
  anjian::domain::Inspector inspector;
  (void)anjian::app::MergeInspectorJson(json, inspector);
  anjian::domain::Region region;
  (void)anjian::app::MergeRegionJson(json, region);

  if (auto record = anjian::app::ParseRecordBody(json); record.ok()) {
    // The canonical stored body of an accepted record is what its content hash covers.
    (void)anjian::app::RecordBodyToJson(*record).dump();
  }

  static const auto today = anjian::CivilDate::FromYmd(2025, 6, 30);
  (void)anjian::app::AdjustmentFromJson(json, *today);

  std::string calendar_text;
  (void)anjian::app::InputFromJson(json, calendar_text);
  (void)anjian::app::DocumentContentFromJson(json);
  return 0;
}
