// Checks across the tables of a whole model: names and foreign key targets.
#include <algorithm>
#include <map>

#include "model/detail.hpp"
#include "util/text.hpp"

namespace dbmig::model::detail {

namespace {

using TableKey = std::pair<std::string, std::string>;  // schema, name

std::string qualified(const std::string& schema_name, const std::string& name) {
  return schema_name.empty() ? name : schema_name + "." + name;
}

std::vector<std::string> table_names_in(const std::map<TableKey, const LocatedTable*>& tables,
                                        const std::string& schema_name) {
  std::vector<std::string> names;
  for (const auto& [key, located] : tables)
    if (key.first == schema_name) names.push_back(key.second);
  return names;
}

std::map<TableKey, const LocatedTable*> index_tables(const std::vector<LocatedTable>& tables) {
  std::map<TableKey, const LocatedTable*> by_key;
  for (const LocatedTable& located : tables) {
    const auto [first, inserted] = by_key.emplace(TableKey{located.table.schema, located.table.name}, &located);
    if (!inserted)
      throw usage_error("table '" + qualified(located.table.schema, located.table.name) + "' is declared twice",
                        located.where,
                        "it is first declared at " + first->second->where.to_string() + "; keep one declaration");
  }
  return by_key;
}

// The referred columns must be the primary key or carry a unique constraint or plain unique
// index, or the database refuses the foreign key (PostgreSQL when created, SQLite when used).
bool is_unique_key(const schema::Table& table, std::vector<std::string> columns) {
  std::sort(columns.begin(), columns.end());
  const auto same_set = [&columns](std::vector<std::string> candidate) {
    std::sort(candidate.begin(), candidate.end());
    return candidate == columns;
  };
  if (table.primary_key && same_set(table.primary_key->columns)) return true;
  for (const auto& unique : table.uniques)
    if (same_set(unique.columns)) return true;
  for (const auto& index : table.indexes)
    if (index.unique && !index.where && index.key_columns().size() == index.terms.size() && same_set(index.key_columns()))
      return true;
  return false;
}

void check_foreign_key(const LocatedTable& located, std::size_t index,
                       const std::map<TableKey, const LocatedTable*>& tables) {
  const schema::ForeignKey& foreign_key = located.table.foreign_keys[index];
  const Location& where = located.foreign_key_references[index];
  const std::string& schema_name =
      foreign_key.referred_schema.empty() ? located.table.schema : foreign_key.referred_schema;
  const auto target = tables.find(TableKey{schema_name, foreign_key.referred_table});
  if (target == tables.end()) {
    // A table of that name declared without a schema: the models cannot know which schema is the
    // database's default ("public"), so a reference from another schema names it, and so must the
    // table (`schema: public` names the same tables as none).
    const std::string& table_name = foreign_key.referred_table;
    std::string hint;
    if (schema_name.empty() || tables.count(TableKey{std::string(), table_name}) == 0) {
      hint = util::unknown_name_hint(table_name, table_names_in(tables, schema_name), "tables");
    } else if (!foreign_key.referred_schema.empty()) {
      hint = "'" + table_name + "' is declared without a schema: if it is in the default schema, give it `schema: " +
             schema_name + "` too (naming the default schema is the same as naming none)";
    } else {
      hint = "a reference without a schema means a table in the referring table's schema '" + schema_name +
             "'; for the '" + table_name + "' declared without one, write e.g. `references: public." + table_name +
             ".<column>` and give '" + table_name + "' `schema: public` (the default schema's name)";
    }
    throw usage_error("foreign key '" + foreign_key.name + "' references unknown table '" +
                          qualified(schema_name, foreign_key.referred_table) + "'",
                      where, std::move(hint));
  }
  const schema::Table& referred = target->second->table;
  for (const auto& column : foreign_key.referred_columns) {
    if (referred.find_column(column)) continue;
    std::vector<std::string> names;
    for (const auto& candidate : referred.columns) names.push_back(candidate.name);
    throw usage_error("foreign key '" + foreign_key.name + "' references unknown column '" + column + "' of table '" +
                          referred.name + "'",
                      where, util::unknown_name_hint(column, names, "its columns"));
  }
  if (!is_unique_key(referred, foreign_key.referred_columns))
    throw usage_error("foreign key '" + foreign_key.name + "' references " + referred.name + "(" +
                          util::join(foreign_key.referred_columns) + "), which is neither its primary key nor unique",
                      where, "reference the primary key, or make those columns unique (unique: true or a unique list)");
}

// Index names are per schema in PostgreSQL and per database in SQLite, and primary key and
// unique constraints are backed by an index of the same name: those names must be unique per
// schema (compared as the database compares them). Foreign key and check names are per table in
// PostgreSQL (Django and Alembic databases reuse a foreign key's name on several tables, which
// must load); the table's own check (table_checks.cpp) keeps them apart within a table.
bool is_index_backed(const Declaration& declaration) { return declaration.kind != "foreign key" && declaration.kind != "check"; }

void check_names(const std::vector<LocatedTable>& tables, const NameRules& rules) {
  std::map<TableKey, const Declaration*> by_name;
  for (const LocatedTable& located : tables) {
    for (const Declaration* declaration : in_document_order(located.declarations)) {
      if (!is_index_backed(*declaration)) continue;
      const std::string key = rules.fold_case ? util::lower_ascii(declaration->name) : declaration->name;
      const auto [first, inserted] = by_name.emplace(TableKey{located.table.schema, key}, declaration);
      if (!inserted)
        throw usage_error("the name '" + declaration->name + "' of this " + declaration->kind +
                              " is already used by the " + first->second->kind + " at " +
                              first->second->where.to_string(),
                          declaration->where,
                          "index names (and those of primary keys and unique constraints, which are indexes) must be "
                          "unique in a schema; rename one");
    }
  }
}

// Where the database folds case (SQLite), `Mixed` and `mixed` are one table, and two such columns
// one column: the upgrade would fail with "already exists" after migrate wrote the revision.
void check_case_folded_names(const std::vector<LocatedTable>& tables) {
  constexpr const char* why = "the database does not tell names apart by case";
  std::map<TableKey, const LocatedTable*> tables_by_folded;
  for (const LocatedTable& located : tables) {
    const auto [first, inserted] =
        tables_by_folded.emplace(TableKey{located.table.schema, util::lower_ascii(located.table.name)}, &located);
    if (!inserted)
      throw usage_error("table '" + located.table.name + "' differs only in case from table '" +
                            first->second->table.name + "' declared at " + first->second->where.to_string() + ": " +
                            why,
                        located.where, "rename one of the two tables");
    std::map<std::string, std::size_t> columns_by_folded;
    for (std::size_t i = 0; i < located.table.columns.size(); ++i) {
      const auto [earlier, column_inserted] = columns_by_folded.emplace(util::lower_ascii(located.table.columns[i].name), i);
      if (!column_inserted)
        throw usage_error("column '" + located.table.columns[i].name + "' of table '" + located.table.name +
                              "' differs only in case from column '" + located.table.columns[earlier->second].name +
                              "' declared at " + located.column_where.at(earlier->second).to_string() + ": " + why,
                          located.column_where.at(i), "rename one of the two columns");
    }
  }
}

}  // namespace

void check_schema(const std::vector<LocatedTable>& tables, const NameRules& rules) {
  if (rules.fold_case) check_case_folded_names(tables);
  const auto by_key = index_tables(tables);
  for (const LocatedTable& located : tables)
    for (std::size_t i = 0; i < located.table.foreign_keys.size(); ++i) check_foreign_key(located, i, by_key);
  check_names(tables, rules);
}

}  // namespace dbmig::model::detail
