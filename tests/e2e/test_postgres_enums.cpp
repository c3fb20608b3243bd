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

namespace dbmig::test {

using namespace postgres;

// Issue 13: a type made by hand, shared by columns of two tables, and one no column uses.
TEST_CASE("postgres enums: a named type shared by two tables is adopted, extended and dropped by its own name") {
  auto database = make_database("postgresql");
  if (!database) return;
  execute(*database,
          "CREATE TYPE order_status AS ENUM ('pending', 'shipped');"
          "CREATE TYPE unused_mood AS ENUM ('meh');"
          "CREATE TABLE orders (id integer PRIMARY KEY, status order_status NOT NULL DEFAULT 'pending');"
          "CREATE TABLE returns (id integer PRIMARY KEY, status order_status);"
          "INSERT INTO orders VALUES (1, 'shipped'), (2, DEFAULT); INSERT INTO returns VALUES (1, 'pending')");
  Project project(database->url());
  const CliResult inspect = project.run({"inspect"});
  REQUIRE(inspect.code == 0);
  CHECK(inspect.out.find("order_status: [pending, shipped]") != std::string::npos);
  CHECK(inspect.out.find("unused_mood: [meh]") != std::string::npos);
  CHECK(inspect.out.find("status: {type: order_status, nullable: false") != std::string::npos);
  project.write("models.yaml", inspect.out);
  CHECK(no_changes(project));

  // A new value: ALTER TYPE on the type itself; no <table>_<column> type appears.
  std::string models = inspect.out;
  models.replace(models.find("[pending, shipped]"), 18, "[pending, shipped, lost]");
  project.write("models.yaml", models);
  migrate_and_upgrade(project, "add lost");
  CHECK(enum_types(*database) == std::vector<std::string>{"order_status", "unused_mood"});
  CHECK(column_values(*database, "SELECT unnest(enum_range(NULL::order_status))::text") ==
        std::vector<std::string>{"pending", "shipped", "lost"});
  CHECK(no_changes(project));

  // The unused type leaves the models: dropped; the downgrade creates it again.
  models.erase(models.find("  unused_mood: [meh]\n"), 20);
  project.write("models.yaml", models);
  migrate_and_upgrade(project, "drop mood");
  CHECK(enum_types(*database) == std::vector<std::string>{"order_status"});
  REQUIRE(project.run({"downgrade", "-2"}).code == 0);
  CHECK(enum_types(*database) == std::vector<std::string>{"order_status", "unused_mood"});
  CHECK(column_values(*database, "SELECT unnest(enum_range(NULL::order_status))::text") ==
        std::vector<std::string>{"pending", "shipped"});
  CHECK(column_values(*database, "SELECT status::text FROM orders ORDER BY id") ==
        std::vector<std::string>{"shipped", "pending"});
}

}  // namespace dbmig::test
