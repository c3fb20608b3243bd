#include "dialect/sql_renderer.hpp"

#include <algorithm>
#include <type_traits>
#include <variant>

#include "dialect/common/sql_tokens.hpp"
#include "revision/names.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace dbmig::dialect {
namespace {

Statement statement(std::string sql) { return Statement{std::move(sql), {}}; }

// `CONSTRAINT "name" ` before a constraint clause; nothing for an unnamed constraint, which the
// database then names itself.
std::string constraint_prefix(const SqlRenderer& renderer, std::string_view name) {
  return name.empty() ? std::string() : "CONSTRAINT " + renderer.quote_identifier(name) + " ";
}

}  // namespace

std::string quoted_with(std::string_view text, char quote) {
  std::string out;
  out.reserve(text.size() + 2);
  out += quote;
  for (char c : text) {
    out += c;
    if (c == quote) out += quote;
  }
  out += quote;
  return out;
}

std::string quote_sql_identifier(std::string_view identifier) { return quoted_with(identifier, '"'); }
std::string quote_sql_string(std::string_view value) { return quoted_with(value, '\''); }

std::vector<Statement> SqlRenderer::render(const ops::Op& op, const RenderContext& context) const {
  return std::visit(
      [&](const auto& step) -> std::vector<Statement> {
        using Step = std::decay_t<decltype(step)>;
        if constexpr (std::is_same_v<Step, ops::CreateTable>) return create_table(step, context);
        else if constexpr (std::is_same_v<Step, ops::DropTable>) return drop_table(step, context);
        else if constexpr (std::is_same_v<Step, ops::RenameTable>) return rename_table(step, context);
        else if constexpr (std::is_same_v<Step, ops::SetTableComment>) return set_table_comment(step, context);
        else if constexpr (std::is_same_v<Step, ops::AddColumn>) return add_column(step, context);
        else if constexpr (std::is_same_v<Step, ops::DropColumn>) return drop_column(step, context);
        else if constexpr (std::is_same_v<Step, ops::RenameColumn>) return rename_column(step, context);
        else if constexpr (std::is_same_v<Step, ops::AlterColumn>) return alter_column(step, context);
        else if constexpr (std::is_same_v<Step, ops::CreateIndex>) return create_index(step, context);
        else if constexpr (std::is_same_v<Step, ops::DropIndex>) return drop_index(step, context);
        else if constexpr (std::is_same_v<Step, ops::AddPrimaryKey>) return add_primary_key(step, context);
        else if constexpr (std::is_same_v<Step, ops::DropPrimaryKey>) return drop_primary_key(step, context);
        else if constexpr (std::is_same_v<Step, ops::AddUnique>) return add_unique(step, context);
        else if constexpr (std::is_same_v<Step, ops::DropUnique>) return drop_unique(step, context);
        else if constexpr (std::is_same_v<Step, ops::AddForeignKey>) return add_foreign_key(step, context);
        else if constexpr (std::is_same_v<Step, ops::DropForeignKey>) return drop_foreign_key(step, context);
        else if constexpr (std::is_same_v<Step, ops::AddCheck>) return add_check(step, context);
        else if constexpr (std::is_same_v<Step, ops::DropCheck>) return drop_check(step, context);
        else if constexpr (std::is_same_v<Step, ops::RenameIndex>) return rename_index(step, context);
        else if constexpr (std::is_same_v<Step, ops::RenameConstraint>) return rename_constraint(step, context);
        else if constexpr (std::is_same_v<Step, ops::CreateEnum>) return create_enum(step, context);
        else if constexpr (std::is_same_v<Step, ops::DropEnum>) return drop_enum(step, context);
        else if constexpr (std::is_same_v<Step, ops::AlterEnum>) return alter_enum(step, context);
        else if constexpr (std::is_same_v<Step, ops::Sql>) return raw_sql(step, context);
        else {
          static_assert(std::is_same_v<Step, ops::Fail>, "every op kind must be rendered");
          throw usage_error(step.message);
        }
      },
      op);
}

