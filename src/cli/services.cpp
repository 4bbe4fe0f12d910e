#include "cli/services.hpp"

#include <cstdio>

namespace anjian::cli {

void PrintError(const Error& error) { std::fprintf(stderr, "错误: %s\n", error.message.c_str()); }

std::unique_ptr<Services> BuildServices(const std::string& db, std::size_t page_cache_entries) {
  auto services = std::make_unique<Services>();
  auto store = store::OpenStore(db);
  if (!store.ok()) {
    PrintError(store.error());
    return nullptr;
  }
  services->store = std::move(store).value();
  auto& s = *services;
  s.auth = std::make_unique<app::AuthService>(*s.store, s.clock);
  s.registry = std::make_unique<app::RegistryService>(*s.store, s.clock, s.key_policy, page_cache_entries);
  s.roster = std::make_unique<app::RosterService>(*s.store, s.clock);
  s.imports = std::make_unique<app::ImportService>(*s.store, s.clock, s.key_policy);
  s.exports = std::make_unique<app::ExportService>(*s.store);
  return services;
}

}  // namespace anjian::cli
