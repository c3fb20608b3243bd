// The user's loop end to end through cli::run on a real database: init, migrate, upgrade,
// a model change, downgrade, and the round trip that proves autogenerate.
#include <doctest/doctest.h>

#include <algorithm>

#include "harness.hpp"

namespace dbmig::test {

namespace {

const std::string blog_models = read_file(std::filesystem::path(DBMIG_SOURCE_DIR) / "examples/blog/models.yaml");
const std::string blog_models_v2 =
    read_file(std::filesystem::path(DBMIG_SOURCE_DIR) / "examples/blog/models_v2.yaml");

bool has_table(const schema::Schema& schema, const std::string& name) { return schema.find_table(name) != nullptr; }

}  // namespace

TEST_CASE_TEMPLATE("the user's loop: migrate, upgrade, change, downgrade", Backend, DBMIG_TEST_BACKENDS) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  project.write("models.yaml", blog_models);

  auto migrate = project.run({"migrate", "-m", "create users and posts"});
  INFO(migrate.err);
  REQUIRE(migrate.code == 0);
  CHECK(migrate.out.find("Generated") != std::string::npos);
  CHECK(migrate.out.find("create table users") != std::string::npos);
  REQUIRE(project.revision_files().size() == 1);
  CHECK(database->introspect().tables.empty());  // migrate writes a file, touches no table

  auto upgrade = project.run({"upgrade"});
  INFO(upgrade.err);
  REQUIRE(upgrade.code == 0);
  CHECK(upgrade.out.find("Applied") != std::string::npos);
  const auto live = database->introspect();
  CHECK(has_table(live, "users"));
  CHECK(has_table(live, "posts"));
  REQUIRE(live.find_table("posts") != nullptr);
  CHECK(live.find_table("posts")->foreign_keys.size() == 1);

  const auto first_revision = project.revision_files()[0].filename().string().substr(0, 12);
  auto current = project.run({"current"});
  CHECK(current.code == 0);
  CHECK(current.out.find(first_revision + " (head)") != std::string::npos);

  // Nothing changed: no new file.
  auto again = project.run({"migrate", "-m", "nothing"});
  CHECK(again.code == 0);
  CHECK(again.out.find("No changes detected") != std::string::npos);
  CHECK(project.revision_files().size() == 1);

  // A model change: a new column with a default and an index.
  project.write("models.yaml", blog_models_v2);
  auto check = project.run({"check"});
  CHECK(check.code == 1);
  CHECK(check.out.find("add column posts.published") != std::string::npos);
  REQUIRE(project.run({"migrate", "-m", "add published flag"}).code == 0);
  REQUIRE(project.revision_files().size() == 2);
  auto second = project.run({"upgrade"});
  INFO(second.err);
  REQUIRE(second.code == 0);
  CHECK(database->introspect().find_table("posts")->find_column("published") != nullptr);
  CHECK(project.run({"check"}).code == 0);
  CHECK(project.run({"migrate", "-m", "nothing"}).out.find("No changes detected") != std::string::npos);

  // Downgrade one step: the column and index go, the tables stay.
  auto downgrade = project.run({"downgrade"});
  INFO(downgrade.err);
  REQUIRE(downgrade.code == 0);
  CHECK(downgrade.out.find("Reverted") != std::string::npos);
  CHECK(database->introspect().find_table("posts")->find_column("published") == nullptr);
  CHECK(project.run({"current"}).out.find(first_revision) != std::string::npos);

  // Down to base: only the version table is left.
  REQUIRE(project.run({"downgrade", "base"}).code == 0);
  CHECK(database->table_names() == std::vector<std::string>{"dbmig_version"});
  CHECK(project.run({"current"}).out.find("base") != std::string::npos);
  CHECK(database->count_rows("dbmig_version") == 0);
}