std::string SqlRenderer::quote_identifier(std::string_view identifier) const { return quote_sql_identifier(identifier); }
std::string SqlRenderer::quote_literal(std::string_view value) const { return quote_sql_string(value); }

std::string SqlRenderer::rewrite_placeholders(std::string_view sql, const PlaceholderRewrite& rewrite) const {
  // Placeholders are looked for in the SQL's own tokens only: the shared lexer says where strings,
  // quoted identifiers (with this dialect's quotes) and comments are, which hold none.
  std::string out;
  std::size_t seen = 0;
  std::size_t copied = 0;  // sql[0, copied) is in `out`
  std::size_t next = 0;    // where the scan goes on: a placeholder may span tokens ("$" "1")
  for (const Token& token : tokenize(sql, square_brackets())) {
    if (token.kind == TokenKind::string || token.kind == TokenKind::quoted_identifier) continue;
    for (std::size_t at = std::max(next, token.offset); at < token.end();) {
      const std::optional<PlaceholderMatch> match = match_placeholder(sql, at, seen);
      if (!match) {
        ++at;
        continue;
      }
      const std::optional<std::string> replacement = rewrite(match->parameter);
      out.append(sql.substr(copied, at - copied));
      out += replacement ? *replacement : std::string(sql.substr(at, match->length));
      at += match->length;
      copied = next = at;
      ++seen;
    }
  }
  out.append(sql.substr(copied));
  return out;
}

std::string SqlRenderer::inline_parameters(const Statement& statement) const {
  return rewrite_placeholders(statement.sql, [&](std::size_t parameter) -> std::optional<std::string> {
    if (parameter >= statement.params.size()) return std::nullopt;  // no value: left as written
    const std::optional<std::string>& value = statement.params[parameter];
    return value ? quote_literal(*value) : "NULL";
  });
}

std::string SqlRenderer::shift_placeholders(std::string_view sql, std::size_t offset) const {
  return rewrite_placeholders(sql, [&](std::size_t parameter) -> std::optional<std::string> {
    return placeholder(parameter + offset + 1);
  });
}

std::vector<Statement> SqlRenderer::create_version_table(std::string_view table) const {
  const std::string primary_key_name = std::string(table) + "_pkc";
  return {statement("CREATE TABLE IF NOT EXISTS " + quote_identifier(table) + " (" + quote_identifier("version_num") +
                    " VARCHAR(" + std::to_string(revision::max_revision_id_length) + ") NOT NULL, CONSTRAINT " + quote_identifier(primary_key_name) + " PRIMARY KEY (" +
                    quote_identifier("version_num") + "))")};
}

Statement SqlRenderer::select_versions(std::string_view table) const {
  return statement("SELECT " + quote_identifier("version_num") + " FROM " + quote_identifier(table) + " ORDER BY " +
                   quote_identifier("version_num"));
}

Statement SqlRenderer::insert_version(std::string_view table, std::string_view revision) const {
  return Statement{"INSERT INTO " + quote_identifier(table) + " (" + quote_identifier("version_num") + ") VALUES (" +
                       placeholder(1) + ")",
                   {std::string(revision)}};
}

Statement SqlRenderer::delete_version(std::string_view table, std::string_view revision) const {
  return Statement{
      "DELETE FROM " + quote_identifier(table) + " WHERE " + quote_identifier("version_num") + " = " + placeholder(1),
      {std::string(revision)}};
}

