// The examples/blog project on MySQL/MariaDB: its models migrate and upgrade, its second version
// migrates over rows, nothing is left to migrate after either, and downgrade base leaves only
// dbmig's own tables.
#include <doctest/doctest.h>

#include "catalog_dump.hpp"
#include "test_mysql_support.hpp"

namespace dbmig::test {

using namespace mysql;

TEST_CASE("mysql blog example: migrate, upgrade, no changes left; v2 over rows; downgrade base") {
  auto database = make_database("mysql");
  if (!database) return;
  Project project(database->url());
  const std::filesystem::path example = std::filesystem::path(DBMIG_SOURCE_DIR) / "examples" / "blog";
  project.write("models.yaml", read_file(example / "models.yaml"));
  migrate_and_upgrade(project, "blog");
  CHECK(no_changes(project));
  CHECK(project.run({"check"}).code == 0);
  CHECK(database->table_names() == std::vector<std::string>{"dbmig_version", "posts", "users"});
  const std::string v1 = catalog::dump(*database);

  execute_each(*database, {"INSERT INTO users (id, username, email) VALUES (1, 'ann', 'ann@example.com'),"
                           " (2, 'bob', 'bob@example.com')",
                           "INSERT INTO posts (id, title, content, user_id) VALUES (1, 'Hello', 'First post', 1),"
                           " (2, 'Again', 'Second post', 1), (3, 'Bob here', 'Hi', 2)"});
  // The keys hold: a second user with the same name, or a post by nobody, is refused.
  CHECK_THROWS(execute(*database, "INSERT INTO users (id, username, email) VALUES (3, 'ann', 'x@example.com')"));
  CHECK_THROWS(execute(*database, "INSERT INTO posts (id, title, content, user_id) VALUES (9, 't', 'c', 99)"));

  project.write("models.yaml", read_file(example / "models_v2.yaml"));
  migrate_and_upgrade(project, "published flag");
  CHECK(no_changes(project));
  CHECK(project.run({"check"}).code == 0);
  CHECK(has_column(*database, "posts", "published"));
  CHECK(scalar(*database, "SELECT COUNT(*) FROM posts WHERE published = 0") == "3");  // the default filled them
  CHECK(database->count_rows("posts") == 3);

  // One step down is v1's catalog again, rows kept.
  const CliResult down_one = project.run({"downgrade"});
  INFO("downgrade: " << down_one.out << down_one.err);
  REQUIRE(down_one.code == 0);
  INFO("catalog diff (- v1, + after downgrade):\n" << catalog::line_diff(v1, catalog::dump(*database)));
  CHECK(catalog::dump(*database) == v1);
  CHECK(database->count_rows("posts") == 3);

  const CliResult down = project.run({"downgrade", "base"});
  INFO("downgrade base: " << down.out << down.err);
  REQUIRE(down.code == 0);
  CHECK(database->table_names() == std::vector<std::string>{"dbmig_version"});
  CHECK(catalog::dump(*database).empty());
  CHECK(scalar(*database, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                          "TABLE_NAME NOT IN ('dbmig_version', 'dbmig_history', 'dbmig_progress')") == "0");
}

}  // namespace dbmig::test
