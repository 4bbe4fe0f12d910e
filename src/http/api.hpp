// The REST API: every route of /api in one table (routes.cpp), handlers that only parse,
// call a use case and serialise (handlers/*.cpp).
#pragma once

#include <string>

#include "app/account_service.hpp"
#include "app/audit_service.hpp"
#include "app/auth_service.hpp"
#include "app/enterprise_service.hpp"
#include "app/export_service.hpp"
#include "app/hazard_service.hpp"
#include "app/import_service.hpp"
#include "app/inspection_service.hpp"
#include "app/plan_service.hpp"
#include "app/registry_service.hpp"
#include "app/roster_service.hpp"
#include "app/setup_service.hpp"
#include "app/signature_service.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace anjian::http {

struct ApiServices {
  app::AuthService& auth;
  app::RegistryService& registry;
  app::RosterService& roster;
  app::ImportService& imports;
  app::ExportService& exports;
  app::PlanService& plans;
  app::HazardService& hazards;
  app::InspectionService& inspections;
  app::EnterpriseService& enterprise;
  store::Store& store;
  app::AuditService& audit;
  app::AccountService& accounts;
  app::SignatureService& signatures;
  app::SetupService& setup;
  std::string temp_dir;  // scratch space for generated files
  std::string version = "0.1.0";
  // When set, GET /metrics serves it (with the store's figures added); must outlive the router.
  Metrics* metrics = nullptr;
  std::string metrics_token;    // bearer token that may scrape from anywhere; empty = loopback only
  bool demo = false;            // demo data: the UI shows a 演示环境 banner
  bool secure_cookies = false;  // the public URL is https: cookies get Secure
};

// Registers every route (GET /metrics only when services.metrics is set) and the authentication
// middleware.
void RegisterRoutes(Router& router, ApiServices& services);

// The OpenAPI 3 document served at /api/openapi.json (embedded from openapi.json).
std::string_view OpenApiDocument();

}  // namespace anjian::http
