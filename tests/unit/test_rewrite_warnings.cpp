// migrate's warnings for changes that rewrite an existing table (issue 14, item 5): each names the
// step, the table and its estimated rows, and the expand/contract alternative; changes PostgreSQL
// makes without a rewrite, and changes to a table the revision creates, get none.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "revision/revision.hpp"
#include "runtime/rewrite_warnings.hpp"

namespace {

using namespace dbmig;

std::vector<std::string> warnings_for(const std::string& upgrade, std::map<std::string, long long> rows = {}) {
  const std::string text = "revision: aaaaaaaaaaaa\ndown_revision: null\nupgrade:\n" + upgrade + "downgrade: []\n";
  const auto revision = revision::parse_revision(text, "case.yaml", schema::NamingConvention{});
  return runtime::table_rewrite_warnings(revision.upgrade, [&rows](const ops::TableName& table) {
    const auto found = rows.find(table.name);
    return found == rows.end() ? std::optional<long long>() : std::optional<long long>(found->second);
  });
}

}  // namespace

TEST_CASE("rewrite warnings: a type change that rewrites the table names it, its rows and the alternative") {
  const auto warnings =
      warnings_for("  - alter_column: {table: orders, name: total, type: bigint, existing_type: integer}\n",
                   {{"orders", 2000000}});
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("step 1 (alter_column)") == 0);
  CHECK(warnings[0].find("integer -> bigint") != std::string::npos);
  CHECK(warnings[0].find("ACCESS EXCLUSIVE") != std::string::npos);
  CHECK(warnings[0].find("orders: about 2,000,000 rows") != std::string::npos);
  CHECK(warnings[0].find("expand and contract") != std::string::npos);
}

TEST_CASE("rewrite warnings: an unknown row count says so; a volatile default on a new column warns") {
  const auto warnings = warnings_for(
      "  - create_table: {name: fresh, columns: {id: {type: integer, primary_key: true}}}\n"
      "  - add_column: {table: events, name: token, type: uuid, default: gen_random_uuid()}\n");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("step 2 (add_column)") == 0);
  CHECK(warnings[0].find("events: its row count is unknown") != std::string::npos);
}

TEST_CASE("rewrite warnings: changes made without a rewrite, and a table created in the revision, get none") {
  CHECK(warnings_for("  - alter_column: {table: t, name: a, type: string(20), existing_type: string(10)}\n"
                     "  - alter_column: {table: t, name: b, type: text, existing_type: string(10)}\n"
                     "  - alter_column: {table: t, name: c, existing_type: integer, nullable: true, "
                     "existing_nullable: false}\n"
                     "  - alter_column: {table: t, name: d, existing_type: integer, default: '0'}\n"
                     "  - add_column: {table: t, name: e, type: timestamp, default: now()}\n")
            .empty());
  CHECK(warnings_for("  - create_table: {name: fresh, columns: {id: {type: integer, primary_key: true}, "
                     "n: {type: integer}}}\n"
                     "  - alter_column: {table: fresh, name: n, type: bigint, existing_type: integer}\n")
            .empty());
}
