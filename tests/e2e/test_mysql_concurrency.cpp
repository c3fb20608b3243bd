// Two dbmig processes upgrading one MySQL/MariaDB database at once: the run lock (GET_LOCK)
// makes one wait for the other, or with --lock-timeout 0 fail at once; every revision is applied
// exactly once. As test_apply_concurrency.cpp does for SQLite and PostgreSQL.
#include "test_apply_support.hpp"
#include "test_mysql_support.hpp"

namespace dbmig::test {

using namespace mysql;

namespace {

// r2 takes 1.5 s (DO: no result set), so that the other process certainly has to wait.
void write_slow_chain(const Project& project) {
  write_revision(project, "a1000000000a", {}, "table t",
                 "\n  - create_table: {name: t, columns: {x: {type: integer}}}", "\n  - drop_table: t");
  write_revision(project, "b2000000000b", {"a1000000000a"}, "slow step",
                 "\n  - sql: \"INSERT INTO t VALUES (1)\"\n  - sql: \"DO SLEEP(1.5)\"", "\n  - sql: DELETE FROM t");
  write_revision(project, "c3000000000c", {"b2000000000b"}, "table u",
                 "\n  - create_table: {name: u, columns: {id: {type: integer, primary_key: true}}}", "\n  - drop_table: u");
}

std::vector<std::string> history_rows(const TestDatabase& database) {
  std::vector<std::string> rows;
  for (const auto& row : query(database, "SELECT revision, direction FROM dbmig_history ORDER BY id"))
    rows.push_back(row.at(0).value_or("NULL") + " " + row.at(1).value_or("NULL"));
  return rows;
}

const std::vector<std::string> each_once = {"a1000000000a upgrade", "b2000000000b upgrade", "c3000000000c upgrade"};

}  // namespace

TEST_CASE("mysql concurrency: two upgrades at once apply every revision exactly once") {
  auto database = make_database("mysql");
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
  for (const char* id : {"a1000000000a", "b2000000000b", "c3000000000c"})
    CHECK(occurrences(both, std::string("Applied   ") + id) == 1);
  CHECK(versions(*database) == std::vector<std::string>{"c3000000000c"});
  CHECK(database->count_rows("t") == 1);  // the INSERT of b2 ran once
  CHECK(progress(*database).empty());
}

TEST_CASE("mysql concurrency: with --lock-timeout 0 the second upgrade fails at once, naming the lock") {
  auto database = make_database("mysql");
  if (!database) return;
  Project project(database->url());
  write_slow_chain(project);

  BinaryProcess first(project, {"-vv", "upgrade"});
  REQUIRE(first.wait_for_stderr("SQL: DO SLEEP"));  // it holds the lock and runs the slow step
  const auto second = BinaryProcess(project, {"upgrade", "--lock-timeout", "0"}).wait();
  const bool second_did_not_wait = first.running();
  const auto one = first.wait();
  INFO("first: " << one.out << one.err);
  INFO("second: " << second.out << second.err);
  CHECK(one.code == 0);
  CHECK(second.code == 3);
  CHECK(second.err.find("lock") != std::string::npos);
  CHECK(second.out.find("Applied") == std::string::npos);
  CHECK(second_did_not_wait);  // it failed at once rather than waiting for the first to finish
  CHECK(history_rows(*database) == each_once);
  CHECK(database->count_rows("t") == 1);
}

TEST_CASE("mysql concurrency: a second runner that waits plans from where the first left the database") {
  auto database = make_database("mysql");
  if (!database) return;
  Project project(database->url());
  write_slow_chain(project);

  BinaryProcess first(project, {"-vv", "upgrade", "b2000000000b"});
  REQUIRE(first.wait_for_stderr("SQL: DO SLEEP"));
  const auto second = BinaryProcess(project, {"upgrade", "--lock-timeout", "30"}).wait();
  const auto one = first.wait();
  INFO("first: " << one.out << one.err);
  INFO("second: " << second.out << second.err);
  CHECK(one.code == 0);
  CHECK(second.code == 0);
  CHECK(occurrences(one.out + second.out, "Applied   b2000000000b") == 1);
  CHECK(occurrences(second.out, "Applied   c3000000000c") == 1);
  CHECK(history_rows(*database) == each_once);
  CHECK(database->count_rows("t") == 1);
}

}  // namespace dbmig::test
