// The table-level constraint and index lists of a table mapping: primary_key, indexes, unique,
// checks, foreign_keys.
#include <algorithm>

#include "model/detail.hpp"
#include "model/index_terms.hpp"

namespace dbmig::model::detail {

namespace {

const std::vector<std::string> primary_key_keys = {"name", "exact_name", "columns"};
const std::vector<std::string> index_keys = [] {
  std::vector<std::string> keys = {"name", "exact_name"};
  keys.insert(keys.end(), index_body_keys().begin(), index_body_keys().end());
  return keys;
}();
const std::vector<std::string> unique_keys = {"name",      "exact_name", "columns", "nulls_not_distinct",
                                              "deferrable", "initially"};
const std::vector<std::string> check_keys = {"name", "exact_name", "expr", "no_inherit"};
const std::vector<std::string> foreign_key_keys = {"name",      "exact_name", "columns",   "references",
                                                   "on_delete", "on_update",  "deferrable", "initially"};

std::optional<GivenName> read_given_name(const Mapping& mapping, const LocatedTable& located) {
  const auto name = mapping.get("name");
  const auto exact_name = mapping.get("exact_name");
  if (name && exact_name)
    exact_name->fail("both name and exact_name are given",
                     "keep one: name goes through the naming convention, exact_name is used as it is");
  const auto value = name ? name : exact_name;
  if (!value) return std::nullopt;
  std::string text = value->text();
  check_identifier(text, "constraint", value->where());
  return GivenName{std::move(text), exact_name.has_value() || located.given_names == GivenNames::as_written};
}

schema::ReferentialAction read_action(const Mapping& mapping, std::string_view key) {
  const auto value = mapping.get(key);
  return value ? parse_action(*value) : schema::ReferentialAction::no_action;
}

void declare(LocatedTable& located, std::string kind, const std::string& name, std::vector<std::string> columns,
             const Value& where) {
  located.declarations.push_back(Declaration{std::move(kind), name, std::move(columns), where.where()});
}

}  // namespace

std::string constraint_name(const Value& where, std::string_view kind, std::string_view pattern,
                            const std::optional<GivenName>& given, std::string_view table,
                            const std::vector<std::string>& columns, std::string_view referred_table) {
  if (given && given->exact) return given->text;
  const auto given_text = given ? std::optional<std::string>(given->text) : std::nullopt;
  if (auto name = schema::NamingConvention::resolve(pattern, given_text, table, columns, referred_table)) return *name;
  where.fail("this " + std::string(kind) + " needs a name",
             "add name: ...; the naming convention '" + std::string(pattern) + "' builds the name from it");
}

std::vector<std::string> read_column_list(const Value& value) {
  std::vector<std::string> columns = value.texts();
  if (columns.empty()) value.fail("no columns in " + value.what(), "list at least one column: [a, b]");
  for (auto it = columns.begin(); it != columns.end(); ++it) {
    if (it->empty()) value.fail("empty column name in " + value.what());
    if (std::find(columns.begin(), it, *it) != it)
      value.fail("column '" + *it + "' is listed twice in " + value.what(), "list each column once");
  }
  return columns;
}

void read_primary_key(const Value& value, LocatedTable& located, const schema::NamingConvention& naming) {
  std::optional<GivenName> given;
  std::vector<std::string> columns;
  if (value.is_mapping()) {
    const Mapping mapping = value.mapping(primary_key_keys);
    given = read_given_name(mapping, located);
    columns = read_column_list(mapping.require("columns", "write primary_key: {name: pk_x, columns: [a, b]}"));
  } else if (value.is_sequence()) {
    columns = read_column_list(value);
  } else {
    value.fail("expected a list of columns for " + value.what(),
               "write primary_key: [a, b] or primary_key: {name: pk_x, columns: [a, b]}");
  }
  const std::string& table = located.table.name;
  const std::string name = constraint_name(value, "primary key", naming.pk, given, table, columns);
  declare(located, "primary key", name, columns, value);
  located.table.primary_key = schema::PrimaryKey{name, std::move(columns)};
}

void read_indexes(const Value& value, LocatedTable& located, const schema::NamingConvention& naming) {
  for (const Value& item : value.items()) {
    const Mapping mapping = item.named("index " + item.what()).mapping(index_keys);
    schema::Index index;
    read_index_body(mapping, index);
    const std::vector<std::string> columns = index.key_columns();
    const auto given = read_given_name(mapping, located);
    // The convention names an index by its columns; one on expressions alone needs its own name.
    if (!given && columns.empty())
      item.fail("an expression index needs a name", "add name: ix_<table>_<what it indexes>");
    index.name = constraint_name(item, "index", naming.ix, given, located.table.name, columns);
    std::vector<std::string> named = columns;
    named.insert(named.end(), index.include.begin(), index.include.end());
    declare(located, "index", index.name, std::move(named), item);
    located.table.indexes.push_back(std::move(index));
  }
}

void read_uniques(const Value& value, LocatedTable& located, const schema::NamingConvention& naming) {
  for (const Value& item : value.items()) {
    std::optional<GivenName> given;
    std::vector<std::string> columns;
    schema::UniqueConstraint unique;
    if (item.is_sequence()) {
      columns = read_column_list(item);
    } else if (item.is_mapping()) {
      const Mapping mapping = item.mapping(unique_keys);
      given = read_given_name(mapping, located);
      columns = read_column_list(mapping.require("columns", "write {name: uq_x, columns: [a, b]}"));
      read_unique_options(mapping, unique);
    } else {
      item.fail("expected a list of columns for " + item.what(),
                "write unique: [[a, b]] or unique: [{name: uq_x, columns: [a, b]}]");
    }
    unique.name = constraint_name(item, "unique constraint", naming.uq, given, located.table.name, columns);
    declare(located, "unique constraint", unique.name, columns, item);
    unique.columns = std::move(columns);
    located.table.uniques.push_back(std::move(unique));
  }
}

void read_checks(const Value& value, LocatedTable& located, const schema::NamingConvention& naming) {
  for (const Value& item : value.items()) {
    const Mapping mapping = item.named("check " + item.what()).mapping(check_keys);
    std::string expression = mapping.require("expr", "write {name: positive_amount, expr: \"amount > 0\"}").text();
    if (expression.empty()) item.fail("empty check expression", "write the SQL condition, e.g. expr: \"amount > 0\"");
    const std::string name = constraint_name(item, "check", naming.ck, read_given_name(mapping, located), located.table.name, {});
    declare(located, "check", name, {}, item);
    schema::CheckConstraint check{name, std::move(expression)};
    if (const auto no_inherit = mapping.get("no_inherit")) check.no_inherit = no_inherit->boolean();
    located.table.checks.push_back(std::move(check));
  }
}

void read_foreign_keys(const Value& value, LocatedTable& located, const schema::NamingConvention& naming) {
  for (const Value& item : value.items()) {
    const Mapping mapping = item.named("foreign key " + item.what()).mapping(foreign_key_keys);
    const std::string hint = "write {columns: [a, b], references: \"other(x, y)\"}";
    std::vector<std::string> columns = read_column_list(mapping.require("columns", hint));
    const Value references = mapping.require("references", hint);
    Reference target = parse_table_reference(references);
    if (target.columns.size() != columns.size())
      references.fail("the foreign key has " + std::to_string(columns.size()) + " column(s) but references " +
                          std::to_string(target.columns.size()),
                      "list as many referred columns as columns, in matching order");
    schema::ForeignKey foreign_key;
    foreign_key.name = constraint_name(item, "foreign key", naming.fk, read_given_name(mapping, located), located.table.name,
                                       columns, target.table);
    foreign_key.columns = std::move(columns);
    foreign_key.referred_table = std::move(target.table);
    foreign_key.referred_schema = std::move(target.schema);
    foreign_key.referred_columns = std::move(target.columns);
    foreign_key.on_delete = read_action(mapping, "on_delete");
    foreign_key.on_update = read_action(mapping, "on_update");
    read_deferrable(mapping, foreign_key);
    declare(located, "foreign key", foreign_key.name, foreign_key.columns, item);
    located.foreign_key_references.push_back(references.where());
    located.table.foreign_keys.push_back(std::move(foreign_key));
  }
}

}  // namespace dbmig::model::detail
