// A foreign key depends on the primary key, unique constraint or unique index covering the
// columns it refers to. When the diff drops such a key (to change it, rename it, or replace a
// unique constraint by a unique index), every foreign key still using it must go first and come
// back once the replacement exists, or PostgreSQL refuses the drop. The keys re-added are the live
// ones, unchanged, so the database ends as the models say.
#include <algorithm>
#include <unordered_set>

#include "diff/comparisons.hpp"

namespace dbmig::diff::detail {

namespace {

// Table and column set of a key: foreign keys match a key by the set of columns, in any order.
std::string key_signature(const std::string& schema, const std::string& table, std::vector<std::string> columns) {
  std::sort(columns.begin(), columns.end());
  std::string signature = table_key(schema, table);
  for (const auto& column : columns) signature += '\x1f' + column;
  return signature;
}

std::unordered_set<std::string> dropped_keys(const Plan& plan) {
  std::unordered_set<std::string> keys;
  for (const ops::Op& op : plan.in(Phase::drop_constraints)) {
    if (const auto* drop = std::get_if<ops::DropConstraint<schema::PrimaryKey>>(&op))
      keys.insert(key_signature(drop->table.schema, drop->table.name, drop->constraint.columns));
    if (const auto* drop = std::get_if<ops::DropConstraint<schema::UniqueConstraint>>(&op))
      keys.insert(key_signature(drop->table.schema, drop->table.name, drop->constraint.columns));
  }
  for (const ops::Op& op : plan.in(Phase::drop_indexes))
    if (const auto* drop = std::get_if<ops::DropIndex>(&op);
        drop && drop->index.unique && drop->index.key_columns().size() == drop->index.terms.size() &&
        !drop->index.where)
      keys.insert(key_signature(drop->table.schema, drop->table.name, drop->index.key_columns()));
  return keys;
}

std::unordered_set<std::string> dropped_foreign_keys(const Plan& plan) {
  std::unordered_set<std::string> names;
  for (const ops::Op& op : plan.in(Phase::drop_foreign_keys))
    if (const auto* drop = std::get_if<ops::DropConstraint<schema::ForeignKey>>(&op))
      names.insert(table_key(drop->table.schema, drop->table.name) + '\x1f' + drop->constraint.name);
  return names;
}

// The columns a foreign key refers to; none listed means the referred table's primary key.
std::vector<std::string> referred_columns(const schema::Schema& live, const schema::ForeignKey& key,
                                          const std::string& referred_schema) {
  if (!key.referred_columns.empty()) return key.referred_columns;
  const schema::Table* referred = live.find_table(key.referred_table, referred_schema);
  return referred && referred->primary_key ? referred->primary_key->columns : std::vector<std::string>{};
}

}  // namespace

void readd_dependent_foreign_keys(const schema::Schema& desired, const schema::Schema& live, Plan& plan) {
  const auto keys = dropped_keys(plan);
  if (keys.empty()) return;
  const auto already_dropped = dropped_foreign_keys(plan);
  for (const schema::Table& table : live.tables) {
    if (!desired.find_table(table.name, table.schema)) continue;  // dropped with its keys
    for (const schema::ForeignKey& key : table.foreign_keys) {
      const std::string& referred_schema = key.referred_schema.empty() ? table.schema : key.referred_schema;
      const auto signature = key_signature(referred_schema, key.referred_table, referred_columns(live, key, referred_schema));
      if (!keys.contains(signature)) continue;
      if (already_dropped.contains(table_key(table.schema, table.name) + '\x1f' + key.name)) continue;
      plan.add(Phase::drop_foreign_keys, ops::DropConstraint<schema::ForeignKey>{name_of(table), key});
      plan.add(Phase::add_foreign_keys, ops::AddConstraint<schema::ForeignKey>{name_of(table), key});
    }
  }
}

}  // namespace dbmig::diff::detail
