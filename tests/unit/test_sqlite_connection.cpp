// SqliteConnection against real temporary database files.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include "config/database_url.hpp"
#include "dialect/registry.hpp"
#include "dialect/sqlite/sqlite_connection.hpp"
#include "dialect/sqlite/sqlite_dialect.hpp"
#include "test_sqlite_support.hpp"

using namespace dbmig;
using dialect::Row;
using dialect::Statement;
using dialect::sqlite::SqliteConnection;
using test::error_from;
using test::TempDatabase;

namespace {
Statement sql(std::string text, std::vector<std::optional<std::string>> params = {}) {
  return Statement{std::move(text), std::move(params)};
}
}  // namespace

TEST_CASE("sqlite connection: bound parameters in, every value out as text or NULL") {
  SqliteConnection connection(":memory:");
  connection.execute(sql("CREATE TABLE t (a TEXT, b INTEGER, c REAL, d BLOB)"));
  connection.execute(sql("INSERT INTO t (a, b) VALUES (?, ?)", {"it's ? here", std::nullopt}));
  connection.execute(sql("INSERT INTO t VALUES ('x', 42, 1.5, x'6869')"));
  const std::vector<Row> rows = connection.query(sql("SELECT a, b, c, d FROM t ORDER BY a"));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == Row{"it's ? here", std::nullopt, std::nullopt, std::nullopt});
  CHECK(rows[1] == Row{"x", "42", "1.5", "hi"});
  CHECK(connection.query(sql("SELECT count(*) FROM t WHERE a = ?", {"x"})) == std::vector<Row>{{"1"}});
}

TEST_CASE("sqlite connection: a script of several statements runs whole when it has no parameters") {
  SqliteConnection connection(":memory:");
  const std::size_t before = connection.statement_count();
  connection.execute(sql("CREATE TABLE t (a INTEGER);\n-- a comment\nINSERT INTO t VALUES (1); INSERT INTO t VALUES (2);\n"));
  CHECK(connection.statement_count() - before == 3);
  CHECK(connection.query(sql("SELECT sum(a) FROM t")) == std::vector<Row>{{"3"}});

  const auto error = error_from([&] { connection.execute(sql("INSERT INTO t VALUES (?); DELETE FROM t", {"5"})); });
  REQUIRE(error);
  CHECK(error->code() == ExitCode::database);
  CHECK(connection.query(sql("SELECT count(*) FROM t")) == std::vector<Row>{{"2"}});  // nothing ran

  CHECK(error_from([&] { connection.execute(sql("INSERT INTO t VALUES (?)", {"1", "2"})); }));
}

TEST_CASE("sqlite connection: SQL errors are database errors naming SQLite's message and the SQL") {
  SqliteConnection connection(":memory:");
  const auto error = error_from([&] { connection.query(sql("SELECT *\n  FROM missing_table")); });
  REQUIRE(error);
  CHECK(error->code() == ExitCode::database);
  CHECK(static_cast<int>(error->code()) == 3);
  CHECK(error->message() == "SQLite error: no such table: missing_table; SQL: SELECT * FROM missing_table");

  const std::string long_sql = "SELECT " + std::string(1000, '1') + " FROM nowhere";
  const auto long_error = error_from([&] { connection.query(sql(long_sql)); });
  REQUIRE(long_error);
  CHECK(long_error->message().size() < 500);
  CHECK(long_error->message().find("...") != std::string::npos);
}

TEST_CASE("sqlite connection: transactions commit, roll back, and rollback never throws") {
  TempDatabase file;
  SqliteConnection connection(file.path());
  connection.execute(sql("CREATE TABLE t (a INTEGER)"));
  CHECK_FALSE(connection.in_transaction());
  connection.begin();
  CHECK(connection.in_transaction());
  connection.execute(sql("INSERT INTO t VALUES (1)"));
  connection.rollback();
  CHECK_FALSE(connection.in_transaction());
  CHECK(connection.query(sql("SELECT count(*) FROM t")) == std::vector<Row>{{"0"}});

  connection.begin();
  connection.execute(sql("INSERT INTO t VALUES (1)"));
  connection.commit();
  CHECK(SqliteConnection(file.path()).query(sql("SELECT count(*) FROM t")) == std::vector<Row>{{"1"}});

  connection.rollback();  // outside a transaction: nothing to do, no error
  CHECK_FALSE(connection.in_transaction());
}