std::vector<Statement> SqlRenderer::create_history_table(std::string_view table) const {
  const auto column = [](std::string name, std::string_view type, bool nullable) {
    schema::Column made;
    made.name = std::move(name);
    made.type = schema::parse_type(type);
    made.nullable = nullable;
    return made;
  };
  schema::Column id = column("id", "integer", false);
  id.autoincrement = true;  // the order rows were written in, even within one second
  schema::Column applied_at = column("applied_at", "timestamptz", false);
  applied_at.default_sql = "CURRENT_TIMESTAMP";
  const schema::Column columns[] = {id,
                                    column("revision", "string(64)", false),
                                    column("direction", "string(16)", false),
                                    column("checksum", "string(64)", true),
                                    applied_at,
                                    column("duration_ms", "bigint", true),
                                    column("applied_by", "string(255)", true)};
  std::vector<std::string> parts;
  for (const auto& each : columns) parts.push_back(column_definition(each));
  parts.push_back(primary_key_clause(schema::PrimaryKey{std::string(table) + "_pkc", {"id"}}));
  return {statement("CREATE TABLE IF NOT EXISTS " + quote_identifier(table) + " (" + util::join(parts, ", ") + ")")};
}

Statement SqlRenderer::insert_history(std::string_view table, const HistoryEntry& entry, AppliedBy applied_by) const {
  const bool database_user = applied_by == AppliedBy::database_user;
  Statement insert{"INSERT INTO " + quote_identifier(table) + " (" + quote_identifier("revision") + ", " +
                       quote_identifier("direction") + ", " + quote_identifier("checksum") + ", " +
                       quote_identifier("duration_ms") + ", " + quote_identifier("applied_by") + ") VALUES (" +
                       placeholder(1) + ", " + placeholder(2) + ", " + placeholder(3) + ", " + placeholder(4) + ", " +
                       (database_user ? "CURRENT_USER" : placeholder(5)) + ")",
                   {entry.revision, entry.direction,
                    entry.checksum.empty() ? std::nullopt : std::optional(entry.checksum),
                    entry.duration_ms ? std::optional(std::to_string(*entry.duration_ms)) : std::nullopt}};
  if (!database_user) insert.params.push_back(entry.os_user);
  return insert;
}

std::vector<Statement> SqlRenderer::record_revision(std::string_view version_table, std::string_view history_table,
                                                    const std::vector<std::string>& before,
                                                    const std::vector<std::string>& after, const HistoryEntry& entry,
                                                    AppliedBy applied_by) const {
  const auto contains = [](const std::vector<std::string>& list, const std::string& id) {
    return std::find(list.begin(), list.end(), id) != list.end();
  };
  std::vector<Statement> statements;
  for (const auto& id : before)
    if (!contains(after, id)) statements.push_back(delete_version(version_table, id));
  for (const auto& id : after)
    if (!contains(before, id)) statements.push_back(insert_version(version_table, id));
  statements.push_back(insert_history(history_table, entry, applied_by));
  return statements;
}

std::vector<Statement> SqlRenderer::create_progress_table(std::string_view table) const {
  return {statement("CREATE TABLE IF NOT EXISTS " + quote_identifier(table) + " (" + quote_identifier("revision") +
                    " VARCHAR(64) NOT NULL, " + quote_identifier("direction") + " VARCHAR(16) NOT NULL, " +
                    quote_identifier("checksum") + " VARCHAR(64) NOT NULL, " + quote_identifier("done") + " INTEGER NOT NULL, " + quote_identifier("started") +
                    " INTEGER NOT NULL)")};
}

Statement SqlRenderer::select_progress(std::string_view table) const {
  return statement("SELECT " + quote_identifier("revision") + ", " + quote_identifier("direction") + ", " +
                   quote_identifier("checksum") + ", " + quote_identifier("done") + ", " + quote_identifier("started") + " FROM " + quote_identifier(table));
}

