#include "ops/op.hpp"

#include "ops/op_kinds.hpp"

namespace dbmig::ops {

std::string kind_name(const Op& op) { return std::string(detail::kind_names[op.index()]); }

bool is_destructive(const Op& op) {
  // Narrowing a column type can lose data too, but whether a type change narrows depends on
  // both types; the diff decides that and warns itself.
  return std::holds_alternative<DropTable>(op) || std::holds_alternative<DropColumn>(op);
}

}  // namespace dbmig::ops
