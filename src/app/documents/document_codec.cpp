#include "app/documents/document_codec.hpp"

namespace anjian::app {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DocumentInspector, name, certificate_no,
                                                organisation)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DocumentSignature, role, signer, png_sha256, note)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DocumentChecklistLine, code, text, result, note)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DocumentProblem, text, legal_basis, deadline,
                                                measure)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DocumentPenalty, kind, amount, legal_basis, facts)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DocumentPhoto, sha256, caption)

nlohmann::json DocumentContentToJson(const DocumentContent& c) {
  // verify_url is derived from the stored row (id and hash) when rendering, never stored.
  return {{"type", std::string(domain::InfoOf(c.type).code)},
          {"number", c.number},
          {"issuer", c.issuer},
          {"issued_on", c.issued_on},
          {"unit_name", c.unit_name},
          {"unit_address", c.unit_address},
          {"unit_principal", c.unit_principal},
          {"unit_phone", c.unit_phone},
          {"on_site_person", c.on_site_person},
          {"on_site_post", c.on_site_post},
          {"on_site_phone", c.on_site_phone},
          {"witness", c.witness},
          {"started_at", c.started_at},
          {"ended_at", c.ended_at},
          {"place", c.place},
          {"purpose", c.purpose},
          {"inspectors", c.inspectors},
          {"checklist", c.checklist},
          {"problems", c.problems},
          {"penalties", c.penalties},
          {"handling", c.handling},
          {"reference", c.reference},
          {"opinion", c.opinion},
          {"evidence", c.evidence},
          {"photos", c.photos},
          {"signatures", c.signatures}};
}

Result<DocumentContent> DocumentContentFromJson(const nlohmann::json& j) {
  try {
    DocumentContent c;
    ANJIAN_ASSIGN_OR_RETURN(c.type, domain::ParseDocumentType(j.at("type").get<std::string>()));
    const auto text = [&](const char* key) { return j.value(key, std::string()); };
    c.number = text("number");
    c.issuer = text("issuer");
    c.issued_on = text("issued_on");
    c.unit_name = text("unit_name");
    c.unit_address = text("unit_address");
    c.unit_principal = text("unit_principal");
    c.unit_phone = text("unit_phone");
    c.on_site_person = text("on_site_person");
    c.on_site_post = text("on_site_post");
    c.on_site_phone = text("on_site_phone");
    c.witness = text("witness");
    c.started_at = text("started_at");
    c.ended_at = text("ended_at");
    c.place = text("place");
    c.purpose = text("purpose");
    c.handling = text("handling");
    c.reference = text("reference");
    c.opinion = text("opinion");
    c.evidence = text("evidence");
    c.inspectors = j.value("inspectors", std::vector<DocumentInspector>{});
    c.checklist = j.value("checklist", std::vector<DocumentChecklistLine>{});
    c.problems = j.value("problems", std::vector<DocumentProblem>{});
    c.penalties = j.value("penalties", std::vector<DocumentPenalty>{});
    c.photos = j.value("photos", std::vector<DocumentPhoto>{});
    c.signatures = j.value("signatures", std::vector<DocumentSignature>{});
    return c;
  } catch (const nlohmann::json::exception& e) {
    return Error::Internal(std::string("文书内容无法读取：") + e.what());
  }
}

}  // namespace anjian::app
