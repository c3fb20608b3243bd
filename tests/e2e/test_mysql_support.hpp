#pragma once
// Shared by the test_mysql_*.cpp end-to-end tests: the dialect-neutral SQL and loop helpers of
// the PostgreSQL tests, statements run one at a time (a MySQL connection runs one statement per
// call), and the bookkeeping tables read back.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "harness.hpp"
#include "test_postgres_support.hpp"

namespace dbmig::test::mysql {

using postgres::column_values;
using postgres::execute;
using postgres::migrate_and_upgrade;
using postgres::no_changes;
using postgres::scalar;

// Each statement on one connection, in order.
inline void execute_each(const TestDatabase& database, const std::vector<std::string>& statements) {
  const auto connection = database.connect();
  for (const std::string& sql : statements) {
    INFO("SQL: " << sql);
    connection->execute({sql, {}});
  }
}

inline std::vector<std::string> versions(const TestDatabase& database) {
  return column_values(database, "SELECT version_num FROM dbmig_version ORDER BY version_num");
}

// dbmig_progress as "revision direction done", one per row; empty when the table is empty or
// does not exist yet (dbmig creates it on the first revision run statement by statement).
inline std::vector<std::string> progress(const TestDatabase& database) {
  if (scalar(database, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                       "TABLE_NAME = 'dbmig_progress'") == "0")
    return {};
  return column_values(database,
                       "SELECT CONCAT(revision, ' ', direction, ' ', done) FROM dbmig_progress ORDER BY revision");
}

inline bool has_column(const TestDatabase& database, const std::string& table, const std::string& column) {
  return scalar(database, "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND "
                          "TABLE_NAME = '" + table + "' AND COLUMN_NAME = '" + column + "'") == "1";
}

inline bool has_index(const TestDatabase& database, const std::string& table, const std::string& index) {
  return scalar(database, "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND "
                          "TABLE_NAME = '" + table + "' AND INDEX_NAME = '" + index + "'") != "0";
}

inline std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++found;
  return found;
}

}  // namespace dbmig::test::mysql
