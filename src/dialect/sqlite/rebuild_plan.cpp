#include "dialect/sqlite/rebuild_plan.hpp"

#include <algorithm>
#include <type_traits>
#include <variant>

#include "dialect/common/sql_tokens.hpp"
#include "dialect/sqlite/rebuild_column_use.hpp"
#include "dialect/sqlite/rebuild_referrers.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace dbmig::dialect::sqlite {

using util::double_quoted;

namespace {

// The table an op changes. Only ops that name one reach a rebuild.
ops::TableName rebuilt_table_of(const ops::Op& op) {
  if (auto table = ops::table_of(op)) return *table;
  throw usage_error("a " + ops::kind_name(op) + " step does not change one table, so it cannot rebuild one");
}

const schema::Table& find_table(const schema::Schema& schema, const ops::TableName& name) {
  for (const schema::Table& table : schema.tables) {
    if (equals_ignoring_case(table.name, name.name)) return table;
  }
  throw usage_error("table " + double_quoted(name.name) + " does not exist", std::nullopt,
                    "check the table name, or the steps before this one");
}

[[noreturn]] void refuse_drop(const ops::DropColumn& op, const std::string& user, std::string hint) {
  throw usage_error("cannot drop column " + double_quoted(op.column.name) + " of table " + double_quoted(op.table.name) + ": " + user +
                        " uses it",
                    std::nullopt, std::move(hint));
}

// A rebuild drops a column together with the constraints built on it (ops::apply), but not what
// would be left naming it: an index or check on it, a trigger using it, another table's foreign
// key to it. Those the revision must drop first, so that nothing is dropped silently.
void check_column_can_go(const ops::DropColumn& op, const schema::Schema& before, const schema::Table& table) {
  const std::string& column = op.column.name;
  for (const schema::Index& index : table.indexes) {
    if (index_uses_column(index, column))
      refuse_drop(op, "index " + double_quoted(index.name), "drop the index first: a drop_index step before this one");
  }
  for (const schema::CheckConstraint& check : table.checks) {
    if (mentions_identifier(check.expression, column))
      refuse_drop(op, "check constraint " + double_quoted(check.name), "drop the check first: a drop_check step before this one");
  }
  for (const schema::Column& generated : table.columns) {
    if (generated.generated && !equals_ignoring_case(generated.name, column) &&
        mentions_identifier(generated.generated->expression, column))
      refuse_drop(op, "generated column " + double_quoted(generated.name),
                  "drop the generated column first: a drop_column step before this one");
  }
  for (const schema::Trigger& trigger : table.triggers) {
    if (mentions_identifier(trigger.sql, column))
      refuse_drop(op, "trigger " + double_quoted(trigger.name),
                  "drop the trigger first (a sql step: DROP TRIGGER " + double_quoted(trigger.name) +
                      ") and create it again afterwards if it is still wanted");
  }
  for (const schema::Table& other : before.tables) {
    if (equals_ignoring_case(other.name, table.name)) continue;  // its own keys go with the column
    for (const schema::ForeignKey& foreign_key : other.foreign_keys) {
      const bool names_it = std::any_of(foreign_key.referred_columns.begin(), foreign_key.referred_columns.end(),
                                        [&](const std::string& referred) { return equals_ignoring_case(referred, column); });
      if (equals_ignoring_case(foreign_key.referred_table, table.name) && names_it)
        refuse_drop(op, "foreign key " + double_quoted(foreign_key.name) + " of table " + double_quoted(other.name),
                    "drop that foreign key first: a drop_foreign_key step before this one");
    }
  }
}

const schema::Column* find_column(const schema::Table& table, std::string_view name) {
  const auto found = std::find_if(table.columns.begin(), table.columns.end(),
                                  [&](const schema::Column& column) { return equals_ignoring_case(column.name, name); });
  return found == table.columns.end() ? nullptr : &*found;
}

// Which columns of `after` are filled from `old`: those of the same name. A column the op adds has
// no old column and takes its default; one it drops is simply not copied.
RebuiltTable rebuilt(const schema::Table& old, schema::Table after) {
  RebuiltTable table;
  table.holding_name = holding_name_for(old.name);
  for (const schema::Column& column : after.columns) {
    if (column.generated) continue;  // computed by the new table: no INSERT may name it
    if (const schema::Column* source = find_column(old, column.name)) {
      table.copied.push_back(CopiedColumn{column.name, source->nullable && !column.nullable});
    } else if (!column.nullable && !column.default_sql) {
      table.required_without_values.push_back(column.name);
    }
  }
  table.definition = std::move(after);
  return table;
}

// The tables with a foreign key to `target` itself (not through other tables: only its rows are
// re-created), in schema order.
std::vector<std::string> direct_referrers(const schema::Schema& schema, const schema::Table& target) {
  std::vector<std::string> names;
  for (const schema::Table& table : schema.tables) {
    if (equals_ignoring_case(table.name, target.name)) continue;  // its own keys are checked with it
    const bool refers = std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(),
                                    [&](const schema::ForeignKey& key) {
                                      return equals_ignoring_case(key.referred_table, target.name);
                                    });
    if (refers) names.push_back(table.name);
  }
  return names;
}

}  // namespace

std::string holding_name_for(std::string_view table) { return "_dbmig_old_" + std::string(table); }

RebuildPlan plan_rebuild(const ops::Op& op, const schema::Schema& before, bool foreign_keys_off) {
  return plan_rebuild(std::vector<const ops::Op*>{&op}, before, foreign_keys_off);
}

RebuildPlan plan_rebuild(const std::vector<const ops::Op*>& steps, const schema::Schema& before,
                         bool foreign_keys_off) {
  if (steps.empty()) throw usage_error("a table rebuild needs at least one step");
  const ops::TableName named = rebuilt_table_of(*steps.front());
  const schema::Table& target = find_table(before, named);

  // The steps applied to the target table alone (the rest of the schema does not change), under
  // the name the first spells it with: SQLite ignores the case of names and the schema,
  // ops::apply does not. A column may go only once nothing left in the table at that step uses it.
  schema::Schema changed{{target}};
  for (const ops::Op* step : steps) {
    const ops::TableName step_table = rebuilt_table_of(*step);
    if (!equals_ignoring_case(step_table.name, named.name))
      throw usage_error("one rebuild cannot change both table " + double_quoted(named.name) + " and table " +
                        double_quoted(step_table.name));
    schema::Table& current = changed.tables.front();
    current.name = step_table.name;
    current.schema = step_table.schema;
    if (const auto* drop = std::get_if<ops::DropColumn>(step)) check_column_can_go(*drop, before, current);
    ops::apply(changed, *step);
  }
  schema::Table after = std::move(changed.tables.front());
  after.name = target.name;
  after.schema = target.schema;

  RebuildPlan plan;
  plan.foreign_keys_off = foreign_keys_off;
  plan.tables.push_back(rebuilt(target, std::move(after)));
  if (foreign_keys_off) {
    plan.checked_referrers = direct_referrers(before, target);
    return plan;
  }
  for (const schema::Table* referrer : referring_tables(before, target)) plan.tables.push_back(rebuilt(*referrer, *referrer));
  return plan;
}

}  // namespace dbmig::dialect::sqlite
