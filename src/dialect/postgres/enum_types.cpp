#include "dialect/postgres/enum_types.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "dialect/sql_renderer.hpp"
#include "schema/naming.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace dbmig::dialect::postgres {
namespace {

std::string qualified(std::string_view schema, std::string_view name) {
  if (schema.empty()) return quote_sql_identifier(name);
  return quote_sql_identifier(schema) + "." + quote_sql_identifier(name);
}

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

Statement create_type(const std::string& type_sql, const std::vector<std::string>& values) {
  std::vector<std::string> literals;
  literals.reserve(values.size());
  for (const std::string& value : values) literals.push_back(quote_sql_string(value));
  return Statement{"CREATE TYPE " + type_sql + " AS ENUM (" + util::join(literals, ", ") + ")", {}};
}

// One ALTER TYPE ... ADD VALUE per value of `after` not in `before`, each placed after its
// predecessor in `after` (or before the first old value), so the type ends up in `after`'s order.
std::vector<Statement> add_values_to(const std::string& type_sql, const std::vector<std::string>& before,
                                     const std::vector<std::string>& after) {
  std::vector<Statement> statements;
  for (std::size_t at = 0; at < after.size(); ++at) {
    if (contains(before, after[at])) continue;
    std::string sql = "ALTER TYPE " + type_sql + " ADD VALUE " + quote_sql_string(after[at]);
    if (at > 0) {
      sql += " AFTER " + quote_sql_string(after[at - 1]);
    } else if (!before.empty()) {
      sql += " BEFORE " + quote_sql_string(before.front());
    }
    statements.push_back(Statement{std::move(sql), {}});
  }
  return statements;
}

}  // namespace

std::string enum_type_name(std::string_view table, std::string_view column) {
  return *schema::NamingConvention::resolve("%(table)s_%(column_0)s", std::nullopt, table, {std::string(column)});
}

std::string enum_type_sql(const ops::TableName& table, std::string_view column) {
  return qualified(table.schema, enum_type_name(table.name, column));
}

Statement create_enum_type(const ops::TableName& table, std::string_view column, const std::vector<std::string>& values) {
  return create_type(enum_type_sql(table, column), values);
}

Statement drop_enum_type(const ops::TableName& table, std::string_view column) {
  return Statement{"DROP TYPE IF EXISTS " + enum_type_sql(table, column), {}};
}

Statement rename_enum_type(const ops::TableName& table, std::string_view column, std::string_view new_table,
                           std::string_view new_column) {
  return Statement{"ALTER TYPE " + enum_type_sql(table, column) + " RENAME TO " +
                       quote_sql_identifier(enum_type_name(new_table, new_column)),
                   {}};
}

bool only_adds_values(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  std::size_t matched = 0;  // `before` must be a subsequence of `after`
  for (const std::string& value : after) {
    if (matched < before.size() && value == before[matched]) ++matched;
  }
  return matched == before.size();
}

std::vector<Statement> add_enum_values(const ops::TableName& table, std::string_view column,
                                       const std::vector<std::string>& before, const std::vector<std::string>& after) {
  return add_values_to(enum_type_sql(table, column), before, after);
}

void fold_own_enum_types(schema::Schema& schema) {
  std::map<std::pair<std::string, std::string>, std::vector<schema::Column*>> users;  // (schema, name) -> columns
  std::map<const schema::Column*, const schema::Table*> table_of;
  for (schema::Table& table : schema.tables) {
    for (schema::Column& column : table.columns) {
      if (!column.type.is_named_enum()) continue;
      users[{column.type.enum_schema, column.type.enum_name}].push_back(&column);
      table_of[&column] = &table;
    }
  }
  std::set<std::pair<std::string, std::string>> folded;
  for (auto& [key, columns] : users) {
    if (columns.size() != 1) continue;
    schema::Column& column = *columns.front();
    const schema::Table& table = *table_of[&column];
    if (key.first != table.schema || key.second != enum_type_name(table.name, column.name)) continue;
    column.type.enum_name.clear();
    column.type.enum_schema.clear();
    folded.insert(key);
  }
  std::erase_if(schema.enums, [&](const schema::EnumType& type) { return folded.contains({type.schema, type.name}); });
  std::stable_sort(schema.enums.begin(), schema.enums.end(), [](const schema::EnumType& a, const schema::EnumType& b) {
    return std::tie(a.schema, a.name) < std::tie(b.schema, b.name);
  });
}

bool is_inline_enum(const schema::Type& type) { return type.kind == schema::TypeKind::enumeration && type.enum_name.empty(); }

std::string column_enum_type_sql(const ops::TableName& table, std::string_view column, const schema::Type& type) {
  return type.is_named_enum() ? qualified(type.enum_schema, type.enum_name) : enum_type_sql(table, column);
}

std::vector<Statement> create_named_enum(const schema::EnumType& type) {
  return {create_type(qualified(type.schema, type.name), type.values)};
}

std::vector<Statement> drop_named_enum(const schema::EnumType& type) {
  return {Statement{"DROP TYPE " + qualified(type.schema, type.name), {}}};
}

std::vector<Statement> alter_named_enum(const schema::EnumType& type, const std::vector<std::string>& existing_values,
                                        const schema::Schema* before,
                                        const std::function<std::string(std::string_view)>& default_clause) {
  const std::string type_sql = qualified(type.schema, type.name);
  if (only_adds_values(existing_values, type.values)) return add_values_to(type_sql, existing_values, type.values);
  if (!before)
    throw usage_error("alter_enum " + schema::enum_reference(type.schema, type.name) +
                      " removes or reorders values, which converts every column of the type, and which columns "
                      "those are is not known here");
  // The old type is set aside under another name while the columns convert to the new one.
  const std::string set_aside = enum_type_name(type.name, "old");
  std::vector<Statement> statements;
  statements.push_back(Statement{"ALTER TYPE " + type_sql + " RENAME TO " + quote_sql_identifier(set_aside), {}});
  statements.push_back(create_type(type_sql, type.values));
  for (const schema::Table& table : before->tables) {
    for (const schema::Column& column : table.columns) {
      if (!column.type.is_named_enum() || column.type.enum_name != type.name || column.type.enum_schema != type.schema)
        continue;
      const std::string alter = "ALTER TABLE " + qualified(table.schema, table.name) + " ALTER COLUMN " +
                                quote_sql_identifier(column.name) + " ";
      // A default names the old type: it cannot convert along with the values.
      if (column.default_sql) statements.push_back(Statement{alter + "DROP DEFAULT", {}});
      statements.push_back(Statement{alter + "TYPE " + type_sql + " USING " + quote_sql_identifier(column.name) +
                                         "::text::" + type_sql,
                                     {}});
      if (column.default_sql) statements.push_back(Statement{alter + "SET " + default_clause(*column.default_sql), {}});
    }
  }
  statements.push_back(Statement{"DROP TYPE " + qualified(type.schema, set_aside), {}});
  return statements;
}

}  // namespace dbmig::dialect::postgres
