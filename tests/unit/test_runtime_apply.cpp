// The runtime's pieces for applying safely: history table names and checksum bookkeeping, the
// offline schema replay, the migrator skipping what a concurrent run did, the SQLite lock wait,
// the PostgreSQL advisory lock key, and the timeout settings.
#include <doctest/doctest.h>

#include <chrono>
#include <sstream>

#include "config/config.hpp"
#include "error_capture.hpp"
#include "dialect/registry.hpp"
#include "dialect/dialect.hpp"
#include "dialect/postgres/postgres_session.hpp"
#include "dialect/sqlite/sqlite_connection.hpp"
#include "runtime/changed_revisions.hpp"
#include "runtime/migrator.hpp"
#include "runtime/progress_store.hpp"
#include "runtime/os_user.hpp"
#include "runtime/run_lock.hpp"
#include "runtime/schema_replay.hpp"
#include "test_revision_support.hpp"
#include "test_sqlite_support.hpp"
#include "util/error.hpp"

namespace {

using namespace dbmig;
using test::parsed_revision;

// users, then a column, then raw SQL, then an index.
revision::Graph chain() {
  return revision::Graph::from_revisions(
      {parsed_revision("r1", "", "\n  - create_table: {name: users, columns: {id: {type: integer, primary_key: true}}}",
                       "\n  - drop_table: users"),
       parsed_revision("r2", "r1", "\n  - add_column: {table: users, name: email, type: string(120)}"),
       parsed_revision("r3", "r2", "\n  - sql: CREATE TABLE made_by_sql (x integer)"),
       parsed_revision("r4", "r3", "\n  - create_index: {table: users, name: ix_users_email, columns: [email]}")});
}

const dialect::Dialect& sqlite_dialect() {
  static const auto dialect = dialect::make_dialect(dialect::parse_database_url("sqlite:///:memory:"));
  return *dialect;
}

}  // namespace

TEST_CASE("runtime: the history table is named after the version table") {
  CHECK(runtime::history_table_name("dbmig_version") == "dbmig_history");
  CHECK(runtime::history_table_name("alembic_version") == "alembic_history");
  CHECK(runtime::history_table_name("schema_revisions") == "schema_revisions_history");
  CHECK(runtime::progress_table_name("dbmig_version") == "dbmig_progress");
  CHECK(runtime::progress_table_name("schema_revisions") == "schema_revisions_progress");
  CHECK(runtime::history_table_name("_version") == "_version_history");
}

TEST_CASE("runtime: changed revisions compare the latest upgrade or stamp checksum with the file") {
  const auto graph = chain();
  const auto sum = [&](const char* id) { return graph.checksum(graph.get(id)); };
  CHECK(sum("r1").size() == 64);
  std::vector<runtime::HistoryRow> history = {
      {"r1", "upgrade", sum("r1"), {}, 5, {}},       {"r2", "upgrade", std::string(64, '0'), {}, 5, {}},
      {"r3", "upgrade", std::string(64, '1'), {}, 5, {}}, {"r3", "downgrade", std::string(64, '2'), {}, 5, {}},
      {"r3", "stamp", sum("r3"), {}, std::nullopt, {}}, {"r4", "upgrade", std::string(64, '3'), {}, 5, {}},
  };
  const auto recorded = runtime::recorded_checksums(history);
  CHECK(recorded.at("r3") == sum("r3"));  // the stamp came last; the downgrade row does not count

  const auto changed = runtime::changed_revisions(graph, {"r3"}, history);
  REQUIRE(changed.size() == 1);
  CHECK(changed[0].revision->id == "r2");
  CHECK(changed[0].recorded == std::string(64, '0'));
  CHECK(changed[0].current == sum("r2"));
  // r4 is not applied at r3, so its (different) record says nothing.
  CHECK(runtime::changed_revisions(graph, {"r4"}, history).size() == 2);
  CHECK(runtime::changed_revisions(graph, {"r4"}, {}).empty());
}

TEST_CASE("runtime: the schema at a revision is replayed from the steps below it, raw SQL skipped") {
  const auto graph = chain();
  CHECK(runtime::replay_schema(graph, {}).tables.empty());
  const auto at_r1 = runtime::replay_schema(graph, {"r1"});
  REQUIRE(at_r1.find_table("users") != nullptr);
  CHECK(at_r1.find_table("users")->find_column("email") == nullptr);
  const auto at_r4 = runtime::replay_schema(graph, {"r4"});
  REQUIRE(at_r4.tables.size() == 1);
  CHECK(at_r4.find_table("users")->find_column("email") != nullptr);
  CHECK(at_r4.find_table("users")->indexes.size() == 1);
}

