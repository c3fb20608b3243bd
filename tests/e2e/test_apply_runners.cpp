// Several dbmig processes upgrading one database at once, in every apply mode (one transaction per
// revision, --single-transaction, --lock-timeout 0), on every dialect: each revision is applied
// exactly once, and a runner that loses either waits and then finds the work done, or fails with
// the lock message. The chain holds DDL and row inserts, each revision made slow enough that the
// runners really overlap.
#include "test_apply_support.hpp"

namespace dbmig::test {

namespace {

constexpr int runners = 4;

std::string slow_sql() {
  return "{sqlite: \"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000) "
         "SELECT count(*) FROM c\", postgresql: \"SELECT pg_sleep(0.3)\", mysql: \"DO SLEEP(0.3)\"}";
}

// r1 creates the log table (DDL); each revision logs itself once (rows).
void write_logging_chain(const Project& project) {
  write_revision(project, "r1aaaaaaaaaa", {}, "log table",
                 "\n  - create_table: {name: run_log, columns: {entry: {type: string(20)}}}"
                 "\n  - sql: " + slow_sql() + "\n  - sql: \"INSERT INTO run_log VALUES ('r1')\"",
                 "\n  - drop_table: run_log");
  write_revision(project, "r2bbbbbbbbbb", {"r1aaaaaaaaaa"}, "second",
                 "\n  - sql: " + slow_sql() + "\n  - sql: \"INSERT INTO run_log VALUES ('r2')\"",
                 "\n  - sql: \"DELETE FROM run_log WHERE entry = 'r2'\"");
  write_revision(project, "r3cccccccccc", {"r2bbbbbbbbbb"}, "third",
                 "\n  - sql: " + slow_sql() + "\n  - sql: \"INSERT INTO run_log VALUES ('r3')\"",
                 "\n  - sql: \"DELETE FROM run_log WHERE entry = 'r3'\"");
}

std::vector<std::string> column_values(const TestDatabase& database, const std::string& sql) {
  std::vector<std::string> values;
  for (const auto& row : query(database, sql)) values.push_back(row.at(0).value_or("NULL"));
  return values;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++found;
  return found;
}

std::vector<CliResult> run_at_once(const Project& project, const std::vector<std::string>& args) {
  std::vector<std::unique_ptr<BinaryProcess>> processes;
  for (int i = 0; i < runners; ++i) processes.push_back(std::make_unique<BinaryProcess>(project, args));
  std::vector<CliResult> results;
  for (auto& process : processes) results.push_back(process->wait());
  return results;
}

// What every mode shares once all runners have ended: each revision ran once, and no runner
// crashed or failed at COMMIT.
void expect_each_revision_once(const TestDatabase& database, const std::vector<CliResult>& results) {
  std::string all_output;
  for (const auto& result : results) all_output += result.out + result.err;
  INFO("all runners' output:\n" << all_output);
  CHECK(column_values(database, "SELECT entry FROM run_log ORDER BY entry") ==
        std::vector<std::string>{"r1", "r2", "r3"});
  CHECK(column_values(database, "SELECT revision FROM dbmig_history ORDER BY id") ==
        std::vector<std::string>{"r1aaaaaaaaaa", "r2bbbbbbbbbb", "r3cccccccccc"});
  CHECK(column_values(database, "SELECT version_num FROM dbmig_version") == std::vector<std::string>{"r3cccccccccc"});
  for (const auto* id : {"r1aaaaaaaaaa", "r2bbbbbbbbbb", "r3cccccccccc"})
    CHECK(occurrences(all_output, std::string("Applied   ") + id) == 1);
  for (const auto& result : results) {
    CHECK(result.code >= 0);  // exited, not killed by a signal
    CHECK(result.err.find("SQL: COMMIT") == std::string::npos);
  }
}

}  // namespace

TEST_CASE_TEMPLATE("concurrent runners, one transaction per revision: each revision applied once", Backend,
                   DBMIG_TEST_BACKENDS) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  write_logging_chain(project);
  const auto results = run_at_once(project, {"upgrade", "--lock-timeout", "60"});
  expect_each_revision_once(*database, results);
  for (const auto& result : results) CHECK(result.code == 0);
}

TEST_CASE_TEMPLATE("concurrent runners with --single-transaction: each revision applied once", Backend, SqliteBackend,
                   PostgresBackend) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  write_logging_chain(project);
  const auto results = run_at_once(project, {"upgrade", "--single-transaction", "--lock-timeout", "60"});
  expect_each_revision_once(*database, results);
  for (const auto& result : results) CHECK(result.code == 0);
}

TEST_CASE_TEMPLATE("concurrent runners with --lock-timeout 0: the losers fail with the lock message", Backend,
                   DBMIG_TEST_BACKENDS) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  write_logging_chain(project);
  // One runner first, so that the others certainly find the lock taken.
  BinaryProcess first(project, {"-vv", "upgrade"});
  const std::string slow_statement = Backend::name == std::string("sqlite")       ? "SQL: WITH RECURSIVE"
                                     : Backend::name == std::string("postgresql") ? "SQL: SELECT pg_sleep"
                                                                                  : "SQL: DO SLEEP";
  REQUIRE(first.wait_for_stderr(slow_statement));
  const auto losers = run_at_once(project, {"upgrade", "--lock-timeout", "0"});
  const auto winner = first.wait();
  CHECK(winner.code == 0);
  auto everyone = losers;
  everyone.push_back(winner);
  expect_each_revision_once(*database, everyone);
  for (const auto& loser : losers) {
    INFO("loser: " << loser.out << loser.err);
    CHECK((loser.code == 0 || loser.code == 3));
    if (loser.code == 3) CHECK(loser.err.find("could not take") != std::string::npos);
  }
}

}  // namespace dbmig::test
