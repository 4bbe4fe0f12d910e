// PDF of one official enforcement document (domain.md §7.2; docs/inspections.md "Documents"), laid
// out like the paper form: issuing authority and form name, number, the bordered fields of the
// form, the form's own text (deadlines, legal basis, statutory remedy and rights clauses),
// signatures (R-PROC-4/5: a refusal is printed with its note), the issuer with seal and date, the
// photos as an annex, and on every page a QR code of verify_url captioned "扫码核验".
//
//   Result<std::string> pdf = RenderDocumentPdf(content, [&](std::string_view sha256) {
//     return blobs.Read(sha256);
//   });
//
// Thread-safety: safe to call concurrently if `images` is; see io::PdfDocument on running it on
// long-lived threads (the first render on a thread loads the fonts).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "app/documents/document_content.hpp"
#include "common/error.hpp"

namespace anjian::app {

// The bytes of a stored image by SHA-256: a photo (JPEG or PNG) or a signature (PNG).
using ImageLoader = std::function<Result<std::string>(std::string_view sha256)>;

// PDF bytes of `doc`. JPEG photos are embedded as they are, not re-encoded.
// Errors:
//   kInvalidArgument — an empty number, issuer or unit name; issued_on (or, for 现场检查记录,
//     started_at / ended_at) not a date as documented in DocumentContent; an empty verify_url; a
//     整改复查意见书 without an opinion; an image that is not a valid JPEG/PNG (naming its sha256).
//   the loader's error code — an image the loader cannot supply; the message names the photo or
//     signature and its sha256. A missing image never prints as an empty box.
Result<std::string> RenderDocumentPdf(const DocumentContent& doc, const ImageLoader& images);

}  // namespace anjian::app
