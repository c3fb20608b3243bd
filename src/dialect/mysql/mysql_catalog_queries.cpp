#include "dialect/mysql/mysql_catalog_queries.hpp"

namespace dbmig::dialect::mysql::catalog {
namespace {

// "AND <column> NOT IN (?, ?)" with the names as parameters; nothing when there are none.
Statement over_tables(std::string sql, std::string_view table_column, std::string_view order_by,
                      const std::vector<std::string>& ignore) {
  Statement statement;
  if (!ignore.empty()) {
    sql += " AND ";
    sql += table_column;
    sql += " NOT IN (";
    for (std::size_t at = 0; at < ignore.size(); ++at) {
      sql += at == 0 ? "?" : ", ?";
      statement.params.emplace_back(ignore[at]);
    }
    sql += ')';
  }
  sql += " ORDER BY ";
  sql += order_by;
  statement.sql = std::move(sql);
  return statement;
}

}  // namespace

Statement tables(const std::vector<std::string>& ignore) {
  // The database name comes first and through a LEFT JOIN, so that it is known without tables.
  Statement statement = over_tables(
      "SELECT d.name, t.TABLE_NAME, t.TABLE_COMMENT, t.ENGINE, t.TABLE_COLLATION "
      "FROM (SELECT DATABASE() AS name) d LEFT JOIN information_schema.TABLES t "
      "ON t.TABLE_SCHEMA = d.name AND t.TABLE_TYPE = 'BASE TABLE'",
      "t.TABLE_NAME", "BINARY t.TABLE_NAME", ignore);
  return statement;
}

Statement columns(const std::vector<std::string>& ignore) {
  return over_tables(
      "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, GENERATION_EXPRESSION, "
      "COLLATION_NAME, COLUMN_COMMENT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()",
      "TABLE_NAME", "BINARY TABLE_NAME, ORDINAL_POSITION", ignore);
}

Statement indexes(const std::vector<std::string>& ignore) {
  return over_tables(
      "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE, COLLATION "
      "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()",
      "TABLE_NAME", "BINARY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX", ignore);
}

Statement foreign_keys(const std::vector<std::string>& ignore) {
  return over_tables(
      "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, "
      "k.REFERENCED_COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA = k.TABLE_SCHEMA, r.UPDATE_RULE, r.DELETE_RULE "
      "FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r "
      "ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME "
      "AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME "
      "WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL",
      "k.TABLE_NAME", "BINARY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION", ignore);
}

Statement checks(const std::vector<std::string>& ignore) {
  return over_tables(
      "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL FROM information_schema.CHECK_CONSTRAINTS "
      "WHERE CONSTRAINT_SCHEMA = DATABASE()",
      "TABLE_NAME", "BINARY TABLE_NAME, CONSTRAINT_NAME", ignore);
}

}  // namespace dbmig::dialect::mysql::catalog
