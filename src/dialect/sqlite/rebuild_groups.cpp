#include "dialect/sqlite/rebuild_groups.hpp"

#include <optional>
#include <type_traits>
#include <variant>

#include "dialect/common/sql_tokens.hpp"
#include "dialect/sqlite/needs_rebuild.hpp"

namespace dbmig::dialect::sqlite {

namespace {

// The ops a rebuild carries out by re-creating the table in its new shape: they change one
// existing table, and a column keeps its name (the rebuild copies columns by name).
template <class Step>
constexpr bool rebuild_can_carry =
    std::is_same_v<Step, ops::AddColumn> || std::is_same_v<Step, ops::DropColumn> ||
    std::is_same_v<Step, ops::AlterColumn> || std::is_same_v<Step, ops::CreateIndex> ||
    std::is_same_v<Step, ops::DropIndex> || std::is_same_v<Step, ops::RenameIndex> ||
    std::is_same_v<Step, ops::SetTableComment> || std::is_same_v<Step, ops::RenameConstraint> ||
    std::is_same_v<Step, ops::AddPrimaryKey> || std::is_same_v<Step, ops::DropPrimaryKey> ||
    std::is_same_v<Step, ops::AddUnique> || std::is_same_v<Step, ops::DropUnique> ||
    std::is_same_v<Step, ops::AddForeignKey> || std::is_same_v<Step, ops::DropForeignKey> ||
    std::is_same_v<Step, ops::AddCheck> || std::is_same_v<Step, ops::DropCheck>;

// What a step means for the grouping.
struct StepShape {
  std::optional<ops::TableName> table;   // the one existing table it changes (any kind of step)
  bool carried_by_rebuild = false;       // rebuild_can_carry
  std::optional<std::string> refers_to;  // a foreign key step: the table the key points at
};

StepShape shape_of(const ops::Op& op) {
  StepShape shape = std::visit(
      [](const auto& step) {
        using Step = std::decay_t<decltype(step)>;
        StepShape of_step;
        of_step.carried_by_rebuild = rebuild_can_carry<Step>;
        if constexpr (std::is_same_v<Step, ops::AddForeignKey> || std::is_same_v<Step, ops::DropForeignKey>)
          if (!step.constraint.referred_table.empty()) of_step.refers_to = step.constraint.referred_table;
        return of_step;
      },
      op);
  shape.table = ops::table_of(op);
  return shape;
}

bool same_table(const std::optional<ops::TableName>& a, std::string_view b) {
  return a && equals_ignoring_case(a->name, b);  // SQLite: one schema, names without case
}

// Whether a step on another table may stay after the rebuild of `table` that moves past it: it
// is an ordinary change of one table that leaves `table` alone.
bool leaves_alone(const StepShape& step, std::string_view table) {
  return step.carried_by_rebuild && step.table && !same_table(step.table, table) &&
         !(step.refers_to && equals_ignoring_case(*step.refers_to, table));
}

}  // namespace

std::vector<std::vector<std::size_t>> group_rebuild_steps(const std::vector<ops::Op>& steps) {
  std::vector<StepShape> shapes;
  shapes.reserve(steps.size());
  for (const ops::Op& op : steps) shapes.push_back(shape_of(op));

  std::vector<bool> grouped(steps.size(), false);
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t first = 0; first < steps.size(); ++first) {
    if (grouped[first]) continue;
    grouped[first] = true;
    std::vector<std::size_t> group{first};
    // Without the schema a drop_column counts as in place; it still joins a group that another
    // step starts.
    if (shapes[first].carried_by_rebuild && shapes[first].table && needs_rebuild(steps[first], nullptr)) {
      const std::string& table = shapes[first].table->name;
      std::vector<std::string> passed_tables;  // the tables of the steps left behind
      for (std::size_t later = first + 1; later < steps.size(); ++later) {
        if (grouped[later]) continue;
        const StepShape& shape = shapes[later];
        if (!same_table(shape.table, table)) {
          if (!leaves_alone(shape, table)) break;
          passed_tables.push_back(shape.table->name);
          continue;
        }
        if (!shape.carried_by_rebuild) break;
        if (shape.refers_to) {
          bool passes_its_target = false;
          for (const auto& passed : passed_tables) passes_its_target |= equals_ignoring_case(passed, *shape.refers_to);
          if (passes_its_target) break;
        }
        grouped[later] = true;
        group.push_back(later);
      }
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

}  // namespace dbmig::dialect::sqlite