TEST_CASE("runtime: the migrator skips what a concurrent run did meanwhile and never repeats it") {
  const auto graph = chain();
  const runtime::VersionStore versions(sqlite_dialect(), "dbmig_version");
  const runtime::HistoryStore history(sqlite_dialect(), "dbmig_history");
  const runtime::Migrator migrator(sqlite_dialect(), graph, versions, history);
  const auto plan = migrator.plan(runtime::Direction::upgrade, {}, "heads");
  REQUIRE(plan.size() == 4);

  // The version table, as another run moves it: r1 and r2 are done by the time this run looks.
  std::vector<std::vector<std::string>> reads = {{"r2"}, {"r2"}, {"r2"}, {"r3"}};
  std::size_t read = 0;
  std::vector<std::string> done, skipped;
  runtime::RunOptions options;
  options.reread_versions = [&] { return reads.at(read++); };
  options.on_step = [&](const runtime::StepReport& step) {
    (step.skipped ? skipped : done).push_back(step.revision->id);
  };
  std::ostringstream script;
  runtime::ScriptSink sink(script, sqlite_dialect());
  runtime::SchemaTracker tracker(schema::Schema{}, {});
  const auto after = migrator.run(sink, tracker, runtime::Direction::upgrade, plan, {}, options);
  CHECK(skipped == std::vector<std::string>{"r1", "r2"});
  CHECK(done == std::vector<std::string>{"r3", "r4"});
  CHECK(after == std::vector<std::string>{"r4"});
  CHECK(script.str().find("INSERT INTO \"dbmig_version\" (\"version_num\") VALUES ('r1')") == std::string::npos);
  CHECK(script.str().find("DELETE FROM \"dbmig_version\" WHERE \"version_num\" = 'r2'") != std::string::npos);

  // A database moved somewhere the plan cannot continue from is an error, not a guess.
  read = 0;
  reads = {{"r1"}};  // someone reverted r2 meanwhile: r3 cannot go on top
  const auto rest = migrator.plan(runtime::Direction::upgrade, {"r2"}, "heads");
  try {
    migrator.run(sink, tracker, runtime::Direction::upgrade, rest, {"r2"}, options);
    FAIL("no error");
  } catch (const Error& error) {
    CHECK(error.code() == ExitCode::database);
    CHECK(error.message().find("the version table changed while dbmig was running (it is now at r1)") !=
          std::string::npos);
  }
}

TEST_CASE("runtime: with --single-transaction the version table is read again once, not per revision") {
  const auto graph = chain();
  const runtime::VersionStore versions(sqlite_dialect(), "dbmig_version");
  const runtime::HistoryStore history(sqlite_dialect(), "dbmig_history");
  const runtime::Migrator migrator(sqlite_dialect(), graph, versions, history);
  const auto plan = migrator.plan(runtime::Direction::upgrade, {}, "heads");
  REQUIRE(plan.size() == 4);

  std::size_t reads = 0;
  std::vector<std::string> at;  // the version table as this run leaves it, step by step
  runtime::RunOptions options;
  options.reread_versions = [&] {
    ++reads;
    return at;
  };
  options.on_step = [&](const runtime::StepReport& step) { at = {step.revision->id}; };
  std::ostringstream script;
  runtime::ScriptSink sink(script, sqlite_dialect());
  {
    runtime::SchemaTracker tracker(schema::Schema{}, {});
    migrator.run(sink, tracker, runtime::Direction::upgrade, plan, {}, options);
    CHECK(reads == 4);  // a transaction per revision: each takes the write lock anew
  }
  reads = 0;
  at.clear();
  options.single_transaction = true;
  runtime::SchemaTracker tracker(schema::Schema{}, {});
  CHECK(migrator.run(sink, tracker, runtime::Direction::upgrade, plan, {}, options) == std::vector<std::string>{"r4"});
  CHECK(reads == 1);  // the run's BEGIN took the lock; nothing moves the table until its COMMIT
}

