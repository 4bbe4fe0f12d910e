#include "app/documents/document_issuer.hpp"

#include "app/documents/document_codec.hpp"
#include "common/clock.hpp"
#include "common/sha256.hpp"
#include "common/text.hpp"

namespace anjian::app {
namespace {

struct Issuer {
  std::string path;
  std::string name;
};

// The street (else the district) whose path is a prefix of the unit's: it issues the documents.
Result<Issuer> IssuerOf(store::StoreSession& session, const std::string& unit_path) {
  Issuer fallback;
  for (const auto& part : SplitAny(unit_path, {"/"})) {
    if (part.empty()) continue;
    ANJIAN_ASSIGN_OR_RETURN(auto region,
                            session.GetRegion(store::Scope::All(), RegionId(std::stoll(part))));
    if (region.level == domain::RegionLevel::kStreet) return Issuer{region.path, region.name};
    if (region.level == domain::RegionLevel::kDistrict) fallback = Issuer{region.path, region.name};
  }
  if (fallback.path.empty())
    return Error::FailedPrecondition("单位不在任何街道或区县之下，无法确定发文机关");
  return fallback;
}

std::string FirstCharacter(const std::string& text) {
  if (text.empty()) return "";
  const auto lead = static_cast<unsigned char>(text[0]);
  const std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return text.substr(0, std::min(n, text.size()));
}

}  // namespace

Result<store::DocumentRow> DocumentIssuer::Issue(store::StoreSession& session,
                                                 DocumentContent content, const UnitId& unit,
                                                 const std::string& unit_region_path,
                                                 DocumentLinks links, std::int64_t user_id,
                                                 std::int64_t now) const {
  ANJIAN_ASSIGN_OR_RETURN(auto issuer, IssuerOf(session, unit_region_path));
  const CivilDate today = BeijingDateAt(now);
  const auto& info = domain::InfoOf(content.type);
  ANJIAN_ASSIGN_OR_RETURN(
      int serial, session.NextDocumentSerial(issuer.path, std::string(info.code), today.year()));
  const std::string prefix = options_.number_prefix.empty()
                                 ? "（" + FirstCharacter(issuer.name) + "）"
                                 : options_.number_prefix;
  ANJIAN_ASSIGN_OR_RETURN(content.number,
                          domain::FormatDocumentNumber(prefix, content.type, today.year(), serial));
  content.issuer = issuer.name;
  content.issued_on = today.ToString();
  store::DocumentRow row;
  row.doc_type = content.type;
  row.number = content.number;
  row.year = today.year();
  row.serial = serial;
  row.issuer_path = issuer.path;
  row.unit_id = unit;
  row.region_path = unit_region_path;
  row.record_id = links.record_id;
  row.hazard_id = links.hazard_id;
  row.content_json = DocumentContentToJson(content).dump();
  row.content_hash = Sha256Hex(row.content_json);
  row.issued_by = UserId(user_id);
  row.issued_at = now;
  return session.InsertDocument(row);
}

std::string DocumentIssuer::VerifyUrl(const store::DocumentRow& row) const {
  std::string base = options_.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/verify/" + std::to_string(row.id.value) + "?h=" + row.content_hash.substr(0, 32);
}

bool DocumentIssuer::HashMatches(const store::DocumentRow& row, std::string_view h) {
  if (h.size() != 32 && h.size() != 64) return false;
  std::string lower(h);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return row.content_hash.compare(0, lower.size(), lower) == 0;
}

Result<DocumentContent> DocumentIssuer::ContentOf(const store::DocumentRow& row) const {
  nlohmann::json json = nlohmann::json::parse(row.content_json, nullptr, false);
  if (json.is_discarded())
    return Error::Internal("文书内容已损坏（id " + std::to_string(row.id.value) + "）");
  ANJIAN_ASSIGN_OR_RETURN(auto content, DocumentContentFromJson(json));
  content.verify_url = VerifyUrl(row);
  return content;
}

}  // namespace anjian::app
