// init / region add / region list: a street starting on its own data (issue #13).
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>

#include "app/setup_service.hpp"
#include "cli/commands.hpp"
#include "cli/services.hpp"
#include "domain/registry/enums.hpp"

namespace anjian::cli {
namespace {

int ExitCodeFor(const Error& error) {
  return error.code == ErrorCode::kInvalidArgument || error.code == ErrorCode::kAlreadyExists ||
                 error.code == ErrorCode::kFailedPrecondition
             ? 2
             : 1;
}

// The flag that carries a request field, for error messages on the command line.
std::string FlagOf(const std::optional<std::string>& field) {
  static const std::map<std::string, std::string> kFlags = {
      {"district_name", "--district"},
      {"district_code", "--district-code"},
      {"street_name", "--street"},
      {"street_code", "--street-code"},
      {"admin_username", "--admin"},
      {"security_username", "--security-admin"},
      {"password", "--password-stdin"},
      {"name", "--name"},
      {"code", "--code"},
      {"parent_id", "--parent"},
      {"level", "--level"}};
  if (!field) return "";
  const auto it = kFlags.find(*field);
  return it == kFlags.end() ? "" : it->second;
}

void PrintFieldError(const Error& error) {
  const std::string flag = FlagOf(error.field);
  if (flag.empty()) {
    PrintError(error);
  } else {
    std::fprintf(stderr, "错误: %s（%s）\n", error.message.c_str(), flag.c_str());
  }
}

}  // namespace

int RunInit(const InitOptions& options) {
  app::SetupRequest request;
  request.district_name = options.district;
  request.district_code = options.district_code;
  request.street_name = options.street;
  request.street_code = options.street_code;
  request.admin_username = options.admin;
  request.security_username = options.security_admin;
  std::getline(std::cin, request.admin_password);
  if (!request.admin_password.empty() && request.admin_password.back() == '\r')
    request.admin_password.pop_back();
  auto services = BuildServices(options.db);
  if (!services) return 1;
  app::SetupService setup(*services->store, services->clock, *services->auth);
  auto result = setup.Initialize(app::Principal::System(), request);
  if (!result.ok()) {
    PrintFieldError(result.error());
    return ExitCodeFor(result.error());
  }
  std::printf("已初始化：%s / %s\n", result->district.name.c_str(), result->street.name.c_str());
  std::printf("业务管理员：%s（密码为刚才输入的密码）\n", result->admin.username.c_str());
  std::printf("安全管理员：%s  一次性密码：%s（首次登录须修改）\n",
              result->security.username.c_str(), result->security_password.c_str());
  std::printf(
      "下一步：\n"
      "  anjian template units --out 单位台账模板.xlsx\n"
      "  anjian import units --db %s --street %s 单位台账.xlsx\n"
      "  anjian serve --db %s\n",
      options.db.c_str(), result->street.name.c_str(), options.db.c_str());
  return 0;
}

int RunRegionAdd(const RegionAddOptions& options) {
  auto level = domain::ParseRegionLevel(options.level);
  if (!level.ok()) {
    PrintFieldError(Error::InvalidArgument(level.error().message, std::string("level")));
    return 2;
  }
  if (!options.code.empty() && options.names.size() != 1) {
    std::fprintf(stderr, "错误: --code 只能与一个 --name 一起使用\n");
    return 2;
  }
  auto services = BuildServices(options.db);
  if (!services) return 1;
  const auto who = app::Principal::System();
  std::optional<RegionId> parent;
  if (!options.parent.empty()) {
    auto regions = services->registry->ListRegions(who);
    if (!regions.ok()) {
      PrintError(regions.error());
      return 1;
    }
    std::vector<domain::Region> matches;
    for (const auto& r : *regions) {
      if (r.name == options.parent || (!r.code.empty() && r.code == options.parent)) {
        matches.push_back(r);
      }
    }
    if (matches.empty()) {
      std::fprintf(stderr, "错误: 未找到上级区划“%s”（--parent）\n", options.parent.c_str());
      return 2;
    }
    if (matches.size() > 1) {
      std::fprintf(stderr, "错误: 有 %zu 个区划名为“%s”，请改用区划代码（--parent）\n",
                   matches.size(), options.parent.c_str());
      return 2;
    }
    parent = matches.front().id;
  }
  // One region per transaction, in the order given; the first refusal stops the rest and says
  // which were created, so a rerun with the remaining names completes it.
  for (const auto& name : options.names) {
    nlohmann::json body = {
        {"level", std::string(domain::Code(*level))}, {"name", name}, {"code", options.code}};
    if (parent) body["parent_id"] = parent->value;
    auto created = services->registry->CreateRegion(who, body);
    if (!created.ok()) {
      std::fprintf(stderr, "“%s”未新增：", name.c_str());
      PrintFieldError(created.error());
      return ExitCodeFor(created.error());
    }
    std::printf("已新增%s：%s（id %lld）\n", std::string(domain::Label(created->level)).c_str(),
                created->name.c_str(), static_cast<long long>(created->id.value));
  }
  return 0;
}

int RunRegionList(const std::string& db) {
  auto services = BuildServices(db);
  if (!services) return 1;
  auto regions = services->registry->ListRegions(app::Principal::System());
  if (!regions.ok()) {
    PrintError(regions.error());
    return 1;
  }
  // Paths are "/1/5/23/": depth is the number of ids, and sorting by path lists a tree.
  std::sort(regions->begin(), regions->end(),
            [](const auto& a, const auto& b) { return a.path < b.path; });
  for (const auto& r : *regions) {
    const auto depth = static_cast<int>(std::count(r.path.begin(), r.path.end(), '/')) - 2;
    std::printf("%*s%s %s%s%s\n", depth * 2, "", std::string(domain::Label(r.level)).c_str(),
                r.name.c_str(), r.code.empty() ? "" : "  ", r.code.c_str());
  }
  return 0;
}

}  // namespace anjian::cli
