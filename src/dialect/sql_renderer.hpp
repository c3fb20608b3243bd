#pragma once
// The DDL that SQL databases share, rendered from ops: quoting, column definitions, CREATE TABLE
// with named table-level constraints, indexes, ALTER TABLE forms, raw SQL steps and the version
// table. Each dialect derives from SqlRenderer and overrides only what it spells or does
// differently (type names, defaults, comments, what it cannot do in place), the way Alembic's
// ddl/impl.py is specialised by ddl/sqlite.py and ddl/postgresql.py.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialect/connection.hpp"
#include "dialect/common/sql_tokens.hpp"
#include "dialect/dialect.hpp"
#include "ops/op.hpp"
#include "schema/schema.hpp"

namespace dbmig::dialect {

// `text` between two `quote` characters, each one inside doubled: how SQL quotes names ("x",
// MySQL's `x`) and strings ('x').
std::string quoted_with(std::string_view text, char quote);
// "name", embedded double quotes doubled: SQL-standard identifier quoting. Always used, so that
// reserved words, mixed case and odd characters in names need no special handling.
std::string quote_sql_identifier(std::string_view identifier);
// 'text', embedded single quotes doubled.
std::string quote_sql_string(std::string_view value);

class SqlRenderer {
 public:
  virtual ~SqlRenderer() = default;

  // The statements carrying out `op`. Throws dbmig::Error (usage) for a Fail step, for a raw SQL
  // step without SQL for this dialect and for what the dialect cannot do.
  virtual std::vector<Statement> render(const ops::Op& op, const RenderContext& context) const;

  virtual std::string quote_identifier(std::string_view identifier) const;
  virtual std::string quote_literal(std::string_view value) const;

  // The statement with each placeholder replaced by its parameter as a literal (NULL for a null),
  // for --sql output. Placeholders inside string literals, quoted identifiers and comments are
  // left alone; a placeholder without a parameter is kept as written.
  std::string inline_parameters(const Statement& statement) const;

  // The version table: one row per current head, keyed by "version_num".
  std::vector<Statement> create_version_table(std::string_view table) const;
  Statement select_versions(std::string_view table) const;
  Statement insert_version(std::string_view table, std::string_view revision) const;
  Statement delete_version(std::string_view table, std::string_view revision) const;

  // The history table (Dialect::create_history_table), in the dialect's own types.
  std::vector<Statement> create_history_table(std::string_view table) const;
  // Who applied a revision: the database's CURRENT_USER (standard SQL), or for a database without
  // users of its own (SQLite) the operating-system user in the entry.
  enum class AppliedBy { database_user, os_user };
  Statement insert_history(std::string_view table, const HistoryEntry& entry,
                           AppliedBy applied_by = AppliedBy::database_user) const;
  Statement select_history(std::string_view table) const;
  // The progress table (Dialect::create_progress_table and the statements after it).
  std::vector<Statement> create_progress_table(std::string_view table) const;
  Statement select_progress(std::string_view table) const;
  std::vector<Statement> write_progress(std::string_view table, const ProgressRow& row) const;
  Statement clear_progress(std::string_view table) const;
  Statement update_progress(std::string_view table, const ProgressRow& row) const;
  // Dialect::record_revision: the version DELETEs and INSERTs, then the history INSERT, each its
  // own statement.
  virtual std::vector<Statement> record_revision(std::string_view version_table, std::string_view history_table,
                                                 const std::vector<std::string>& before,
                                                 const std::vector<std::string>& after, const HistoryEntry& entry,
                                                 AppliedBy applied_by = AppliedBy::database_user) const;

 protected:
  // ---- What each dialect must say ----
  virtual std::string_view dialect_name() const = 0;  // the key of per-dialect raw SQL: "sqlite"
  virtual std::string type_sql(const schema::Type& type) const = 0;

