#pragma once
// SQL for ops on PostgreSQL: the shared SqlRenderer with PostgreSQL's type names, $n
// placeholders, identity columns for autoincrement, named enum types, an inline enum column's own
// type created and dropped around the table or column that uses it, and every column change done in place with ALTER TABLE
// (ALTER COLUMN ... TYPE ... USING when the values need converting).
#include "dialect/sql_renderer.hpp"

namespace dbmig::dialect::postgres {

class PostgresRenderer final : public SqlRenderer {
 protected:
  std::string_view dialect_name() const override { return "postgresql"; }
  std::string type_sql(const schema::Type& type) const override;
  std::string placeholder(std::size_t index) const override;
  std::optional<PlaceholderMatch> match_placeholder(std::string_view sql, std::size_t at,
                                                    std::size_t seen) const override;
  std::string column_constraints(const schema::Column& column) const override;
  std::string default_clause(std::string_view default_sql) const override;
  // postgres_index_clauses.cpp: USING, operator classes, NULLS FIRST|LAST, INCLUDE and
  // NULLS NOT DISTINCT.
  std::string index_method(const schema::Index& index) const override;
  std::string index_term_options(const schema::Index& index, const schema::IndexTerm& term) const override;
  std::string index_term_nulls(const schema::Index& index, const schema::IndexTerm& term) const override;
  std::string index_tail(const schema::Index& index) const override;
  std::string unique_nulls(const schema::UniqueConstraint& unique) const override;
  std::string table_persistence(const schema::Table& table) const override {
    return table.postgresql.unlogged ? "UNLOGGED " : "";
  }
  std::string check_inheritance(const schema::CheckConstraint& check) const override {
    return check.no_inherit ? " NO INHERIT" : "";
  }

 public:
  // One statement, so one round trip per revision: the version DELETEs and INSERTs become
  // data-modifying WITH queries of the history INSERT (postgres_record_revision.cpp).
  std::vector<Statement> record_revision(std::string_view version_table, std::string_view history_table,
                                         const std::vector<std::string>& before, const std::vector<std::string>& after,
                                         const HistoryEntry& entry, AppliedBy applied_by) const override;

 protected:

  std::vector<Statement> create_table(const ops::CreateTable& op, const RenderContext& context) const override;
  std::vector<Statement> drop_table(const ops::DropTable& op, const RenderContext& context) const override;
  std::vector<Statement> rename_table(const ops::RenameTable& op, const RenderContext& context) const override;
  std::vector<Statement> add_column(const ops::AddColumn& op, const RenderContext& context) const override;
  std::vector<Statement> drop_column(const ops::DropColumn& op, const RenderContext& context) const override;
  std::vector<Statement> rename_column(const ops::RenameColumn& op, const RenderContext& context) const override;
  // postgres_alter_column.cpp
  std::vector<Statement> alter_column(const ops::AlterColumn& op, const RenderContext& context) const override;
  std::vector<Statement> create_enum(const ops::CreateEnum& op, const RenderContext& context) const override;
  std::vector<Statement> drop_enum(const ops::DropEnum& op, const RenderContext& context) const override;
  std::vector<Statement> alter_enum(const ops::AlterEnum& op, const RenderContext& context) const override;
  // postgres_online.cpp: concurrent index builds and drops, constraints added NOT VALID and
  // validated apart, on tables that existed before the revision (RenderContext::online).
  std::vector<Statement> create_index(const ops::CreateIndex& op, const RenderContext& context) const override;
  std::vector<Statement> drop_index(const ops::DropIndex& op, const RenderContext& context) const override;
  std::vector<Statement> add_foreign_key(const ops::AddForeignKey& op, const RenderContext& context) const override;
  std::vector<Statement> add_check(const ops::AddCheck& op, const RenderContext& context) const override;
  std::vector<Statement> add_unique(const ops::AddUnique& op, const RenderContext& context) const override;
  std::vector<Statement> add_primary_key(const ops::AddPrimaryKey& op, const RenderContext& context) const override;

 private:
  // postgres_online.cpp: CREATE [UNIQUE] INDEX CONCURRENTLY, outside any transaction, with how to
  // resume it after an interrupted run.
  Statement concurrent_index_build(const ops::TableName& table, const schema::Index& index) const;
  // SET NOT NULL on an existing table without its scan under ACCESS EXCLUSIVE: through a check
  // validated apart. For alter_column when sets_not_null_online.
  bool sets_not_null_online(const ops::AlterColumn& op, const RenderContext& context) const;
  std::vector<Statement> set_not_null_online(const ops::AlterColumn& op) const;
  // ADD <clause> NOT VALID, then VALIDATE CONSTRAINT <name> in a transaction of its own.
  std::vector<Statement> add_validated_later(const ops::TableName& table, std::string_view clause,
                                             std::string_view name) const;
  // postgres_alter_column.cpp: the statements changing a column's type, and whether the column's
  // default had to be dropped for it (to be set again afterwards).
  struct TypeChange {
    std::vector<Statement> statements;
    bool default_dropped = false;
  };
  TypeChange change_type(const ops::AlterColumn& op) const;
  // postgres_autoincrement.cpp: the column's old way of numbering removed, and the new one
  // started past the values the table holds (identity, GENERATED ALWAYS, or serial's sequence).
  std::vector<Statement> stop_autoincrement(const ops::AlterColumn& op) const;
  std::vector<Statement> start_autoincrement(const ops::AlterColumn& op) const;
};

}  // namespace dbmig::dialect::postgres
