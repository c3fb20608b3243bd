#pragma once
// Native enum types: a named one of models.yaml's `enums:` (created and dropped by its own steps,
// create_enum / drop_enum / alter_enum), and one of its own for each inline enum(a, b, ...) column.
//
// Inline:
// Each enum column gets a type of its own, named "<table>_<column>" (cut to PostgreSQL's 63-byte
// identifier limit with a hash, like constraint names) in the table's schema: created just before
// the table or column that uses it, dropped just after that is dropped, renamed along with it, so
// that the name can always be derived from the table and column and nothing is left behind.
// Introspection reads an enum column's values whatever its type is called, so a database made by
// hand compares fine; only changing its values assumes dbmig's name.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dialect/connection.hpp"
#include "ops/op.hpp"

namespace dbmig::dialect::postgres {

std::string enum_type_name(std::string_view table, std::string_view column);

// An inline enum(a, b): a type of its column's own, which the column's steps create and drop.
bool is_inline_enum(const schema::Type& type);
// The SQL name of a column's enum type: the named type, or the column's own.
std::string column_enum_type_sql(const ops::TableName& table, std::string_view column, const schema::Type& type);

// A named enum type that is an inline enum's own in all but how it was declared (named
// "<table>_<column>" in the table's schema, used by that column alone) becomes the column's
// inline enum(...), and leaves Schema::enums: so that a database whose types dbmig created for
// inline enums, or that another tool made the same way, compares equal to models saying either.
// The rest of Schema::enums is sorted by schema and name.
void fold_own_enum_types(schema::Schema& schema);

// The steps of a named enum type. Changing values that are only added alters the type in place;
// any other change creates the new type and converts every column of the old one (listed in
// `before`, the schema before the step), setting each default aside meanwhile.
std::vector<Statement> create_named_enum(const schema::EnumType& type);
std::vector<Statement> drop_named_enum(const schema::EnumType& type);
std::vector<Statement> alter_named_enum(const schema::EnumType& type, const std::vector<std::string>& existing_values,
                                        const schema::Schema* before, const std::function<std::string(std::string_view)>& default_clause);

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
