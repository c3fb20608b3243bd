// The online forms of PostgresRenderer (docs/online-migrations.md): on a table that existed
// before the revision, an index is built and dropped CONCURRENTLY, outside any transaction (only
// a SHARE UPDATE EXCLUSIVE lock: writes go on), and a foreign key or check is added NOT VALID
// (a brief lock, no scan) and validated in a transaction of its own (the scan holds a lock that
// lets writes through). A table the revision created is empty: plain DDL is right for it.
#include "dialect/postgres/postgres_renderer.hpp"

namespace dbmig::dialect::postgres {

namespace {

bool online_for(const RenderContext& context, const ops::TableName& table) {
  return context.online && !context.is_new_table(table);
}

Statement outside_transaction(std::string sql) {
  Statement statement{std::move(sql), {}};
  statement.placement = Placement::outside_transaction;
  return statement;
}

}  // namespace

Statement PostgresRenderer::concurrent_index_build(const ops::TableName& table, const schema::Index& index) const {
  const std::string plain = create_index_statement(table, index).sql;
  const std::size_t after_index = std::string_view(index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ").size();
  Statement build = outside_transaction(std::string(plain).insert(after_index, "CONCURRENTLY "));
  // A build killed or failed half way leaves an INVALID index of that name, which would make the
  // next build fail ("already exists") and IF NOT EXISTS skip it: it goes first. A build that
  // finished unrecorded is kept (IF NOT EXISTS).
  const std::string name = qualified_name(index.name, table.schema);
  build.resume = Resume{Query{"SELECT 1 FROM pg_index WHERE indexrelid = to_regclass($1) AND NOT indisvalid", {name}},
                        "DROP INDEX CONCURRENTLY IF EXISTS " + name,
                        std::string(plain).insert(after_index, "CONCURRENTLY IF NOT EXISTS ")};
  return build;
}

std::vector<Statement> PostgresRenderer::create_index(const ops::CreateIndex& op, const RenderContext& context) const {
  if (!online_for(context, op.table)) return SqlRenderer::create_index(op, context);
  return {concurrent_index_build(op.table, op.index)};
}

// A unique constraint or primary key takes its index built beforehand, concurrently: ADD ...
// USING INDEX then only takes a brief lock (the index is renamed to the constraint's name, here
// the same). A primary key's columns must be NOT NULL already, or PostgreSQL scans to set it.
std::vector<Statement> PostgresRenderer::add_unique(const ops::AddUnique& op, const RenderContext& context) const {
  if (!online_for(context, op.table) || op.constraint.name.empty()) return SqlRenderer::add_unique(op, context);
  schema::Index index{op.constraint.name, {}, true, std::nullopt};
  for (const std::string& column : op.constraint.columns) index.terms.push_back(schema::IndexTerm::of_column(column));
  index.nulls_not_distinct = op.constraint.nulls_not_distinct;
  return {concurrent_index_build(op.table, index),
          alter_table(op.table, "ADD CONSTRAINT " + quote_identifier(op.constraint.name) + " UNIQUE USING INDEX " +
                                    quote_identifier(op.constraint.name) + unique_deferrable(op.constraint))};
}

std::vector<Statement> PostgresRenderer::add_primary_key(const ops::AddPrimaryKey& op,
                                                         const RenderContext& context) const {
  if (!online_for(context, op.table) || op.constraint.name.empty()) return SqlRenderer::add_primary_key(op, context);
  schema::Index index{op.constraint.name, {}, true, std::nullopt};
  for (const std::string& column : op.constraint.columns) index.terms.push_back(schema::IndexTerm::of_column(column));
  return {concurrent_index_build(op.table, index),
          alter_table(op.table, "ADD CONSTRAINT " + quote_identifier(op.constraint.name) + " PRIMARY KEY USING INDEX " +
                                    quote_identifier(op.constraint.name))};
}

std::vector<Statement> PostgresRenderer::set_not_null_online(const ops::AlterColumn& op) const {
  // PostgreSQL 12+ skips SET NOT NULL's scan when a validated check proves it: the check is added
  // NOT VALID, validated apart (writes go on), and dropped once SET NOT NULL is done.
  const std::string check = "dbmig_not_null_" + op.column;
  std::vector<Statement> statements =
      add_validated_later(op.table, "CONSTRAINT " + quote_identifier(check) + " CHECK (" + quote_identifier(op.column) +
                                        " IS NOT NULL)", check);
  statements.push_back(alter_table(op.table, "ALTER COLUMN " + quote_identifier(op.column) + " SET NOT NULL"));
  statements.push_back(alter_table(op.table, "DROP CONSTRAINT " + quote_identifier(check)));
  return statements;
}

bool PostgresRenderer::sets_not_null_online(const ops::AlterColumn& op, const RenderContext& context) const {
  return online_for(context, op.table) && op.nullable == false && op.existing.nullable;
}

std::vector<Statement> PostgresRenderer::drop_index(const ops::DropIndex& op, const RenderContext& context) const {
  if (!online_for(context, op.table)) return SqlRenderer::drop_index(op, context);
  const std::string index = qualified_name(op.index.name, op.table.schema);
  Statement drop = outside_transaction("DROP INDEX CONCURRENTLY " + index);
  drop.resume = Resume{std::nullopt, {}, "DROP INDEX CONCURRENTLY IF EXISTS " + index};
  return {std::move(drop)};
}

std::vector<Statement> PostgresRenderer::add_validated_later(const ops::TableName& table, std::string_view clause,
                                                             std::string_view name) const {
  Statement validate = alter_table(table, "VALIDATE CONSTRAINT " + quote_identifier(name));
  validate.placement = Placement::own_transaction;
  return {alter_table(table, "ADD " + std::string(clause) + " NOT VALID"), std::move(validate)};
}

// An unnamed constraint cannot be validated by name: it is added the plain way.
std::vector<Statement> PostgresRenderer::add_foreign_key(const ops::AddForeignKey& op,
                                                         const RenderContext& context) const {
  if (!online_for(context, op.table) || op.constraint.name.empty()) return SqlRenderer::add_foreign_key(op, context);
  return add_validated_later(op.table, foreign_key_clause(op.constraint, op.table.schema), op.constraint.name);
}

std::vector<Statement> PostgresRenderer::add_check(const ops::AddCheck& op, const RenderContext& context) const {
  if (!online_for(context, op.table) || op.constraint.name.empty()) return SqlRenderer::add_check(op, context);
  return add_validated_later(op.table, check_clause(op.constraint), op.constraint.name);
}

}  // namespace dbmig::dialect::postgres
