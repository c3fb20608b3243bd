#pragma once
// SQL for ops on SQLite: the shared SqlRenderer with SQLite's type names, defaults, enum CHECKs,
// single schema, and no comments; ops ALTER TABLE cannot do are refused (see needs_rebuild.hpp).
#include "dialect/sql_renderer.hpp"

namespace dbmig::dialect::sqlite {

class SqliteRenderer final : public SqlRenderer {
 public:
  // Throws dbmig::Error (usage) for an op that needs a table rebuild, before rendering anything.
  std::vector<Statement> render(const ops::Op& op, const RenderContext& context) const override;

 protected:
  std::string_view dialect_name() const override { return "sqlite"; }
  std::string type_sql(const schema::Type& type) const override;
  std::string qualified_name(std::string_view name, std::string_view schema) const override;
  std::string default_clause(std::string_view default_sql) const override;
  std::string column_constraints(const schema::Column& column) const override;
  std::string index_expression(std::string_view expression) const override;
  std::vector<Statement> table_comment(const ops::TableName& table,
                                       const std::optional<std::string>& comment) const override;
  std::vector<Statement> column_comment(const ops::TableName& table, std::string_view column,
                                        const std::optional<std::string>& comment) const override;
  std::vector<Statement> alter_column(const ops::AlterColumn& op, const RenderContext& context) const override;
};

}  // namespace dbmig::dialect::sqlite
