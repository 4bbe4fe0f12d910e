// The composition root: builds the store and every use case in plain code (STYLE.md §12).
#pragma once

#include <memory>

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
#include "common/clock.hpp"
#include "io/blob_store.hpp"
#include "planner/working_calendar.hpp"

namespace anjian::cli {

struct Services {
  SystemClock clock;
  std::unique_ptr<store::Store> store;
  domain::KeyPolicy key_policy = domain::KeyPolicy::Default();
  std::unique_ptr<app::AuthService> auth;
  std::unique_ptr<app::RegistryService> registry;
  std::unique_ptr<app::RosterService> roster;
  std::unique_ptr<app::ImportService> imports;
  std::unique_ptr<app::ExportService> exports;
  std::string calendar_text;
  std::unique_ptr<planner::WorkingCalendar> calendar;
  std::unique_ptr<app::PlanService> plans;
  std::unique_ptr<app::HazardService> hazards;
  std::unique_ptr<io::BlobStore> files;
  std::unique_ptr<app::DocumentIssuer> documents;
  std::unique_ptr<app::InspectionService> inspections;
  std::unique_ptr<app::EnterpriseService> enterprise;
  std::unique_ptr<app::AuditService> audit;
  std::unique_ptr<app::AccountService> accounts;
  std::unique_ptr<app::SignatureService> signatures;
  std::unique_ptr<app::SetupService> setup;
};

// Opens the store and wires the services; prints one clear line and returns null on failure.
// `calendar_file` replaces the built-in holiday calendar (data/calendar/cn_statutory_holidays.txt).
// Photos and signatures live in `files_dir` (default: the database path + ".files").
std::unique_ptr<Services> BuildServices(const std::string& db, std::size_t page_cache_entries = 512,
                                        const std::string& calendar_file = "",
                                        const std::string& files_dir = "",
                                        const app::DocumentIssuerOptions& documents = {},
                                        const app::AuthOptions& auth_options = {});

// Where photos and signatures live: `files_dir` when given, else the database path + ".files"
// for SQLite and ./anjian-files for PostgreSQL.
std::string FilesDirectory(const std::string& db, const std::string& files_dir);

// Prints an error as "错误: message" on stderr.
void PrintError(const Error& error);

// The database location for messages and logs: a PostgreSQL URL's password becomes "***".
std::string RedactDbLocation(const std::string& db);

}  // namespace anjian::cli