TEST_CASE("sqlite connection: a second writer waits for the lock, then fails with a clear error") {
  TempDatabase file;
  SqliteConnection first(file.path());
  first.execute(sql("CREATE TABLE t (a INTEGER)"));
  first.begin();  // BEGIN IMMEDIATE: holds the write lock from here

  SqliteConnection second(file.path());
  second.set_busy_timeout(std::chrono::milliseconds(50));
  const auto error = error_from([&] { second.begin(); });
  REQUIRE(error);
  CHECK(error->code() == ExitCode::database);
  CHECK(error->message().find("database is locked") != std::string::npos);
  CHECK(error->hint().find("write lock") != std::string::npos);

  first.commit();
  second.begin();  // free again
  second.rollback();
}

TEST_CASE("sqlite connection: foreign keys are enforced") {
  SqliteConnection connection(":memory:");
  connection.execute(sql("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p_id INTEGER REFERENCES p (id))"));
  CHECK(connection.query(sql("PRAGMA foreign_keys")) == std::vector<Row>{{"1"}});
  const auto error = error_from([&] { connection.execute(sql("INSERT INTO c VALUES (7)")); });
  REQUIRE(error);
  CHECK(error->message().find("FOREIGN KEY constraint failed") != std::string::npos);
}

TEST_CASE("sqlite connection: a file that cannot be opened is a database error") {
  const auto error = error_from([] { SqliteConnection("/nonexistent-dir/sub/app.db"); });
  REQUIRE(error);
  CHECK(error->code() == ExitCode::database);
  CHECK(error->message().find("/nonexistent-dir/sub/app.db") != std::string::npos);
}

TEST_CASE("sqlite connection: a file that is not a SQLite database says so when opened") {
  // It used to open without a word and fail at BEGIN IMMEDIATE, reported as a lock another run held.
  TempDatabase file;
  std::ofstream(file.path()) << "name,email\nann,ann@example.com\n" << std::string(200, 'x') << "\n";
  const auto error = error_from([&] { SqliteConnection connection(file.path()); });
  REQUIRE(error);
  CHECK(error->code() == ExitCode::database);
  CHECK(error->message() == "\"" + file.path() + "\" is not a SQLite database");
  CHECK(error->hint().find("SQLite format 3") != std::string::npos);

  TempDatabase empty;  // an empty file is an empty database, as SQLite reads it
  std::ofstream(empty.path()).flush();
  SqliteConnection connection(empty.path());
  CHECK(connection.query(sql("SELECT count(*) FROM sqlite_schema")) == std::vector<Row>{{"0"}});
}

TEST_CASE("sqlite connection: mode=ro and mode=rw open an existing file only; ro never writes") {
  TempDatabase file;
  for (const auto mode : {dialect::sqlite::SqliteOpenMode::read_only, dialect::sqlite::SqliteOpenMode::read_write}) {
    const auto missing = error_from([&] { SqliteConnection connection(file.path(), mode); });
    REQUIRE(missing);
    CHECK(missing->code() == ExitCode::database);
    CHECK(missing->message().find("it does not exist, and the URL's ?mode=") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(file.path()));
  }
  SqliteConnection(file.path()).execute(sql("CREATE TABLE t (a)"));

  SqliteConnection read_only(file.path(), dialect::sqlite::SqliteOpenMode::read_only);
  CHECK(read_only.query(sql("SELECT count(*) FROM t")) == std::vector<Row>{{"0"}});
  const auto write = error_from([&] { read_only.execute(sql("INSERT INTO t VALUES (1)")); });
  REQUIRE(write);
  CHECK(write->code() == ExitCode::database);
  CHECK(write->message().find("readonly") != std::string::npos);
  CHECK(write->hint().find("?mode=ro") != std::string::npos);

  SqliteConnection read_write(file.path(), dialect::sqlite::SqliteOpenMode::read_write);
  read_write.execute(sql("INSERT INTO t VALUES (1)"));
  CHECK(read_write.query(sql("SELECT count(*) FROM t")) == std::vector<Row>{{"1"}});
}

