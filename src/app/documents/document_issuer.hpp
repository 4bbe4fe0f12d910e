// Issues official documents: finds the issuing jurisdiction (the street above the unit, else the
// district), takes the next yearly number for the type inside the caller's write transaction
// (so a rolled-back submission never burns a number), stores the content with the hash the QR
// code's verification URL carries, and renders stored documents to PDF on request.
#pragma once

#include <functional>
#include <string>

#include "app/documents/document_content.hpp"
#include "common/ids.hpp"
#include "store/store.hpp"

namespace anjian::app {

struct DocumentIssuerOptions {
  std::string public_url = "http://localhost:8080";  // base of the QR verification URL
  std::string
      number_prefix;  // "（街）"; empty: "（" + first character of the issuing street's name + "）"
};

struct DocumentLinks {
  std::int64_t record_id = 0;
  std::int64_t hazard_id = 0;
};

class DocumentIssuer {
 public:
  explicit DocumentIssuer(DocumentIssuerOptions options) : options_(std::move(options)) {}

  // Fills content.number, issuer and issued_on; stores and returns the row.
  Result<store::DocumentRow> Issue(store::StoreSession& session, DocumentContent content,
                                   const UnitId& unit, const std::string& unit_region_path,
                                   DocumentLinks links, std::int64_t user_id,
                                   std::int64_t now) const;
  // "<public_url>/verify/<id>?h=<first 32 hex of the content hash>"
  std::string VerifyUrl(const store::DocumentRow& row) const;
  // Whether `h` (from the URL) matches the stored hash: the first 32 hex characters, or all 64.
  static bool HashMatches(const store::DocumentRow& row, std::string_view h);
  // The stored content with its verification URL, ready to render.
  Result<DocumentContent> ContentOf(const store::DocumentRow& row) const;

 private:
  DocumentIssuerOptions options_;
};

}  // namespace anjian::app
