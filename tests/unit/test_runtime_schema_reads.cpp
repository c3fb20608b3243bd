// The schema of a live database is read (introspected) only when a step's rendering needs it:
// a chain of raw SQL revisions never reads it, where it used to be read again after every raw
// step, which made the upgrade quadratic in the chain (issue 12, item 10).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "config/database_url.hpp"
#include "dialect/registry.hpp"
#include "dialect/dialect.hpp"
#include "dialect/sqlite/sqlite_connection.hpp"
#include "runtime/migrator.hpp"
#include "test_revision_support.hpp"
#include "test_sqlite_support.hpp"

namespace {

using namespace dbmig;
using test::parsed_revision;

std::unique_ptr<dialect::Dialect> dialect_for(const char* url) {
  return dialect::make_dialect(dialect::parse_database_url(url));
}

// Revision k of a chain of raw SQL: a table, a row in it and an index on it, so the schema grows
// with the chain.
revision::Revision raw_sql_revision(int k) {
  const std::string table = "t" + std::to_string(k);
  return parsed_revision("r" + std::to_string(k), k == 1 ? "" : "r" + std::to_string(k - 1),
                         "\n  - sql: CREATE TABLE " + table + " (id integer PRIMARY KEY, name text)" +
                             "\n  - sql: INSERT INTO " + table + " (name) VALUES ('row')" +
                             "\n  - sql: CREATE INDEX ix_" + table + " ON " + table + " (name)");
}

// Upgrades a SQLite file from `current` to the head of `revisions`, counting the introspections.
class CountingUpgrade {
 public:
  std::vector<std::string> run(const std::vector<revision::Revision>& revisions, std::vector<std::string> current) {
    const auto graph = revision::Graph::from_revisions(revisions);
    const runtime::VersionStore versions(*dialect_, "dbmig_version");
    const runtime::HistoryStore history(*dialect_, "dbmig_history");
    const runtime::Migrator migrator(*dialect_, graph, versions, history);
    runtime::ConnectionSink sink(connection_);
    runtime::SchemaTracker tracker(std::nullopt, [this] {
      ++introspections;
      return dialect_->introspect(connection_, {"dbmig_version", "dbmig_history"});
    });
    const auto plan = migrator.plan(runtime::Direction::upgrade, current, "heads");
    return migrator.run(sink, tracker, runtime::Direction::upgrade, plan, std::move(current), {});
  }

  std::string value(const std::string& sql) {
    const auto rows = connection_.query(dialect::Statement{sql, {}});
    return rows.empty() || rows.front().empty() ? "" : rows.front().front().value_or("NULL");
  }

  int introspections = 0;

 private:
  std::unique_ptr<dialect::Dialect> dialect_ = dialect_for("sqlite:///:memory:");
  test::TempDatabase file_;
  dialect::sqlite::SqliteConnection connection_{file_.path()};
};

}  // namespace

TEST_CASE("runtime: an upgrade through raw SQL revisions never reads the schema; a later rebuild reads it once") {
  std::vector<revision::Revision> chain;
  for (int k = 1; k <= 30; ++k) chain.push_back(raw_sql_revision(k));
  CountingUpgrade upgrade;
  CHECK(upgrade.run(chain, {}) == std::vector<std::string>{"r30"});
  CHECK(upgrade.introspections == 0);
  CHECK(upgrade.value("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name LIKE 'ix_t%'") == "30");

  // More raw SQL, then a step SQLite can only do by rebuilding a table that raw SQL made (so its
  // definition must be read), in the same revision; then raw SQL and an in-place add_column.
  chain.push_back(parsed_revision("r31", "r30",
                                  "\n  - sql: UPDATE t1 SET name = 'kept'"
                                  "\n  - alter_column: {table: t1, name: name, nullable: false}"));
  chain.push_back(raw_sql_revision(32));
  chain.back().down_revisions = {"r31"};
  chain.push_back(parsed_revision("r33", "r32", "\n  - add_column: {table: t2, name: extra, type: integer}"));
  CHECK(upgrade.run(chain, {"r30"}) == std::vector<std::string>{"r33"});
  CHECK(upgrade.introspections == 1);
  CHECK(upgrade.value("SELECT \"notnull\" FROM pragma_table_info('t1') WHERE name = 'name'") == "1");
  CHECK(upgrade.value("SELECT name FROM t1") == "kept");
  CHECK(upgrade.value("SELECT count(*) FROM sqlite_schema WHERE name = 'ix_t1'") == "1");  // the rebuild kept it
  CHECK(upgrade.value("SELECT count(*) FROM pragma_table_info('t2') WHERE name = 'extra'") == "1");
}

TEST_CASE("runtime: renderers ask for the schema only for the ops whose SQL depends on it") {
  const ops::TableName users{"users", ""};
  schema::Column email;
  email.name = "email";
  email.type.kind = schema::TypeKind::string;
  schema::Index index;
  index.name = "ix_users_email";
  index.terms = schema::column_terms({"email"});
  const schema::Schema empty;

  for (const char* url : {"sqlite:///:memory:", "postgresql://localhost/db"}) {
    CAPTURE(url);
    const auto dialect = dialect_for(url);
    int reads = 0;
    const auto render = [&](const ops::Op& op) {
      const auto before = dialect::SchemaBefore::read_on_demand([&] {
        ++reads;
        return &empty;
      });
      return dialect->render(op, dialect::RenderContext{before});
    };
    render(ops::Sql{"UPDATE users SET email = NULL", {}});
    render(ops::AddColumn{users, email});
    render(ops::CreateIndex{users, index});
    render(ops::DropIndex{users, index});
    CHECK(reads == 0);
    // Dropping a column: SQLite must know whether a constraint or index uses it (a rebuild if
    // so), PostgreSQL whether it is an enum whose type goes with it. Asked once per render.
    render(ops::DropColumn{users, email});
    CHECK(reads == 1);
  }
}
