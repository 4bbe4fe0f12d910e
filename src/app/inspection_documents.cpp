// Photos (content-addressed uploads) and issued documents: listing, PDF, public verification.
#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

#include "app/audit_trail.hpp"
#include "app/documents/document_pdf.hpp"
#include "app/inspection_service.hpp"
#include "app/inspection_support.hpp"
#include "common/sha256.hpp"
#include "io/image_probe.hpp"

namespace anjian::app {

using nlohmann::json;

json InspectionService::DocumentToJson(const store::DocumentRow& d) const {
  const auto& info = domain::InfoOf(d.doc_type);
  return {{"id", d.id.value},
          {"type", std::string(info.code)},
          {"type_label", std::string(info.name)},
          {"number", d.number},
          {"unit_id", d.unit_id.value},
          {"unit_name", d.unit_name},
          {"record_id", d.record_id ? json(d.record_id) : json(nullptr)},
          {"hazard_id", d.hazard_id ? json(d.hazard_id) : json(nullptr)},
          {"issued_at", d.issued_at},
          {"issued_on", BeijingDateAt(d.issued_at).ToString()},
          {"pdf_url", "/api/v1/documents/" + std::to_string(d.id.value) + "/pdf"},
          {"verify_url", issuer_.VerifyUrl(d)}};
}

namespace {

// "YYYY-MM-DDTHH:MM:SS" with a real date and time, not more than a day ahead of `today`.
Result<std::string> ClientTakenAt(const std::string& text, CivilDate today) {
  if (text.empty()) return std::string();
  const auto bad = [&] {
    return Error::InvalidArgument("taken_at 应为 YYYY-MM-DDTHH:MM:SS：" + text, "taken_at");
  };
  if (text.size() != 19 || text[10] != 'T') return bad();
  auto date = CivilDate::Parse(text.substr(0, 10));
  auto time = domain::LocalDateTime::Parse(text.substr(0, 16));
  const bool seconds_ok = text[16] == ':' && std::isdigit(static_cast<unsigned char>(text[17])) &&
                          std::isdigit(static_cast<unsigned char>(text[18])) &&
                          text.substr(17) < "60";
  if (!date.ok() || !time.ok() || !seconds_ok || text[4] != '-') return bad();
  if (date->ToDays() > today.ToDays() + 1)
    return Error::InvalidArgument("照片拍摄时间晚于今天：" + text, "taken_at");
  return text;
}

}  // namespace

Result<std::pair<store::UploadRow, bool>> InspectionService::UploadPhoto(
    const Principal& who, const std::string& bytes, const std::string& client_taken_at) {
  if (!domain::MayPerform(who.role, domain::Action::kInspect) &&
      !domain::MayPerform(who.role, domain::Action::kSelfInspect)) {
    return Require(who, domain::Action::kInspect).error();
  }
  ANJIAN_ASSIGN_OR_RETURN(auto info, io::ProbeImage(bytes));
  ANJIAN_ASSIGN_OR_RETURN(auto stated_time, ClientTakenAt(client_taken_at, Today()));
  const std::string sha = Sha256Hex(bytes);
  {
    ANJIAN_ASSIGN_OR_RETURN(auto read, store_.Read());
    ANJIAN_ASSIGN_OR_RETURN(auto existing, read->GetUpload(sha));
    if (existing && files_.Contains(sha)) return std::make_pair(*existing, false);
  }
  // The file is durable before its row commits, so a row never points at a missing file.
  ANJIAN_TRY(files_.Put(bytes));
  store::UploadRow row;
  row.sha256 = sha;
  row.kind = "photo";
  row.mime = info.mime;
  row.size = static_cast<std::int64_t>(bytes.size());
  row.width = info.width;
  row.height = info.height;
  row.taken_at = info.taken_at.value_or(stated_time);
  row.region_path = who.scope.region_path;
  row.uploaded_by = who.user_id.value;
  row.uploaded_at = clock_.NowUnixSeconds();
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto stored, session->PutUpload(row));
  Audit(*session, who, row.uploaded_at, "upload.photo", "upload", sha,
        {{"size", row.size}, {"mime", row.mime}, {"taken_at", row.taken_at}});
  ANJIAN_TRY(session->Commit());
  return std::make_pair(stored, true);
}

