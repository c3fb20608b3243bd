// Golden SQL of the online forms on PostgreSQL (postgres_online.cpp): per case the op, whether
// the table is new in its revision and whether online is on, and the statements expected with
// where each runs (T: the revision's transaction, O: a transaction of its own, X: outside any).
#include <doctest/doctest.h>

#include "dialect/postgres/postgres_dialect.hpp"
#include "dialect/sqlite/sqlite_dialect.hpp"

using namespace dbmig;
using dialect::Placement;

namespace {

const ops::TableName kOrders{"orders", ""};

schema::Index index_on(std::string name, std::string column, bool unique = false) {
  return schema::Index{std::move(name), {schema::IndexTerm::of_column(std::move(column))}, unique, std::nullopt};
}

char placement_letter(Placement placement) {
  return placement == Placement::in_transaction ? 'T' : placement == Placement::own_transaction ? 'O' : 'X';
}

// "T: sql" per statement, one per line.
std::string rendered(const dialect::Dialect& dialect, const ops::Op& op, bool online, bool new_table) {
  const std::vector<ops::TableName> created = new_table ? std::vector{kOrders} : std::vector<ops::TableName>{};
  dialect::RenderContext context;
  context.online = online;
  context.new_tables = &created;
  std::string out;
  for (const auto& statement : dialect.render(op, context))
    out += std::string(1, placement_letter(statement.placement)) + ": " + statement.sql + "\n";
  return out;
}

struct Case {
  const char* name;
  ops::Op op;
  bool online;
  bool new_table;
  const char* expected;
};

ops::AlterColumn set_not_null(bool was_nullable) {
  ops::AlterColumn op;
  op.table = kOrders;
  op.column = "code";
  op.existing.name = "code";
  op.existing.nullable = was_nullable;
  op.nullable = false;
  return op;
}

std::vector<Case> cases() {
  schema::ForeignKey customer{"fk_orders_customer_id_customers", {"customer_id"}, "customers", "", {"id"}};
  schema::CheckConstraint positive{"ck_orders_total_positive", "total > 0"};
  schema::UniqueConstraint code_unique{"uq_orders_code", {"code"}};
  code_unique.deferrable = true;
  return {
      {"unique constraint: its index built concurrently, then ADD ... USING INDEX", ops::AddUnique{kOrders, code_unique},
       true, false,
       "X: CREATE UNIQUE INDEX CONCURRENTLY \"uq_orders_code\" ON \"orders\" (\"code\")\n"
       "T: ALTER TABLE \"orders\" ADD CONSTRAINT \"uq_orders_code\" UNIQUE USING INDEX \"uq_orders_code\" DEFERRABLE\n"},
      {"primary key on an existing table: USING an index built concurrently",
       ops::AddPrimaryKey{kOrders, schema::PrimaryKey{"pk_orders", {"id"}}}, true, false,
       "X: CREATE UNIQUE INDEX CONCURRENTLY \"pk_orders\" ON \"orders\" (\"id\")\n"
       "T: ALTER TABLE \"orders\" ADD CONSTRAINT \"pk_orders\" PRIMARY KEY USING INDEX \"pk_orders\"\n"},
      {"unique constraint on a new table: plain", ops::AddUnique{kOrders, code_unique}, true, true,
       "T: ALTER TABLE \"orders\" ADD CONSTRAINT \"uq_orders_code\" UNIQUE (\"code\") DEFERRABLE\n"},
      {"SET NOT NULL on an existing table: through a check validated apart", set_not_null(true), true, false,
       "T: ALTER TABLE \"orders\" ADD CONSTRAINT \"dbmig_not_null_code\" CHECK (\"code\" IS NOT NULL) NOT VALID\n"
       "O: ALTER TABLE \"orders\" VALIDATE CONSTRAINT \"dbmig_not_null_code\"\n"
       "T: ALTER TABLE \"orders\" ALTER COLUMN \"code\" SET NOT NULL\n"
       "T: ALTER TABLE \"orders\" DROP CONSTRAINT \"dbmig_not_null_code\"\n"},
      {"SET NOT NULL with online off: plain", set_not_null(true), false, false,
       "T: ALTER TABLE \"orders\" ALTER COLUMN \"code\" SET NOT NULL\n"},
      {"index on an existing table: built concurrently, outside any transaction",
       ops::CreateIndex{kOrders, index_on("ix_orders_customer_id", "customer_id")}, true, false,
       "X: CREATE INDEX CONCURRENTLY \"ix_orders_customer_id\" ON \"orders\" (\"customer_id\")\n"},
      {"unique index on an existing table", ops::CreateIndex{kOrders, index_on("ux_orders_code", "code", true)}, true,
       false, "X: CREATE UNIQUE INDEX CONCURRENTLY \"ux_orders_code\" ON \"orders\" (\"code\")\n"},
      {"index on a table created in the revision: plain", ops::CreateIndex{kOrders, index_on("ix_a", "a")}, true, true,
       "T: CREATE INDEX \"ix_a\" ON \"orders\" (\"a\")\n"},
      {"index with online off: plain", ops::CreateIndex{kOrders, index_on("ix_a", "a")}, false, false,
       "T: CREATE INDEX \"ix_a\" ON \"orders\" (\"a\")\n"},
      {"index dropped on an existing table: concurrently", ops::DropIndex{kOrders, index_on("ix_a", "a")}, true, false,
       "X: DROP INDEX CONCURRENTLY \"ix_a\"\n"},
      {"foreign key: NOT VALID, then validated in its own transaction", ops::AddForeignKey{kOrders, customer}, true,
       false,
       "T: ALTER TABLE \"orders\" ADD CONSTRAINT \"fk_orders_customer_id_customers\" FOREIGN KEY (\"customer_id\") "
       "REFERENCES \"customers\" (\"id\") NOT VALID\n"
       "O: ALTER TABLE \"orders\" VALIDATE CONSTRAINT \"fk_orders_customer_id_customers\"\n"},
      {"foreign key on a new table: plain", ops::AddForeignKey{kOrders, customer}, true, true,
       "T: ALTER TABLE \"orders\" ADD CONSTRAINT \"fk_orders_customer_id_customers\" FOREIGN KEY (\"customer_id\") "
       "REFERENCES \"customers\" (\"id\")\n"},
      {"check: NOT VALID, then validated apart", ops::AddCheck{kOrders, positive}, true, false,
       "T: ALTER TABLE \"orders\" ADD CONSTRAINT \"ck_orders_total_positive\" CHECK (total > 0) NOT VALID\n"
       "O: ALTER TABLE \"orders\" VALIDATE CONSTRAINT \"ck_orders_total_positive\"\n"},
      {"unnamed check: plain (nothing to validate by name)", ops::AddCheck{kOrders, schema::CheckConstraint{"", "x > 0"}},
       true, false, "T: ALTER TABLE \"orders\" ADD CHECK (x > 0)\n"},
  };
}

}  // namespace

