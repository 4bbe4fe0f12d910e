// Every registered route is documented in /api/openapi.json (and the document is valid JSON).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/audit_service.hpp"
#include "app/auth_service.hpp"
#include "app/export_service.hpp"
#include "app/import_service.hpp"
#include "app/plan_policy_codec.hpp"
#include "app/registry_service.hpp"
#include "app/roster_service.hpp"
#include "http/api.hpp"
#include "integration/server_process.hpp"

namespace anjian::integration {
namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(OpenApiTest, EveryRegisteredRouteIsDocumented) {
  const auto dir = MakeTempDir();
  auto store = store::OpenStore(dir + "/openapi.db");
  ASSERT_TRUE(store.ok());
  FixedClock clock(1'790'000'000);
  app::AuthService auth(**store, clock);
  app::RegistryService registry(**store, clock, domain::KeyPolicy::Default());
  app::RosterService roster(**store, clock);
  app::ImportService imports(**store, clock, domain::KeyPolicy::Default());
  app::ExportService exports(**store);
  auto calendar = planner::WorkingCalendar::Parse(app::BuiltinCalendarText());
  ASSERT_TRUE(calendar.ok());
  app::PlanService plans(**store, clock, *calendar, std::string(app::BuiltinCalendarText()));
  app::HazardService hazards(**store, clock);
  io::BlobStore files(dir + "/files");
  app::DocumentIssuer documents({});
  app::InspectionService inspections(**store, clock, files, documents, *calendar);
  app::EnterpriseService enterprise(**store, clock);
  app::AuditService audit(**store, clock);
  app::AccountService accounts(**store, clock, auth);
  app::SignatureService signatures(**store, clock, auth);
  app::SetupService setup(**store, clock, auth);
  http::ApiServices api{auth,  registry, roster,      imports,    exports,
                        plans, hazards,  inspections, enterprise, **store,
                        audit, accounts, signatures,  setup,      dir};
  http::Router router;
  http::RegisterRoutes(router, api);

  auto document = nlohmann::json::parse(http::OpenApiDocument(), nullptr, false);
  ASSERT_FALSE(document.is_discarded()) << "openapi.json is not valid JSON";
  EXPECT_EQ(document["openapi"].get<std::string>().substr(0, 2), "3.");
  ASSERT_GE(router.routes().size(), 20u);
  for (const auto& route : router.routes()) {
    SCOPED_TRACE(route.method + " " + route.pattern);
    ASSERT_TRUE(document["paths"].contains(route.pattern)) << "path missing from openapi.json";
    EXPECT_TRUE(document["paths"][route.pattern].contains(Lower(route.method))) << "method missing";
    const bool documented_public =
        !document["paths"][route.pattern][Lower(route.method)].contains("security");
    EXPECT_EQ(documented_public, !route.info.requires_auth) << "security requirement differs";
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace anjian::integration
