// Named enum types (Schema::enums) on both sides, matched by schema and name: created before
// anything uses them, dropped after nothing does, and their values changed in place. A type's
// columns compare by its name only (columns.cpp), so a change of values is this one step.
#include <algorithm>
#include <map>
#include <tuple>

#include "diff/comparisons.hpp"

namespace dbmig::diff::detail {

namespace {

using Key = std::pair<std::string, std::string>;  // (schema, name)

Key key_of(const schema::EnumType& type) { return {type.schema, type.name}; }

std::vector<std::string> removed_values(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  std::vector<std::string> removed;
  for (const auto& value : before)
    if (std::find(after.begin(), after.end(), value) == after.end()) removed.push_back(value);
  return removed;
}

// PostgreSQL cannot drop a value from a type: the type is built again and every column of it
// converted, which fails while a row holds a removed value.
std::string removal_warning(const schema::EnumType& type, const std::vector<std::string>& removed) {
  std::string values;
  for (const auto& value : removed) values += (values.empty() ? "'" : ", '") + value + "'";
  return "enum type '" + schema::enum_reference(type.schema, type.name) + "' loses value" +
         (removed.size() > 1 ? "s " : " ") + values +
         ": the upgrade fails if a row holds one. First move those rows to a value that stays, with a data step "
         "(`sql:`) before this one";
}

}  // namespace

void compare_enums(const schema::Schema& desired, const schema::Schema& live, Plan& plan) {
  std::map<Key, const schema::EnumType*> live_types;
  for (const auto& type : live.enums) live_types.emplace(key_of(type), &type);
  for (const auto& type : desired.enums) {
    const auto found = live_types.find(key_of(type));
    if (found == live_types.end()) {
      plan.add(Phase::create_enums, ops::CreateEnum{type});
      continue;
    }
    const schema::EnumType& before = *found->second;
    live_types.erase(found);
    if (before.values == type.values) continue;
    if (const auto removed = removed_values(before.values, type.values); !removed.empty())
      plan.warn(removal_warning(type, removed));
    plan.add(Phase::alter_enums, ops::AlterEnum{type, before.values});
  }
  for (const auto& type : live.enums)
    if (live_types.contains(key_of(type))) plan.add(Phase::drop_enums, ops::DropEnum{type});
}

}  // namespace dbmig::diff::detail
