#pragma once
// SQL for ops on SQLite: the shared SqlRenderer with SQLite's type names, defaults, enum CHECKs,
// single schema, and no comments. Ops ALTER TABLE cannot do (needs_rebuild.hpp) are carried out by
// rebuilding the table (rebuild_plan.hpp, rebuild_statements.cpp).
#include "dialect/sql_renderer.hpp"
#include "dialect/sqlite/rebuild_plan.hpp"

namespace dbmig::dialect::sqlite {

class SqliteRenderer final : public SqlRenderer {
 public:
  // An op that needs a rebuild renders to the rebuild's statements; that needs the schema before
  // the op (context.before), and without it throws dbmig::Error (usage).
  std::vector<Statement> render(const ops::Op& op, const RenderContext& context) const override;
  // One rebuild carrying out several steps on one table (rebuild_groups.hpp), from the schema
  // before the first.
  std::vector<Statement> render_rebuild(const std::vector<const ops::Op*>& steps, const RenderContext& context) const;

 protected:
  std::string_view dialect_name() const override { return "sqlite"; }
  Brackets square_brackets() const override { return Brackets::quote_identifiers; }
  std::string type_sql(const schema::Type& type) const override;
  std::string qualified_name(std::string_view name, std::string_view schema) const override;
  std::string default_clause(std::string_view default_sql) const override;
  std::string column_constraints(const schema::Column& column) const override;
  std::string column_primary_key(const schema::Table& table, const schema::Column& column) const override;
  std::string table_options(const schema::Table& table) const override;
  std::string index_expression(std::string_view expression) const override;
  std::string unique_deferrable(const schema::UniqueConstraint& unique) const override;  // refused
  std::vector<Statement> table_comment(const ops::TableName& table,
                                       const std::optional<std::string>& comment) const override;
  std::vector<Statement> column_comment(const ops::TableName& table, std::string_view column,
                                        const std::optional<std::string>& comment) const override;
  std::vector<Statement> create_table(const ops::CreateTable& op, const RenderContext& context) const override;
  std::vector<Statement> alter_column(const ops::AlterColumn& op, const RenderContext& context) const override;
  std::vector<Statement> rename_index(const ops::RenameIndex& op, const RenderContext& context) const override;

 private:
  // The statements of a table rebuild, in the revision's transaction (rebuild_statements.cpp).
  std::vector<Statement> rebuild(const RebuildPlan& plan) const;
};

}  // namespace dbmig::dialect::sqlite
