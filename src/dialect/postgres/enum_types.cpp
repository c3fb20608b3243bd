#include "dialect/postgres/enum_types.hpp"

#include <algorithm>

#include "dialect/sql_renderer.hpp"
#include "schema/naming.hpp"
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

}  // namespace

std::string enum_type_name(std::string_view table, std::string_view column) {
  return *schema::NamingConvention::resolve("%(table)s_%(column_0)s", std::nullopt, table, {std::string(column)});
}

std::string enum_type_sql(const ops::TableName& table, std::string_view column) {
  return qualified(table.schema, enum_type_name(table.name, column));
}

Statement create_enum_type(const ops::TableName& table, std::string_view column, const std::vector<std::string>& values) {
  std::vector<std::string> literals;
  literals.reserve(values.size());
  for (const std::string& value : values) literals.push_back(quote_sql_string(value));
  return Statement{"CREATE TYPE " + enum_type_sql(table, column) + " AS ENUM (" + util::join(literals, ", ") + ")", {}};
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
  std::vector<Statement> statements;
  const std::string type = enum_type_sql(table, column);
  for (std::size_t at = 0; at < after.size(); ++at) {
    if (contains(before, after[at])) continue;
    std::string sql = "ALTER TYPE " + type + " ADD VALUE " + quote_sql_string(after[at]);
    if (at > 0) {
      sql += " AFTER " + quote_sql_string(after[at - 1]);
    } else if (!before.empty()) {
      sql += " BEFORE " + quote_sql_string(before.front());
    }
    statements.push_back(Statement{std::move(sql), {}});
  }
  return statements;
}

}  // namespace dbmig::dialect::postgres
