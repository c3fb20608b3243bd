// compare(): renames first (applied to a copy of the live schema, so that afterwards equal names
// mean the same object), then each table on both sides object kind by object kind, then whole
// tables created or dropped. Hash lookups throughout: linear in the size of the schemas.
#include "diff/diff.hpp"

#include <unordered_map>
#include <unordered_set>

#include "diff/comparisons.hpp"

namespace dbmig::diff {

using namespace detail;

Result compare(const schema::Schema& desired, const schema::Schema& live, const Normalize& normalize,
               const schema::NamingConvention& naming) {
  Plan plan;
  schema::Schema renamed = live;
  bool renamed_columns = false;
  for (auto& rename : find_renames(desired, live)) {
    ops::apply(renamed, rename);
    const bool table = std::holds_alternative<ops::RenameTable>(rename);
    renamed_columns = renamed_columns || !table;
    plan.add(table ? Phase::rename_tables : Phase::rename_columns, std::move(rename));
  }
  if (renamed_columns && normalize) normalize(renamed);

  std::unordered_map<std::string, const schema::Table*> live_tables;
  live_tables.reserve(renamed.tables.size());
  for (const auto& table : renamed.tables) live_tables.emplace(table_key(table.schema, table.name), &table);

  std::vector<const schema::Table*> created;
  std::unordered_set<const schema::Table*> kept;
  for (const auto& table : desired.tables) {
    const auto found = live_tables.find(table_key(table.schema, table.name));
    if (found == live_tables.end()) {
      created.push_back(&table);
      continue;
    }
    const schema::Table& before = *found->second;
    kept.insert(&before);
    compare_table_comment(table, before, plan);
    compare_columns(table, before, plan);
    compare_indexes(table, before, naming, plan);
    compare_constraints(table, before, naming, plan);
  }

  std::vector<const schema::Table*> dropped;
  for (const auto& table : renamed.tables)
    if (!kept.contains(&table)) dropped.push_back(&table);

  compare_enums(desired, renamed, plan);
  drop_tables(dropped, renamed, created, plan);
  create_tables(created, desired, plan);
  readd_dependent_foreign_keys(desired, renamed, plan);
  return std::move(plan).finish();
}

}  // namespace dbmig::diff