TEST_CASE("postgres online forms: golden SQL per case, with where each statement runs") {
  const auto postgres = dialect::postgres::make_postgres_dialect();
  for (const Case& each : cases()) {
    CAPTURE(each.name);
    CHECK(rendered(*postgres, each.op, each.online, each.new_table) == each.expected);
  }
}

TEST_CASE("postgres online forms: an interrupted concurrent build is resumed safely") {
  const auto postgres = dialect::postgres::make_postgres_dialect();
  dialect::RenderContext context;
  context.online = true;
  const auto statements = postgres->render(ops::CreateIndex{{"orders", "shop"}, index_on("ix_orders_a", "a")}, context);
  REQUIRE(statements.size() == 1);
  REQUIRE(statements[0].resume);
  const dialect::Resume& resume = *statements[0].resume;
  // The INVALID index a killed build leaves goes first; a finished one is kept.
  REQUIRE(resume.cleanup_if);
  CHECK(resume.cleanup_if->params == std::vector<std::optional<std::string>>{"\"shop\".\"ix_orders_a\""});
  CHECK(resume.cleanup_if->sql.find("NOT indisvalid") != std::string::npos);
  CHECK(resume.cleanup == "DROP INDEX CONCURRENTLY IF EXISTS \"shop\".\"ix_orders_a\"");
  CHECK(resume.sql == "CREATE INDEX CONCURRENTLY IF NOT EXISTS \"ix_orders_a\" ON \"shop\".\"orders\" (\"a\")");

  const auto drop = postgres->render(ops::DropIndex{{"orders", ""}, index_on("ix_orders_a", "a")}, context);
  REQUIRE(drop.size() == 1);
  REQUIRE(drop[0].resume);
  CHECK(drop[0].resume->sql == "DROP INDEX CONCURRENTLY IF EXISTS \"ix_orders_a\"");
}

TEST_CASE("online forms: SQLite has none, its DDL stays in the revision's transaction") {
  const auto sqlite = dialect::sqlite::make_sqlite_dialect();
  for (const Case& each : cases()) {
    // Only what SQLite does in place (constraints and column changes are rebuilds, which need the
    // schema and are tested with the rebuild).
    if (!std::holds_alternative<ops::CreateIndex>(each.op) && !std::holds_alternative<ops::DropIndex>(each.op)) continue;
    CAPTURE(each.name);
    dialect::RenderContext context;
    context.online = true;
    for (const auto& statement : sqlite->render(each.op, context)) CHECK(statement.placement == Placement::in_transaction);
  }
}
