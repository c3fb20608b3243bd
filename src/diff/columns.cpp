// Columns of a table present on both sides: added, dropped, and altered attribute by attribute.
// Column order is not compared: changing it needs a table rebuild for no change in meaning.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "diff/comparisons.hpp"
#include "diff/type_change.hpp"

namespace dbmig::diff::detail {

namespace {

std::string column_display(const schema::Table& table, const std::string& column) {
  return "'" + display_name(table) + "." + column + "'";
}

// Columns of one named enum type have the same type whatever its values: alter_enum changes those.
bool same_type(const schema::Type& desired, const schema::Type& live) {
  if (desired.is_named_enum() && live.is_named_enum())
    return desired.enum_name == live.enum_name && desired.enum_schema == live.enum_schema;
  return desired == live;
}

// One AlterColumn carrying only what changed; nullopt when nothing did.
std::optional<ops::AlterColumn> alteration(const schema::Table& table, const schema::Column& desired,
                                           const schema::Column& live) {
  ops::AlterColumn alter;
  alter.table = name_of(table);
  alter.column = live.name;
  alter.existing = without_hints(live);
  if (!same_type(desired.type, live.type)) alter.type = desired.type;
  if (desired.nullable != live.nullable) alter.nullable = desired.nullable;
  if (desired.default_sql != live.default_sql) alter.default_sql = desired.default_sql;
  if (desired.comment != live.comment) alter.comment = desired.comment;
  if (desired.autoincrement != live.autoincrement || desired.autoincrement_kind != live.autoincrement_kind) {
    alter.autoincrement = desired.autoincrement;  // serial <-> identity is a change too
    alter.autoincrement_kind = desired.autoincrement_kind;
  }
  if (desired.collation != live.collation) alter.collation = desired.collation;
  if (!alter.type && !alter.nullable && !alter.default_sql && !alter.comment && !alter.autoincrement && !alter.collation)
    return std::nullopt;
  return alter;
}

// The values of an enum that the new enum no longer has; empty unless both types are enums.
std::vector<std::string> removed_enum_values(const schema::Type& from, const schema::Type& to) {
  std::vector<std::string> removed;
  if (from.kind != schema::TypeKind::enumeration || to.kind != schema::TypeKind::enumeration) return removed;
  for (const auto& value : from.enum_values)
    if (std::find(to.enum_values.begin(), to.enum_values.end(), value) == to.enum_values.end()) removed.push_back(value);
  return removed;
}

// Neither database can drop a value from an enum in place (PostgreSQL has no ALTER TYPE ... DROP
// VALUE; SQLite's CHECK must be rebuilt), and rows holding the value make the change fail: the
// warning says which values and what to do before upgrading.
std::string enum_removal_warning(const schema::Table& table, const std::string& column,
                                 const std::vector<std::string>& removed) {
  std::string values;
  for (const auto& value : removed) values += (values.empty() ? "'" : ", '") + value + "'";
  return column_display(table, column) + " loses enum value" + (removed.size() > 1 ? "s " : " ") + values +
         ": the upgrade fails if a row holds one. First move those rows to a value that stays, with a data step "
         "before this one: `- sql: \"UPDATE " + display_name(table) + " SET " + column + " = '...' WHERE " + column +
         " IN (" + values + ")\"`";
}

void warn_about_alteration(const schema::Table& table, const ops::AlterColumn& alter, Plan& plan) {
  const std::string column = column_display(table, alter.column);
  if (alter.nullable && !*alter.nullable)
    plan.warn(column + " becomes NOT NULL: this fails if rows hold NULL; give it a default or add a data step "
                       "(`sql:`) that fills it first");
  if (!alter.type) return;
  if (const auto removed = removed_enum_values(alter.existing.type, *alter.type); !removed.empty()) {
    plan.warn(enum_removal_warning(table, alter.column, removed));
    return;
  }
  const std::string change = column + " changes type from " + schema::to_string(alter.existing.type) + " to " +
                             schema::to_string(*alter.type);
  switch (classify_type_change(alter.existing.type, *alter.type)) {
    case TypeChange::widening: break;
    case TypeChange::narrowing: plan.warn(change + ": values that do not fit make the upgrade fail or are cut"); break;
    case TypeChange::conversion: plan.warn(change + ": existing values must convert, or the upgrade fails"); break;
  }
}

}  // namespace

void compare_columns(const schema::Table& desired, const schema::Table& live, Plan& plan) {
  std::unordered_map<std::string_view, const schema::Column*> live_columns;
  live_columns.reserve(live.columns.size());
  for (const auto& column : live.columns) live_columns.emplace(column.name, &column);

  std::unordered_set<std::string_view> kept;  // live columns the model still has
  std::vector<const schema::Column*> added;
  for (const auto& column : desired.columns) {
    const auto found = live_columns.find(column.name);
    if (found == live_columns.end()) {
      added.push_back(&column);
      if (!column.nullable && !column.default_sql && !column.autoincrement)
        plan.warn(column_display(desired, column.name) + " is added NOT NULL without a default: this fails if the "
                  "table has rows; give it a default, or add it nullable and fill it first");
      plan.add(Phase::add_columns, ops::AddColumn{name_of(desired), without_hints(column)});
      continue;
    }
    kept.insert(column.name);
    if (column.generated != found->second->generated) {
      // Neither database changes what generates a column in place: it is dropped and added
      // again (a stored one recomputed for every row), and any other change goes with it.
      plan.warn(column_display(desired, column.name) + " is dropped and added again: its generated expression " +
                "changes, or it becomes or stops being generated" +
                (found->second->generated ? "" : "; the values it holds are lost"));
      plan.add(Phase::drop_columns, ops::DropColumn{name_of(live), *found->second});
      plan.add(Phase::add_columns, ops::AddColumn{name_of(desired), without_hints(column)});
      continue;
    }
    if (auto alter = alteration(desired, column, *found->second)) {
      warn_about_alteration(desired, *alter, plan);
      plan.add(Phase::alter_columns, std::move(*alter));
    }
  }

  for (const auto& column : live.columns) {
    if (kept.contains(column.name)) continue;
    plan.warn(dropped_column_warning(live, column, added));
    plan.add(Phase::drop_columns, ops::DropColumn{name_of(live), column});
  }
}

}  // namespace dbmig::diff::detail