// One row at most: the table is emptied first, in the same transaction (or autocommit pair).
std::vector<Statement> SqlRenderer::write_progress(std::string_view table, const ProgressRow& row) const {
  return {clear_progress(table),
          Statement{"INSERT INTO " + quote_identifier(table) + " (" + quote_identifier("revision") + ", " +
                        quote_identifier("direction") + ", " + quote_identifier("checksum") + ", " +
                        quote_identifier("done") + ", " + quote_identifier("started") + ") VALUES (" + placeholder(1) +
                        ", " + placeholder(2) + ", " + placeholder(3) + ", " + placeholder(4) + ", " + placeholder(5) +
                        ")",
                    {row.revision, row.direction, row.checksum, std::to_string(row.done), row.started ? "1" : "0"}}};
}

Statement SqlRenderer::update_progress(std::string_view table, const ProgressRow& row) const {
  return Statement{"UPDATE " + quote_identifier(table) + " SET " + quote_identifier("checksum") + " = " +
                       placeholder(1) + ", " + quote_identifier("done") + " = " + placeholder(2) + ", " +
                       quote_identifier("started") + " = " + placeholder(3) + " WHERE " + quote_identifier("revision") +
                       " = " + placeholder(4) + " AND " + quote_identifier("direction") + " = " + placeholder(5),
                   {row.checksum, std::to_string(row.done), row.started ? "1" : "0", row.revision, row.direction}};
}

Statement SqlRenderer::clear_progress(std::string_view table) const {
  return statement("DELETE FROM " + quote_identifier(table));
}

Statement SqlRenderer::select_history(std::string_view table) const {
  std::vector<std::string> columns;
  for (const auto* name : {"revision", "direction", "checksum", "applied_at", "duration_ms", "applied_by"})
    columns.push_back(quote_identifier(name));
  return statement("SELECT " + util::join(columns, ", ") + " FROM " + quote_identifier(table) + " ORDER BY " +
                   quote_identifier("id"));
}

std::string SqlRenderer::placeholder(std::size_t /*index*/) const { return "?"; }

std::optional<SqlRenderer::PlaceholderMatch> SqlRenderer::match_placeholder(std::string_view sql, std::size_t at,
                                                                            std::size_t seen) const {
  if (sql[at] != '?') return std::nullopt;
  return PlaceholderMatch{1, seen};
}

std::string SqlRenderer::qualified_name(std::string_view name, std::string_view schema) const {
  if (schema.empty()) return quote_identifier(name);
  return quote_identifier(schema) + "." + quote_identifier(name);
}

std::string SqlRenderer::column_definition(const schema::Column& column) const {
  std::string sql = quote_identifier(column.name);
  if (const std::string type = column_type(column); !type.empty()) sql += " " + type;
  if (column.collation) sql += " COLLATE " + quote_identifier(*column.collation);
  if (!column.nullable) sql += " NOT NULL";
  if (column.default_sql) sql += " " + default_clause(*column.default_sql);
  // Both dialects spell it so (PostgreSQL before 18 only STORED).
  if (const std::optional<schema::Generated>& generated = column.generated)
    sql += " GENERATED ALWAYS AS (" + generated->expression + ")" + (generated->stored ? " STORED" : " VIRTUAL");
  if (const std::string constraints = column_constraints(column); !constraints.empty()) sql += " " + constraints;
  return sql;
}

std::string SqlRenderer::column_type(const schema::Column& column) const { return type_sql(column.type); }

std::string SqlRenderer::default_clause(std::string_view default_sql) const {
  return "DEFAULT " + std::string(default_sql);
}

std::string SqlRenderer::column_constraints(const schema::Column& /*column*/) const { return {}; }

std::string SqlRenderer::column_primary_key(const schema::Table& /*table*/, const schema::Column& /*column*/) const {
  return {};
}

std::string SqlRenderer::table_options(const schema::Table& /*table*/) const { return {}; }
std::string SqlRenderer::table_persistence(const schema::Table& /*table*/) const { return {}; }

std::string SqlRenderer::index_expression(std::string_view expression) const {
  return "(" + std::string(expression) + ")";
}