// Opening reads the file's header to tell a database from another file. That read must not wait
// for another connection's exclusive lock (a long write spilling to the file holds one): it ran
// before the run set --lock-timeout, so `--lock-timeout 0` waited the default 5 s there.
TEST_CASE("sqlite connection: opening does not wait while another connection holds the exclusive lock") {
  TempDatabase file;
  SqliteConnection writer(file.path());
  writer.execute(sql("CREATE TABLE t (a INTEGER)"));
  writer.execute(sql("BEGIN EXCLUSIVE"));
  writer.execute(sql("INSERT INTO t VALUES (1)"));

  const auto started = std::chrono::steady_clock::now();
  std::optional<SqliteConnection> second;
  const auto error = error_from([&] { second.emplace(file.path()); });
  const auto waited = std::chrono::steady_clock::now() - started;
  CHECK_FALSE(error);
  CHECK(waited < SqliteConnection::default_busy_timeout / 2);

  second->set_busy_timeout(std::chrono::milliseconds(0));  // as --lock-timeout 0 does
  CHECK(error_from([&] { second->begin(); }));             // the lock is still held: refused at once
  writer.execute(sql("COMMIT"));
  second->begin();
  CHECK(second->query(sql("SELECT count(*) FROM t")) == std::vector<Row>{{"1"}});
  second->rollback();
}

TEST_CASE("sqlite dialect: connects through a URL and knows whether the file exists") {
  TempDatabase file;
  config::DatabaseUrl url = dialect::parse_database_url("sqlite:///" + file.path());
  const auto dialect = dialect::sqlite::make_sqlite_dialect();
  CHECK(dialect->name() == "sqlite");
  CHECK_FALSE(dialect->database_exists(url));
  {
    const auto connection = dialect->connect(url);
    connection->execute(sql("CREATE TABLE t (a)"));
  }
  CHECK(dialect->database_exists(url));
  CHECK(dialect->database_exists(dialect::parse_database_url("sqlite:///:memory:")));
}

TEST_CASE("sqlite dialect registry: sqlite and postgresql are built, anything else is refused") {
  CHECK(dialect::make_dialect(dialect::parse_database_url("sqlite:///:memory:"))->name() == "sqlite");
  CHECK(dialect::make_dialect(dialect::parse_database_url("postgres://h/db"))->name() == "postgresql");
  config::DatabaseUrl url;
  url.dialect = "oracle";
  CHECK(error_from([&] { dialect::make_dialect(url); }));
}

// With --lock-timeout 0 the busy timeout is 0; a writer's COMMIT must still wait for another
// connection's brief read (its SHARED lock) to end instead of failing with "database is locked".
TEST_CASE("sqlite connection: COMMIT waits for a concurrent reader even with a zero lock wait") {
  TempDatabase file;
  SqliteConnection writer(file.path());
  writer.execute(sql("CREATE TABLE t (a INTEGER)"));
  SqliteConnection reader(file.path());
  reader.execute(sql("BEGIN"));
  CHECK(reader.query(sql("SELECT count(*) FROM t")) == std::vector<Row>{{"0"}});  // holds SHARED from here

  writer.set_busy_timeout(std::chrono::milliseconds(0));
  writer.begin();
  writer.execute(sql("INSERT INTO t VALUES (1)"));
  std::thread end_read([&reader] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    reader.execute(sql("COMMIT"));
  });
  const auto error = error_from([&] { writer.commit(); });
  end_read.join();
  CHECK_FALSE(error);
  CHECK_FALSE(writer.in_transaction());
  CHECK(writer.query(sql("SELECT count(*) FROM t")) == std::vector<Row>{{"1"}});
}
