#pragma once
// Native enum types for enum(a, b, ...) columns.
//
// Each enum column gets a type of its own, named "<table>_<column>" (cut to PostgreSQL's 63-byte
// identifier limit with a hash, like constraint names) in the table's schema: created just before
// the table or column that uses it, dropped just after that is dropped, renamed along with it, so
// that the name can always be derived from the table and column and nothing is left behind.
// Introspection reads an enum column's values whatever its type is called, so a database made by
// hand compares fine; only changing its values assumes dbmig's name.
#include <string>
#include <string_view>
#include <vector>

#include "dialect/connection.hpp"
#include "ops/op.hpp"

namespace dbmig::dialect::postgres {

std::string enum_type_name(std::string_view table, std::string_view column);

// The type as SQL names it: "table_column", or "schema"."table_column".
std::string enum_type_sql(const ops::TableName& table, std::string_view column);

Statement create_enum_type(const ops::TableName& table, std::string_view column, const std::vector<std::string>& values);
// IF EXISTS: dropping the table or column already dropped the data; a type named otherwise (a
// database not made by dbmig) is left alone rather than failing the migration.
Statement drop_enum_type(const ops::TableName& table, std::string_view column);
Statement rename_enum_type(const ops::TableName& table, std::string_view column, std::string_view new_table,
                           std::string_view new_column);

// True when `after` is `before` with values inserted (none removed or reordered): then
// ALTER TYPE ... ADD VALUE can change the type in place.
bool only_adds_values(const std::vector<std::string>& before, const std::vector<std::string>& after);
// One ALTER TYPE ... ADD VALUE per new value, each placed after its predecessor in `after` (or
// before the first old value), so that the type ends up in `after`'s order.
std::vector<Statement> add_enum_values(const ops::TableName& table, std::string_view column,
                                       const std::vector<std::string>& before, const std::vector<std::string>& after);

}  // namespace dbmig::dialect::postgres
