// Fixture shared by the unit-import tests: a real store, an ImportService and lookups.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/import_service.hpp"
#include "app_fixture.hpp"
#include "import_csv.hpp"

namespace anjian::app {

class ImportUnitsTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    service_ = std::make_unique<ImportService>(*store_, clock_, domain::KeyPolicy::Default());
  }

  ImportReport Import(const std::string& bytes, bool dry_run = false) {
    ImportOptions options;
    options.file_name = "units.csv";
    options.dry_run = dry_run;
    auto report = service_->ImportUnits(StreetAdmin(), bytes, options);
    EXPECT_OK(report);
    return report.ok() ? *report : ImportReport{};
  }

  std::optional<domain::Region> FindRegion(RegionId parent, const std::string& name) {
    auto session = store_->Read();
    auto found = (*session)->FindRegionByName(parent, name);
    EXPECT_OK(found);
    return found.ok() ? *found : std::nullopt;
  }

  std::optional<domain::Unit> FindUnit(const std::string& code) {
    auto session = store_->Read();
    auto found = (*session)->FindUnitByCode(store::Scope::All(), code);
    EXPECT_OK(found);
    return found.ok() ? *found : std::nullopt;
  }

  static std::string Lines(const ImportReport& report) {
    std::string out;
    for (const auto& e : report.errors) out += e.ToLine() + "\n";
    return out;
  }

  std::unique_ptr<ImportService> service_;
};

}  // namespace anjian::app
