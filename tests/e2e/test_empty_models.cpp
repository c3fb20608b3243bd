// Models that declare nothing must never become a revision that drops every table: an emptied,
// truncated or mistyped models file is refused, and only `tables: {}` with --allow-empty-models
// asks for that revision.
#include <doctest/doctest.h>

#include "harness.hpp"

namespace dbmig::test {

namespace {

const std::string one_table = "tables:\n  keep_me:\n    columns: {id: {type: integer, primary_key: true}}\n";

// A project whose database has one table, at head.
void set_up_one_table(const Project& project) {
  project.write("models.yaml", one_table);
  REQUIRE(project.run({"migrate", "-m", "one table"}).code == 0);
  REQUIRE(project.run({"upgrade"}).code == 0);
}

}  // namespace

TEST_CASE_TEMPLATE("migrate refuses models that declare no table while the database has tables", Backend,
                   DBMIG_TEST_BACKENDS) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  set_up_one_table(project);

  for (const std::string& models : {std::string(""), std::string("# emptied by mistake\n"), std::string("tables:\n"),
                                   std::string("tables: {}\n---\n" + one_table)}) {
    INFO("models.yaml: " << models);
    project.write("models.yaml", models);
    const auto migrate = project.run({"migrate", "-m", "oops"});
    INFO(migrate.err);
    CHECK(migrate.code == 2);
    CHECK(migrate.err.find("models.yaml:") != std::string::npos);
  }

  project.write("models.yaml", "tables: {}\n");
  const auto refused = project.run({"migrate", "-m", "drop everything"});
  CHECK(refused.code == 2);
  CHECK(refused.err.find("the models declare no table while the database has 1") != std::string::npos);
  CHECK(refused.err.find("--allow-empty-models") != std::string::npos);
  CHECK(project.revision_files().size() == 1);  // nothing written
  const auto check = project.run({"check"});    // check reports the difference, it refuses nothing
  CHECK(check.code == 1);

  const auto allowed = project.run({"migrate", "-m", "drop everything", "--allow-empty-models"});
  INFO(allowed.err);
  CHECK(allowed.code == 0);
  CHECK(project.revision_files().size() == 2);
  REQUIRE(project.run({"upgrade"}).code == 0);
  CHECK(database->introspect().tables.empty());
}

}  // namespace dbmig::test