namespace {

// "SQLite" for messages.
std::string dialect_label(std::string_view dialect) {
  if (dialect == "sqlite") return "SQLite";
  if (dialect == "mysql") return "MySQL/MariaDB";
  return std::string(dialect);
}

[[noreturn]] void refuse_index_option(std::string_view dialect, std::string_view index, std::string_view what) {
  throw usage_error(dialect_label(dialect) + " cannot build index \"" + std::string(index) + "\": it has " +
                        std::string(what) + ", which only PostgreSQL supports",
                    std::nullopt, "remove it from the index in the models (or the revision step), or use PostgreSQL");
}

}  // namespace

std::string SqlRenderer::index_method(const schema::Index& index) const {
  if (!index.method.empty()) refuse_index_option(dialect_name(), index.name, "access method " + index.method + " (using:)");
  return {};
}

std::string SqlRenderer::index_term_options(const schema::Index& index, const schema::IndexTerm& term) const {
  if (term.opclass) refuse_index_option(dialect_name(), index.name, "operator class " + *term.opclass + " (opclass:)");
  return {};
}

std::string SqlRenderer::index_term_nulls(const schema::Index& index, const schema::IndexTerm& term) const {
  if (term.nulls) refuse_index_option(dialect_name(), index.name, "a NULLS FIRST/LAST order (nulls:)");
  return {};
}

std::string SqlRenderer::index_tail(const schema::Index& index) const {
  if (!index.include.empty()) refuse_index_option(dialect_name(), index.name, "INCLUDE columns (include:)");
  if (index.nulls_not_distinct) refuse_index_option(dialect_name(), index.name, "NULLS NOT DISTINCT (nulls_not_distinct:)");
  return {};
}

std::string SqlRenderer::unique_nulls(const schema::UniqueConstraint& unique) const {
  if (unique.nulls_not_distinct)
    throw usage_error(dialect_label(dialect_name()) + " cannot build unique constraint \"" + unique.name +
                          "\": it has NULLS NOT DISTINCT (nulls_not_distinct:), which only PostgreSQL supports",
                      std::nullopt, "remove nulls_not_distinct from the constraint, or use PostgreSQL");
  return {};
}

std::string SqlRenderer::unique_deferrable(const schema::UniqueConstraint& unique) const {
  if (!unique.deferrable) return {};
  return unique.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
}

std::vector<Statement> SqlRenderer::table_comment(const ops::TableName& table,
                                                  const std::optional<std::string>& comment) const {
  return {statement("COMMENT ON TABLE " + table_name(table) + " IS " + (comment ? quote_literal(*comment) : "NULL"))};
}

std::vector<Statement> SqlRenderer::column_comment(const ops::TableName& table, std::string_view column,
                                                   const std::optional<std::string>& comment) const {
  return {statement("COMMENT ON COLUMN " + table_name(table) + "." + quote_identifier(column) + " IS " +
                    (comment ? quote_literal(*comment) : "NULL"))};
}

std::string SqlRenderer::column_list(const std::vector<std::string>& columns) const {
  std::vector<std::string> quoted;
  quoted.reserve(columns.size());
  for (const std::string& column : columns) quoted.push_back(quote_identifier(column));
  return "(" + util::join(quoted, ", ") + ")";
}

std::string SqlRenderer::primary_key_clause(const schema::PrimaryKey& primary_key) const {
  return constraint_prefix(*this, primary_key.name) + "PRIMARY KEY " + column_list(primary_key.columns);
}

std::string SqlRenderer::unique_clause(const schema::UniqueConstraint& unique) const {
  return constraint_prefix(*this, unique.name) + "UNIQUE" + unique_nulls(unique) + " " + column_list(unique.columns) +
         unique_deferrable(unique);
}