  // ---- Hooks with standard-SQL defaults ----
  // The placeholder for the index-th parameter (1-based): "?" here, "$1" on PostgreSQL.
  virtual std::string placeholder(std::size_t index) const;
  // When a placeholder starts at sql[at]: its length and the 0-based parameter it stands for,
  // given that `seen` placeholders came before it. Default: each "?" takes the next parameter.
  struct PlaceholderMatch {
    std::size_t length;
    std::size_t parameter;
  };
  virtual std::optional<PlaceholderMatch> match_placeholder(std::string_view sql, std::size_t at,
                                                            std::size_t seen) const;
  // What [ ] are in this dialect's SQL: punctuation (PostgreSQL's arrays), or quotes of an
  // identifier ([order] on SQLite), where no placeholder is looked for.
  virtual Brackets square_brackets() const { return Brackets::punctuation; }

  // A table (or index) name, qualified with its schema when it has one: "schema"."name".
  virtual std::string qualified_name(std::string_view name, std::string_view schema) const;
  // `"name" TYPE [NOT NULL] [DEFAULT ...] [column constraints]`.
  virtual std::string column_definition(const schema::Column& column) const;
  virtual std::string column_type(const schema::Column& column) const;  // type_sql(column.type)
  virtual std::string default_clause(std::string_view default_sql) const;  // "DEFAULT <text>"
  virtual std::string column_constraints(const schema::Column& column) const;  // none by default
  // The primary key written in the definition of `column` (SQLite's PRIMARY KEY AUTOINCREMENT),
  // in place of the table-level clause; "" (the default) keeps it at table level.
  virtual std::string column_primary_key(const schema::Table& table, const schema::Column& column) const;
  // What follows CREATE TABLE's closing parenthesis (SQLite's STRICT, WITHOUT ROWID); "" by default.
  virtual std::string table_options(const schema::Table& table) const;
  // Between CREATE and TABLE: PostgreSQL's "UNLOGGED "; nothing by default.
  virtual std::string table_persistence(const schema::Table& table) const;
  // An indexed expression inside CREATE INDEX's parentheses: wrapped in parentheses by default,
  // which every database accepts.
  virtual std::string index_expression(std::string_view expression) const;
  // The parts of CREATE INDEX beyond standard SQL's `(term [COLLATE c] [DESC], ...) [WHERE ...]`.
  // The defaults refuse what the index asks for (an error naming the index), since leaving it out
  // would build a different index; PostgreSQL renders them.
  virtual std::string index_method(const schema::Index& index) const;  // " USING gin"
  // What follows a term's COLLATE: an operator class, on PostgreSQL.
  virtual std::string index_term_options(const schema::Index& index, const schema::IndexTerm& term) const;
  // What follows a term's DESC: NULLS FIRST | LAST, on PostgreSQL.
  virtual std::string index_term_nulls(const schema::Index& index, const schema::IndexTerm& term) const;
  // Between the term list and WHERE: INCLUDE (...) and NULLS NOT DISTINCT, on PostgreSQL.
  virtual std::string index_tail(const schema::Index& index) const;
  // Between UNIQUE and the column list of a unique constraint: NULLS NOT DISTINCT, on PostgreSQL.
  virtual std::string unique_nulls(const schema::UniqueConstraint& unique) const;
  // After the column list: DEFERRABLE [INITIALLY DEFERRED] (standard SQL; SQLite refuses it).
  virtual std::string unique_deferrable(const schema::UniqueConstraint& unique) const;
  // After a foreign key's actions: DEFERRABLE [INITIALLY DEFERRED] (PostgreSQL and SQLite; MySQL
  // refuses it).
  virtual std::string foreign_key_deferrable(const schema::ForeignKey& foreign_key) const;
  // After a check's condition: PostgreSQL's " NO INHERIT"; nothing where tables do not inherit.
  virtual std::string check_inheritance(const schema::CheckConstraint& check) const;
  // COMMENT ON TABLE / COMMENT ON COLUMN; dialects that cannot keep comments return nothing.
  virtual std::vector<Statement> table_comment(const ops::TableName& table,
                                               const std::optional<std::string>& comment) const;
  virtual std::vector<Statement> column_comment(const ops::TableName& table, std::string_view column,
                                                const std::optional<std::string>& comment) const;

