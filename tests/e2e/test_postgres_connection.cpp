// Connecting to PostgreSQL: URL forms libpq accepts, and errors that are one clear line with the
// password masked.
#include <doctest/doctest.h>

#include <cstdlib>

#include "config/database_url.hpp"
#include "dialect/registry.hpp"
#include "dialect/dialect.hpp"
#include "test_postgres_support.hpp"
#include "util/error.hpp"

namespace dbmig::test {

using namespace postgres;

namespace {

// The test server's URL with its password replaced: postgresql://user:<password>@host:port/db.
std::string with_password(const std::string& url, const std::string& password) {
  const auto scheme_end = url.find("://") + 3;
  const auto at = url.find('@', scheme_end);
  const auto colon = url.find(':', scheme_end);
  REQUIRE(at != std::string::npos);
  REQUIRE(colon < at);
  return url.substr(0, colon + 1) + password + url.substr(at);
}

std::string password_of(const std::string& url) {
  const auto scheme_end = url.find("://") + 3;
  const auto colon = url.find(':', scheme_end);
  return url.substr(colon + 1, url.find('@', scheme_end) - colon - 1);
}

}  // namespace

TEST_CASE("postgres connection: a wrong password exits 3 with the password masked") {
  auto database = make_database("postgresql");
  if (!database) return;
  const std::string secret = "wrong-secret-4711";
  Project project(with_password(database->url(), secret));
  const CliResult current = project.run({"current"});
  CHECK(current.code == 3);
  CHECK(current.err.find("password authentication failed") != std::string::npos);
  CHECK(current.err.find(":***@") != std::string::npos);
  CHECK(current.err.find(secret) == std::string::npos);
  CHECK(current.out.find(secret) == std::string::npos);
  CHECK(current.err.find(password_of(database->url())) == std::string::npos);
  // One line, then a hint.
  CHECK(current.err.find('\n') == current.err.find("\n  hint:"));
}

TEST_CASE("postgres connection: no server there exits 3 naming the masked URL") {
  auto database = make_database("postgresql");
  if (!database) return;
  Project project("postgresql://someone:hunter2@127.0.0.1:1/nowhere?connect_timeout=2");
  const CliResult current = project.run({"current"});
  CHECK(current.code == 3);
  CHECK(current.err.find("postgresql://someone:***@127.0.0.1:1/nowhere") != std::string::npos);
  CHECK(current.err.find("hunter2") == std::string::npos);
}

TEST_CASE("postgres connection: postgres:// URLs and query parameters work as libpq reads them") {
  auto database = make_database("postgresql");
  if (!database) return;
  std::string url = database->url();
  url.replace(0, url.find("://"), "postgres");
  url += (url.find('?') == std::string::npos ? "?" : "&") + std::string("sslmode=disable&application_name=mine");
  const auto parsed = dialect::parse_database_url(url);
  const auto dialect = dialect::make_dialect(parsed);
  CHECK(dialect->name() == "postgresql");
  const auto connection = dialect->connect(parsed);
  const auto rows = connection->query({"SELECT current_setting('application_name'), $1::int + 1", {"41"}});
  REQUIRE(rows.size() == 1);
  CHECK(rows[0][0] == "mine");  // the URL's name wins over dbmig's fallback
  CHECK(rows[0][1] == "42");
}

TEST_CASE("postgres connection: statements, parameters, NULLs, transactions and errors") {
  auto database = make_database("postgresql");
  if (!database) return;
  const auto connection = database->connect();
  CHECK(scalar(*database, "SELECT current_setting('application_name')") == "dbmig");

  connection->execute({"CREATE TABLE t (a text, b int); INSERT INTO t VALUES ('x', 1)", {}});  // a script
  connection->execute({"INSERT INTO t VALUES ($1, $2)", {std::nullopt, "2"}});
  const auto rows = connection->query({"SELECT a, b FROM t ORDER BY b", {}});
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == dialect::Row{"x", "1"});
  CHECK(rows[1] == dialect::Row{std::nullopt, "2"});

  const std::size_t counted = connection->statement_count();
  connection->begin();
  CHECK(connection->in_transaction());
  connection->execute({"INSERT INTO t VALUES ('y', 3)", {}});
  try {
    connection->execute({"INSERT INTO t VALUES ('z', 'not a number')", {}});
    FAIL("the insert should fail");
  } catch (const Error& error) {
    CHECK(error.code() == ExitCode::database);
    CHECK(error.message().find("PostgreSQL error: invalid input syntax for type integer") != std::string::npos);
    CHECK(error.message().find("SQL: INSERT INTO t VALUES ('z', 'not a number')") != std::string::npos);
  }
  CHECK(connection->in_transaction());  // aborted, waiting for its ROLLBACK
  connection->rollback();
  CHECK_FALSE(connection->in_transaction());
  CHECK(connection->statement_count() == counted + 3);
  CHECK(scalar(*database, "SELECT count(*) FROM t") == "2");

  try {
    connection->execute({"ALTER TABLE t ADD CONSTRAINT t_b_key UNIQUE (b); INSERT INTO t VALUES ('w', 1)", {}});
    FAIL("the insert should fail");
  } catch (const Error& error) {
    CHECK(error.message().find("duplicate key value violates unique constraint \"t_b_key\"") != std::string::npos);
    CHECK(error.message().find("(Key (b)=(1) already exists.)") != std::string::npos);  // libpq's detail
  }
}

}  // namespace dbmig::test
