#include "cli/services.hpp"

#include <cstdio>

#include "app/plan_policy_codec.hpp"
#include "io/table_writer.hpp"

namespace anjian::cli {

void PrintError(const Error& error) { std::fprintf(stderr, "错误: %s\n", error.message.c_str()); }

std::string FilesDirectory(const std::string& db, const std::string& files_dir) {
  if (!files_dir.empty()) return files_dir;
  // SQLite keeps photos beside its file; a PostgreSQL deployment names a directory all its
  // instances share (--files), else ./anjian-files of this process.
  const auto colon = db.find(':');
  const std::string scheme = colon == std::string::npos ? "" : db.substr(0, colon);
  if (scheme == "postgresql" || scheme == "postgres") return "anjian-files";
  return (scheme == "sqlite" ? db.substr(colon + 1) : db) + ".files";
}

std::unique_ptr<Services> BuildServices(const std::string& db, std::size_t page_cache_entries,
                                        const std::string& calendar_file,
                                        const std::string& files_dir,
                                        const app::DocumentIssuerOptions& documents,
                                        const app::AuthOptions& auth_options) {
  auto services = std::make_unique<Services>();
  if (calendar_file.empty()) {
    services->calendar_text = std::string(app::BuiltinCalendarText());
  } else {
    auto text = io::ReadFileBytes(calendar_file);
    if (!text.ok()) {
      PrintError(text.error());
      return nullptr;
    }
    services->calendar_text = std::move(*text);
  }
  auto calendar = planner::WorkingCalendar::Parse(services->calendar_text);
  if (!calendar.ok()) {
    PrintError(Error::InvalidArgument("工作日历有误：" + calendar.error().message));
    return nullptr;
  }
  services->calendar = std::make_unique<planner::WorkingCalendar>(std::move(*calendar));
  auto store = store::OpenStore(db);
  if (!store.ok()) {
    PrintError(store.error());
    return nullptr;
  }
  services->store = std::move(store).value();
  // Every write the server and the CLI make must carry its audit entry (store/audit_port.hpp).
  services->store->RequireAudit(true);
  auto& s = *services;
  s.auth = std::make_unique<app::AuthService>(*s.store, s.clock, auth_options);
  s.registry =
      std::make_unique<app::RegistryService>(*s.store, s.clock, s.key_policy, page_cache_entries);
  s.roster = std::make_unique<app::RosterService>(*s.store, s.clock);
  s.imports = std::make_unique<app::ImportService>(*s.store, s.clock, s.key_policy);
  s.exports = std::make_unique<app::ExportService>(*s.store);
  s.plans = std::make_unique<app::PlanService>(*s.store, s.clock, *s.calendar, s.calendar_text);
  s.files = std::make_unique<io::BlobStore>(FilesDirectory(db, files_dir));
  s.documents = std::make_unique<app::DocumentIssuer>(documents);
  s.hazards = std::make_unique<app::HazardService>(*s.store, s.clock, s.documents.get());
  s.inspections = std::make_unique<app::InspectionService>(*s.store, s.clock, *s.files,
                                                           *s.documents, *s.calendar);
  s.enterprise = std::make_unique<app::EnterpriseService>(*s.store, s.clock);
  s.audit = std::make_unique<app::AuditService>(*s.store, s.clock);
  s.accounts = std::make_unique<app::AccountService>(*s.store, s.clock, *s.auth);
  s.signatures = std::make_unique<app::SignatureService>(*s.store, s.clock, *s.auth);
  s.setup = std::make_unique<app::SetupService>(*s.store, s.clock, *s.auth);
  return services;
}

}  // namespace anjian::cli

namespace anjian::cli {

std::string RedactDbLocation(const std::string& db) {
  if (!db.starts_with("postgresql://") && !db.starts_with("postgres://")) return db;
  std::string out = db;
  const std::size_t authority = out.find("://") + 3;
  const std::size_t at = out.find('@', authority);
  const std::size_t slash = out.find('/', authority);
  if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
    const std::size_t colon = out.find(':', authority);
    if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  }
  for (std::size_t key = out.find("password="); key != std::string::npos;
       key = out.find("password=", key + 1)) {
    const std::size_t value = key + 9;
    const std::size_t end = out.find('&', value);
    out.replace(value, (end == std::string::npos ? out.size() : end) - value, "***");
  }
  return out;
}

}  // namespace anjian::cli
