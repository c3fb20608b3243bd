#include "dialect/mysql/mysql_renderer.hpp"

#include "dialect/mysql/mysql_quoting.hpp"
#include "dialect/mysql/mysql_types.hpp"
#include "util/error.hpp"

namespace dbmig::dialect::mysql {

namespace {

// What follows `prefix` in `clause`, which the shared renderer built starting with it: the
// constraint clauses are taken from SqlRenderer (one spelling, its refusals) and only cut where
// MariaDB puts IF NOT EXISTS.
std::string_view after_prefix(std::string_view clause, std::string_view prefix) {
  if (!clause.starts_with(prefix)) throw std::logic_error("constraint clause without its expected prefix");
  return clause.substr(prefix.size());
}

void require_name(const ops::TableName& table, std::string_view name, std::string_view what) {
  if (!name.empty()) return;
  throw usage_error("cannot drop an unnamed " + std::string(what) + " of table \"" + table.name + "\"", std::nullopt,
                    "give the constraint its name in the revision file");
}

[[noreturn]] void refuse_deferrable(std::string_view what, std::string_view name) {
  throw usage_error("MySQL cannot build " + std::string(what) + " \"" + std::string(name) +
                        "\": it is DEFERRABLE (deferrable:), and MySQL checks constraints at once",
                    std::nullopt, "remove deferrable from the constraint, or use PostgreSQL");
}

}  // namespace

Statement resumable(std::string_view head, std::string_view clause, std::string_view tail) {
  Statement statement{std::string(head).append(tail), {}};
  statement.resume = Resume{{}, {}, std::string(head).append(clause).append(tail)};
  return statement;
}

Statement repeatable(std::string sql) {
  Statement statement{sql, {}};
  statement.resume = Resume{{}, {}, std::move(sql)};
  return statement;
}

// Each DDL statement commits implicitly (and so does what the revision ran before it), so none
// can be part of the revision's transaction: each runs apart, its progress recorded around it.
// A raw SQL statement runs in a transaction of its own with the progress row that records it: a
// data change (INSERT ... SELECT, UPDATE) then commits with its record or not at all, even when
// dbmig is killed while the server is still running it (the server finishes a statement whose
// client has gone, so a change in autocommit would be done and not recorded, and done twice by
// the re-run). A raw DDL statement still commits on its own, as anywhere on MySQL.
std::vector<Statement> MysqlRenderer::render(const ops::Op& op, const RenderContext& context) const {
  std::vector<Statement> statements = SqlRenderer::render(op, context);
  const Placement placement =
      std::holds_alternative<ops::Sql>(op) ? Placement::own_transaction : Placement::outside_transaction;
  for (Statement& statement : statements) {
    statement.placement = placement;
    if (placement == Placement::own_transaction) statement.resume.reset();  // only outside a transaction
  }
  return statements;
}

std::string MysqlRenderer::quote_identifier(std::string_view identifier) const {
  return mysql::quote_identifier(identifier);
}
std::string MysqlRenderer::quote_literal(std::string_view value) const { return quote_string(value); }

std::string MysqlRenderer::type_sql(const schema::Type& type) const { return mysql::type_sql(type); }

// MySQL's order: a generated column's AS clause comes right after the type, and MariaDB takes
// no NOT NULL on it at all; AUTO_INCREMENT and the COMMENT (MySQL has no COMMENT ON) follow.
std::string MysqlRenderer::column_definition(const schema::Column& column) const {
  std::string sql = quote_identifier(column.name) + " " + column_type(column);
  if (column.collation) sql += " COLLATE " + quote_identifier(*column.collation);
  if (const std::optional<schema::Generated>& generated = column.generated) {
    if (!column.nullable)
      throw usage_error("MariaDB cannot make generated column \"" + column.name + "\" NOT NULL", std::nullopt,
                        "make the column nullable (its expression decides what it holds)");
    sql += " GENERATED ALWAYS AS (" + generated->expression + ")" + (generated->stored ? " STORED" : " VIRTUAL");
  } else if (!column.nullable) {
    sql += " NOT NULL";
  } else if (column.type.kind == schema::TypeKind::timestamptz) {
    // Without explicit_defaults_for_timestamp (off before MariaDB 10.10, on older MySQL) a TIMESTAMP
    // column not said NULL is made NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP.
    sql += " NULL";
  }
  if (column.default_sql) sql += " " + default_clause(*column.default_sql);
  if (column.autoincrement) sql += " AUTO_INCREMENT";
  if (column.comment) sql += " COMMENT " + quote_literal(*column.comment);
  return sql;
}

std::string MysqlRenderer::unique_deferrable(const schema::UniqueConstraint& unique) const {
  if (unique.deferrable) refuse_deferrable("unique constraint", unique.name);
  return {};
}

std::string MysqlRenderer::foreign_key_deferrable(const schema::ForeignKey& foreign_key) const {
  if (foreign_key.deferrable) refuse_deferrable("foreign key", foreign_key.name);
  return {};
}

// An empty comment is how MySQL removes one.
std::vector<Statement> MysqlRenderer::table_comment(const ops::TableName& table,
                                                    const std::optional<std::string>& comment) const {
  return {alter_repeatable(table, "COMMENT = " + quote_literal(comment.value_or("")))};
}

// A column's comment is written in its definition (column_definition), by the step that writes
// the column: nothing more to do.
std::vector<Statement> MysqlRenderer::column_comment(const ops::TableName& /*table*/, std::string_view /*column*/,
                                                     const std::optional<std::string>& /*comment*/) const {
  return {};
}

Statement MysqlRenderer::alter_resumable(const ops::TableName& table, std::string_view head, std::string_view clause,
                                         std::string_view tail) const {
  return resumable("ALTER TABLE " + table_name(table) + " " + std::string(head), clause, tail);
}

Statement MysqlRenderer::alter_repeatable(const ops::TableName& table, std::string_view action) const {
  return repeatable(alter_table(table, action).sql);
}

Statement MysqlRenderer::modify_column(const ops::TableName& table, const schema::Column& column) const {
  return alter_repeatable(table, "MODIFY COLUMN " + column_definition(column));
}

// The shared CREATE TABLE with three changes: the primary key without its name (MySQL names
// every primary key PRIMARY and ignores a CONSTRAINT name), the comment among the table options,
// and the indexes built by create_index (FULLTEXT, SPATIAL and USING are MySQL's own).
std::vector<Statement> MysqlRenderer::create_table(const ops::CreateTable& op, const RenderContext& context) const {
  schema::Table bare = op.table;
  bare.comment.reset();
  bare.indexes.clear();
  if (bare.primary_key) bare.primary_key->name.clear();
  std::string sql = SqlRenderer::create_table(ops::CreateTable{bare}, context).front().sql;
  if (op.table.comment) sql += " COMMENT=" + quote_literal(*op.table.comment);
  constexpr std::string_view create = "CREATE TABLE ";
  std::vector<Statement> statements{resumable(create, "IF NOT EXISTS ", after_prefix(sql, create))};
  const ops::TableName name{op.table.name, op.table.schema};
  for (const schema::Index& index : op.table.indexes) {
    for (Statement& statement : create_index(ops::CreateIndex{name, index}, context)) statements.push_back(std::move(statement));
  }
  return statements;
}

std::vector<Statement> MysqlRenderer::drop_table(const ops::DropTable& op, const RenderContext& /*context*/) const {
  return {resumable("DROP TABLE ", "IF EXISTS ", table_name(op.table))};
}

// RENAME TABLE rather than ALTER TABLE ... RENAME TO, for its IF EXISTS (MariaDB 10.5.2+).
std::vector<Statement> MysqlRenderer::rename_table(const ops::RenameTable& op, const RenderContext& /*context*/) const {
  return {resumable("RENAME TABLE ", "IF EXISTS ",
                    table_name(op.table) + " TO " + qualified_name(op.new_name, op.table.schema))};
}

std::vector<Statement> MysqlRenderer::add_column(const ops::AddColumn& op, const RenderContext& /*context*/) const {
  return {alter_resumable(op.table, "ADD COLUMN ", "IF NOT EXISTS ", column_definition(op.column))};
}

std::vector<Statement> MysqlRenderer::drop_column(const ops::DropColumn& op, const RenderContext& /*context*/) const {
  return {alter_resumable(op.table, "DROP COLUMN ", "IF EXISTS ", quote_identifier(op.column.name))};
}

// RENAME COLUMN: MariaDB 10.5.2+ and MySQL 8.0.
std::vector<Statement> MysqlRenderer::rename_column(const ops::RenameColumn& op, const RenderContext& /*context*/) const {
  return {alter_resumable(op.table, "RENAME COLUMN ", "IF EXISTS ",
                          quote_identifier(op.old_name) + " TO " + quote_identifier(op.new_name))};
}

std::vector<Statement> MysqlRenderer::add_primary_key(const ops::AddPrimaryKey& op, const RenderContext& /*context*/) const {
  return {alter_resumable(op.table, "ADD PRIMARY KEY ", "IF NOT EXISTS ", column_list(op.constraint.columns))};
}

// MariaDB has no DROP PRIMARY KEY IF EXISTS: a run killed right after it must be finished by hand.
std::vector<Statement> MysqlRenderer::drop_primary_key(const ops::DropPrimaryKey& op,
                                                       const RenderContext& /*context*/) const {
  return {alter_table(op.table, "DROP PRIMARY KEY")};
}

std::vector<Statement> MysqlRenderer::add_unique(const ops::AddUnique& op, const RenderContext& /*context*/) const {
  const std::string clause = unique_clause(op.constraint);
  if (op.constraint.name.empty()) return {alter_table(op.table, "ADD " + clause)};  // the server names it
  const std::string head = "ADD CONSTRAINT " + quote_identifier(op.constraint.name) + " UNIQUE ";
  return {alter_resumable(op.table, head, "IF NOT EXISTS ", after_prefix(clause, head.substr(4)))};
}

// A unique constraint is a unique index of the same name.
std::vector<Statement> MysqlRenderer::drop_unique(const ops::DropUnique& op, const RenderContext& /*context*/) const {
  require_name(op.table, op.constraint.name, "unique constraint");
  return {alter_resumable(op.table, "DROP INDEX ", "IF EXISTS ", quote_identifier(op.constraint.name))};
}

std::vector<Statement> MysqlRenderer::add_foreign_key(const ops::AddForeignKey& op,
                                                      const RenderContext& /*context*/) const {
  const std::string clause = foreign_key_clause(op.constraint, op.table.schema);
  if (op.constraint.name.empty()) return {alter_table(op.table, "ADD " + clause)};
  const std::string head = "ADD CONSTRAINT " + quote_identifier(op.constraint.name) + " FOREIGN KEY ";
  return {alter_resumable(op.table, head, "IF NOT EXISTS ", after_prefix(clause, head.substr(4)))};
}

// The index MySQL made for the foreign key's columns stays (it may serve queries).
std::vector<Statement> MysqlRenderer::drop_foreign_key(const ops::DropForeignKey& op,
                                                       const RenderContext& /*context*/) const {
  require_name(op.table, op.constraint.name, "foreign key");
  // InnoDB gave the key an index of the same name when none served it, and keeps that index when
  // the key goes; introspection does not show it while the key exists, so it goes with the key
  // (IF EXISTS: an index the key found already is not its own, and has another name).
  return {alter_resumable(op.table, "DROP FOREIGN KEY ", "IF EXISTS ", quote_identifier(op.constraint.name)),
          alter_repeatable(op.table, "DROP INDEX IF EXISTS " + quote_identifier(op.constraint.name))};
}

std::vector<Statement> MysqlRenderer::add_check(const ops::AddCheck& op, const RenderContext& /*context*/) const {
  const std::string clause = check_clause(op.constraint);
  if (op.constraint.name.empty()) return {alter_table(op.table, "ADD " + clause)};
  return {alter_resumable(op.table, "ADD CONSTRAINT ", "IF NOT EXISTS ", after_prefix(clause, "CONSTRAINT "))};
}

// DROP CONSTRAINT: MariaDB 10.2+ (MySQL 8.0.19+ also has DROP CHECK).
std::vector<Statement> MysqlRenderer::drop_check(const ops::DropCheck& op, const RenderContext& /*context*/) const {
  require_name(op.table, op.constraint.name, "check constraint");
  return {alter_resumable(op.table, "DROP CONSTRAINT ", "IF EXISTS ", quote_identifier(op.constraint.name))};
}

// MySQL renames indexes only: a unique constraint (a unique index) is renamed as one, a primary
// key is always PRIMARY, and foreign keys and checks cannot be renamed at all. Which kind the
// name is comes from the schema before the step.
std::vector<Statement> MysqlRenderer::rename_constraint(const ops::RenameConstraint& op,
                                                        const RenderContext& context) const {
  const schema::Schema* before = context.before.get();
  const schema::Table* table = before ? before->find_table(op.table.name, op.table.schema) : nullptr;
  const auto named = [&](const auto& list) {
    for (const auto& each : list)
      if (each.name == op.old_name) return true;
    return false;
  };
  if (table && table->primary_key && table->primary_key->name == op.old_name) return {};
  if (table && (named(table->uniques) || named(table->indexes)))
    return rename_index(ops::RenameIndex{op.table, op.old_name, op.new_name}, context);
  const std::string what = !table                      ? "a constraint of unknown kind (the schema is unknown)"
                           : named(table->foreign_keys) ? "a foreign key"
                           : named(table->checks)       ? "a check constraint"
                                                        : "not a constraint of the table";
  throw usage_error("MySQL cannot rename constraint \"" + op.old_name + "\" of table \"" + op.table.name + "\" to \"" +
                        op.new_name + "\": it is " + what + ", and MySQL renames only indexes and unique constraints",
                    std::nullopt,
                    "drop the constraint and add it again under its new name (drop_foreign_key/add_foreign_key, "
                    "drop_check/add_check), or use rename_index for a unique constraint");
}

}  // namespace dbmig::dialect::mysql
