#pragma once
// The structure of a database as the database itself reports it (SQLite pragmas, PostgreSQL's
// pg_catalog, MySQL/MariaDB's information_schema), as canonical text: the round-trip tests compare two databases with it instead of
// with dbmig's own introspection, which would share any blind spot of the code under test.
//
// One line per fact, grouped by table; facts that have no order (indexes, constraints...) are
// sorted, columns keep their order. dbmig's own tables (dbmig_version, dbmig_history), the
// other migration tools' tables that dbmig leaves alone (alembic_version, ...:
// runtime/other_tools_tables.hpp) and SQLite's internal ones (sqlite_%) are left out.
#include <map>
#include <string>

#include "harness.hpp"

namespace dbmig::test::catalog {

// "('dbmig_version', 'dbmig_history', 'alembic_version', ...)": the tables the dumps leave out,
// as a SQL list for NOT IN.
std::string unmanaged_tables_sql();

// The dump of `database`, for its dialect.
std::string dump(const TestDatabase& database);
std::string dump_sqlite(const std::string& file_path);
std::string dump_postgres(dialect::Connection& connection);
std::string dump_mysql(dialect::Connection& connection);

// The user tables (same selection as the dump) and their row counts.
std::map<std::string, long long> row_counts(const TestDatabase& database);
std::map<std::string, long long> sqlite_row_counts(const std::string& file_path);
std::map<std::string, long long> postgres_row_counts(dialect::Connection& connection);
std::map<std::string, long long> mysql_row_counts(dialect::Connection& connection);

// A line diff of two dumps for a failure message: lines only in `expected` start with "- ",
// lines only in `actual` with "+ ", and a few common lines around each change with "  ".
// Empty when the texts are equal.
std::string line_diff(const std::string& expected, const std::string& actual);

// SQL text in a canonical form for comparing what SQLite keeps verbatim (CHECK and generated
// expressions, index terms and WHERE clauses): tokens joined by one space, words and quoted
// names lower-cased without their quotes (SQLite ignores the case of names), string literals
// kept, redundant parentheses around the whole text removed.
std::string canonical_sql(const std::string& sql);

}  // namespace dbmig::test::catalog