// The issue-12 double apply: a --single-transaction run that planned from base while another run
// applied r1..r3 must skip every one of them, not only the first.
TEST_CASE("runtime: with --single-transaction, revisions another run did are all skipped, not only the first") {
  const auto graph = chain();
  const runtime::VersionStore versions(sqlite_dialect(), "dbmig_version");
  const runtime::HistoryStore history(sqlite_dialect(), "dbmig_history");
  const runtime::Migrator migrator(sqlite_dialect(), graph, versions, history);
  const auto plan = migrator.plan(runtime::Direction::upgrade, {}, "heads");
  REQUIRE(plan.size() == 4);

  runtime::RunOptions options;
  options.single_transaction = true;
  options.reread_versions = [] { return std::vector<std::string>{"r3"}; };  // read once its BEGIN took the lock
  std::vector<std::string> done, skipped;
  options.on_step = [&](const runtime::StepReport& step) {
    (step.skipped ? skipped : done).push_back(step.revision->id);
  };
  std::ostringstream script;
  runtime::ScriptSink sink(script, sqlite_dialect());
  runtime::SchemaTracker tracker(schema::Schema{}, {});
  const auto after = migrator.run(sink, tracker, runtime::Direction::upgrade, plan, {}, options);
  CHECK(skipped == std::vector<std::string>{"r1", "r2", "r3"});
  CHECK(done == std::vector<std::string>{"r4"});
  CHECK(after == std::vector<std::string>{"r4"});
  CHECK(script.str().find("made_by_sql") == std::string::npos);  // r3's step did not run again
  CHECK(script.str().find("ADD COLUMN") == std::string::npos);   // nor r2's
}

TEST_CASE("runtime: on SQLite a second writer waits up to the lock wait, then fails naming the lock") {
  test::TempDatabase file;
  dialect::sqlite::SqliteConnection holder(file.path());
  dialect::sqlite::SqliteConnection waiter(file.path());
  holder.begin();
  const runtime::HeldRunLock lock(sqlite_dialect(), waiter, "dbmig_version", std::chrono::milliseconds(200));
  CHECK(lock.description() == "the SQLite write lock (BEGIN IMMEDIATE)");
  runtime::ConnectionSink sink(waiter);
  const auto started = std::chrono::steady_clock::now();
  try {
    runtime::begin_transaction(sink, lock.description() + " within 200 ms");
    FAIL("no error");
  } catch (const Error& error) {
    CHECK(error.code() == ExitCode::database);
    CHECK(error.message().find("could not take the SQLite write lock (BEGIN IMMEDIATE) within 200 ms") == 0);
  }
  const auto waited = std::chrono::steady_clock::now() - started;
  CHECK(waited >= std::chrono::milliseconds(150));
  CHECK(waited < std::chrono::milliseconds(2000));
  holder.commit();
  runtime::begin_transaction(sink, "the lock");  // free now
  sink.rollback();
}

TEST_CASE("runtime: the PostgreSQL advisory lock key follows the version table name") {
  using dialect::postgres::advisory_lock_key;
  CHECK(advisory_lock_key("dbmig_version") == advisory_lock_key("dbmig_version"));
  CHECK(advisory_lock_key("dbmig_version") != advisory_lock_key("other_version"));
  const auto lock = dialect::postgres::advisory_run_lock("dbmig_version");
  REQUIRE(lock.try_acquire.has_value());
  CHECK(lock.try_acquire->sql == "SELECT pg_try_advisory_lock($1)");
  CHECK(lock.try_acquire->params.at(0) == std::to_string(advisory_lock_key("dbmig_version")));
  CHECK(lock.description.find("advisory lock") != std::string::npos);
  CHECK(dialect::postgres::session_limit_statements({"5s", "10min"}).size() == 2);
  CHECK(dialect::postgres::session_limit_statements({"5s", std::nullopt}).at(0).sql == "SET lock_timeout = '5s'");
  CHECK(sqlite_dialect().session_limits({"5s", "1min"}).empty());
}

TEST_CASE("runtime: timeout settings and the user running dbmig") {
  for (const auto* good : {"0", "500", "500ms", "5s", "1.5s", "2min", "1h", "1d"}) CHECK(config::is_timeout_setting(good));
  for (const auto* bad : {"", "s", "5 s", "-1s", "5sec", "1.s", "five", "5s; DROP TABLE x"})
    CHECK_FALSE(config::is_timeout_setting(bad));
  CHECK_FALSE(runtime::os_user_name().empty());
}

namespace {

// A script sink whose statements naming `failing` give up waiting for a lock the first `failures`
// times, as PostgreSQL's lock_timeout makes them; counts rollbacks and tries of that statement.
class LockTimeoutSink final : public runtime::StatementSink {
 public:
  LockTimeoutSink(std::string failing, int failures) : failing_(std::move(failing)), failures_(failures) {}
  void execute(const dialect::Statement& statement) override {
    if (statement.sql.find(failing_) == std::string::npos) return;
    ++tries;
    if (tries <= failures_)
      throw database_error("PostgreSQL error: canceling statement due to lock timeout; SQL: " + statement.sql)
          .with_cause(ErrorCause::lock_not_granted);
  }
  void begin() override {}
  void commit() override {}
  void rollback() override { ++rollbacks; }
  void comment(std::string_view) override {}
  bool returns_rows(const dialect::Query&) override { return false; }