std::string SqlRenderer::foreign_key_clause(const schema::ForeignKey& foreign_key,
                                            std::string_view owner_schema) const {
  // Qualified with the owner's schema when none is named: unqualified, PostgreSQL would look the
  // table up on the search_path, not next to the table that refers to it.
  const std::string_view referred_schema =
      foreign_key.referred_schema.empty() ? owner_schema : std::string_view(foreign_key.referred_schema);
  std::string sql = constraint_prefix(*this, foreign_key.name) + "FOREIGN KEY " + column_list(foreign_key.columns) +
                    " REFERENCES " + qualified_name(foreign_key.referred_table, referred_schema);
  // No column list means the referred table's primary key.
  if (!foreign_key.referred_columns.empty()) sql += " " + column_list(foreign_key.referred_columns);
  if (foreign_key.on_delete != schema::ReferentialAction::no_action) sql += " ON DELETE " + to_sql(foreign_key.on_delete);
  if (foreign_key.on_update != schema::ReferentialAction::no_action) sql += " ON UPDATE " + to_sql(foreign_key.on_update);
  return sql + foreign_key_deferrable(foreign_key);
}

// PostgreSQL and SQLite spell it the same way.
std::string SqlRenderer::foreign_key_deferrable(const schema::ForeignKey& foreign_key) const {
  if (!foreign_key.deferrable) return {};
  return foreign_key.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
}

std::string SqlRenderer::check_inheritance(const schema::CheckConstraint& /*check*/) const { return {}; }

std::string SqlRenderer::check_clause(const schema::CheckConstraint& check) const {
  return constraint_prefix(*this, check.name) + "CHECK (" + check.expression + ")" + check_inheritance(check);
}

