// Tables with a `schema:` key live in that PostgreSQL schema, and migrate/check read that schema
// too: a model with such a table compares equal to the database once it is applied.
#include <doctest/doctest.h>

#include "harness.hpp"

namespace dbmig::test {

TEST_CASE("postgres schemas: a table with a schema key round-trips through migrate and upgrade") {
  auto database = make_database("postgresql");
  if (!database) return;
  database->connect()->execute({"CREATE SCHEMA archive", {}});
  Project project(database->url());
  project.write("models.yaml",
                "tables:\n"
                "  users:\n"
                "    schema: public\n"  // the default schema, named: the same as no schema
                "    columns:\n"
                "      id: {type: integer, primary_key: true}\n"
                "  events:\n"
                "    schema: archive\n"
                "    columns:\n"
                "      id: {type: integer, primary_key: true}\n"
                "      name: {type: text, nullable: false}\n"
                "      user_id: {type: integer, references: public.users.id}\n");
  auto migrate = project.run({"migrate", "-m", "archive events"});
  INFO(migrate.err);
  REQUIRE(migrate.code == 0);
  auto upgrade = project.run({"upgrade"});
  INFO(upgrade.err);
  REQUIRE(upgrade.code == 0);
  auto again = project.run({"migrate", "-m", "nothing"});
  INFO(again.err);
  CHECK(again.out.find("No changes detected") != std::string::npos);
  CHECK(project.run({"check"}).code == 0);
  // The tables really are where the models say.
  auto rows = database->connect()->query(
      {"SELECT table_schema || '.' || table_name FROM information_schema.tables "
       "WHERE table_name IN ('users', 'events') ORDER BY 1",
       {}});
  REQUIRE(rows.size() == 2);
  CHECK(*rows[0][0] == "archive.events");
  CHECK(*rows[1][0] == "public.users");
}

TEST_CASE("postgres schemas: tables are created and dropped in key order across schemas") {
  auto database = make_database("postgresql");
  if (!database) return;
  database->connect()->execute({"CREATE SCHEMA archive", {}});
  Project project(database->url());
  // events (in archive) is declared before the default-schema table it refers to: the revision
  // must still create users first, and, with both gone from the models, drop events first.
  // (`notes` keeps the archive schema in the models, so that migrate reads it.)
  const std::string notes = "  notes:\n    schema: archive\n    columns:\n      id: {type: integer, primary_key: true}\n";
  project.write("models.yaml",
                "tables:\n" + notes +
                "  events:\n"
                "    schema: archive\n"
                "    columns:\n"
                "      id: {type: integer, primary_key: true}\n"
                "      user_id: {type: integer, references: public.users.id}\n"
                "  users:\n"
                "    schema: public\n"
                "    columns:\n"
                "      id: {type: integer, primary_key: true}\n");
  auto create = project.run({"migrate", "-m", "create"});
  INFO(create.err);
  REQUIRE(create.code == 0);
  auto upgrade = project.run({"upgrade"});
  INFO(upgrade.err);
  REQUIRE(upgrade.code == 0);
  project.write("models.yaml", "tables:\n" + notes);
  auto drop = project.run({"migrate", "-m", "drop"});
  INFO(drop.err);
  REQUIRE(drop.code == 0);
  auto drop_upgrade = project.run({"upgrade"});
  INFO(drop_upgrade.err);
  CHECK(drop_upgrade.code == 0);
  auto downgrade = project.run({"downgrade", "base"});
  INFO(downgrade.err);
  CHECK(downgrade.code == 0);
  auto left = database->connect()->query(
      {"SELECT count(*) FROM information_schema.tables WHERE table_name IN ('users', 'events', 'notes')", {}});
  CHECK(*left[0][0] == "0");
}

}  // namespace dbmig::test
