#include "ops/op.hpp"

#include "ops/op_kinds.hpp"

namespace dbmig::ops {

std::string kind_name(const Op& op) { return std::string(detail::kind_names[op.index()]); }

std::optional<TableName> table_of(const Op& op) {
  return std::visit(
      [](const auto& step) -> std::optional<TableName> {
        if constexpr (requires { step.table.name; }) return TableName{step.table.name, step.table.schema};
        else return std::nullopt;
      },
      op);
}

bool is_destructive(const Op& op) {
  // Narrowing a column type can lose data too, but whether a type change narrows depends on
  // both types; the diff decides that and warns itself.
  return std::holds_alternative<DropTable>(op) || std::holds_alternative<DropColumn>(op);
}

}  // namespace dbmig::ops
