#include "dialect/sqlite/sqlite_renderer.hpp"

#include "dialect/sqlite/default_value.hpp"
#include "dialect/sqlite/enum_check.hpp"
#include "dialect/sqlite/needs_rebuild.hpp"
#include "dialect/sqlite/sql_expression.hpp"
#include "dialect/sqlite/sqlite_types.hpp"
#include "util/error.hpp"

namespace dbmig::dialect::sqlite {

std::vector<Statement> SqliteRenderer::render(const ops::Op& op, const RenderContext& context) const {
  const std::optional<std::string> reason = rebuild_reason(op, context.before);
  if (!reason) return SqlRenderer::render(op, context);
  const schema::Schema* before = context.before.get();  // only now: most ops never need it
  if (!before) {
    // Only after a raw sql step in --sql mode: nothing was run, so nothing can be read back.
    throw usage_error("SQLite cannot " + *reason + " in place, and rebuilding the table needs its definition, "
                      "which is unknown after a raw sql step when nothing is run",
                      std::nullopt,
                      "run with --sql against a database at the revision before, or move the raw sql step to a "
                      "revision of its own");
  }
  return rebuild(plan_rebuild(op, *before, context.foreign_keys_off));
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

}  // namespace dbmig::dialect::sqlite
