#pragma once
// SQL for ops on MySQL/MariaDB (MariaDB 10.11 is what it is tested on): the shared SqlRenderer
// with backtick quoting, backslash-safe literals, inline ENUM types, AUTO_INCREMENT and inline
// COMMENTs, column changes restating the whole column (MODIFY COLUMN), indexes dropped ON their
// table, and constraints dropped by their kind (unique constraints are unique indexes).
//
// Every DDL statement commits implicitly on MySQL, so no revision can roll back: each statement
// runs outside the revision's transaction (the migrator records progress after each), and has an
// idempotent form (MariaDB's IF [NOT] EXISTS) to run instead when a killed run may have done it
// without recording it.
#include "dialect/sql_renderer.hpp"

namespace dbmig::dialect::mysql {

class MysqlRenderer final : public SqlRenderer {
 public:
  // The op's statements, each placed outside the revision's transaction (see above).
  std::vector<Statement> render(const ops::Op& op, const RenderContext& context) const override;

  std::string quote_identifier(std::string_view identifier) const override;
  std::string quote_literal(std::string_view value) const override;

 protected:
  std::string_view dialect_name() const override { return "mysql"; }
  std::string type_sql(const schema::Type& type) const override;
  std::string column_definition(const schema::Column& column) const override;
  std::string unique_deferrable(const schema::UniqueConstraint& unique) const override;  // refused
  std::string foreign_key_deferrable(const schema::ForeignKey& foreign_key) const override;  // refused
  // Comments are part of the column definition (COMMENT '...') and of the table options.
  std::vector<Statement> table_comment(const ops::TableName& table,
                                       const std::optional<std::string>& comment) const override;
  std::vector<Statement> column_comment(const ops::TableName& table, std::string_view column,
                                        const std::optional<std::string>& comment) const override;
  // mysql_index.cpp: what MariaDB's indexes can be (USING BTREE|HASH; no partial, expression,
  // COLLATE, INCLUDE or NULLS clauses).
  std::string index_method(const schema::Index& index) const override;
  std::string index_term_options(const schema::Index& index, const schema::IndexTerm& term) const override;
  std::string index_tail(const schema::Index& index) const override;

  std::vector<Statement> create_table(const ops::CreateTable& op, const RenderContext& context) const override;
  std::vector<Statement> drop_table(const ops::DropTable& op, const RenderContext& context) const override;
  std::vector<Statement> rename_table(const ops::RenameTable& op, const RenderContext& context) const override;
  std::vector<Statement> add_column(const ops::AddColumn& op, const RenderContext& context) const override;
  std::vector<Statement> drop_column(const ops::DropColumn& op, const RenderContext& context) const override;
  std::vector<Statement> rename_column(const ops::RenameColumn& op, const RenderContext& context) const override;
  std::vector<Statement> add_primary_key(const ops::AddPrimaryKey& op, const RenderContext& context) const override;
  std::vector<Statement> drop_primary_key(const ops::DropPrimaryKey& op, const RenderContext& context) const override;
  std::vector<Statement> add_unique(const ops::AddUnique& op, const RenderContext& context) const override;
  std::vector<Statement> drop_unique(const ops::DropUnique& op, const RenderContext& context) const override;
  std::vector<Statement> add_foreign_key(const ops::AddForeignKey& op, const RenderContext& context) const override;
  std::vector<Statement> drop_foreign_key(const ops::DropForeignKey& op, const RenderContext& context) const override;
  std::vector<Statement> add_check(const ops::AddCheck& op, const RenderContext& context) const override;
  std::vector<Statement> drop_check(const ops::DropCheck& op, const RenderContext& context) const override;
  std::vector<Statement> rename_constraint(const ops::RenameConstraint& op, const RenderContext& context) const override;
  // mysql_index.cpp
  std::vector<Statement> create_index(const ops::CreateIndex& op, const RenderContext& context) const override;
  std::vector<Statement> drop_index(const ops::DropIndex& op, const RenderContext& context) const override;
  std::vector<Statement> rename_index(const ops::RenameIndex& op, const RenderContext& context) const override;
  // mysql_alter_column.cpp
  std::vector<Statement> alter_column(const ops::AlterColumn& op, const RenderContext& context) const override;
  std::vector<Statement> alter_enum(const ops::AlterEnum& op, const RenderContext& context) const override;
  // mysql_raw_sql.cpp: one statement per SQL statement of the text (mysql_statements.hpp).
  std::vector<Statement> raw_sql(const ops::Sql& op, const RenderContext& context) const override;

 private:
  // `ALTER TABLE t ` + `head` + `tail`, whose idempotent form puts `clause` (IF [NOT] EXISTS)
  // between them: what runs again when a killed run may have done it unrecorded.
  Statement alter_resumable(const ops::TableName& table, std::string_view head, std::string_view clause,
                            std::string_view tail) const;
  // `ALTER TABLE t <action>` that runs again as written (MODIFY COLUMN, SET DEFAULT, COMMENT =).
  Statement alter_repeatable(const ops::TableName& table, std::string_view action) const;
  // `ALTER TABLE t MODIFY COLUMN <definition>`.
  Statement modify_column(const ops::TableName& table, const schema::Column& column) const;
};

// Statement `head + tail`, whose idempotent form is `head + clause + tail`: the one place the
// renderer builds a resume form (the placement is render()'s).
Statement resumable(std::string_view head, std::string_view clause, std::string_view tail);
// A statement that is idempotent as written: it resumes as itself.
Statement repeatable(std::string sql);

}  // namespace dbmig::dialect::mysql
