#pragma once
// Shared by the test_postgres_*.cpp end-to-end tests: SQL against the test database, and the
// user's loop steps with their output shown when they fail.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "harness.hpp"

namespace dbmig::test::postgres {

// The first column of the first row (NULL as "NULL"), or "" when there is no row.
inline std::string scalar(const TestDatabase& database, const std::string& sql) {
  const auto rows = database.connect()->query({sql, {}});
  if (rows.empty() || rows.front().empty()) return {};
  return rows.front().front().value_or("NULL");
}

// Every value of the first column, in order.
inline std::vector<std::string> column_values(const TestDatabase& database, const std::string& sql) {
  std::vector<std::string> values;
  for (const auto& row : database.connect()->query({sql, {}})) values.push_back(row.at(0).value_or("NULL"));
  return values;
}

inline void execute(const TestDatabase& database, const std::string& sql) { database.connect()->execute({sql, {}}); }

// The enum types of the database's current schema: what a migration must not leave behind.
inline std::vector<std::string> enum_types(const TestDatabase& database) {
  return column_values(database,
                       "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                       "WHERE t.typtype = 'e' AND n.nspname = current_schema() ORDER BY t.typname");
}

// migrate -m MESSAGE, then upgrade; both must succeed.
inline void migrate_and_upgrade(const Project& project, const std::string& message) {
  const CliResult migrate = project.run({"migrate", "-m", message});
  INFO("migrate: " << migrate.out << migrate.err);
  REQUIRE(migrate.code == 0);
  const CliResult upgrade = project.run({"upgrade"});
  INFO("upgrade: " << upgrade.out << upgrade.err);
  REQUIRE(upgrade.code == 0);
}

inline bool no_changes(const Project& project) {
  const CliResult again = project.run({"migrate", "-m", "nothing"});
  INFO(again.out << again.err);
  return again.code == 0 && again.out.find("No changes detected") != std::string::npos;
}

}  // namespace dbmig::test::postgres
