// Column changes PostgreSQL makes in place: comments, types (with USING), identity columns.
#include <doctest/doctest.h>

#include "test_postgres_support.hpp"

namespace dbmig::test {

using namespace postgres;

TEST_CASE("postgres columns: table and column comments are stored, changed and compared") {
  auto database = make_database("postgresql");
  if (!database) return;
  Project project(database->url());
  auto model = [](const std::string& table_comment, const std::string& column_comment) {
    return "tables:\n"
           "  users:\n"
           "    comment: " + table_comment + "\n"
           "    columns:\n"
           "      id: {type: integer, primary_key: true}\n"
           "      name: {type: text, comment: \"" + column_comment + "\"}\n";
  };
  project.write("models.yaml", model("Registered users", "Shown to others"));
  migrate_and_upgrade(project, "create users");
  CHECK(scalar(*database, "SELECT obj_description('users'::regclass, 'pg_class')") == "Registered users");
  CHECK(scalar(*database, "SELECT col_description('users'::regclass, 2)") == "Shown to others");
  CHECK(no_changes(project));

  project.write("models.yaml", model("People who signed up", "It's public"));
  migrate_and_upgrade(project, "reword comments");
  CHECK(scalar(*database, "SELECT obj_description('users'::regclass, 'pg_class')") == "People who signed up");
  CHECK(scalar(*database, "SELECT col_description('users'::regclass, 2)") == "It's public");
  CHECK(no_changes(project));

  REQUIRE(project.run({"downgrade"}).code == 0);
  CHECK(scalar(*database, "SELECT col_description('users'::regclass, 2)") == "Shown to others");
}

TEST_CASE("postgres columns: a type change converts the values in place, with USING where needed") {
  auto database = make_database("postgresql");
  if (!database) return;
  Project project(database->url());
  auto model = [](const std::string& score_type, const std::string& name_type) {
    return "tables:\n"
           "  players:\n"
           "    columns:\n"
           "      id: {type: integer, primary_key: true}\n"
           "      score: {type: " + score_type + ", nullable: false, default: \"'0'\"}\n"
           "      name: {type: " + name_type + "}\n";
  };
  project.write("models.yaml", model("text", "string(20)"));
  migrate_and_upgrade(project, "create players");
  execute(*database, "INSERT INTO players (score, name) VALUES ('41', 'ada')");

  project.write("models.yaml", model("integer", "string(40)"));
  const CliResult sql = [&] {
    REQUIRE(project.run({"migrate", "-m", "score is a number"}).code == 0);
    return project.run({"upgrade", "--sql"});
  }();
  CHECK(sql.out.find("TYPE integer USING \"score\"::integer") != std::string::npos);
  CHECK(sql.out.find("TYPE varchar(40);") != std::string::npos);  // same family: no cast
  const CliResult upgrade = project.run({"upgrade"});
  INFO(upgrade.err);
  REQUIRE(upgrade.code == 0);
  CHECK(scalar(*database, "SELECT score + 1 FROM players") == "42");
  CHECK(scalar(*database, "SELECT pg_typeof(score)::text FROM players") == "integer");
  CHECK(no_changes(project));

  REQUIRE(project.run({"downgrade"}).code == 0);
  CHECK(scalar(*database, "SELECT pg_typeof(score)::text || ' ' || score FROM players") == "text 41");
}

TEST_CASE("postgres columns: an autoincrement key is an identity column; inserts need no id") {
  auto database = make_database("postgresql");
  if (!database) return;
  Project project(database->url());
  project.write("models.yaml",
                "tables:\n"
                "  users:\n"
                "    columns:\n"
                "      id: {type: bigint, primary_key: true}\n"
                "      name: {type: text, nullable: false}\n");
  migrate_and_upgrade(project, "create users");
  CHECK(scalar(*database, "SELECT attidentity FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'id'") ==
        "d");
  execute(*database, "INSERT INTO users (name) VALUES ('ada'), ('grace')");
  CHECK(column_values(*database, "SELECT id FROM users ORDER BY id") == std::vector<std::string>{"1", "2"});
  execute(*database, "INSERT INTO users (id, name) VALUES (10, 'given')");  // BY DEFAULT: an id may be given
  CHECK(no_changes(project));
}

TEST_CASE("postgres columns: a serial column made by hand reads as autoincrement: serial, not as a default") {
  auto database = make_database("postgresql");
  if (!database) return;
  execute(*database, "CREATE TABLE users (id serial PRIMARY KEY, name text)");
  Project project(database->url());
  project.write("models.yaml",
                "tables:\n"
                "  users:\n"
                "    columns:\n"
                "      id: {type: integer, primary_key: true, autoincrement: serial}\n"
                "      name: {type: text}\n");
  // The hand-made key is named users_pkey; the diff matches keys by their columns.
  CHECK(no_changes(project));
  // A serial is not an identity: a model asking for the identity is a change.
  project.write("models.yaml",
                "tables:\n"
                "  users:\n"
                "    columns:\n"
                "      id: {type: integer, primary_key: true}\n"
                "      name: {type: text}\n");
  CHECK_FALSE(no_changes(project));
  const schema::Schema live = database->introspect();
  const schema::Column* id = live.find_table("users")->find_column("id");
  REQUIRE(id != nullptr);
  CHECK(id->autoincrement);
  CHECK(id->autoincrement_kind == schema::AutoincrementKind::serial);
  CHECK_FALSE(id->default_sql);
}

}  // namespace dbmig::test
