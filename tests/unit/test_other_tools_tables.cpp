// runtime/other_tools_tables: which tables are another migration tool's, and leaving them out.
#include <doctest/doctest.h>

#include "runtime/other_tools_tables.hpp"

using namespace dbmig;

namespace {
schema::Schema tables_named(std::vector<std::pair<std::string, std::string>> names) {
  schema::Schema schema;
  for (auto& [name, in_schema] : names) {
    schema::Table table;
    table.name = name;
    table.schema = in_schema;
    schema.tables.push_back(std::move(table));
  }
  return schema;
}
}  // namespace

TEST_CASE("other tools' tables: known names only, matched exactly") {
  CHECK(runtime::other_tool_of("alembic_version") == "Alembic");
  CHECK(runtime::other_tool_of("flyway_schema_history") == "Flyway");
  CHECK(runtime::other_tool_of("__EFMigrationsHistory") == "Entity Framework");
  CHECK(runtime::other_tool_of("django_migrations") == "Django");
  CHECK(runtime::other_tool_of("Alembic_Version").empty());  // another table: names are exact
  CHECK(runtime::other_tool_of("migrations").empty());       // too generic to be sure
  CHECK(runtime::other_tool_of("users").empty());
}

TEST_CASE("other tools' tables: left out unless declared, in the order found") {
  auto live = tables_named({{"users", ""}, {"alembic_version", ""}, {"schema_migrations", "legacy"}, {"posts", ""}});
  const auto left_out = runtime::leave_out_other_tools_tables(live, nullptr);
  REQUIRE(left_out.size() == 2);
  CHECK(left_out[0].name == "alembic_version");
  CHECK(left_out[1].schema == "legacy");
  CHECK(runtime::describe(left_out) == "alembic_version (Alembic), legacy.schema_migrations (Rails, golang-migrate, dbmate)");
  REQUIRE(live.tables.size() == 2);
  CHECK(live.tables[0].name == "users");
  CHECK(live.tables[1].name == "posts");

  auto again = tables_named({{"alembic_version", ""}, {"schema_migrations", ""}});
  const auto declared = tables_named({{"schema_migrations", ""}});
  const auto only_alembic = runtime::leave_out_other_tools_tables(again, &declared);
  REQUIRE(only_alembic.size() == 1);
  CHECK(only_alembic[0].name == "alembic_version");
  REQUIRE(again.tables.size() == 1);
  CHECK(again.tables[0].name == "schema_migrations");
}
