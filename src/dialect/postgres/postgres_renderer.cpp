#include "dialect/postgres/postgres_renderer.hpp"

#include <cctype>

#include "dialect/postgres/enum_types.hpp"
#include "dialect/postgres/postgres_types.hpp"

namespace dbmig::dialect::postgres {
namespace {

void append(std::vector<Statement>& statements, std::vector<Statement> more) {
  for (Statement& statement : more) statements.push_back(std::move(statement));
}

// An inline enum column, whose type is its own: created, renamed and dropped with it.
bool is_enum(const schema::Column& column) { return is_inline_enum(column.type); }

// The column as the shared renderer should write it: an enum column's type by its name (the
// named type's, or the column's own).
schema::Column with_enum_type_named(const ops::TableName& table, schema::Column column) {
  if (column.type.kind != schema::TypeKind::enumeration) return column;
  schema::Type type;
  type.kind = schema::TypeKind::native;
  type.native = column_enum_type_sql(table, column.name, column.type);
  column.type = std::move(type);
  return column;
}

// A serial column as the shared renderer should write it: with its pseudo-type, which creates
// the sequence OWNED BY the column and the nextval() default, as `serial` always has.
schema::Column with_serial_type(schema::Column column) {
  if (!column.autoincrement || column.autoincrement_kind != schema::AutoincrementKind::serial) return column;
  const schema::TypeKind kind = column.type.kind;
  schema::Type type;
  type.kind = schema::TypeKind::native;
  type.native = kind == schema::TypeKind::bigint ? "bigserial" : kind == schema::TypeKind::smallint ? "smallserial" : "serial";
  column.type = std::move(type);
  return column;
}

// The table as it is before the op, when the migrator knows it (asking may read the schema).
const schema::Table* table_before(const RenderContext& context, const ops::TableName& table) {
  const schema::Schema* before = context.before.get();
  return before ? before->find_table(table.name, table.schema) : nullptr;
}

// The column as it is before the op: from the known schema when there is one (a hand-written
// drop_column names only the column), else as the op gives it.
const schema::Column& column_before(const RenderContext& context, const ops::TableName& table,
                                    const schema::Column& given) {
  if (const schema::Table* before = table_before(context, table)) {
    if (const schema::Column* column = before->find_column(given.name)) return *column;
  }
  return given;
}

}  // namespace

std::string PostgresRenderer::type_sql(const schema::Type& type) const { return postgres::type_sql(type); }

std::string PostgresRenderer::placeholder(std::size_t index) const { return "$" + std::to_string(index); }

// $1, $2, ...: each names its parameter, whatever the order. A '$' inside an identifier (a$1) or
// opening a dollar-quoted string ($$, $tag$) is not a placeholder.
std::optional<SqlRenderer::PlaceholderMatch> PostgresRenderer::match_placeholder(std::string_view sql, std::size_t at,
                                                                                std::size_t /*seen*/) const {
  if (sql[at] != '$') return std::nullopt;
  if (at > 0) {
    const unsigned char before = static_cast<unsigned char>(sql[at - 1]);
    if (std::isalnum(before) || before == '_' || before == '$' || before >= 0x80) return std::nullopt;
  }
  std::size_t end = at + 1;
  std::size_t number = 0;
  while (end < sql.size() && std::isdigit(static_cast<unsigned char>(sql[end]))) {
    number = number * 10 + static_cast<std::size_t>(sql[end] - '0');
    ++end;
  }
  if (end == at + 1 || number == 0) return std::nullopt;
  return PlaceholderMatch{end - at, number - 1};
}

// autoincrement: true is BY DEFAULT rather than ALWAYS: rows copied in with their ids (restores,
// data migrations) are accepted, as with SQLite's rowid and PostgreSQL's serial; ALWAYS is asked
// for by name (autoincrement: always).
namespace {

// Whether `sql` has a blank outside quotes, parentheses and brackets: more than one operand at
// its top level ("CURRENT_TIMESTAMP AT TIME ZONE 'utc'", "a IS NULL").
bool has_top_level_blank(std::string_view sql) {
  int depth = 0;
  char quote = 0;
  for (const char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: the same state after both
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      --depth;
    } else if (depth == 0 && (c == ' ' || c == '\t' || c == '\n')) {
      return true;
    }
  }
  return false;
}

}  // namespace

