// Static file serving for the built web front end (web/dist): hashed assets, the SPA index for
// client-side routes, precompressed .gz variants, and strict path checks.
// Thread-safety: stateless; safe to call concurrently (reads the filesystem on every call).
#pragma once

#include <optional>
#include <string>

#include "http/request.hpp"
#include "http/response.hpp"

namespace anjian::http {

struct StaticFilesOptions {
  std::string root;                      // directory to serve; empty = no static serving
  std::string spa_index = "index.html";  // relative to root; answers unknown extension-less paths
};

// Serves request.path (must be the decoded path, as filled by ParseTarget) from under root for
// GET/HEAD requests outside /api. Returns nullopt when root is empty or not a directory, for
// other methods, for /api paths, and when an extension-less path falls back to a missing SPA index.
// - 400 JSON for traversal attempts: a "." or ".." segment (also when it arrived encoded as
//   %2e%2e), a backslash, NUL or a '%' left after decoding. Checked before any filesystem access;
//   afterwards the resolved file must canonicalise to a path under canonical root, so a symlink
//   leading outside root is answered 404.
// - Hidden segments (".env") and missing files with an extension → 404 JSON.
// - Missing paths without an extension and directories → the SPA index.
// - Cache-Control: "public, max-age=31536000, immutable" under /assets/, else "no-cache";
//   a weak ETag, and 304 when If-None-Match matches.
// - With "gzip" acceptable in Accept-Encoding and "<file>.gz" present, the .gz bytes with
//   "Content-Encoding: gzip"; "Vary: Accept-Encoding" whenever a .gz variant exists.
// - Content-Type by extension: html, js/mjs, css, svg, png, jpg/jpeg, gif, webp, ico, json, map,
//   txt, woff, woff2, xlsx, pdf; otherwise application/octet-stream.
// The body is the whole file (front-end files are small); HEAD bodies are dropped by the server.
std::optional<Response> ServeStatic(const StaticFilesOptions& options, const Request& request);

// MIME type for a file name by its extension, e.g. "app.js" → "text/javascript; charset=utf-8".
std::string ContentTypeForPath(std::string_view file_name);

}  // namespace anjian::http
