#include "app/principal.hpp"

namespace anjian::app {

Status Require(const Principal& principal, domain::Action action) {
  if (domain::MayPerform(principal.role, action)) return Ok();
  return Error::PermissionDenied(std::string("当前角色（") +
                                 std::string(domain::Label(principal.role)) + "）无权执行此操作");
}

const std::string& UserNames::Of(std::int64_t user_id) {
  auto it = names_.find(user_id);
  if (it != names_.end()) return it->second;
  std::string name;
  if (user_id == 0) {
    name = "系统（命令行）";
  } else if (auto user = session_.GetUser(UserId(user_id)); user.ok()) {
    name = user->display_name.empty() ? user->username : user->display_name;
  } else {
    name = "用户 #" + std::to_string(user_id);
  }
  return names_.emplace(user_id, std::move(name)).first->second;
}

}  // namespace anjian::app
