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

std::vector<Statement> PostgresRenderer::create_index(const ops::CreateIndex& op, const RenderContext& context) const {
  if (!online_for(context, op.table)) return SqlRenderer::create_index(op, context);
  const std::string plain = create_index_statement(op.table, op.index).sql;
  const std::size_t after_index = std::string_view(op.index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ").size();
  Statement build = outside_transaction(std::string(plain).insert(after_index, "CONCURRENTLY "));
  // A build killed or failed half way leaves an INVALID index of that name, which would make the
  // next build fail ("already exists") and IF NOT EXISTS skip it: it goes first. A build that
  // finished unrecorded is kept (IF NOT EXISTS).
  const std::string index = qualified_name(op.index.name, op.table.schema);
  build.resume = Resume{Query{"SELECT 1 FROM pg_index WHERE indexrelid = to_regclass($1) AND NOT indisvalid", {index}},
                        "DROP INDEX CONCURRENTLY IF EXISTS " + index,
                        std::string(plain).insert(after_index, "CONCURRENTLY IF NOT EXISTS ")};
  return {std::move(build)};
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
