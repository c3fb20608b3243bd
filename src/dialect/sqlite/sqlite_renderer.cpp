#include "dialect/sqlite/sqlite_renderer.hpp"

#include "dialect/sqlite/default_value.hpp"
#include "dialect/sqlite/enum_check.hpp"
#include "dialect/sqlite/needs_rebuild.hpp"
#include "dialect/sqlite/revision_frame.hpp"
#include "dialect/sqlite/sqlite_expression.hpp"
#include "dialect/sqlite/sqlite_types.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace dbmig::dialect::sqlite {

namespace {

// The schema a rebuild restates the table from. Unknown only after a raw sql step in --sql mode:
// nothing was run, so nothing can be read back.
const schema::Schema& schema_for_rebuild(const RenderContext& context, const std::string& reason) {
  if (const schema::Schema* before = context.before.get()) return *before;  // only now: most ops never need it
  throw usage_error("SQLite cannot " + reason + " in place, and rebuilding the table needs its definition, "
                    "which is unknown after a raw sql step when nothing is run",
                    std::nullopt,
                    "run with --sql against a database at the revision before, or move the raw sql step to a "
                    "revision of its own");
}

}  // namespace

std::vector<Statement> SqliteRenderer::render(const ops::Op& op, const RenderContext& context) const {
  const std::optional<std::string> reason = rebuild_reason(op, context.before);
  if (!reason) return SqlRenderer::render(op, context);
  return rebuild(plan_rebuild(op, schema_for_rebuild(context, *reason), foreign_keys_off(context)));
}

std::vector<Statement> SqliteRenderer::render_rebuild(const std::vector<const ops::Op*>& steps,
                                                      const RenderContext& context) const {
  std::string reason;
  for (const ops::Op* step : steps)
    if (auto why = rebuild_reason(*step, nullptr); why && reason.empty()) reason = *why;
  return rebuild(plan_rebuild(steps, schema_for_rebuild(context, reason), foreign_keys_off(context)));
}

std::string SqliteRenderer::type_sql(const schema::Type& type) const { return declared_type(type); }

// A SQLite database has one schema of its own ("main"); a schema named in a model or revision
// (PostgreSQL-only) does not apply.
std::string SqliteRenderer::qualified_name(std::string_view name, std::string_view /*schema*/) const {
  return quote_identifier(name);
}

// SQLite takes literals bare after DEFAULT but any other expression only in parentheses.
std::string SqliteRenderer::default_clause(std::string_view default_sql) const {
  const std::string bare = strip_outer_parentheses(default_sql);
  return is_literal_default(bare) ? "DEFAULT " + bare : "DEFAULT (" + bare + ")";
}

std::string SqliteRenderer::column_constraints(const schema::Column& column) const {
  if (column.type.kind != schema::TypeKind::enumeration) return {};
  return "CHECK (" + enum_check_expression(column.name, column.type.enum_values) + ")";
}

// An autoincrementing bigint or smallint key is declared INTEGER, the rowid alias SQLite numbers by
// itself (is_rowid_alias): BIGINT PRIMARY KEY would leave every insert without an id failing.
// A rebuild re-creates its table through here too.
std::vector<Statement> SqliteRenderer::create_table(const ops::CreateTable& op, const RenderContext& context) const {
  ops::CreateTable declared = op;
  for (schema::Column& column : declared.table.columns) {
    if (column.type.kind == schema::TypeKind::integer || !is_rowid_alias(op.table, column)) continue;
    column.type = schema::Type{};
    column.type.kind = schema::TypeKind::integer;
  }
  return SqlRenderer::create_table(declared, context);
}

// AUTOINCREMENT is only allowed on the column: `"id" INTEGER NOT NULL CONSTRAINT "pk_t" PRIMARY KEY
// AUTOINCREMENT`, which then is the table's primary key.
std::string SqliteRenderer::column_primary_key(const schema::Table& table, const schema::Column& column) const {
  if (!table.sqlite.autoincrement || !table.primary_key || table.primary_key->columns.size() != 1 ||
      table.primary_key->columns.front() != column.name)
    return {};
  const std::string& name = table.primary_key->name;
  return (name.empty() ? std::string() : "CONSTRAINT " + quote_identifier(name) + " ") + "PRIMARY KEY AUTOINCREMENT";
}

std::string SqliteRenderer::table_options(const schema::Table& table) const {
  std::vector<std::string> options;
  if (table.sqlite.strict) options.emplace_back("STRICT");
  if (table.sqlite.without_rowid) options.emplace_back("WITHOUT ROWID");
  return options.empty() ? std::string() : " " + util::join(options, ", ");
}

// SQLite indexes any expression as written: `ON "t" (lower(name))`.
std::string SqliteRenderer::index_expression(std::string_view expression) const { return std::string(expression); }

// SQLite's UNIQUE constraints are always checked at once (only its foreign keys can wait).
std::string SqliteRenderer::unique_deferrable(const schema::UniqueConstraint& unique) const {
  if (!unique.deferrable) return {};
  throw usage_error("SQLite cannot build unique constraint \"" + unique.name + "\": it is DEFERRABLE (deferrable:), "
                    "which SQLite supports only on foreign keys",
                    std::nullopt, "remove deferrable from the constraint, or use PostgreSQL");
}

// SQLite has no place for comments; normalize() drops them from both sides, and an explicit
// comment step renders to nothing rather than failing a migration over documentation.
std::vector<Statement> SqliteRenderer::table_comment(const ops::TableName& /*table*/,
                                                     const std::optional<std::string>& /*comment*/) const {
  return {};
}

std::vector<Statement> SqliteRenderer::column_comment(const ops::TableName& /*table*/, std::string_view /*column*/,
                                                      const std::optional<std::string>& /*comment*/) const {
  return {};
}

// render() has already rebuilt the table for a type, nullability or default change; what is left
// is a comment or autoincrement change, neither of which SQLite stores: autoincrement is implied
// by a single INTEGER primary key (the rowid alias), so a rebuild would change nothing.
std::vector<Statement> SqliteRenderer::alter_column(const ops::AlterColumn& /*op*/,
                                                    const RenderContext& /*context*/) const {
  return {};
}

// SQLite has no ALTER INDEX: the index is dropped and created again under its new name, from its
// definition in the schema before the step.
std::vector<Statement> SqliteRenderer::rename_index(const ops::RenameIndex& op, const RenderContext& context) const {
  const schema::Schema* before = context.before.get();
  const schema::Table* table = before ? before->find_table(op.table.name) : nullptr;
  const schema::Index* index = nullptr;
  if (table)
    for (const schema::Index& each : table->indexes)
      if (each.name == op.old_name) index = &each;
  if (!index) {
    throw usage_error("SQLite renames an index by creating it again, which needs its definition, and index \"" +
                          op.old_name + "\" of table \"" + op.table.name + "\" is " +
                          (before ? "not in the database" : "unknown after a raw sql step when nothing is run"),
                      std::nullopt, "check the index name, or use drop_index and create_index steps");
  }
  schema::Index renamed = *index;
  renamed.name = op.new_name;
  std::vector<Statement> statements = drop_index(ops::DropIndex{op.table, *index}, context);
  for (Statement& create : create_index(ops::CreateIndex{op.table, renamed}, context))
    statements.push_back(std::move(create));
  return statements;
}

}  // namespace dbmig::dialect::sqlite
