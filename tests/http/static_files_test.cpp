#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "http/temp_dir.hpp"

namespace anjian::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSecret = "TOP-SECRET-d2f1c9";
constexpr std::string_view kIndex = "<!doctype html><title>安检</title>";
constexpr std::string_view kAppJs = "console.log('app');";
const std::string kAppJsGzip = std::string(
    "\x1f\x8b\x08\x00"
    "fake-gzip",
    13);

// Layout: <tmp>/secret.txt (must never be served), <tmp>/www = root.
class StaticFilesTest : public ::testing::Test {
 protected:
  StaticFilesTest() {
    WriteFile(std::filesystem::path(dir_.path()) / "secret.txt", kSecret);
    WriteFile(std::filesystem::path(dir_.path()) / "passwd", kSecret);
    WriteFile(root() / "index.html", kIndex);
    WriteFile(root() / "favicon.ico", "ico");
    WriteFile(root() / "assets" / "app-3f9a1c.js", kAppJs);
    WriteFile(root() / "assets" / "app-3f9a1c.js.gz", kAppJsGzip);
    WriteFile(root() / "assets" / "style-77aa.css", "body{}");
    WriteFile(root() / ".env", kSecret);
    options_.root = root().string();
  }

  fs::path root() const { return std::filesystem::path(dir_.path()) / "www"; }

  // Builds the request the way the server does: ParseTarget must accept the target.
  std::optional<Response> Get(std::string target,
                              std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request request;
    request.method = "GET";
    request.target = std::move(target);
    request.headers = std::move(headers);
    EXPECT_TRUE(ParseTarget(request).ok()) << request.target;
    return ServeStatic(options_, request);
  }

  TempDir dir_;
  StaticFilesOptions options_;
};

TEST_F(StaticFilesTest, TraversalAttemptsAre400AndNeverLeakTheSecret) {
  for (const char* target :
       {"/../secret.txt", "/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/secret.txt",
        "/assets/..%2f..%2fsecret.txt", "/assets/..%2F..%2Fsecret.txt", "/assets/../../secret.txt",
        "/..%5csecret.txt", "/assets%5c..%5c..%5csecret.txt", "/./index.html",
        "/%252e%252e/secret.txt", "/..", "/assets/.."}) {
    const std::optional<Response> response = Get(target);
    ASSERT_TRUE(response.has_value()) << target;
    EXPECT_EQ(response->status, 400) << target;
    EXPECT_EQ(nlohmann::json::parse(response->body)["error"]["code"], "invalid_argument") << target;
    EXPECT_EQ(response->body.find(kSecret), std::string::npos) << target;
  }
}

TEST_F(StaticFilesTest, NulInPathIs400EvenWhenCallerSkippedParseTarget) {
  Request request;
  request.method = "GET";
  request.path = std::string("/index.html\0../../secret.txt", 28);
  const std::optional<Response> response = ServeStatic(options_, request);
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 400);
}

TEST_F(StaticFilesTest, SymlinkLeadingOutsideRootIsNotServed) {
  std::error_code ec;
  fs::create_symlink(std::filesystem::path(dir_.path()) / "secret.txt", root() / "leak.txt", ec);
  ASSERT_FALSE(ec) << ec.message();
  fs::create_directory_symlink(dir_.path(), root() / "up", ec);
  ASSERT_FALSE(ec) << ec.message();
  for (const char* target : {"/leak.txt", "/up/secret.txt"}) {
    const std::optional<Response> response = Get(target);
    ASSERT_TRUE(response.has_value()) << target;
    EXPECT_EQ(response->status, 404) << target;
    EXPECT_EQ(response->body.find(kSecret), std::string::npos) << target;
  }
}

TEST_F(StaticFilesTest, HiddenFilesAreNotServed) {
  const std::optional<Response> response = Get("/.env");
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(response->body.find(kSecret), std::string::npos);
}

TEST_F(StaticFilesTest, ServesFilesWithTypeAndCacheHeaders) {
  const std::optional<Response> js = Get("/assets/app-3f9a1c.js");
  ASSERT_TRUE(js.has_value());
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->body, kAppJs);
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js->Header("Cache-Control"), "public, max-age=31536000, immutable");

  const std::optional<Response> index = Get("/index.html");
  ASSERT_TRUE(index.has_value());
  EXPECT_EQ(index->body, kIndex);
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(index->Header("Cache-Control"), "no-cache");

  const std::optional<Response> icon = Get("/favicon.ico");
  ASSERT_TRUE(icon.has_value());
  EXPECT_EQ(icon->content_type, "image/x-icon");
  EXPECT_NE(icon->Header("Cache-Control"), "public, max-age=31536000, immutable");
}

