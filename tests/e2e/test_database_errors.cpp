// What dbmig says when the database is not what the URL promises: a file that is not a SQLite
// database, a SQLite URL opening the file read-only, a PostgreSQL server unreachable through a URL
// with a password in it, and a run lock held by a session that will not let go (a dbmig killed
// mid-run leaves its server session running, lock held: the message must name that session).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "config/database_url.hpp"
#include "dialect/registry.hpp"
#include "dialect/postgres/postgres_connection.hpp"
#include "dialect/postgres/postgres_session.hpp"
#include "test_apply_support.hpp"
#include "util/error.hpp"

namespace dbmig::test {

namespace {

void write_table_revision(const Project& project) {
  write_revision(project, "a1000000000a", {}, "table t", "\n  - create_table: {name: t, columns: {x: {type: integer}}}",
                 "\n  - drop_table: t");
}

void use_url(const Project& project, const std::string& url) {
  project.write("dbmig.yaml", "database_url: \"" + url + "\"\nmodels: models.yaml\nmigrations: migrations\n");
}

}  // namespace

TEST_CASE("a file that is not a SQLite database is named as such, exit 3, and left as it was") {
  Project project("sqlite:///placeholder.db");
  const std::string contents = "id,name\n1,ann\n2,bob\n" + std::string(300, '-') + "\n";
  project.write("people.csv", contents);
  use_url(project, "sqlite:///people.csv");
  write_table_revision(project);
  for (const char* command : {"upgrade", "current"}) {
    CAPTURE(command);
    const auto result = project.run({command});
    INFO(result.err);
    CHECK(result.code == 3);
    CHECK(result.err.find("people.csv\" is not a SQLite database") != std::string::npos);
    CHECK(result.err.find("lock") == std::string::npos);  // it used to blame another run's write lock
  }
  CHECK(project.read("people.csv") == contents);
}

TEST_CASE("a SQLite URL with ?mode=ro never creates nor changes the database") {
  Project project("sqlite:///placeholder.db");
  write_table_revision(project);
  use_url(project, "sqlite:///app.db?mode=ro");
  const auto missing = project.run({"upgrade"});
  INFO(missing.err);
  CHECK(missing.code == 3);
  CHECK(missing.err.find("it does not exist, and the URL's ?mode=ro does not create it") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(project.dir() / "app.db"));
  CHECK_FALSE(std::filesystem::exists(project.dir() / "app.db?mode=ro"));

  use_url(project, "sqlite:///app.db");
  REQUIRE(project.run({"stamp", "base"}).code == 0);  // the database exists, with its version table, empty
  use_url(project, "sqlite:///app.db?mode=ro");
  const auto current = project.run({"current"});
  CHECK(current.code == 0);
  const auto upgrade = project.run({"upgrade"});
  INFO(upgrade.err);
  CHECK(upgrade.code == 3);
  CHECK(upgrade.err.find("readonly") != std::string::npos);
  CHECK(upgrade.err.find("?mode=ro") != std::string::npos);
  use_url(project, "sqlite:///app.db");
  CHECK(project.run({"current"}).out.find("a1000000000a") == std::string::npos);  // nothing was applied
}

TEST_CASE("--lock-timeout out of range says the range readably") {
  Project project("sqlite:///db.sqlite");
  for (const char* bad : {"-1", "1e300", "nan", "abc"}) {
    CAPTURE(bad);
    const auto result = project.run({"upgrade", "--lock-timeout", bad});
    CHECK(result.code == 2);
    CHECK(result.err.find("is not a number of seconds from 0 to 2147483 (about 24 days)") != std::string::npos);
    CHECK(result.err.size() < 300);  // the bound used to be printed as 1.79...e+308 in full
  }
  CHECK(project.run({"upgrade", "--lock-timeout", "2.5"}).code == 0);
}

TEST_CASE("a PostgreSQL connection error shows the masked URL, then ': ', then the reason") {
  if (!make_database("postgresql")) return;  // libpq is needed, not the server
  Project project("sqlite:///placeholder.db");
  use_url(project, "postgresql://nobody@127.0.0.1:1/nowhere?password=hunter2&connect_timeout=5");
  const auto result = project.run({"current"});
  INFO(result.err);
  CHECK(result.code == 3);
  CHECK(result.err.find("cannot connect to postgresql://nobody@127.0.0.1:1/nowhere?password=***&connect_timeout=5: ") !=
        std::string::npos);
  CHECK(result.err.find("hunter2") == std::string::npos);

  use_url(project, "postgresql://nobody@127.0.0.1:1/nowhere?password=hunter2");
  const auto last = project.run({"current"});
  CHECK(last.err.find("cannot connect to postgresql://nobody@127.0.0.1:1/nowhere?password=***: ") != std::string::npos);
}

TEST_CASE("when another session holds the PostgreSQL run lock, the error names it") {
  auto database = make_database("postgresql");
  if (!database) return;
  Project project(database->url());
  write_table_revision(project);

  // A session that takes dbmig's lock and then runs a long statement: what a dbmig killed in the
  // middle of a slow step leaves behind.
  auto holder = database->connect();
  holder->execute({"SET application_name = 'stuck_migration'", {}});
  const std::string pid = holder->query({"SELECT pg_backend_pid()::text", {}}).at(0).at(0).value();
  const std::string key = std::to_string(dialect::postgres::advisory_lock_key("dbmig_version"));
  holder->query({"SELECT pg_advisory_lock(" + key + ")", {}});
  std::atomic<bool> sleeping_ended{false};
  std::thread sleeper([&] {
    try {
      holder->query({"SELECT pg_sleep(60)", {}});
    } catch (const Error&) {
      // cancelled below
    }
    sleeping_ended = true;
  });
  auto observer = database->connect();
  const auto activity = [&] {
    const auto rows = observer->query({"SELECT state FROM pg_stat_activity WHERE pid = " + pid, {}});
    return rows.empty() ? std::string() : rows.at(0).at(0).value_or("");
  };
  for (int tries = 0; tries < 100 && activity() != "active"; ++tries)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));

  const auto result = project.run({"upgrade", "--lock-timeout", "0"});
  observer->query({"SELECT pg_cancel_backend(" + pid + ")", {}});
  sleeper.join();
  CHECK(sleeping_ended);
  INFO(result.err);
  CHECK(result.code == 3);
  CHECK(result.err.find("could not take the PostgreSQL advisory lock " + key) != std::string::npos);
  CHECK(result.err.find("it is held by pid " + pid + " (application_name 'stuck_migration'") != std::string::npos);
  CHECK(result.err.find("running for ") != std::string::npos);
  CHECK(result.err.find(": SELECT pg_sleep(60)") != std::string::npos);
  CHECK(result.err.find("end it with SELECT pg_terminate_backend(" + pid + ")") != std::string::npos);
  const auto tables = database->table_names();
  CHECK(std::find(tables.begin(), tables.end(), "t") == tables.end());  // nothing was applied
}

TEST_CASE("dbmig's own PostgreSQL sessions call themselves dbmig unless the URL names them") {
  auto database = make_database("postgresql");
  if (!database) return;
  dialect::postgres::PostgresConnection own(dialect::parse_database_url(database->url()));
  CHECK(own.query({"SHOW application_name", {}}).at(0).at(0) == "dbmig");
  const std::string separator = database->url().find('?') == std::string::npos ? "?" : "&";
  dialect::postgres::PostgresConnection named(
      dialect::parse_database_url(database->url() + separator + "application_name=deploy_job"));
  CHECK(named.query({"SHOW application_name", {}}).at(0).at(0) == "deploy_job");
}

}  // namespace dbmig::test
