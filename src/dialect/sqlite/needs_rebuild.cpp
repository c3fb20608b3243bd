#include "dialect/sqlite/needs_rebuild.hpp"

#include <type_traits>
#include <variant>
#include <vector>

#include "dialect/sqlite/default_value.hpp"
#include "dialect/sqlite/rebuild_column_use.hpp"
#include "util/text.hpp"

namespace dbmig::dialect::sqlite {

using util::double_quoted;

namespace {

std::string of_table(const ops::TableName& table) { return " of table " + double_quoted(table.name); }

std::optional<std::string> reason_for(const ops::AlterColumn& op, const SchemaBefore& /*before*/) {
  std::vector<std::string> changes;
  if (op.type) changes.emplace_back("the type");
  if (op.nullable) changes.emplace_back("the nullability");
  if (op.default_sql) changes.emplace_back("the default");
  if (op.collation) changes.emplace_back("the collation");
  if (changes.empty()) return std::nullopt;  // comment and autoincrement: nothing SQLite stores
  std::string what = "change ";
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (i > 0) what += i + 1 == changes.size() ? " and " : ", ";
    what += changes[i];
  }
  return what + " of column " + double_quoted(op.column) + of_table(op.table);
}

std::optional<std::string> reason_for(const ops::AddColumn& op, const SchemaBefore& /*before*/) {
  const schema::Column& column = op.column;
  // ALTER TABLE ADD COLUMN refuses a STORED generated column once the table has rows.
  if (column.generated && column.generated->stored)
    return "add STORED generated column " + double_quoted(column.name) + " to table " + double_quoted(op.table.name);
  const bool has_default = column.default_sql && normalize_default(*column.default_sql).has_value();
  if (!column.nullable && !has_default) {
    return "add NOT NULL column " + double_quoted(column.name) + " without a default" + " to table " + double_quoted(op.table.name);
  }
  if (has_default && !is_constant_default(*column.default_sql)) {
    return "add column " + double_quoted(column.name) + " with the non-constant default " + *column.default_sql +
           " to table " + double_quoted(op.table.name);
  }
  return std::nullopt;
}

std::optional<std::string> reason_for(const ops::DropColumn& op, const SchemaBefore& before) {
  const schema::Schema* schema = before.get();
  if (!schema) return std::nullopt;
  const schema::Table* table = schema->find_table(op.table.name, op.table.schema);
  if (!table) return std::nullopt;
  if (std::optional<std::string> user = column_user(*table, op.column.name)) {
    return "drop column " + double_quoted(op.column.name) + of_table(op.table) + " (" + *user + " uses it)";
  }
  return std::nullopt;
}

template <class Constraint>
std::string constraint_noun() {
  if constexpr (std::is_same_v<Constraint, schema::PrimaryKey>) return "a primary key";
  else if constexpr (std::is_same_v<Constraint, schema::UniqueConstraint>) return "a unique constraint";
  else if constexpr (std::is_same_v<Constraint, schema::ForeignKey>) return "a foreign key";
  else return "a check constraint";
}

template <class Constraint>
std::optional<std::string> reason_for(const ops::AddConstraint<Constraint>& op, const SchemaBefore& /*before*/) {
  return "add " + constraint_noun<Constraint>() + " to table " + double_quoted(op.table.name);
}

template <class Constraint>
std::optional<std::string> reason_for(const ops::DropConstraint<Constraint>& op, const SchemaBefore& /*before*/) {
  return "drop " + constraint_noun<Constraint>() + (op.constraint.name.empty() ? "" : " (" + double_quoted(op.constraint.name) + ")") +
         " from table " + double_quoted(op.table.name);
}

// The constraints of a SQLite table live in its CREATE TABLE text, which only a rebuild rewrites.
std::optional<std::string> reason_for(const ops::RenameConstraint& op, const SchemaBefore& /*before*/) {
  return "rename constraint " + double_quoted(op.old_name) + of_table(op.table);
}

// Everything else ALTER TABLE (or CREATE/DROP) does in place.
template <class Op>
std::optional<std::string> reason_for(const Op& /*op*/, const SchemaBefore& /*before*/) {
  return std::nullopt;
}

}  // namespace

std::optional<std::string> rebuild_reason(const ops::Op& op, const SchemaBefore& before) {
  return std::visit([&before](const auto& step) { return reason_for(step, before); }, op);
}

}  // namespace dbmig::dialect::sqlite
