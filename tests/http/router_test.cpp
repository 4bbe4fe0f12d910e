#include "http/router.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace anjian::http {
namespace {

Handler Named(std::string name) {
  return [name](Request& request) {
    nlohmann::json body = {{"handler", name}};
    for (const auto& [key, value] : request.path_params) body["params"][key] = value;
    return Response::Json(200, body);
  };
}

Request MakeRequest(std::string method, std::string path) {
  Request request;
  request.method = std::move(method);
  request.target = path;
  request.path = std::move(path);
  return request;
}

nlohmann::json BodyOf(const Response& response) { return nlohmann::json::parse(response.body); }

Router SampleRouter() {
  Router router;
  router.Add("GET", "/api/v1/units", Named("list"));
  router.Add("POST", "/api/v1/units", Named("create"));
  router.Add("GET", "/api/v1/units/{id}", Named("get"));
  router.Add("DELETE", "/api/v1/units/{id}", Named("delete"));
  router.Add("GET", "/api/v1/units/export", Named("export"));
  router.Add("GET", "/api/v1/units/{id}/hazards/{hazard_id}", Named("hazard"));
  return router;
}

TEST(RouterTest, MatchesLiteralAndParameterSegments) {
  const Router router = SampleRouter();
  Request request = MakeRequest("GET", "/api/v1/units/42/hazards/7");
  bool path_matched = true;
  const Route* route = router.Match(request, &path_matched);
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->pattern, "/api/v1/units/{id}/hazards/{hazard_id}");
  EXPECT_FALSE(path_matched);
  EXPECT_EQ(request.path_params,
            (std::map<std::string, std::string>{{"id", "42"}, {"hazard_id", "7"}}));
}

// Metrics and the access log label requests with this pattern, never the raw path.
TEST(RouterTest, MatchRecordsTheRoutePatternAndClearsItOnAMiss) {
  const Router router = SampleRouter();
  Request request = MakeRequest("GET", "/api/v1/units/42");
  ASSERT_NE(router.Match(request, nullptr), nullptr);
  EXPECT_EQ(request.route, "/api/v1/units/{id}");
  request.path = "/api/v1/nothing";
  EXPECT_EQ(router.Match(request, nullptr), nullptr);
  EXPECT_EQ(request.route, "");
  request.method = "HEAD";
  request.path = "/api/v1/units/export";
  ASSERT_NE(router.Match(request, nullptr), nullptr);
  EXPECT_EQ(request.route, "/api/v1/units/export");
}

TEST(RouterTest, LiteralSegmentBeatsParameterRegardlessOfOrder) {
  const Router router = SampleRouter();
  Request request = MakeRequest("GET", "/api/v1/units/export");
  const Route* route = router.Match(request, nullptr);
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->pattern, "/api/v1/units/export");
  EXPECT_TRUE(request.path_params.empty());
}

TEST(RouterTest, ParameterValuesAreTheDecodedSegments) {
  const Router router = SampleRouter();
  Request request = MakeRequest("GET", "/api/v1/units/某 化工厂");
  ASSERT_NE(router.Match(request, nullptr), nullptr);
  EXPECT_EQ(request.path_params.at("id"), "某 化工厂");
}

TEST(RouterTest, NoMatchForEmptyParameterTrailingSlashOrExtraSegments) {
  const Router router = SampleRouter();
  for (const char* path : {"/api/v1/units/", "/api/v1/units//hazards/1", "/api/v1/units/1/2",
                           "/api/v1", "/api/v1/unit"}) {
    Request request = MakeRequest("GET", path);
    bool path_matched = true;
    EXPECT_EQ(router.Match(request, &path_matched), nullptr) << path;
    EXPECT_FALSE(path_matched) << path;
  }
}

TEST(RouterTest, ReportsPathMatchedForOtherMethod) {
  const Router router = SampleRouter();
  Request request = MakeRequest("PUT", "/api/v1/units/9");
  bool path_matched = false;
  EXPECT_EQ(router.Match(request, &path_matched), nullptr);
  EXPECT_TRUE(path_matched);
  EXPECT_EQ(router.AllowedMethods(request), (std::vector<std::string>{"DELETE", "GET", "HEAD"}));
}

TEST(RouterTest, HeadFallsBackToGet) {
  const Router router = SampleRouter();
  Request request = MakeRequest("HEAD", "/api/v1/units");
  const Route* route = router.Match(request, nullptr);
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->method, "GET");
}

