// Column changes on MySQL/MariaDB. MODIFY COLUMN restates the whole column: what it leaves out
// (NOT NULL, DEFAULT, COMMENT, COLLATE, AUTO_INCREMENT) is gone afterwards, so the definition
// is the column before the step with the step's changes applied. Only a default changes alone,
// with ALTER COLUMN ... SET/DROP DEFAULT.
#include "dialect/mysql/mysql_renderer.hpp"

namespace dbmig::dialect::mysql {

namespace {

using schema::TypeKind;

// Types that take a COLLATE (a native one may: char(n), mediumtext, set(...)).
bool takes_collation(const schema::Type& type) {
  return type.kind == TypeKind::string || type.kind == TypeKind::text || type.kind == TypeKind::enumeration ||
         type.kind == TypeKind::native;
}

// The column before the step: from the schema when it is known, since a hand-written
// alter_column may leave out existing_type and the rest, which MODIFY would then reset; else as
// the step says it.
schema::Column column_before(const ops::AlterColumn& op, const RenderContext& context) {
  if (const schema::Schema* before = context.before.get()) {
    if (const schema::Table* table = before->find_table(op.table.name, op.table.schema)) {
      if (const schema::Column* column = table->find_column(op.column)) return *column;
    }
  }
  schema::Column column = op.existing;
  column.name = op.column;
  return column;
}

schema::Column with_changes(schema::Column column, const ops::AlterColumn& op) {
  if (op.type) {
    column.type = *op.type;
    // A collation kept from a text column would make the new number type's definition invalid.
    if (!takes_collation(column.type)) column.collation.reset();
  }
  if (op.nullable) column.nullable = *op.nullable;
  if (op.default_sql) column.default_sql = *op.default_sql;
  if (op.comment) column.comment = *op.comment;
  if (op.autoincrement) column.autoincrement = *op.autoincrement;  // MySQL has one kind
  if (op.collation) column.collation = *op.collation;  // nullopt: the table's default
  return column;
}

bool only_default_changes(const ops::AlterColumn& op) {
  return op.default_sql && !op.type && !op.nullable && !op.comment && !op.autoincrement && !op.collation;
}

}  // namespace

std::vector<Statement> MysqlRenderer::alter_column(const ops::AlterColumn& op, const RenderContext& context) const {
  if (only_default_changes(op)) {
    const std::string column = "ALTER COLUMN " + quote_identifier(op.column) + " ";
    return {alter_repeatable(op.table, *op.default_sql ? column + "SET " + default_clause(**op.default_sql)
                                                       : column + "DROP DEFAULT")};
  }
  return {modify_column(op.table, with_changes(column_before(op, context), op))};
}

// MySQL has no enum types: a named enum's columns are ENUM columns of their own, each changed to
// the new values with MODIFY COLUMN. Which columns have the type comes from the schema before
// the step; without it (or when none of its columns remembers the type's name), the shared
// refusal says to change the columns with alter_column.
std::vector<Statement> MysqlRenderer::alter_enum(const ops::AlterEnum& op, const RenderContext& context) const {
  std::vector<Statement> statements;
  if (const schema::Schema* before = context.before.get()) {
    for (const schema::Table& table : before->tables) {
      for (const schema::Column& column : table.columns) {
        const schema::Type& type = column.type;
        if (!type.is_named_enum() || type.enum_name != op.type.name || type.enum_schema != op.type.schema) continue;
        schema::Column changed = column;
        changed.type.enum_values = op.type.values;
        statements.push_back(modify_column(ops::TableName{table.name, table.schema}, changed));
      }
    }
  }
  if (statements.empty()) return SqlRenderer::alter_enum(op, context);
  return statements;
}

}  // namespace dbmig::dialect::mysql
