#pragma once
// The information_schema queries that MySQL/MariaDB introspection runs: five, whatever the number
// of tables, each reading one kind of object for every table of the current database
// (TABLE_SCHEMA = DATABASE()) at once. Each leaves out the tables named in `ignore` (the version
// tables), bound as ? parameters. Rows are grouped by table (compared as bytes: table names may
// differ in case alone), values read as text, NULL as nullopt. Written for MariaDB 10.3+: MySQL
// 8's CHECK_CONSTRAINTS has no TABLE_NAME and its COLUMN_DEFAULT prints strings unquoted.
#include <string>
#include <vector>

#include "dialect/connection.hpp"

namespace dbmig::dialect::mysql::catalog {

// The current database, then per base table (views left out): name, comment, engine, collation.
// Always one row at least: a database without tables gives one with NULL table columns.
Statement tables(const std::vector<std::string>& ignore);
// Per column, in ORDINAL_POSITION order: table, name, COLUMN_TYPE, IS_NULLABLE (YES/NO),
// COLUMN_DEFAULT (SQL text; NULL for none), EXTRA (auto_increment, on update current_timestamp(),
// VIRTUAL GENERATED, STORED GENERATED), GENERATION_EXPRESSION, COLLATION_NAME, COLUMN_COMMENT.
// Views' columns come too; the reader keeps those of the tables read.
Statement columns(const std::vector<std::string>& ignore);
// Per index column, in index order: table, index name (PRIMARY for the primary key), NON_UNIQUE
// (0/1), column, SUB_PART (prefix length or NULL), INDEX_TYPE (BTREE, HASH, FULLTEXT, SPATIAL),
// COLLATION (A, D, or NULL for unsorted).
Statement indexes(const std::vector<std::string>& ignore);
// Per foreign key column, in key order: table, constraint name, column, referred database,
// referred table, referred column, referred database is the table's own (1/0), UPDATE_RULE,
// DELETE_RULE (RESTRICT, CASCADE, SET NULL, NO ACTION, SET DEFAULT).
Statement foreign_keys(const std::vector<std::string>& ignore);
// Per check constraint: table, name, CHECK_CLAUSE, LEVEL (Column for one written on a column,
// named after it; Table otherwise).
Statement checks(const std::vector<std::string>& ignore);

}  // namespace dbmig::dialect::mysql::catalog