// DEFAULT takes a restricted expression: `DEFAULT CURRENT_TIMESTAMP AT TIME ZONE 'utc'` is a
// syntax error, though the server prints the default so once parentheses it stored are gone.
// An expression of several terms goes in parentheses (the server stores the same default).
std::string PostgresRenderer::default_clause(std::string_view default_sql) const {
  const std::string sql(default_sql);
  return has_top_level_blank(sql) ? "DEFAULT (" + sql + ")" : "DEFAULT " + sql;
}

std::string PostgresRenderer::column_constraints(const schema::Column& column) const {
  if (!column.autoincrement) return {};
  switch (column.autoincrement_kind) {
    case schema::AutoincrementKind::serial: return {};  // the type says it (with_serial_type)
    case schema::AutoincrementKind::always: return "GENERATED ALWAYS AS IDENTITY";
    case schema::AutoincrementKind::identity: break;
  }
  return "GENERATED BY DEFAULT AS IDENTITY";
}

std::vector<Statement> PostgresRenderer::create_table(const ops::CreateTable& op, const RenderContext& context) const {
  const ops::TableName name{op.table.name, op.table.schema};
  std::vector<Statement> statements;
  ops::CreateTable resolved = op;
  for (schema::Column& column : resolved.table.columns) {
    if (is_enum(column)) statements.push_back(create_enum_type(name, column.name, column.type.enum_values));
    column = with_serial_type(with_enum_type_named(name, std::move(column)));
  }
  append(statements, SqlRenderer::create_table(resolved, context));
  return statements;
}

std::vector<Statement> PostgresRenderer::drop_table(const ops::DropTable& op, const RenderContext& context) const {
  const ops::TableName name{op.table.name, op.table.schema};
  std::vector<Statement> statements = SqlRenderer::drop_table(op, context);
  // A hand-written drop_table names only the table: its enum columns are known from the schema.
  const schema::Table* definition = op.table.columns.empty() ? table_before(context, name) : &op.table;
  if (!definition) return statements;
  for (const schema::Column& column : definition->columns) {
    if (is_enum(column)) statements.push_back(drop_enum_type(name, column.name));
  }
  return statements;
}

std::vector<Statement> PostgresRenderer::rename_table(const ops::RenameTable& op, const RenderContext& context) const {
  std::vector<Statement> statements = SqlRenderer::rename_table(op, context);
  if (const schema::Table* before = table_before(context, op.table)) {
    for (const schema::Column& column : before->columns) {
      if (is_enum(column)) statements.push_back(rename_enum_type(op.table, column.name, op.new_name, column.name));
    }
  }
  return statements;
}

std::vector<Statement> PostgresRenderer::add_column(const ops::AddColumn& op, const RenderContext& context) const {
  std::vector<Statement> statements;
  if (is_enum(op.column)) statements.push_back(create_enum_type(op.table, op.column.name, op.column.type.enum_values));
  append(statements, SqlRenderer::add_column(
                         ops::AddColumn{op.table, with_serial_type(with_enum_type_named(op.table, op.column))}, context));
  return statements;
}

std::vector<Statement> PostgresRenderer::drop_column(const ops::DropColumn& op, const RenderContext& context) const {
  std::vector<Statement> statements = SqlRenderer::drop_column(op, context);
  if (is_enum(column_before(context, op.table, op.column))) {
    statements.push_back(drop_enum_type(op.table, op.column.name));
  }
  return statements;
}

std::vector<Statement> PostgresRenderer::rename_column(const ops::RenameColumn& op, const RenderContext& context) const {
  std::vector<Statement> statements = SqlRenderer::rename_column(op, context);
  const schema::Table* before = table_before(context, op.table);
  const schema::Column* column = before ? before->find_column(op.old_name) : nullptr;
  if (column && is_enum(*column)) {
    statements.push_back(rename_enum_type(op.table, op.old_name, op.table.name, op.new_name));
  }
  return statements;
}

std::vector<Statement> PostgresRenderer::create_enum(const ops::CreateEnum& op, const RenderContext& /*context*/) const {
  return create_named_enum(op.type);
}

std::vector<Statement> PostgresRenderer::drop_enum(const ops::DropEnum& op, const RenderContext& /*context*/) const {
  return drop_named_enum(op.type);
}

std::vector<Statement> PostgresRenderer::alter_enum(const ops::AlterEnum& op, const RenderContext& context) const {
  // The schema is read only when values go away or move (the columns to convert).
  const schema::Schema* before = only_adds_values(op.existing_values, op.type.values) ? nullptr : context.before.get();
  return alter_named_enum(op.type, op.existing_values, before,
                          [this](std::string_view default_sql) { return default_clause(default_sql); });
}

}  // namespace dbmig::dialect::postgres