  // ---- Building blocks ----
  // `sql` with each placeholder standing for parameter k (0-based) rewritten to stand for
  // parameter k + offset, so that statements can be joined into one with their parameters
  // appended one after the other.
  std::string shift_placeholders(std::string_view sql, std::size_t offset) const;
  // `sql` with each placeholder outside quoted text replaced by what `rewrite` returns for its
  // parameter index (0-based), or kept as written when it returns nullopt. The one scan behind
  // inline_parameters and shift_placeholders.
  using PlaceholderRewrite = std::function<std::optional<std::string>(std::size_t parameter)>;
  std::string rewrite_placeholders(std::string_view sql, const PlaceholderRewrite& rewrite) const;
  std::string table_name(const ops::TableName& table) const { return qualified_name(table.name, table.schema); }
  std::string table_name(const schema::Table& table) const { return qualified_name(table.name, table.schema); }
  std::string column_list(const std::vector<std::string>& columns) const;  // ("a", "b")
  // Table-level constraint clauses, `CONSTRAINT "name" ` first when named: as written in CREATE
  // TABLE and after ALTER TABLE ... ADD.
  std::string primary_key_clause(const schema::PrimaryKey& primary_key) const;
  std::string unique_clause(const schema::UniqueConstraint& unique) const;
  // `owner_schema`: the schema of the table the key is on, which an empty referred_schema means.
  std::string foreign_key_clause(const schema::ForeignKey& foreign_key, std::string_view owner_schema) const;
  std::string check_clause(const schema::CheckConstraint& check) const;
  Statement create_index_statement(const ops::TableName& table, const schema::Index& index) const;
  Statement alter_table(const ops::TableName& table, std::string_view action) const;  // ALTER TABLE t <action>

  // ---- One method per op kind; the defaults are standard SQL ----
  virtual std::vector<Statement> create_table(const ops::CreateTable& op, const RenderContext& context) const;
  virtual std::vector<Statement> drop_table(const ops::DropTable& op, const RenderContext& context) const;
  virtual std::vector<Statement> rename_table(const ops::RenameTable& op, const RenderContext& context) const;
  virtual std::vector<Statement> set_table_comment(const ops::SetTableComment& op, const RenderContext& context) const;
  virtual std::vector<Statement> add_column(const ops::AddColumn& op, const RenderContext& context) const;
  virtual std::vector<Statement> drop_column(const ops::DropColumn& op, const RenderContext& context) const;
  virtual std::vector<Statement> rename_column(const ops::RenameColumn& op, const RenderContext& context) const;
  virtual std::vector<Statement> alter_column(const ops::AlterColumn& op, const RenderContext& context) const;
  virtual std::vector<Statement> create_index(const ops::CreateIndex& op, const RenderContext& context) const;
  virtual std::vector<Statement> drop_index(const ops::DropIndex& op, const RenderContext& context) const;
  virtual std::vector<Statement> add_primary_key(const ops::AddPrimaryKey& op, const RenderContext& context) const;
  virtual std::vector<Statement> drop_primary_key(const ops::DropPrimaryKey& op, const RenderContext& context) const;
  virtual std::vector<Statement> add_unique(const ops::AddUnique& op, const RenderContext& context) const;
  virtual std::vector<Statement> drop_unique(const ops::DropUnique& op, const RenderContext& context) const;
  virtual std::vector<Statement> add_foreign_key(const ops::AddForeignKey& op, const RenderContext& context) const;
  virtual std::vector<Statement> drop_foreign_key(const ops::DropForeignKey& op, const RenderContext& context) const;
  virtual std::vector<Statement> add_check(const ops::AddCheck& op, const RenderContext& context) const;
  virtual std::vector<Statement> drop_check(const ops::DropCheck& op, const RenderContext& context) const;
  virtual std::vector<Statement> rename_index(const ops::RenameIndex& op, const RenderContext& context) const;
  virtual std::vector<Statement> rename_constraint(const ops::RenameConstraint& op, const RenderContext& context) const;
  virtual std::vector<Statement> create_enum(const ops::CreateEnum& op, const RenderContext& context) const;
  virtual std::vector<Statement> drop_enum(const ops::DropEnum& op, const RenderContext& context) const;
  virtual std::vector<Statement> alter_enum(const ops::AlterEnum& op, const RenderContext& context) const;
  virtual std::vector<Statement> raw_sql(const ops::Sql& op, const RenderContext& context) const;

 private:
  std::vector<Statement> drop_constraint(const ops::TableName& table, std::string_view name,
                                         std::string_view what) const;
};

}  // namespace dbmig::dialect
