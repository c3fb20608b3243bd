// Indexes on MySQL/MariaDB: CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX ... (cols [DESC]) [USING
// BTREE|HASH], dropped and renamed through their table. What MariaDB's indexes cannot be is
// refused rather than left out, which would build a different index than the one asked for.
#include "dialect/mysql/mysql_renderer.hpp"
#include "util/error.hpp"

namespace dbmig::dialect::mysql {

namespace {

[[noreturn]] void refuse(const schema::Index& index, std::string_view what, std::string_view hint) {
  throw usage_error("MariaDB cannot build index \"" + index.name + "\": it has " + std::string(what), std::nullopt,
                    std::string(hint));
}

// The word between CREATE and INDEX for Index::method; nullopt for a method written after the
// column list (USING BTREE|HASH) or none.
std::optional<std::string_view> index_kind(const schema::Index& index) {
  if (index.method == "fulltext") return "FULLTEXT ";
  if (index.method == "spatial") return "SPATIAL ";
  return std::nullopt;
}

}  // namespace

// Nothing between the table and the column list: MySQL writes USING after it (index_tail).
std::string MysqlRenderer::index_method(const schema::Index& index) const {
  const std::string& method = index.method;
  if (method.empty() || method == "btree" || method == "hash") return {};
  if (index_kind(index)) {
    if (index.unique) refuse(index, "both UNIQUE and " + method, "make it a plain " + method + " index");
    return {};
  }
  refuse(index, "access method " + method + " (using:), which MySQL does not have",
         "use btree, hash, fulltext or spatial, or leave using: out");
}

std::string MysqlRenderer::index_term_options(const schema::Index& index, const schema::IndexTerm& term) const {
  if (term.is_expression())
    refuse(index, "the expression " + term.expression + " as a term: MariaDB has no functional indexes",
           "add a generated column holding the expression and index that column");
  if (term.collate) refuse(index, "a COLLATE on a term (collate:)", "remove it: the column's own collation applies");
  return SqlRenderer::index_term_options(index, term);  // operator classes: refused there
}

// Called before the shared renderer writes a WHERE: a partial index is refused here.
std::string MysqlRenderer::index_tail(const schema::Index& index) const {
  if (index.where)
    refuse(index, "a WHERE condition (where:): MySQL has no partial indexes",
           "remove the condition, or index a generated column that is NULL where the condition is false");
  SqlRenderer::index_tail(index);  // INCLUDE and NULLS NOT DISTINCT: refused there
  if (index.method == "btree") return " USING BTREE";
  if (index.method == "hash") return " USING HASH";
  return {};
}

std::vector<Statement> MysqlRenderer::create_index(const ops::CreateIndex& op, const RenderContext& /*context*/) const {
  const std::string sql = create_index_statement(op.table, op.index).sql;  // the hooks above refuse first
  const std::string_view shared_head = op.index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
  const std::string head = "CREATE " + std::string(index_kind(op.index).value_or(op.index.unique ? "UNIQUE " : "")) + "INDEX ";
  return {resumable(head, "IF NOT EXISTS ", std::string_view(sql).substr(shared_head.size()))};
}

std::vector<Statement> MysqlRenderer::drop_index(const ops::DropIndex& op, const RenderContext& /*context*/) const {
  return {resumable("DROP INDEX ", "IF EXISTS ", quote_identifier(op.index.name) + " ON " + table_name(op.table))};
}

// RENAME INDEX: MariaDB 10.5.2+ and MySQL 5.7.
std::vector<Statement> MysqlRenderer::rename_index(const ops::RenameIndex& op, const RenderContext& /*context*/) const {
  return {alter_resumable(op.table, "RENAME INDEX ", "IF EXISTS ",
                          quote_identifier(op.old_name) + " TO " + quote_identifier(op.new_name))};
}

}  // namespace dbmig::dialect::mysql
