// Issue 17: a bigint primary key that autoincrements. On SQLite it was written into the revision
// as `autoincrement: false` (only INTEGER PRIMARY KEY is the rowid SQLite numbers), so every
// insert without an id failed. Now it is declared INTEGER there; PostgreSQL and MariaDB keep
// bigint with their identity / AUTO_INCREMENT.
#include <doctest/doctest.h>

#include "harness.hpp"

namespace dbmig::test {

TEST_CASE_TEMPLATE("a bigint key that autoincrements numbers inserted rows on every dialect, and migrate then finds nothing",
                   Backend, DBMIG_TEST_BACKENDS) {
  for (const bool explicit_flag : {false, true}) {  // implied by the single integer key, or written
    CAPTURE(explicit_flag);
    auto database = make_database(Backend::name);
    if (!database) return;
    Project project(database->url());
    project.write("models.yaml", std::string("tables:\n  events:\n    columns:\n") +
                                     "      id: {type: bigint, primary_key: true" +
                                     (explicit_flag ? ", autoincrement: true" : "") + "}\n" +
                                     "      name: {type: string(40)}\n");
    const CliResult migrate = project.run({"migrate", "-m", "events"});
    INFO(migrate.err);
    REQUIRE(migrate.code == 0);
    REQUIRE(project.revision_files().size() == 1);
    CHECK(read_file(project.revision_files().front()).find("autoincrement: false") == std::string::npos);
    const CliResult upgrade = project.run({"upgrade"});
    INFO(upgrade.err);
    REQUIRE(upgrade.code == 0);

    database->connect()->execute({"INSERT INTO events (name) VALUES ('first')", {}});
    database->connect()->execute({"INSERT INTO events (name) VALUES ('second')", {}});
    CHECK(database->count_rows("events") == 2);

    const schema::Schema live = database->introspect();
    const schema::Table* events = live.find_table("events");
    REQUIRE(events != nullptr);
    const schema::Column* id = events->find_column("id");
    REQUIRE(id != nullptr);
    CHECK(id->autoincrement);
    // SQLite's rowid alias is declared INTEGER; the others keep the declared bigint.
    CHECK(id->type.kind == (database->dialect_name() == "sqlite" ? schema::TypeKind::integer : schema::TypeKind::bigint));

    const CliResult again = project.run({"migrate", "-m", "again"});
    INFO(again.err);
    CHECK(again.code == 0);
    CHECK(again.out.find("No changes detected") != std::string::npos);
    CHECK(project.revision_files().size() == 1);
    const CliResult check = project.run({"check"});
    INFO(check.out);
    CHECK(check.code == 0);
  }
}

}  // namespace dbmig::test