TEST(RouterTest, DispatchAnswers404And405AsJson) {
  const Router router = SampleRouter();
  Request unknown = MakeRequest("GET", "/api/v1/nothing");
  const Response not_found = router.Dispatch(unknown);
  EXPECT_EQ(not_found.status, 404);
  EXPECT_EQ(BodyOf(not_found)["error"]["code"], "not_found");

  Request wrong_method = MakeRequest("PATCH", "/api/v1/units");
  const Response not_allowed = router.Dispatch(wrong_method);
  EXPECT_EQ(not_allowed.status, 405);
  EXPECT_EQ(BodyOf(not_allowed)["error"]["code"], "method_not_allowed");
  EXPECT_EQ(not_allowed.Header("Allow"), "GET, HEAD, POST");
}

TEST(RouterTest, DispatchCallsTheMatchedHandler) {
  const Router router = SampleRouter();
  Request request = MakeRequest("DELETE", "/api/v1/units/5");
  const Response response = router.Dispatch(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(BodyOf(response), nlohmann::json::parse(R"({"handler":"delete","params":{"id":"5"}})"));
}

TEST(RouterTest, MiddlewareRunsInOrderAndCanShortCircuit) {
  Router router;
  std::vector<std::string> calls;
  router.Add("GET", "/api/open",
             [&](Request&) {
               calls.push_back("open");
               return Response::NoContent();
             },
             {.summary = "open", .requires_auth = false});
  router.Add("GET", "/api/closed", [&](Request&) {
    calls.push_back("closed");
    return Response::NoContent();
  });
  router.Use([&](Request& request, const Route&) -> std::optional<Response> {
    calls.push_back("first");
    request.context = std::string("user-7");
    return std::nullopt;
  });
  router.Use([&](Request&, const Route& route) -> std::optional<Response> {
    calls.push_back("auth");
    if (route.info.requires_auth) return Response::FromError(Error::Unauthenticated("请先登录"));
    return std::nullopt;
  });

  Request open = MakeRequest("GET", "/api/open");
  EXPECT_EQ(router.Dispatch(open).status, 204);
  EXPECT_EQ(std::any_cast<std::string>(open.context), "user-7");
  EXPECT_EQ(calls, (std::vector<std::string>{"first", "auth", "open"}));

  calls.clear();
  Request closed = MakeRequest("GET", "/api/closed");
  const Response denied = router.Dispatch(closed);
  EXPECT_EQ(denied.status, 401);
  EXPECT_EQ(calls, (std::vector<std::string>{"first", "auth"}));
}

TEST(RouterTest, ThrowingHandlerOrMiddlewareBecomes500Json) {
  Router router;
  router.Add("GET", "/api/throw",
             [](Request&) -> Response { throw std::runtime_error("secret detail"); });
  router.Add("GET", "/api/int", [](Request&) -> Response { throw 42; });
  for (const char* path : {"/api/throw", "/api/int"}) {
    Request request = MakeRequest("GET", path);
    const Response response = router.Dispatch(request);
    EXPECT_EQ(response.status, 500) << path;
    EXPECT_EQ(BodyOf(response)["error"]["code"], "internal") << path;
    EXPECT_EQ(response.body.find("secret detail"), std::string::npos) << path;
  }

  router.Use(
      [](Request&, const Route&) -> std::optional<Response> { throw std::logic_error("mw"); });
  Request request = MakeRequest("GET", "/api/throw");
  EXPECT_EQ(router.Dispatch(request).status, 500);
}

TEST(RouterDeathTest, DuplicateRouteIsAProgrammingError) {
  Router router;
  router.Add("GET", "/api/units/{id}", Named("a"));
  EXPECT_DEATH(router.Add("GET", "/api/units/{unit_id}", Named("b")), "ANJIAN_ASSERT");
  EXPECT_DEATH(router.Add("GET", "/api/units/{id", Named("c")), "ANJIAN_ASSERT");
}

TEST(RouterTest, RoutesListsEverythingInRegistrationOrder) {
  const Router router = SampleRouter();
  ASSERT_EQ(router.routes().size(), 6u);
  EXPECT_EQ(router.routes()[0].pattern, "/api/v1/units");
  EXPECT_EQ(router.routes()[4].pattern, "/api/v1/units/export");
}

}  // namespace
}  // namespace anjian::http
