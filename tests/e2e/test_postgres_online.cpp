// Online forms on PostgreSQL (issue 14): on tables that exist with rows, migrate's index,
// foreign key and check steps run as concurrent builds and NOT VALID + VALIDATE, each committed
// apart; a run killed during a concurrent build, or failed in one, is finished by the next run.
#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "test_apply_support.hpp"
#include "test_postgres_support.hpp"

namespace dbmig::test {

using namespace postgres;

namespace {

std::string orders_model(bool online_objects) {
  std::string text =
      "tables:\n"
      "  customers:\n"
      "    columns:\n"
      "      id: {type: integer, primary_key: true}\n"
      "  orders:\n"
      "    columns:\n"
      "      id: {type: integer, primary_key: true}\n"
      "      customer_id: {type: integer, nullable: false" +
      std::string(online_objects ? ", references: customers.id" : "") +
      "}\n"
      "      total: {type: integer, nullable: false}\n"
      "      code: {type: string(20)" +
      std::string(online_objects ? ", nullable: false, unique: true" : "") +
      "}\n"
      "    indexes:\n";
  text += online_objects ? "      - {columns: [customer_id]}\n" : "      - {columns: [code]}\n";
  if (online_objects) text += "    checks: [{name: total_positive, expr: \"total > 0\"}]\n";
  return text;
}

bool index_valid(const TestDatabase& database, const std::string& name) {
  return scalar(database, "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('" + name + "')") == "t";
}
bool index_exists(const TestDatabase& database, const std::string& name) {
  return scalar(database, "SELECT to_regclass('" + name + "') IS NOT NULL") == "t";
}
std::string constraint_validated(const TestDatabase& database, const std::string& name) {
  return scalar(database, "SELECT convalidated FROM pg_constraint WHERE conname = '" + name + "'");
}
std::string progress_rows(const TestDatabase& database) {
  return scalar(database, "SELECT count(*) FROM dbmig_progress");
}

}  // namespace

TEST_CASE("postgres online: an existing table gets its index, key and check online; downgrade the same way") {
  auto database = make_database("postgresql");
  if (!database) return;
  Project project(database->url());
  project.write("models.yaml", orders_model(false));
  migrate_and_upgrade(project, "orders");
  execute(*database, "INSERT INTO customers SELECT g FROM generate_series(1, 50) g");
  execute(*database, "INSERT INTO orders SELECT g, 1 + g % 50, 1 + g % 7, 'c' || g FROM generate_series(1, 5000) g");

  project.write("models.yaml", orders_model(true));
  const CliResult migrate = project.run({"migrate", "-m", "online objects"});
  INFO(migrate.out << migrate.err);
  REQUIRE(migrate.code == 0);

  // --sql is what the run executes: the revision's transaction committed before each statement
  // that runs apart, and begun again after it.
  const CliResult script = project.run({"upgrade", "--sql"});
  INFO(script.out << script.err);
  REQUIRE(script.code == 0);
  const std::string& sql = script.out;
  const std::size_t build = sql.find("CREATE INDEX CONCURRENTLY \"ix_orders_customer_id\"");
  REQUIRE(build != std::string::npos);
  CHECK(sql.rfind("COMMIT;", build) != std::string::npos);
  CHECK(sql.find("BEGIN;", build) != std::string::npos);
  CHECK(sql.find("DROP INDEX CONCURRENTLY \"ix_orders_code\"") != std::string::npos);
  CHECK(sql.find("REFERENCES \"customers\" (\"id\") NOT VALID") != std::string::npos);
  CHECK(sql.find("VALIDATE CONSTRAINT \"fk_orders_customer_id_customers\"") != std::string::npos);
  CHECK(sql.find("VALIDATE CONSTRAINT \"ck_orders_total_positive\"") != std::string::npos);
  CHECK(sql.find("CREATE UNIQUE INDEX CONCURRENTLY \"uq_orders_code\"") != std::string::npos);
  CHECK(sql.find("UNIQUE USING INDEX \"uq_orders_code\"") != std::string::npos);
  CHECK(sql.find("VALIDATE CONSTRAINT \"dbmig_not_null_code\"") != std::string::npos);
  // --no-online (or online: false) writes the plain forms, in one transaction.
  const CliResult plain = project.run({"upgrade", "--sql", "--no-online"});
  REQUIRE(plain.code == 0);
  CHECK(plain.out.find("CONCURRENTLY") == std::string::npos);
  CHECK(plain.out.find("NOT VALID") == std::string::npos);

  const CliResult upgrade = project.run({"upgrade"});
  INFO(upgrade.out << upgrade.err);
  REQUIRE(upgrade.code == 0);
  CHECK(index_valid(*database, "ix_orders_customer_id"));
  CHECK_FALSE(index_exists(*database, "ix_orders_code"));
  CHECK(constraint_validated(*database, "fk_orders_customer_id_customers") == "t");
  CHECK(constraint_validated(*database, "ck_orders_total_positive") == "t");
  CHECK(constraint_validated(*database, "uq_orders_code") == "t");
  CHECK(constraint_validated(*database, "dbmig_not_null_code").empty());  // the helper check is gone
  CHECK(scalar(*database, "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'orders'::regclass AND "
                          "attname = 'code'") == "t");
  CHECK(progress_rows(*database) == "0");
  CHECK(database->count_rows("orders") == 5000);
  CHECK(no_changes(project));
  CHECK(project.run({"check"}).code == 0);

  const CliResult downgrade = project.run({"downgrade"});
  INFO(downgrade.out << downgrade.err);
  REQUIRE(downgrade.code == 0);
  CHECK(index_valid(*database, "ix_orders_code"));
  CHECK_FALSE(index_exists(*database, "ix_orders_customer_id"));
  CHECK(constraint_validated(*database, "fk_orders_customer_id_customers").empty());
  CHECK(constraint_validated(*database, "uq_orders_code").empty());
  CHECK(scalar(*database, "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'orders'::regclass AND "
                          "attname = 'code'") == "f");
  CHECK(progress_rows(*database) == "0");
}

TEST_CASE("postgres online: a run killed during a concurrent build is finished by the next run") {
  auto database = make_database("postgresql");
  if (!database) return;
  Project project(database->url());
  write_revision(project, "a1aaaaaaaaaa", {}, "table",
                 "\n  - create_table: {name: items, columns: {id: {type: integer, primary_key: true}, v: {type: text}}}"
                 "\n  - sql: \"INSERT INTO items SELECT g, 'v' || g FROM generate_series(1, 2000) g\"",
                 "\n  - drop_table: items");
  write_revision(project, "b2bbbbbbbbbb", {"a1aaaaaaaaaa"}, "index",
                 "\n  - create_index: {table: items, name: ix_items_v, columns: [v]}",
                 "\n  - drop_index: {table: items, name: ix_items_v}");
  REQUIRE(project.run({"upgrade", "a1aaaaaaaaaa"}).code == 0);

  // A writer's open transaction: the concurrent build waits for it, its index already INVALID.
  auto blocker = database->connect();
  blocker->begin();
  blocker->execute({"INSERT INTO items VALUES (100000, 'held')", {}});

  BinaryProcess run(project, {"upgrade"});
  const std::string waiting =
      "SELECT pid FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%' AND wait_event_type IS NOT NULL";
  std::string pid;
  for (int i = 0; i < 600 && pid.empty() && run.running(); ++i) {
    pid = scalar(*database, waiting);
    if (pid.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE_MESSAGE(!pid.empty(), "the concurrent build never waited");
  run.send(SIGKILL);
  run.wait();
  // The server side of the killed run, ended as a crash or a failover would end it.
  execute(*database, "SELECT pg_terminate_backend(" + pid + ")");
  for (int i = 0; i < 200 && !scalar(*database, "SELECT pid FROM pg_stat_activity WHERE pid = " + pid).empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  blocker->rollback();
  REQUIRE(index_exists(*database, "ix_items_v"));
  CHECK_FALSE(index_valid(*database, "ix_items_v"));  // what an interrupted build leaves
  CHECK(scalar(*database, "SELECT started FROM dbmig_progress") == "1");

  const CliResult again = project.run({"upgrade"});
  INFO(again.out << again.err);
  REQUIRE(again.code == 0);
  CHECK(index_valid(*database, "ix_items_v"));
  CHECK(column_values(*database, "SELECT version_num FROM dbmig_version") == std::vector<std::string>{"b2bbbbbbbbbb"});
  CHECK(scalar(*database, "SELECT count(*) FROM dbmig_history WHERE revision = 'b2bbbbbbbbbb'") == "1");
  CHECK(progress_rows(*database) == "0");
}

TEST_CASE("postgres online: a failed concurrent build stops the run; after the fix the next run resumes") {
  auto database = make_database("postgresql");
  if (!database) return;
  Project project(database->url());
  write_revision(project, "a1aaaaaaaaaa", {}, "table",
                 "\n  - create_table: {name: codes, columns: {id: {type: integer, primary_key: true}, code: {type: text}}}"
                 "\n  - sql: \"INSERT INTO codes VALUES (1, 'x'), (2, 'x'), (3, 'y')\"",
                 "\n  - drop_table: codes");
  write_revision(project, "b2bbbbbbbbbb", {"a1aaaaaaaaaa"}, "unique code",
                 "\n  - add_column: {table: codes, name: note, type: text}"
                 "\n  - create_index: {table: codes, name: ux_codes_code, columns: [code], unique: true}",
                 "\n  - drop_index: {table: codes, name: ux_codes_code}\n  - drop_column: {table: codes, name: note}");
  REQUIRE(project.run({"upgrade", "a1aaaaaaaaaa"}).code == 0);

  const CliResult failed = project.run({"upgrade"});
  CHECK(failed.code == 3);
  CHECK(failed.err.find("resumes at this statement") != std::string::npos);
  CHECK(column_values(*database, "SELECT version_num FROM dbmig_version") == std::vector<std::string>{"a1aaaaaaaaaa"});
  CHECK_FALSE(index_valid(*database, "ux_codes_code"));
  // The step before the build is committed; the revision is not recorded as applied.
  CHECK(scalar(*database, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'codes' AND "
                          "column_name = 'note'") == "1");

  // Nothing else runs until the revision is finished.
  const CliResult other = project.run({"downgrade", "base"});
  CHECK(other.code == 3);
  CHECK(other.err.find("left half done") != std::string::npos);

  // The file may be corrected after where the run stopped, not before: the statements done are
  // checked against it.
  const std::string file = "migrations/versions/b2bbbbbbbbbb_rev.yaml";
  const std::string original = project.read(file);
  std::string edited = original;
  edited.replace(edited.find("name: note"), 10, "name: memo");
  project.write(file, edited);
  const CliResult refused = project.run({"upgrade"});
  CHECK(refused.code == 3);
  CHECK(refused.err.find("read differently now") != std::string::npos);
  CHECK(refused.err.find("it resumes at this statement") == std::string::npos);  // no contradicting hint
  edited = original;
  edited.insert(edited.find("downgrade:"), "  - add_column: {table: codes, name: later, type: integer}\n");
  edited.replace(edited.find("  - drop_index"), 0, "  - drop_column: {table: codes, name: later}\n");
  project.write(file, edited);

  execute(*database, "DELETE FROM codes WHERE id = 2");
  const CliResult resumed = project.run({"upgrade"});
  INFO(resumed.out << resumed.err);
  REQUIRE(resumed.code == 0);
  CHECK(index_valid(*database, "ux_codes_code"));
  CHECK(scalar(*database, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'codes' AND "
                          "column_name = 'later'") == "1");
  CHECK(column_values(*database, "SELECT version_num FROM dbmig_version") == std::vector<std::string>{"b2bbbbbbbbbb"});
  CHECK(progress_rows(*database) == "0");
  REQUIRE(project.run({"downgrade", "base"}).code == 0);
  CHECK(database->table_names() == std::vector<std::string>{"dbmig_version"});
}

TEST_CASE("postgres online: a step failing after a concurrent build resumes after it, the build kept") {
  auto database = make_database("postgresql");
  if (!database) return;
  Project project(database->url());
  write_revision(project, "a1aaaaaaaaaa", {}, "table",
                 "\n  - create_table: {name: notes, columns: {id: {type: integer, primary_key: true}, v: {type: text}}}",
                 "\n  - drop_table: notes");
  write_revision(project, "b2bbbbbbbbbb", {"a1aaaaaaaaaa"}, "index then a broken step",
                 "\n  - create_index: {table: notes, name: ix_notes_v, columns: [v]}\n  - sql: \"SELECT 1/0\"",
                 "\n  - drop_index: {table: notes, name: ix_notes_v}");
  REQUIRE(project.run({"upgrade", "a1aaaaaaaaaa"}).code == 0);
  const CliResult failed = project.run({"upgrade"});
  CHECK(failed.code == 3);
  CHECK(index_valid(*database, "ix_notes_v"));  // committed before the failing step
  CHECK(scalar(*database, "SELECT done FROM dbmig_progress") == "1");

  // The broken step fixed (after where the run stopped): the build is not done again.
  const std::string file = "migrations/versions/b2bbbbbbbbbb_rev.yaml";
  std::string fixed = project.read(file);
  fixed.replace(fixed.find("SELECT 1/0"), 10, "SELECT 1");
  project.write(file, fixed);
  const CliResult resumed = project.run({"upgrade"});
  INFO(resumed.out << resumed.err);
  REQUIRE(resumed.code == 0);
  CHECK(column_values(*database, "SELECT version_num FROM dbmig_version") == std::vector<std::string>{"b2bbbbbbbbbb"});
  CHECK(progress_rows(*database) == "0");
}

}  // namespace dbmig::test

namespace dbmig::test {

using namespace postgres;

TEST_CASE("postgres online: migrate warns of a change that rewrites a filled table, with its estimated rows") {
  auto database = make_database("postgresql");
  if (!database) return;
  Project project(database->url());
  const auto model = [](const char* total_type, const char* code_type) {
    return std::string("tables:\n  orders:\n    columns:\n      id: {type: integer, primary_key: true}\n"
                       "      total: {type: ") + total_type + "}\n      code: {type: " + code_type + "}\n";
  };
  project.write("models.yaml", model("integer", "string(10)"));
  migrate_and_upgrade(project, "orders");
  execute(*database, "INSERT INTO orders SELECT g, g, 'c' || g FROM generate_series(1, 5000) g");
  execute(*database, "ANALYZE orders");

  // varchar widening is done without a rewrite: no warning.
  project.write("models.yaml", model("integer", "string(40)"));
  const CliResult widen = project.run({"migrate", "-m", "wider code"});
  INFO(widen.out << widen.err);
  REQUIRE(widen.code == 0);
  CHECK(widen.err.find("rewrites") == std::string::npos);
  REQUIRE(project.run({"upgrade"}).code == 0);

  project.write("models.yaml", model("bigint", "string(40)"));
  const CliResult bigger = project.run({"migrate", "-m", "bigger total"});
  INFO(bigger.out << bigger.err);
  REQUIRE(bigger.code == 0);
  CHECK(bigger.err.find("warning: step 1 (alter_column): ALTER COLUMN total TYPE (integer -> bigint) rewrites orders") !=
        std::string::npos);
  CHECK(bigger.err.find("(orders: about 5,000 rows by the planner's estimate)") != std::string::npos);
  CHECK(bigger.err.find("expand and contract") != std::string::npos);
  // The same warning is a comment in the revision file, for its reviewer.
  std::string revision;
  for (const auto& file : project.revision_files())
    if (file.filename().string().find("bigger_total") != std::string::npos) revision = read_file(file);
  CHECK(revision.find("rewrites orders") != std::string::npos);
  CHECK(revision.find("about 5,000 rows") != std::string::npos);
  // The change is kept: the upgrade makes it.
  REQUIRE(project.run({"upgrade"}).code == 0);
  CHECK(no_changes(project));
}

}  // namespace dbmig::test
