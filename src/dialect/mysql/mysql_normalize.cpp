#include "dialect/mysql/mysql_normalize.hpp"

#include <algorithm>

#include "dialect/common/key_columns.hpp"
#include "dialect/common/sql_tokens.hpp"
#include "dialect/mysql/mysql_expression.hpp"
#include "dialect/mysql/mysql_types.hpp"
#include "util/error.hpp"

namespace dbmig::dialect::mysql {
namespace {

using schema::TypeKind;

void normalize_type(schema::Type& type) {
  if (type.kind == TypeKind::native) type = read_type(type.native);
  type.enum_name.clear();  // no named types: an inline ENUM
  type.enum_schema.clear();
  // A model's numeric without a precision is written DECIMAL(65,30) (mysql_type_sql.cpp: the
  // server's own bare DECIMAL is DECIMAL(10,0), which would cut "any number" short).
  if (type.kind == TypeKind::numeric && !type.precision) {
    type.precision = 65;
    type.scale = 30;
  }
  if (type.kind == TypeKind::numeric && !type.scale) type.scale = 0;
}

void normalize_autoincrement(const schema::Table& table, schema::Column& column) {
  if (column.autoincrement && column.autoincrement_kind == schema::AutoincrementKind::always)
    throw usage_error("column \"" + table.name + "\".\"" + column.name +
                          "\" has autoincrement: always, which MySQL cannot give: its AUTO_INCREMENT takes a value "
                          "an insert gives",
                      std::nullopt, "use autoincrement: true with MySQL");
  column.autoincrement_kind = schema::AutoincrementKind::identity;
  if (!column.autoincrement) return;
  column.nullable = false;
  column.default_sql.reset();
}

void normalize_column(const schema::Table& table, schema::Column& column) {
  normalize_type(column.type);
  if (column.default_sql) column.default_sql = canonical_default(*column.default_sql, column.type);
  normalize_autoincrement(table, column);
  if (in_primary_key(table, column.name)) column.nullable = false;
  if (column.generated) {
    column.generated->expression = canonical_expression(column.generated->expression);
    column.default_sql.reset();
  }
  if (column.comment && column.comment->empty()) column.comment.reset();
  if (column.collation) column.collation = to_lower_ascii(*column.collation);
  if (column.type.kind == TypeKind::json) column.collation.reset();
}

// A unique BTREE index on whole columns is how MySQL keeps a UNIQUE constraint.
void fold_unique_indexes(schema::Table& table) {
  std::erase_if(table.indexes, [&](const schema::Index& index) {
    const bool constraint = index.unique && index.method.empty() && index.on_plain_columns() && !index.where &&
                            index.include.empty() && !index.nulls_not_distinct;
    if (constraint) table.uniques.push_back(schema::UniqueConstraint{index.name, index.key_columns()});
    return constraint;
  });
}

schema::ReferentialAction folded(schema::ReferentialAction action) {
  return action == schema::ReferentialAction::restrict ? schema::ReferentialAction::no_action : action;
}

template <class Item>
void sort_by_name(std::vector<Item>& items) {
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.name < b.name; });
}

}  // namespace

void normalize_schema(schema::Schema& schema) {
  schema.fold_schema(schema.unqualified_schema);
  for (schema::Table& table : schema.tables) {
    table.sqlite = {};  // other dialects' table options mean nothing here
    table.postgresql = {};
    if (table.comment && table.comment->empty()) table.comment.reset();
    if (table.primary_key) table.primary_key->name.clear();
    for (schema::Column& column : table.columns) normalize_column(table, column);
    fold_unique_indexes(table);
    for (schema::CheckConstraint& check : table.checks) check.expression = canonical_expression(check.expression);
    for (schema::ForeignKey& foreign_key : table.foreign_keys) {
      foreign_key.on_delete = folded(foreign_key.on_delete);
      foreign_key.on_update = folded(foreign_key.on_update);
    }
    sort_by_name(table.indexes);
    sort_by_name(table.uniques);
    sort_by_name(table.foreign_keys);
    sort_by_name(table.checks);
  }
  fill_referred_columns(schema);
  schema.enums.clear();
}

}  // namespace dbmig::dialect::mysql
