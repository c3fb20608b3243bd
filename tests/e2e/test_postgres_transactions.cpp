// Transactional DDL: a failing revision leaves the server exactly as it was.
#include <doctest/doctest.h>

#include <algorithm>

#include "test_postgres_support.hpp"

namespace dbmig::test {

using namespace postgres;

namespace {

// Everything a revision could have changed: tables, columns, constraints, indexes, types, rows
// of the version table.
std::string snapshot(const TestDatabase& database) {
  std::string out;
  for (const std::string& line :
       column_values(database,
                     "SELECT c.relkind::text || ' ' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                     "WHERE n.nspname = current_schema() ORDER BY 1")) {
    out += line + "\n";
  }
  for (const std::string& line :
       column_values(database,
                     "SELECT attrelid::regclass || '.' || attname || ' ' || format_type(atttypid, atttypmod) "
                     "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON "
                     "n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r' AND "
                     "a.attnum > 0 AND NOT a.attisdropped ORDER BY 1")) {
    out += line + "\n";
  }
  for (const std::string& type : enum_types(database)) out += "type " + type + "\n";
  for (const std::string& row : column_values(database, "SELECT version_num FROM dbmig_version ORDER BY 1")) {
    out += "version " + row + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("postgres transactions: a failing revision rolls back whole, types and all") {
  auto database = make_database("postgresql");
  if (!database) return;
  Project project(database->url());
  project.write("models.yaml",
                "tables:\n"
                "  users:\n"
                "    columns:\n"
                "      id: {type: integer, primary_key: true}\n"
                "      name: {type: text}\n");
  migrate_and_upgrade(project, "create users");
  const std::string before = snapshot(*database);
  REQUIRE(before.find("version ") != std::string::npos);

  REQUIRE(project.run({"revision", "-m", "broken"}).code == 0);
  const auto files = project.revision_files();
  const auto broken = std::find_if(files.begin(), files.end(), [](const auto& path) {
    return path.filename().string().find("broken") != std::string::npos;
  });
  REQUIRE(broken != files.end());
  std::string text = read_file(*broken);
  const auto upgrade_at = text.find("upgrade:");
  REQUIRE(upgrade_at != std::string::npos);
  text = text.substr(0, upgrade_at) +
         "upgrade:\n"
         "  - create_table: {name: tags, columns: {id: {type: integer, primary_key: true},"
         " kind: {type: \"enum(a, b)\"}}}\n"
         "  - add_column: {table: users, name: mood, type: \"enum(happy, sad)\"}\n"
         "  - add_column: {table: users, name: age, type: integer, nullable: false, default: \"0\"}\n"
         "  - create_index: {table: users, name: ix_users_age, columns: [age]}\n"
         "  - sql: \"SELECT 1/0\"\n" +
         text.substr(text.find('\n', upgrade_at) + 1);
  project.write("migrations/versions/" + broken->filename().string(), text);

  // Plain DDL: one transaction for the revision. (Online, the default, the index on the existing
  // users table is built concurrently, which commits the steps before it: test_postgres_online.)
  const CliResult upgrade = project.run({"upgrade", "--no-online"});
  CHECK(upgrade.code == 3);
  CHECK(upgrade.err.find("division by zero") != std::string::npos);
  CHECK(upgrade.err.find("step 5") != std::string::npos);
  CHECK(snapshot(*database) == before);
}

}  // namespace dbmig::test