Result<std::pair<store::UploadRow, std::string>> InspectionService::ReadUpload(
    const Principal& who, const std::string& sha256) {
  ANJIAN_TRY(Require(who, domain::Action::kReadInspections));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto row, session->GetUpload(sha256));
  if (!row) return Error::NotFound("文件不存在");
  // Who may see a file is decided by what cites it (issue #12, defect 3): its uploader until it is
  // cited, then whoever sees the record, hazard, self-inspection or receipt that cites it; an
  // enterprise only what concerns its own unit.
  bool visible = row->uploaded_by == who.user_id.value && who.user_id.value != 0;
  if (!visible) {
    const std::optional<UnitId> unit = who.role == domain::UserRole::kEnterprise
                                           ? who.unit_id.value_or(UnitId(-1))
                                           : std::optional<UnitId>();
    ANJIAN_ASSIGN_OR_RETURN(visible, session->UploadReferencedIn(sha256, who.scope, unit));
  }
  if (!visible) return Error::NotFound("文件不存在");
  ANJIAN_ASSIGN_OR_RETURN(auto in_database, session->GetUploadBytes(sha256));
  if (in_database) return std::make_pair(*row, std::move(*in_database));
  ANJIAN_ASSIGN_OR_RETURN(auto bytes, files_.Get(sha256));
  return std::make_pair(*row, std::move(bytes));
}

Result<store::PageResult<store::DocumentRow>> InspectionService::ListDocuments(
    const Principal& who, store::DocumentQuery query) {
  ANJIAN_TRY(Require(who, domain::Action::kReadInspections));
  if (who.role == domain::UserRole::kEnterprise) {
    if (!who.unit_id) return store::PageResult<store::DocumentRow>{};
    query.unit = who.unit_id;
  }
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  return session->ListDocuments(who.scope, query);
}

Result<std::pair<store::DocumentRow, std::string>> InspectionService::DocumentPdf(
    const Principal& who, std::int64_t id) {
  ANJIAN_TRY(Require(who, domain::Action::kReadInspections));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto row, session->GetDocument(who.scope, DocumentId(id)));
  if (!SeesUnit(who, row.unit_id))
    return Error::NotFound("文书不存在（id " + std::to_string(id) + "）");
  ANJIAN_ASSIGN_OR_RETURN(auto content, issuer_.ContentOf(row));
  // Signatures come from the database (read now, before the snapshot ends), photos from files.
  std::map<std::string, std::string, std::less<>> signatures;
  for (const auto& s : content.signatures) {
    if (s.png_sha256.empty()) continue;
    ANJIAN_ASSIGN_OR_RETURN(auto bytes, session->GetUploadBytes(s.png_sha256));
    if (bytes) signatures.emplace(s.png_sha256, std::move(*bytes));
  }
  session.reset();
  ANJIAN_ASSIGN_OR_RETURN(
      auto pdf, RenderDocumentPdf(content, [&](std::string_view sha) -> Result<std::string> {
        if (auto it = signatures.find(sha); it != signatures.end()) return it->second;
        return files_.Get(sha);
      }));
  return std::make_pair(std::move(row), std::move(pdf));
}

namespace {

// What a QR code carries: exactly the first 32 hex digits of the content hash, lower case.
bool IsPrintedHashPrefix(std::string_view hash) {
  return hash.size() == 32 && std::all_of(hash.begin(), hash.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

Result<json> InspectionService::Verify(std::int64_t id, const std::string& hash) {
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  auto row = session->GetDocument(store::Scope::All(), DocumentId(id));
  if (!row.ok() && row.error().code != ErrorCode::kNotFound) return row.error();
  if (!row.ok() || !DocumentIssuer::HashMatches(*row, hash)) {
    // A street merged into this database (`anjian migrate`) had its ids moved up, so the id of a
    // code printed before the merge may be another document's or none; the hash still names the
    // document. Only the printed form is looked up: the index serves exactly 32 digits.
    if (!IsPrintedHashPrefix(hash)) return json{{"valid", false}};
    ANJIAN_ASSIGN_OR_RETURN(auto by_hash,
                            session->FindDocumentByHashPrefix(store::Scope::All(), hash));
    if (!by_hash) return json{{"valid", false}};
    row = std::move(*by_hash);
  }
  const std::string label(domain::InfoOf(row->doc_type).name);
  std::string issuer;
  const json content = json::parse(row->content_json, nullptr, false);
  if (!content.is_discarded()) issuer = content.value("issuer", "");
  return json{{"valid", true},
              {"id", row->id.value},
              {"number", row->number},
              {"type_label", label},
              {"unit_name", row->unit_name},
              {"issuer", issuer},
              {"issued_on", BeijingDateAt(row->issued_at).ToString()}};
}

}  // namespace anjian::app
