// The data-loss warnings for dropped tables and columns, naming the likely new name when the same
// comparison adds exactly one look-alike: a rename without `renamed_from` shows up as a drop plus
// an add, and the warning should say which `renamed_from` would keep the data.
#include <algorithm>

#include "diff/comparisons.hpp"

namespace dbmig::diff::detail {

namespace {

// The one candidate that `same` accepts; nullopt when there are none or several (a guess
// between several would mislead).
template <class Item, class Same>
const Item* only_match(const std::vector<const Item*>& candidates, Same same) {
  const Item* found = nullptr;
  for (const Item* candidate : candidates) {
    if (!same(*candidate)) continue;
    if (found) return nullptr;
    found = candidate;
  }
  return found;
}

std::vector<std::string> sorted_column_names(const schema::Table& table) {
  std::vector<std::string> names;
  for (const auto& column : table.columns) names.push_back(column.name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

std::string dropped_column_warning(const schema::Table& table, const schema::Column& dropped,
                                   const std::vector<const schema::Column*>& added) {
  const std::string hint = "`renamed_from: " + dropped.name + "`";
  std::string warning = "dropping '" + display_name(table) + "." + dropped.name + "' loses its data; if it was renamed";
  if (const schema::Column* renamed =
          only_match(added, [&](const schema::Column& column) { return column.type == dropped.type; }))
    return warning + " to '" + renamed->name + "' (added with the same type), add " + hint + " to '" + renamed->name +
           "' in the model";
  return warning + ", add " + hint + " to the new column in the model";
}

std::string dropped_table_warning(const schema::Table& dropped, const std::vector<const schema::Table*>& created) {
  const std::string hint = "`renamed_from: " + dropped.name + "`";
  std::string warning = "dropping table '" + display_name(dropped) + "' loses its rows; if it was renamed";
  const std::vector<std::string> columns = sorted_column_names(dropped);
  if (const schema::Table* renamed = only_match(created, [&](const schema::Table& table) {
        return table.schema == dropped.schema && sorted_column_names(table) == columns;
      }))
    return warning + " to '" + renamed->name + "' (created with the same columns), add " + hint + " to '" +
           renamed->name + "' in the model";
  return warning + ", add " + hint + " to the new table in the model";
}

}  // namespace dbmig::diff::detail
