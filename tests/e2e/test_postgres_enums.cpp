// Enum columns on PostgreSQL: native enum types, created with their table, given new values in
// place, rebuilt without removed values, and dropped with their table.
#include <doctest/doctest.h>

#include "test_postgres_support.hpp"

namespace dbmig::test {

using namespace postgres;

namespace {

std::string tickets_model(const std::string& states) {
  return "tables:\n"
         "  tickets:\n"
         "    columns:\n"
         "      id: {type: integer, primary_key: true}\n"
         "      state: {type: \"enum(" + states + ")\", nullable: false, default: \"'open'\"}\n";
}

std::vector<std::string> enum_values(const TestDatabase& database) {
  return column_values(database,
                       "SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid "
                       "WHERE t.typname = 'tickets_state' ORDER BY e.enumsortorder");
}

}  // namespace

TEST_CASE("postgres enums: created as a type of their own, extended in place, dropped with the table") {
  auto database = make_database("postgresql");
  if (!database) return;
  Project project(database->url());

  project.write("models.yaml", tickets_model("open, closed"));
  migrate_and_upgrade(project, "create tickets");
  CHECK(enum_types(*database) == std::vector<std::string>{"tickets_state"});
  CHECK(enum_values(*database) == std::vector<std::string>{"open", "closed"});
  const schema::Schema live = database->introspect();
  const auto* state = live.find_table("tickets")->find_column("state");
  REQUIRE(state != nullptr);
  CHECK(state->type.kind == schema::TypeKind::enumeration);
  CHECK(state->type.enum_values == std::vector<std::string>{"open", "closed"});
  CHECK(no_changes(project));

  execute(*database, "INSERT INTO tickets (state) VALUES ('closed'), (DEFAULT)");

  // A value in the middle: ALTER TYPE ... ADD VALUE, in its place.
  project.write("models.yaml", tickets_model("open, pending, closed"));
  migrate_and_upgrade(project, "add pending");
  CHECK(enum_values(*database) == std::vector<std::string>{"open", "pending", "closed"});
  CHECK(no_changes(project));

  // Back down: the type is rebuilt without the value; rows keep theirs.
  const CliResult downgrade = project.run({"downgrade"});
  INFO(downgrade.err);
  REQUIRE(downgrade.code == 0);
  CHECK(enum_values(*database) == std::vector<std::string>{"open", "closed"});
  CHECK(column_values(*database, "SELECT state::text FROM tickets ORDER BY id") ==
        std::vector<std::string>{"closed", "open"});
  CHECK(enum_types(*database) == std::vector<std::string>{"tickets_state"});

  REQUIRE(project.run({"downgrade", "base"}).code == 0);
  CHECK(database->table_names() == std::vector<std::string>{"dbmig_version"});
  CHECK(enum_types(*database).empty());
}

TEST_CASE("postgres enums: removing a value that rows still hold fails and changes nothing") {
  auto database = make_database("postgresql");
  if (!database) return;
  Project project(database->url());
  project.write("models.yaml", tickets_model("open, pending, closed"));
  migrate_and_upgrade(project, "create tickets");
  execute(*database, "INSERT INTO tickets (state) VALUES ('pending')");

  project.write("models.yaml", tickets_model("open, closed"));
  REQUIRE(project.run({"migrate", "-m", "drop pending"}).code == 0);
  const CliResult upgrade = project.run({"upgrade"});
  CHECK(upgrade.code == 3);
  CHECK(upgrade.err.find("pending") != std::string::npos);  // invalid input value for enum: "pending"
  CHECK(enum_values(*database) == std::vector<std::string>{"open", "pending", "closed"});
  CHECK(enum_types(*database) == std::vector<std::string>{"tickets_state"});  // the set-aside copy is gone too
}

TEST_CASE("postgres enums: a column becomes an enum and back, with its data") {
  auto database = make_database("postgresql");
  if (!database) return;
  Project project(database->url());
  const std::string as_text =
      "tables:\n"
      "  tickets:\n"
      "    columns:\n"
      "      id: {type: integer, primary_key: true}\n"
      "      state: {type: string(10), nullable: false, default: \"'open'\"}\n";
  project.write("models.yaml", as_text);
  migrate_and_upgrade(project, "create tickets");
  execute(*database, "INSERT INTO tickets (state) VALUES ('closed')");

  project.write("models.yaml", tickets_model("open, closed"));
  migrate_and_upgrade(project, "state becomes an enum");
  CHECK(scalar(*database, "SELECT pg_typeof(state)::text FROM tickets") == "tickets_state");
  CHECK(scalar(*database, "SELECT state::text FROM tickets") == "closed");
  CHECK(no_changes(project));

  REQUIRE(project.run({"downgrade"}).code == 0);
  CHECK(scalar(*database, "SELECT pg_typeof(state)::text FROM tickets") == "character varying");
  CHECK(scalar(*database, "SELECT state FROM tickets") == "closed");
  CHECK(enum_types(*database).empty());
}

}  // namespace dbmig::test
