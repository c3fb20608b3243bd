// The lock queue (issue 14): a migration statement that cannot get its table's lock must not sit
// in the queue in front of the application's queries. It gives up after the session's
// lock_timeout, the revision is tried again after a pause (each retry logged), and after the
// last retry the run fails with exit 3 naming the table and who holds the lock, with nothing
// half applied that is not recorded. A holder that lets go during the retries lets the run finish.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "test_mysql_support.hpp"
#include "test_postgres_support.hpp"

namespace dbmig::test {

using postgres::execute;
using postgres::migrate_and_upgrade;
using postgres::no_changes;
using postgres::scalar;

namespace {

const char* const orders_model =
    "tables:\n"
    "  orders:\n"
    "    columns:\n"
    "      id: {type: integer, primary_key: true}\n"
    "      total: {type: integer, nullable: false}\n";

const char* const orders_with_index =
    "tables:\n"
    "  orders:\n"
    "    columns:\n"
    "      id: {type: integer, primary_key: true}\n"
    "      total: {type: integer, nullable: false}\n"
    "    indexes:\n"
    "      - {columns: [total]}\n";

const char* const orders_with_note_and_index =
    "tables:\n"
    "  orders:\n"
    "    columns:\n"
    "      id: {type: integer, primary_key: true}\n"
    "      total: {type: integer, nullable: false}\n"
    "      note: {type: string(40)}\n"
    "    indexes:\n"
    "      - {columns: [total]}\n";

std::size_t occurrences(const std::string& text, const std::string& word) {
  std::size_t count = 0;
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) ++count;
  return count;
}

// A database with `orders` (rows in it) at its first revision, and the next revision (to
// `next_model`) written but not applied.
struct OrdersProject {
  std::unique_ptr<TestDatabase> database;
  std::unique_ptr<Project> project;
  std::string first_revision;
};

OrdersProject orders_project(const char* backend, const char* next_model = orders_with_note_and_index) {
  OrdersProject made;
  made.database = make_database(backend);
  if (!made.database) return made;
  made.project = std::make_unique<Project>(made.database->url());
  made.project->write("models.yaml", orders_model);
  migrate_and_upgrade(*made.project, "orders");
  made.first_revision = scalar(*made.database, "SELECT version_num FROM dbmig_version");
  const auto connection = made.database->connect();
  for (int row = 1; row <= 20; ++row)
    connection->execute({"INSERT INTO orders (id, total) VALUES (" + std::to_string(row) + ", 7)", {}});
  made.project->write("models.yaml", next_model);
  const CliResult migrate = made.project->run({"migrate", "-m", "next"});
  INFO(migrate.out << migrate.err);
  REQUIRE(migrate.code == 0);
  return made;
}

// The application: a session in a transaction that has read `orders` (it holds a shared lock on
// the table until it commits).
std::unique_ptr<dialect::Connection> reader_in_transaction(const TestDatabase& database) {
  auto reader = database.connect();
  reader->begin();
  reader->query({"SELECT COUNT(*) FROM orders", {}});
  return reader;
}

bool has_note_column(const TestDatabase& database) {
  return database.introspect().find_table("orders")->find_column("note") != nullptr;
}

}  // namespace