  int tries = 0;
  int rollbacks = 0;

 private:
  std::string failing_;
  int failures_;
};

}  // namespace

TEST_CASE("runtime: a revision whose statement gave up waiting for a lock is rolled back and tried again") {
  const auto graph = chain();
  const runtime::VersionStore versions(sqlite_dialect(), "dbmig_version");
  const runtime::HistoryStore history(sqlite_dialect(), "dbmig_history");
  const runtime::Migrator migrator(sqlite_dialect(), graph, versions, history);
  const auto plan = migrator.plan(runtime::Direction::upgrade, {}, "heads");
  runtime::RunOptions options;
  options.lock_retry = runtime::LockRetry{3, std::chrono::milliseconds(0)};
  std::vector<std::string> asked;
  options.lock_holders = [&asked](const ops::TableName& table) {
    asked.push_back(table.name);
    return std::vector<dialect::LockHolder>{{"pid 42 holds AccessShareLock", "SELECT pg_terminate_backend(42)"}};
  };
  runtime::SchemaTracker tracker(schema::Schema{}, {});

  SUBCASE("granted on the third try: the run finishes") {
    LockTimeoutSink sink("ix_users_email", 2);
    const auto after = migrator.run(sink, tracker, runtime::Direction::upgrade, plan, {}, options);
    CHECK(after == std::vector<std::string>{"r4"});
    CHECK(sink.tries == 3);
    CHECK(sink.rollbacks == 2);
    CHECK(asked.empty());
  }
  SUBCASE("never granted: after the last try the error names the table and who holds the lock") {
    LockTimeoutSink sink("ix_users_email", 100);
    try {
      migrator.run(sink, tracker, runtime::Direction::upgrade, plan, {}, options);
      FAIL("no error");
    } catch (const Error& error) {
      CHECK(error.code() == ExitCode::database);
      CHECK(error.cause() == ErrorCause::lock_not_granted);
      CHECK(error.message().find("revision r4") != std::string::npos);
      CHECK(error.message().find("the lock was not granted in 4 tries") != std::string::npos);
      CHECK(error.message().find("on table users: pid 42 holds AccessShareLock (end it with "
                                 "SELECT pg_terminate_backend(42))") != std::string::npos);
      CHECK(error.hint().find("--lock-retries") != std::string::npos);
    }
    CHECK(sink.tries == 4);
    CHECK(asked == std::vector<std::string>{"users"});
  }
  SUBCASE("other errors and --single-transaction are not retried") {
    LockTimeoutSink sink("ix_users_email", 100);
    options.single_transaction = true;
    CHECK_THROWS_AS(migrator.run(sink, tracker, runtime::Direction::upgrade, plan, {}, options), Error);
    CHECK(sink.tries == 1);
  }
}

TEST_CASE("runtime: a transactional: false revision is not tried again: its first statements are committed unrecorded") {
  // Trying it again would run the UPDATE twice.
  const auto graph = revision::Graph::from_revisions({revision::parse_revision(
      "revision: r1\ndown_revision: null\nmessage: r1\ntransactional: false\nupgrade:\n"
      "  - sql: UPDATE accounts SET balance = balance * 2\n  - sql: CREATE INDEX ix_late ON accounts (id)\n"
      "downgrade: []\n",
      "r1.yaml", schema::NamingConvention{})});
  const runtime::VersionStore versions(sqlite_dialect(), "dbmig_version");
  const runtime::HistoryStore history(sqlite_dialect(), "dbmig_history");
  const runtime::Migrator migrator(sqlite_dialect(), graph, versions, history);
  const auto plan = migrator.plan(runtime::Direction::upgrade, {}, "heads");
  runtime::RunOptions options;
  options.lock_retry = runtime::LockRetry{3, std::chrono::milliseconds(0)};
  runtime::SchemaTracker tracker(schema::Schema{}, {});
  LockTimeoutSink sink("ix_late", 100);
  const auto error = test::error_of([&] { migrator.run(sink, tracker, runtime::Direction::upgrade, plan, {}, options); });
  REQUIRE(error);
  CHECK(error->cause() == ErrorCause::lock_not_granted);
  CHECK(sink.tries == 1);
}
