// Transactions and session limits: --single-transaction rolls the whole run back on a failure
// (one transaction per revision keeps the earlier ones); PostgreSQL's lock_timeout and
// statement_timeout come from the flags or dbmig.yaml and really hold in the migration session.
#include "test_apply_support.hpp"

namespace dbmig::test {

namespace {

void write_failing_chain(const Project& project) {
  write_revision(project, "a1000000000a", {}, "t1", "\n  - create_table: {name: t1, columns: {id: {type: integer}}}",
                 "\n  - drop_table: t1");
  write_revision(project, "b2000000000b", {"a1000000000a"}, "t2",
                 "\n  - create_table: {name: t2, columns: {id: {type: integer}}}", "\n  - drop_table: t2");
  write_revision(project, "c3000000000c", {"b2000000000b"}, "broken", "\n  - sql: SELECT * FROM no_such_table");
}

// Fails unless the session runs with lock_timeout 3s and statement_timeout 1min.
const std::string assert_timeouts =
    "\n  - sql: {sqlite: SELECT 1, postgresql: \"DO $$ BEGIN IF current_setting('lock_timeout') <> '3s' OR "
    "current_setting('statement_timeout') <> '1min' THEN RAISE EXCEPTION 'timeouts are %, %', "
    "current_setting('lock_timeout'), current_setting('statement_timeout'); END IF; END $$\"}";

}  // namespace

// Only where DDL runs in transactions: MySQL's is refused (the case below).
TEST_CASE_TEMPLATE("--single-transaction rolls the whole run back; by default earlier revisions stay", Backend,
                   SqliteBackend, PostgresBackend) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  write_failing_chain(project);

  const auto whole = project.run({"upgrade", "--single-transaction"});
  CHECK(whole.code == 3);
  CHECK(whole.err.find("revision c3000000000c (broken), upgrade step 1 (sql) failed") != std::string::npos);
  CHECK(whole.err.find("no_such_table") != std::string::npos);
  CHECK(database->table_names().empty());  // not even the version table

  const auto each = project.run({"upgrade"});
  CHECK(each.code == 3);
  CHECK(each.out.find("Applied   b2000000000b") != std::string::npos);
  CHECK(database->table_names() == std::vector<std::string>{"dbmig_version", "t1", "t2"});
  CHECK(project.run({"current"}).out.find("b2000000000b") != std::string::npos);

  // A revision that must run outside a transaction cannot join one.
  write_revision(project, "c3000000000c", {"b2000000000b"}, "outside",
                 "\n  - sql: SELECT 1", "[]");
  project.write("migrations/versions/c3000000000c_rev.yaml",
                project.read("migrations/versions/c3000000000c_rev.yaml") + "transactional: false\n");
  const auto refused = project.run({"upgrade", "--single-transaction"});
  CHECK(refused.code == 2);
  CHECK(refused.err.find("transactional: false") != std::string::npos);
  CHECK(project.run({"upgrade"}).code == 0);
}

TEST_CASE("--single-transaction is refused on MySQL, whose DDL commits implicitly; nothing runs") {
  auto database = make_database("mysql");
  if (!database) return;
  Project project(database->url());
  write_failing_chain(project);
  const auto refused = project.run({"upgrade", "--single-transaction"});
  CHECK(refused.code == 2);
  CHECK(refused.err.find("commit implicitly") != std::string::npos);
  CHECK(refused.err.find("run without --single-transaction") != std::string::npos);
  CHECK(database->table_names().empty());
}

TEST_CASE_TEMPLATE("lock_timeout and statement_timeout hold in the migration session", Backend, SqliteBackend,
                   PostgresBackend) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  write_revision(project, "a1000000000a", {}, "check timeouts", assert_timeouts, assert_timeouts);
  const bool postgres = std::string(Backend::name) == "postgresql";

  const auto script = project.run({"upgrade", "--sql", "--lock-timeout-sql", "3s", "--statement-timeout", "1min"});
  REQUIRE(script.code == 0);
  CHECK((script.out.find("SET lock_timeout = '3s';\nSET statement_timeout = '1min';") != std::string::npos) == postgres);

  const auto without = project.run({"upgrade"});
  CHECK(without.code == (postgres ? 3 : 0));
  // Without flags or config: lock_timeout is dbmig's default (5s), statement_timeout unset.
  if (postgres) CHECK(without.err.find("timeouts are 5s, 0") != std::string::npos);
  if (!postgres) REQUIRE(project.run({"downgrade"}).code == 0);

  const auto with_flags = project.run({"upgrade", "--lock-timeout-sql", "3s", "--statement-timeout", "1min"});
  INFO(with_flags.err);
  CHECK(with_flags.code == 0);
  CHECK((with_flags.err.find("no effect on sqlite") != std::string::npos) == !postgres);

  // The same from dbmig.yaml, where SQLite ignores them without a word.
  project.write("dbmig.yaml", "database_url: \"" + database->url() + "\"\nlock_timeout: 3s\nstatement_timeout: 1min\n");
  const auto with_config = project.run({"downgrade"});
  INFO(with_config.err);
  CHECK(with_config.code == 0);
  CHECK(with_config.err.empty());

  if (postgres) {
    write_revision(project, "b2000000000b", {"a1000000000a"}, "slow", "\n  - sql: SELECT pg_sleep(2)");
    REQUIRE(project.run({"upgrade", "a1000000000a"}).code == 0);
    const auto timed_out = project.run({"upgrade", "--statement-timeout", "200ms"});
    CHECK(timed_out.code == 3);
    CHECK(timed_out.err.find("statement timeout") != std::string::npos);
    CHECK(timed_out.err.find("revision b2000000000b (slow), upgrade step 1 (sql)") != std::string::npos);
  }

  project.write("dbmig.yaml", "database_url: \"" + database->url() + "\"\nstatement_timeout: soon\n");
  const auto bad = project.run({"current"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("dbmig.yaml:2:") != std::string::npos);
  CHECK(bad.err.find("'soon' is not a timeout") != std::string::npos);
  CHECK(project.run({"upgrade", "--statement-timeout", "soon"}).code == 2);
}

}  // namespace dbmig::test