TEST_CASE_TEMPLATE("a failing revision is rolled back whole and the version row is untouched", Backend, SqliteBackend,
                   PostgresBackend) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  project.write("models.yaml", blog_models);
  REQUIRE(project.run({"migrate", "-m", "create"}).code == 0);
  REQUIRE(project.run({"upgrade"}).code == 0);
  const auto applied = project.revision_files()[0].filename().string().substr(0, 12);

  // A hand-written revision whose second step fails after the first one succeeded.
  REQUIRE(project.run({"revision", "-m", "broken"}).code == 0);
  const auto files = project.revision_files();
  auto broken = std::find_if(files.begin(), files.end(), [](const auto& path) {
    return path.filename().string().find("broken") != std::string::npos;
  });
  REQUIRE(broken != files.end());
  std::string text = read_file(*broken);
  const auto upgrade_at = text.find("upgrade:");
  REQUIRE(upgrade_at != std::string::npos);
  const auto line_end = text.find('\n', upgrade_at);
  text = text.substr(0, upgrade_at) +
         "upgrade:\n"
         "  - create_table: {name: tags, columns: {id: {type: integer, primary_key: true}}}\n"
         "  - sql: \"INSERT INTO no_such_table VALUES (1)\"\n" +
         text.substr(line_end + 1);
  project.write("migrations/versions/" + broken->filename().string(), text);

  auto upgrade = project.run({"upgrade"});
  CHECK(upgrade.code == 3);
  CHECK(upgrade.err.find("upgrade step 2 (sql)") != std::string::npos);
  CHECK(upgrade.err.find("no_such_table") != std::string::npos);
  CHECK_FALSE(has_table(database->introspect(), "tags"));
  const auto current = project.run({"--format", "json", "current"}).out;
  CHECK(current.find("\"current\":[\"" + applied + "\"]") != std::string::npos);
  CHECK(database->count_rows("dbmig_version") == 1);
}

TEST_CASE_TEMPLATE("bad models exit 2 with file:line:column and touch nothing", Backend, SqliteBackend,
                   PostgresBackend) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  project.write("models.yaml",
                "tables:\n"
                "  users:\n"
                "    columns:\n"
                "      id: {type: integer, primary_key: true}\n"
                "      name: {type: string(80), nulable: false}\n");
  auto migrate = project.run({"migrate", "-m", "x"});
  CHECK(migrate.code == 2);
  CHECK(migrate.err.find("models.yaml:5:") != std::string::npos);
  CHECK(migrate.err.find("nulable") != std::string::npos);
  CHECK(migrate.err.find("nullable") != std::string::npos);  // the suggestion
  CHECK(project.revision_files().empty());
  CHECK(database->table_names().empty());
}

TEST_CASE_TEMPLATE("upgrade --sql prints the SQL and changes nothing", Backend, DBMIG_TEST_BACKENDS) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  project.write("models.yaml", blog_models);
  REQUIRE(project.run({"migrate", "-m", "create"}).code == 0);
  auto sql = project.run({"upgrade", "--sql"});
  INFO(sql.err);
  REQUIRE(sql.code == 0);
  const auto& dialect = database->dialect();
  CHECK(sql.out.find("CREATE TABLE " + dialect.quote_identifier("users")) != std::string::npos);
  CHECK(sql.out.find("INSERT INTO " + dialect.quote_identifier("dbmig_version")) != std::string::npos);
  CHECK(database->table_names().empty());
}

TEST_CASE_TEMPLATE("stamp sets the version table without running revisions", Backend, DBMIG_TEST_BACKENDS) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  project.write("models.yaml", blog_models);
  REQUIRE(project.run({"migrate", "-m", "create"}).code == 0);
  const auto id = project.revision_files()[0].filename().string().substr(0, 12);
  auto stamp = project.run({"stamp", id.substr(0, 6)});
  INFO(stamp.err);
  REQUIRE(stamp.code == 0);
  CHECK(project.run({"current"}).out.find(id) != std::string::npos);
  CHECK(database->table_names() == std::vector<std::string>{"dbmig_version"});
  REQUIRE(project.run({"stamp", "base"}).code == 0);
  CHECK(database->count_rows("dbmig_version") == 0);
}

}  // namespace dbmig::test
