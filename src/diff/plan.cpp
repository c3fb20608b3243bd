#include "diff/plan.hpp"

namespace dbmig::diff::detail {

Result Plan::finish() && {
  Result result;
  for (auto& phase : phases_)
    for (auto& op : phase) result.upgrade.push_back(std::move(op));
  result.downgrade.reserve(result.upgrade.size());
  for (auto op = result.upgrade.rbegin(); op != result.upgrade.rend(); ++op) result.downgrade.push_back(ops::reverse(*op));
  result.warnings = std::move(warnings_);
  return result;
}

}  // namespace dbmig::diff::detail