TEST_CASE("lock queue: postgresql: a table lock not granted is retried, then the run fails naming the holder") {
  OrdersProject made = orders_project("postgresql");
  if (!made.database) return;
  const auto reader = reader_in_transaction(*made.database);
  const std::string reader_pid = reader->query({"SELECT pg_backend_pid()::text", {}}).front().front().value_or("");

  const auto started = std::chrono::steady_clock::now();
  const CliResult upgrade = made.project->run({"upgrade", "--lock-timeout-sql", "200ms", "--lock-retries", "2"});
  const auto took = std::chrono::steady_clock::now() - started;
  INFO(upgrade.out << upgrade.err);
  CHECK(upgrade.code == 3);
  // Each retry logged; the last error names the table, the lock mode and the session holding it.
  CHECK(occurrences(upgrade.err, "trying again in") == 2);
  CHECK(upgrade.err.find("lock timeout") != std::string::npos);
  CHECK(upgrade.err.find("not granted in 3 tries") != std::string::npos);
  CHECK(upgrade.err.find("on table orders") != std::string::npos);
  CHECK(upgrade.err.find("pid " + reader_pid + " ") != std::string::npos);
  CHECK(upgrade.err.find("AccessShareLock") != std::string::npos);
  CHECK(upgrade.err.find("idle in transaction") != std::string::npos);
  // 3 tries of 200 ms and 2 pauses (0.5-1 s, then 1-2 s): bounded, not waiting for the reader.
  CHECK(took < std::chrono::seconds(8));
  // Nothing of the revision is applied: it is all or nothing on PostgreSQL.
  CHECK_FALSE(has_note_column(*made.database));
  CHECK(scalar(*made.database, "SELECT version_num FROM dbmig_version") == made.first_revision);

  reader->commit();
  const CliResult again = made.project->run({"upgrade"});
  INFO(again.out << again.err);
  CHECK(again.code == 0);
  CHECK(has_note_column(*made.database));
  CHECK(no_changes(*made.project));
}

TEST_CASE("lock queue: postgresql: a holder that lets go during the retries lets the run finish") {
  // SHARE UPDATE EXCLUSIVE conflicts with ADD COLUMN's lock and with a concurrent build's own.
  const char* next_model = orders_with_note_and_index;
  SUBCASE("plain DDL in the revision's transaction: the whole revision is tried again") {}
  SUBCASE("a concurrent index build: tried again from the revision's progress row") { next_model = orders_with_index; }
  OrdersProject made = orders_project("postgresql", next_model);
  if (!made.database) return;
  auto holder = made.database->connect();
  holder->begin();
  holder->execute({"LOCK TABLE orders IN SHARE UPDATE EXCLUSIVE MODE", {}});
  std::thread release([&holder] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    holder->commit();
  });
  const CliResult upgrade = made.project->run({"upgrade", "--lock-timeout-sql", "300ms", "--lock-retries", "8"});
  release.join();
  INFO(upgrade.out << upgrade.err);
  CHECK(upgrade.code == 0);
  CHECK(upgrade.err.find("trying again in") != std::string::npos);
  CHECK(scalar(*made.database, "SELECT bool_and(indisvalid)::text FROM pg_index WHERE indrelid = 'orders'::regclass") ==
        "true");
  CHECK(scalar(*made.database, "SELECT count(*) FROM dbmig_progress") == "0");
  CHECK(no_changes(*made.project));
}

TEST_CASE("lock queue: mysql: a metadata lock not granted is retried, then the run fails and a re-run finishes") {
  OrdersProject made = orders_project("mysql");
  if (!made.database) return;
  const auto reader = reader_in_transaction(*made.database);

  // MySQL's lock_wait_timeout is in whole seconds.
  const CliResult upgrade = made.project->run({"upgrade", "--lock-timeout-sql", "1s", "--lock-retries", "1"});
  INFO(upgrade.out << upgrade.err);
  CHECK(upgrade.code == 3);
  CHECK(occurrences(upgrade.err, "trying again in") == 1);
  CHECK(upgrade.err.find("MySQL error 1205") != std::string::npos);
  CHECK(upgrade.err.find("not granted in 2 tries") != std::string::npos);
  // DDL commits implicitly: what was done is recorded, and the version has not moved.
  CHECK_FALSE(has_note_column(*made.database));
  CHECK(mysql::versions(*made.database) == std::vector<std::string>{made.first_revision});

  reader->commit();
  const CliResult again = made.project->run({"upgrade"});
  INFO(again.out << again.err);
  CHECK(again.code == 0);
  CHECK(has_note_column(*made.database));
  CHECK(mysql::progress(*made.database).empty());
  CHECK(no_changes(*made.project));
}

}  // namespace dbmig::test
