#include "dialect/sqlite/sqlite_normalize.hpp"

#include <algorithm>
#include <tuple>

#include "dialect/common/key_columns.hpp"
#include "dialect/common/sql_tokens.hpp"
#include "dialect/sqlite/default_value.hpp"
#include "dialect/sqlite/sqlite_expression.hpp"
#include "dialect/sqlite/sqlite_types.hpp"
#include "util/error.hpp"

namespace dbmig::dialect::sqlite {
namespace {

void normalize_column(const schema::Table& table, schema::Column& column) {
  column.comment.reset();
  // No types of its own: a named enum's column is an inline enum, a CHECK on its values.
  column.type.enum_name.clear();
  column.type.enum_schema.clear();
  if (column.type.kind == schema::TypeKind::native) column.type = type_from_declared(column.type.native);
  if (column.default_sql) column.default_sql = normalize_default(*column.default_sql);
  // Nullability stays as declared, also on a primary key column: SQLite lets one hold NULL
  // unless it is declared NOT NULL (an INTEGER PRIMARY KEY given NULL takes the next rowid).
  // Not in a WITHOUT ROWID table, whose key columns SQLite makes (and reports) NOT NULL.
  if (table.sqlite.without_rowid && in_primary_key(table, column.name)) column.nullable = false;
  const bool rowid_alias = is_rowid_alias(table, column);
  // An autoincrementing bigint or smallint key is declared INTEGER (the renderer's create_table),
  // which is what the database reports back.
  if (rowid_alias && column.type.kind != schema::TypeKind::integer) {
    column.type = schema::Type{};
    column.type.kind = schema::TypeKind::integer;
  }
  // serial and GENERATED ALWAYS ask for values on a column SQLite cannot give them to: refused
  // rather than silently made a plain integer column that inserts leave NULL.
  if (column.autoincrement && column.autoincrement_kind != schema::AutoincrementKind::identity && !rowid_alias)
    throw usage_error("column \"" + table.name + "\".\"" + column.name + "\" has autoincrement: " +
                          schema::to_string(column.autoincrement_kind) +
                          ", which SQLite cannot give: it numbers only an INTEGER PRIMARY KEY column (the rowid)",
                      std::nullopt,
                      "use autoincrement: " + schema::to_string(column.autoincrement_kind) +
                          " with PostgreSQL only, or make the column the table's single integer primary key");
  column.autoincrement = rowid_alias;
  column.autoincrement_kind = schema::AutoincrementKind::identity;  // the rowid has one way
  // Collation names ignore case; BINARY is what a column without COLLATE compares with.
  if (column.collation) {
    column.collation = to_upper_ascii(*column.collation);
    if (column.collation == "BINARY") column.collation.reset();
  }
  if (column.generated) column.generated->expression = normalize_expression(column.generated->expression);
}

// Total orders (every field takes part), so equal lists sort the same whatever their start order.
void sort_constraints(schema::Table& table) {
  std::sort(table.indexes.begin(), table.indexes.end(), [](const schema::Index& a, const schema::Index& b) {
    return std::tie(a.name, a.terms, a.unique, a.where, a.method, a.include, a.nulls_not_distinct) <
           std::tie(b.name, b.terms, b.unique, b.where, b.method, b.include, b.nulls_not_distinct);
  });
  std::sort(table.uniques.begin(), table.uniques.end(),
            [](const schema::UniqueConstraint& a, const schema::UniqueConstraint& b) {
              return std::tie(a.name, a.columns, a.nulls_not_distinct, a.deferrable, a.initially_deferred) <
                     std::tie(b.name, b.columns, b.nulls_not_distinct, b.deferrable, b.initially_deferred);
            });
  std::sort(table.foreign_keys.begin(), table.foreign_keys.end(),
            [](const schema::ForeignKey& a, const schema::ForeignKey& b) {
              return std::tie(a.name, a.columns, a.referred_table, a.referred_columns, a.on_delete, a.on_update) <
                     std::tie(b.name, b.columns, b.referred_table, b.referred_columns, b.on_delete, b.on_update);
            });
  std::sort(table.checks.begin(), table.checks.end(),
            [](const schema::CheckConstraint& a, const schema::CheckConstraint& b) {
              return std::tie(a.name, a.expression) < std::tie(b.name, b.expression);
            });
}

}  // namespace

void normalize_schema(schema::Schema& schema) {
  for (schema::Table& table : schema.tables) {
    table.schema.clear();
    table.comment.reset();
    table.postgresql = {};  // PostgreSQL's options mean nothing here
    for (schema::Column& column : table.columns) normalize_column(table, column);
    for (schema::Index& index : table.indexes) {
      for (schema::IndexTerm& term : index.terms)
        if (term.is_expression()) term.expression = normalize_expression(term.expression);
      if (index.where) index.where = normalize_expression(*index.where);
    }
    for (schema::CheckConstraint& check : table.checks) {
      check.expression = normalize_expression(check.expression);
      check.no_inherit = false;  // no table inheritance
    }
    for (schema::ForeignKey& foreign_key : table.foreign_keys) foreign_key.referred_schema.clear();
  }
  fill_referred_columns(schema);  // once every table is in the one schema
  for (schema::Table& table : schema.tables) sort_constraints(table);
  schema.enums.clear();
}

}  // namespace dbmig::dialect::sqlite