Statement SqlRenderer::create_index_statement(const ops::TableName& table, const schema::Index& index) const {
  std::vector<std::string> terms;
  for (const schema::IndexTerm& term : index.terms) {
    std::string sql = term.is_expression() ? index_expression(term.expression) : quote_identifier(term.column);
    if (term.collate) sql += " COLLATE " + quote_identifier(*term.collate);
    sql += index_term_options(index, term);
    if (term.descending) sql += " DESC";
    sql += index_term_nulls(index, term);
    terms.push_back(std::move(sql));
  }
  std::string sql = std::string(index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + quote_identifier(index.name) +
                    " ON " + table_name(table) + index_method(index) + " (" + util::join(terms, ", ") + ")" +
                    index_tail(index);
  if (index.where) sql += " WHERE " + *index.where;
  return statement(std::move(sql));
}

Statement SqlRenderer::alter_table(const ops::TableName& table, std::string_view action) const {
  return statement("ALTER TABLE " + table_name(table) + " " + std::string(action));
}

std::vector<Statement> SqlRenderer::create_table(const ops::CreateTable& op, const RenderContext& /*context*/) const {
  const schema::Table& table = op.table;
  std::vector<std::string> parts;
  bool key_in_column = false;
  for (const schema::Column& column : table.columns) {
    parts.push_back(column_definition(column));
    if (const std::string key = column_primary_key(table, column); !key.empty()) {
      parts.back() += " " + key;
      key_in_column = true;
    }
  }
  if (table.primary_key && !key_in_column) parts.push_back(primary_key_clause(*table.primary_key));
  for (const schema::UniqueConstraint& unique : table.uniques) parts.push_back(unique_clause(unique));
  for (const schema::ForeignKey& foreign_key : table.foreign_keys) parts.push_back(foreign_key_clause(foreign_key, table.schema));
  for (const schema::CheckConstraint& check : table.checks) parts.push_back(check_clause(check));

  std::vector<Statement> statements{statement("CREATE " + table_persistence(table) + "TABLE " + table_name(table) + " (\n  " + util::join(parts, ",\n  ") +
                                              "\n)" + table_options(table))};
  const ops::TableName name{table.name, table.schema};
  for (const schema::Index& index : table.indexes) statements.push_back(create_index_statement(name, index));
  if (table.comment) {
    for (Statement& comment : table_comment(name, table.comment)) statements.push_back(std::move(comment));
  }
  for (const schema::Column& column : table.columns) {
    if (!column.comment) continue;
    for (Statement& comment : column_comment(name, column.name, column.comment)) statements.push_back(std::move(comment));
  }
  return statements;
}

std::vector<Statement> SqlRenderer::drop_table(const ops::DropTable& op, const RenderContext& /*context*/) const {
  return {statement("DROP TABLE " + table_name(op.table))};
}

std::vector<Statement> SqlRenderer::rename_table(const ops::RenameTable& op, const RenderContext& /*context*/) const {
  return {alter_table(op.table, "RENAME TO " + quote_identifier(op.new_name))};
}

std::vector<Statement> SqlRenderer::set_table_comment(const ops::SetTableComment& op,
                                                      const RenderContext& /*context*/) const {
  return table_comment(op.table, op.comment);
}

std::vector<Statement> SqlRenderer::add_column(const ops::AddColumn& op, const RenderContext& /*context*/) const {
  std::vector<Statement> statements{alter_table(op.table, "ADD COLUMN " + column_definition(op.column))};
  if (op.column.comment) {
    for (Statement& comment : column_comment(op.table, op.column.name, op.column.comment)) {
      statements.push_back(std::move(comment));
    }
  }
  return statements;
}

std::vector<Statement> SqlRenderer::drop_column(const ops::DropColumn& op, const RenderContext& /*context*/) const {
  return {alter_table(op.table, "DROP COLUMN " + quote_identifier(op.column.name))};
}

std::vector<Statement> SqlRenderer::rename_column(const ops::RenameColumn& op, const RenderContext& /*context*/) const {
  return {alter_table(op.table, "RENAME COLUMN " + quote_identifier(op.old_name) + " TO " + quote_identifier(op.new_name))};
}

// SQL-standard ALTER COLUMN forms, one statement per changed attribute.
std::vector<Statement> SqlRenderer::alter_column(const ops::AlterColumn& op, const RenderContext& /*context*/) const {
  const std::string column = "ALTER COLUMN " + quote_identifier(op.column) + " ";
  std::vector<Statement> statements;
  if (op.type) statements.push_back(alter_table(op.table, column + "SET DATA TYPE " + type_sql(*op.type)));
  if (op.nullable) statements.push_back(alter_table(op.table, column + (*op.nullable ? "DROP NOT NULL" : "SET NOT NULL")));
  if (op.default_sql) {
    statements.push_back(alter_table(op.table, *op.default_sql ? column + "SET " + default_clause(**op.default_sql)
                                                               : column + "DROP DEFAULT"));
  }
  if (op.comment) {
    for (Statement& comment : column_comment(op.table, op.column, *op.comment)) statements.push_back(std::move(comment));
  }
  if (op.autoincrement) {
    throw usage_error(std::string(dialect_name()) + " cannot change whether column \"" + op.column + "\" of table \"" +
                      op.table.name + "\" autoincrements in place");
  }
  return statements;
}

std::vector<Statement> SqlRenderer::create_index(const ops::CreateIndex& op, const RenderContext& /*context*/) const {
  return {create_index_statement(op.table, op.index)};
}

std::vector<Statement> SqlRenderer::drop_index(const ops::DropIndex& op, const RenderContext& /*context*/) const {
  // An index lives in its table's schema.
  return {statement("DROP INDEX " + qualified_name(op.index.name, op.table.schema))};
}

std::vector<Statement> SqlRenderer::rename_index(const ops::RenameIndex& op, const RenderContext& /*context*/) const {
  return {statement("ALTER INDEX " + qualified_name(op.old_name, op.table.schema) + " RENAME TO " +
                    quote_identifier(op.new_name))};
}

std::vector<Statement> SqlRenderer::rename_constraint(const ops::RenameConstraint& op,
                                                      const RenderContext& /*context*/) const {
  return {alter_table(op.table, "RENAME CONSTRAINT " + quote_identifier(op.old_name) + " TO " +
                                    quote_identifier(op.new_name))};
}

std::vector<Statement> SqlRenderer::add_primary_key(const ops::AddPrimaryKey& op, const RenderContext& /*context*/) const {
  return {alter_table(op.table, "ADD " + primary_key_clause(op.constraint))};
}

std::vector<Statement> SqlRenderer::drop_primary_key(const ops::DropPrimaryKey& op,
                                                     const RenderContext& /*context*/) const {
  return drop_constraint(op.table, op.constraint.name, "primary key");
}

std::vector<Statement> SqlRenderer::add_unique(const ops::AddUnique& op, const RenderContext& /*context*/) const {
  return {alter_table(op.table, "ADD " + unique_clause(op.constraint))};
}

std::vector<Statement> SqlRenderer::drop_unique(const ops::DropUnique& op, const RenderContext& /*context*/) const {
  return drop_constraint(op.table, op.constraint.name, "unique constraint");
}

std::vector<Statement> SqlRenderer::add_foreign_key(const ops::AddForeignKey& op, const RenderContext& /*context*/) const {
  return {alter_table(op.table, "ADD " + foreign_key_clause(op.constraint, op.table.schema))};
}

std::vector<Statement> SqlRenderer::drop_foreign_key(const ops::DropForeignKey& op,
                                                     const RenderContext& /*context*/) const {
  return drop_constraint(op.table, op.constraint.name, "foreign key");
}

std::vector<Statement> SqlRenderer::add_check(const ops::AddCheck& op, const RenderContext& /*context*/) const {
  return {alter_table(op.table, "ADD " + check_clause(op.constraint))};
}

std::vector<Statement> SqlRenderer::drop_check(const ops::DropCheck& op, const RenderContext& /*context*/) const {
  return drop_constraint(op.table, op.constraint.name, "check constraint");
}

// A database without types of its own (SQLite) keeps an enum column's values in the column's
// check, which the steps creating and changing the column write: the type itself is nothing.
std::vector<Statement> SqlRenderer::create_enum(const ops::CreateEnum& /*op*/, const RenderContext& /*context*/) const {
  return {};
}
std::vector<Statement> SqlRenderer::drop_enum(const ops::DropEnum& /*op*/, const RenderContext& /*context*/) const {
  return {};
}
// Which columns have the type is not known there (its introspection sees checks, not types), so
// their checks cannot be rewritten from this step.
std::vector<Statement> SqlRenderer::alter_enum(const ops::AlterEnum& op, const RenderContext& /*context*/) const {
  throw usage_error("alter_enum " + schema::enum_reference(op.type.schema, op.type.name) + ": " +
                        dialect_label(dialect_name()) +
                        " has no enum types of its own, so a step changing one cannot say which columns to change",
                    std::nullopt,
                    "change each column of the type with alter_column (type: enum(...)) instead; `dbmig migrate` on "
                    "this database writes those steps");
}

std::vector<Statement> SqlRenderer::raw_sql(const ops::Sql& op, const RenderContext& /*context*/) const {
  // Per-dialect text wins over the shared text: it is the more specific instruction.
  if (const auto it = op.per_dialect.find(std::string(dialect_name())); it != op.per_dialect.end()) {
    return {statement(it->second)};
  }
  if (op.any_dialect) return {statement(*op.any_dialect)};
  throw usage_error("this raw sql step has no SQL for " + std::string(dialect_name()), std::nullopt,
                    "add a '" + std::string(dialect_name()) + ":' entry to the step's sql mapping");
}

std::vector<Statement> SqlRenderer::drop_constraint(const ops::TableName& table, std::string_view name,
                                                    std::string_view what) const {
  if (name.empty()) {
    throw usage_error("cannot drop an unnamed " + std::string(what) + " of table \"" + table.name + "\"", std::nullopt,
                      "give the constraint its name in the revision file");
  }
  return {alter_table(table, "DROP CONSTRAINT " + quote_identifier(name))};
}

}  // namespace dbmig::dialect
