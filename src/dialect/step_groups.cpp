// The default grouping of a revision's steps: each alone, in order (Dialect::step_groups).
#include "dialect/dialect.hpp"
#include "util/error.hpp"

namespace dbmig::dialect {

std::vector<std::vector<std::size_t>> Dialect::step_groups(const std::vector<ops::Op>& steps) const {
  std::vector<std::vector<std::size_t>> groups(steps.size());
  for (std::size_t index = 0; index < steps.size(); ++index) groups[index] = {index};
  return groups;
}

std::vector<Statement> Dialect::render_group(const std::vector<const ops::Op*>& steps,
                                             const RenderContext& context) const {
  if (steps.size() == 1) return render(*steps.front(), context);
  throw usage_error("the " + std::string(name()) + " dialect carries out each step on its own");
}

}  // namespace dbmig::dialect
