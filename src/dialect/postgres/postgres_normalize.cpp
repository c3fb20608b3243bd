#include "dialect/postgres/postgres_normalize.hpp"

#include <algorithm>

#include "dialect/common/key_columns.hpp"
#include "dialect/postgres/enum_types.hpp"
#include "dialect/postgres/postgres_expression.hpp"
#include "dialect/postgres/postgres_types.hpp"

namespace dbmig::dialect::postgres {
namespace {

using schema::TypeKind;

bool is_integer(TypeKind kind) {
  return kind == TypeKind::integer || kind == TypeKind::bigint || kind == TypeKind::smallint;
}

// "(1)::numeric" or "1::numeric": an integer constant cast to numeric by hand. The server keeps
// that apart from DEFAULT 1 (stored as 1, an integer converted on the way in) and prints it
// back as 1::numeric; dropping the cast, as canonical_default does, would recreate the column
// with the other default. The canonical spelling keeps the cast.
std::optional<std::string> explicit_numeric_constant(std::string_view default_sql) {
  std::string text;
  for (const char c : default_sql)
    if (c != ' ') text += c;
  constexpr std::string_view kCast = "::numeric";
  if (text.size() <= kCast.size() || text.compare(text.size() - kCast.size(), kCast.size(), kCast) != 0) return std::nullopt;
  std::string_view number = std::string_view(text).substr(0, text.size() - kCast.size());
  if (number.size() > 2 && number.front() == '(' && number.back() == ')') number = number.substr(1, number.size() - 2);
  if (number.empty() || number.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  return std::string(number) + std::string(kCast);
}

void normalize_column(const schema::Table& table, schema::Column& column) {
  if (column.type.kind == TypeKind::native) {
    ReadType read = read_type(column.type.native);
    column.type = std::move(read.type);
    if (read.serial) {  // type: serial is autoincrement: serial
      column.autoincrement = true;
      column.autoincrement_kind = schema::AutoincrementKind::serial;
    }
  }
  if (column.type.kind == TypeKind::numeric && column.type.precision && !column.type.scale) column.type.scale = 0;
  if (!is_integer(column.type.kind)) column.autoincrement = false;
  if (const auto kept = column.default_sql ? explicit_numeric_constant(*column.default_sql) : std::nullopt) {
    column.default_sql = kept;
  } else {
    if (column.default_sql) column.default_sql = canonical_default(*column.default_sql);
    if (column.default_sql) column.default_sql = typed_default(*column.default_sql, column.type);
  }
  if (!column.autoincrement) column.autoincrement_kind = schema::AutoincrementKind::identity;
  if (column.autoincrement) {
    column.default_sql.reset();
    column.nullable = false;  // identity and serial columns are NOT NULL
  }
  if (in_primary_key(table, column.name)) column.nullable = false;
  if (column.generated) column.generated->expression = canonical_expression(column.generated->expression);
  // "default" is the type's own collation, what a column without COLLATE has.
  if (column.collation == "default") column.collation.reset();
}

template <class Item>
void sort_by_name(std::vector<Item>& items) {
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.name < b.name; });
}

}  // namespace

void normalize_schema(schema::Schema& schema) {
  for (schema::Table& table : schema.tables) {
    table.sqlite = {};  // SQLite's table options mean nothing here
    for (schema::Column& column : table.columns) normalize_column(table, column);
    for (schema::Index& index : table.indexes) {
      for (schema::IndexTerm& term : index.terms)
        if (term.is_expression()) term.expression = canonical_expression(term.expression);
      if (index.where) index.where = canonical_expression(*index.where);
    }
    for (schema::CheckConstraint& check : table.checks) check.expression = canonical_expression(check.expression);
    sort_by_name(table.indexes);
    sort_by_name(table.uniques);
    sort_by_name(table.foreign_keys);
    sort_by_name(table.checks);
  }
  fill_referred_columns(schema);
  fold_own_enum_types(schema);
}

}  // namespace dbmig::dialect::postgres