TEST_F(StaticFilesTest, SpaFallbackForExtensionlessPathsOnly) {
  for (const char* target : {"/", "/units/42", "/hazards/2025%E5%B9%B4", "/assets/", "/assets"}) {
    const std::optional<Response> response = Get(target);
    ASSERT_TRUE(response.has_value()) << target;
    EXPECT_EQ(response->status, 200) << target;
    EXPECT_EQ(response->body, kIndex) << target;
    EXPECT_EQ(response->Header("Cache-Control"), "no-cache") << target;
  }
  const std::optional<Response> missing = Get("/assets/missing-123.js");
  ASSERT_TRUE(missing.has_value());
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(nlohmann::json::parse(missing->body)["error"]["code"], "not_found");
}

TEST_F(StaticFilesTest, ServesGzipVariantOnlyWhenAccepted) {
  const std::optional<Response> gz =
      Get("/assets/app-3f9a1c.js", {{"Accept-Encoding", "br, gzip, deflate"}});
  ASSERT_TRUE(gz.has_value());
  EXPECT_EQ(gz->body, kAppJsGzip);
  EXPECT_EQ(gz->Header("Content-Encoding"), "gzip");
  EXPECT_EQ(gz->Header("Vary"), "Accept-Encoding");
  EXPECT_EQ(gz->content_type, "text/javascript; charset=utf-8");

  for (auto headers : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {}, {{"Accept-Encoding", "gzip;q=0, br"}}, {{"Accept-Encoding", "deflate"}}}) {
    const std::optional<Response> plain = Get("/assets/app-3f9a1c.js", headers);
    ASSERT_TRUE(plain.has_value());
    EXPECT_EQ(plain->body, kAppJs);
    EXPECT_EQ(plain->Header("Content-Encoding"), "");
    EXPECT_EQ(plain->Header("Vary"), "Accept-Encoding");
  }

  const std::optional<Response> css = Get("/assets/style-77aa.css", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(css.has_value());
  EXPECT_EQ(css->body, "body{}");
  EXPECT_EQ(css->Header("Content-Encoding"), "");
  EXPECT_EQ(css->Header("Vary"), "");
}

TEST_F(StaticFilesTest, MatchingEtagGives304WithoutBody) {
  const std::optional<Response> first = Get("/assets/style-77aa.css");
  ASSERT_TRUE(first.has_value());
  const std::string etag = first->Header("ETag");
  ASSERT_FALSE(etag.empty());
  const std::optional<Response> second = Get("/assets/style-77aa.css", {{"If-None-Match", etag}});
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->status, 304);
  EXPECT_TRUE(second->body.empty());
  // The gzip variant is a different representation and must not validate against the plain ETag.
  const std::optional<Response> plain = Get("/assets/app-3f9a1c.js");
  const std::optional<Response> gz =
      Get("/assets/app-3f9a1c.js",
          {{"Accept-Encoding", "gzip"}, {"If-None-Match", plain->Header("ETag")}});
  EXPECT_EQ(gz->status, 200);
}

TEST_F(StaticFilesTest, DeclinesApiPathsOtherMethodsAndMissingRoot) {
  EXPECT_FALSE(Get("/api/v1/units").has_value());
  EXPECT_FALSE(Get("/api").has_value());

  Request post;
  post.method = "POST";
  post.target = "/index.html";
  ASSERT_TRUE(ParseTarget(post).ok());
  EXPECT_FALSE(ServeStatic(options_, post).has_value());

  options_.root = "";
  EXPECT_FALSE(Get("/index.html").has_value());
  options_.root = (std::filesystem::path(dir_.path()) / "does-not-exist").string();
  EXPECT_FALSE(Get("/index.html").has_value());
}

TEST(ContentTypeTest, KnowsTheFrontEndExtensions) {
  EXPECT_EQ(ContentTypeForPath("a.html"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeForPath("a.CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeForPath("logo.svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeForPath("logo.png"), "image/png");
  EXPECT_EQ(ContentTypeForPath("data.json"), "application/json; charset=utf-8");
  EXPECT_EQ(ContentTypeForPath("app.js.map"), "application/json; charset=utf-8");
  EXPECT_EQ(ContentTypeForPath("font.woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeForPath("README"), "application/octet-stream");
}

}  // namespace
}  // namespace anjian::http
