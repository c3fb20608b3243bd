// Two dbmig processes upgrading one database at once (each dialect's run lock: SQLite's write lock,
// PostgreSQL's advisory lock, MariaDB's GET_LOCK): every revision is applied exactly once,
// whichever gets the lock first; with --lock-timeout 0 the second one fails at once with exit 3,
// naming the lock, and changes nothing.
#include "test_apply_support.hpp"

namespace dbmig::test {

namespace {

// r2 takes over a second, so that the other process certainly has to wait for the lock.
void write_slow_chain(const Project& project) {
  write_revision(project, "a1000000000a", {}, "table t",
                 "\n  - create_table: {name: t, columns: {x: {type: integer}}}", "\n  - drop_table: t");
  write_revision(project, "b2000000000b", {"a1000000000a"}, "slow step",
                 "\n  - sql: {sqlite: \"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1500000)"
                 " INSERT INTO t SELECT x FROM c\", postgresql: \"SELECT pg_sleep(1.5)\", mysql: \"DO SLEEP(1.5)\"}",
                 "\n  - sql: DELETE FROM t");
  write_revision(project, "c3000000000c", {"b2000000000b"}, "table u",
                 "\n  - create_table: {name: u, columns: {id: {type: integer, primary_key: true}}}", "\n  - drop_table: u");
}

std::vector<std::string> history_rows(const TestDatabase& database) {
  std::vector<std::string> rows;
  for (const auto& row : query(database, "SELECT revision, direction FROM dbmig_history ORDER BY id"))
    rows.push_back(row.at(0).value_or("NULL") + " " + row.at(1).value_or("NULL"));
  return rows;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++found;
  return found;
}

// What the first process logs (-vv) just before it runs the slow step, holding the lock.
std::string slow_statement(std::string_view backend) {
  if (backend == "sqlite") return "SQL: WITH RECURSIVE";
  return backend == "postgresql" ? "SQL: SELECT pg_sleep" : "SQL: DO SLEEP";
}

const std::vector<std::string> each_once = {"a1000000000a upgrade", "b2000000000b upgrade", "c3000000000c upgrade"};

}  // namespace

TEST_CASE_TEMPLATE("two concurrent upgrades apply every revision exactly once", Backend,
                   DBMIG_TEST_BACKENDS) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  write_slow_chain(project);

  BinaryProcess first(project, {"upgrade", "--lock-timeout", "60"});
  BinaryProcess second(project, {"upgrade", "--lock-timeout", "60"});
  const auto one = first.wait();
  const auto two = second.wait();
  INFO("first: " << one.out << one.err);
  INFO("second: " << two.out << two.err);
  CHECK(one.code == 0);
  CHECK(two.code == 0);
  CHECK(history_rows(*database) == each_once);
  const std::string both = one.out + two.out;
  for (const auto* id : {"a1000000000a", "b2000000000b", "c3000000000c"}) CHECK(count(both, std::string("Applied   ") + id) == 1);
  CHECK(query(*database, "SELECT version_num FROM dbmig_version").at(0).at(0) == "c3000000000c");
  CHECK(database->count_rows("t") == (std::string(Backend::name) == "sqlite" ? 1500000 : 0));
}

TEST_CASE_TEMPLATE("with --lock-timeout 0 the second upgrade fails at once, naming the lock", Backend,
                   DBMIG_TEST_BACKENDS) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  write_slow_chain(project);

  BinaryProcess first(project, {"-vv", "upgrade"});
  REQUIRE(first.wait_for_stderr(slow_statement(Backend::name)));  // it holds the lock and runs the slow step
  const auto second = BinaryProcess(project, {"upgrade", "--lock-timeout", "0"}).wait();
  const bool second_did_not_wait = first.running();
  const auto one = first.wait();
  INFO("first: " << one.out << one.err);
  INFO("second: " << second.out << second.err);
  CHECK(one.code == 0);
  CHECK(second.code == 3);
  CHECK(second.err.find("lock") != std::string::npos);
  if (std::string(Backend::name) == "postgresql")
    CHECK(second.err.find("could not take the PostgreSQL advisory lock") != std::string::npos);
  CHECK(second.out.find("Applied") == std::string::npos);
  CHECK(second_did_not_wait);  // it failed at once rather than waiting for the first to finish
  CHECK(history_rows(*database) == each_once);
}

TEST_CASE_TEMPLATE("a second runner that waits plans from where the first left the database", Backend,
                   DBMIG_TEST_BACKENDS) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  write_slow_chain(project);

  BinaryProcess first(project, {"-vv", "upgrade", "b2000000000b"});
  REQUIRE(first.wait_for_stderr(slow_statement(Backend::name)));
  const auto second = BinaryProcess(project, {"upgrade", "--lock-timeout", "30"}).wait();
  const auto one = first.wait();
  INFO("first: " << one.out << one.err);
  INFO("second: " << second.out << second.err);
  CHECK(one.code == 0);
  CHECK(second.code == 0);
  CHECK(count(one.out + second.out, "Applied   b2000000000b") == 1);
  CHECK(count(second.out, "Applied   c3000000000c") == 1);
  CHECK(history_rows(*database) == each_once);
}

}  // namespace dbmig::test
