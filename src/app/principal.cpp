#include "app/principal.hpp"

namespace anjian::app {

Status Require(const Principal& principal, domain::Action action) {
  if (domain::MayPerform(principal.role, action)) return Ok();
  return Error::PermissionDenied(std::string("当前角色（") + std::string(domain::Label(principal.role)) +
                                 "）无权执行此操作");
}

}  // namespace anjian::app
