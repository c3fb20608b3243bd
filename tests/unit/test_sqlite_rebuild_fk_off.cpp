// The SQLite table rebuild inside a revision frame with foreign keys off (revision_frame.hpp):
// only the changed table is copied, the tables referring to it are checked instead, their rows and
// ON DELETE actions survive, a violation still rolls everything back, and foreign keys are on again
// afterwards whatever happened.
#include <doctest/doctest.h>

#include "dialect/sqlite/revision_frame.hpp"
#include "test_sqlite_rebuild_support.hpp"

using namespace dbmig;
using dialect::sqlite::SqliteConnection;
using test::error_from;
using test::rows_of;

namespace {

const ops::TableName kUsers{"users", ""};

// name NOT NULL on users, which posts refers to (ON DELETE CASCADE).
ops::AlterColumn name_required(dialect::Connection& connection) {
  const auto dialect = dialect::sqlite::make_sqlite_dialect();
  ops::AlterColumn op;
  op.table = kUsers;
  op.column = "name";
  op.existing = *dialect->introspect(connection, {}).find_table("users")->find_column("name");
  op.nullable = false;
  return op;
}

// The steps as the migrator runs a revision of its own: the frame around BEGIN ... COMMIT.
std::vector<dialect::Statement> framed_statements(dialect::Connection& connection, const std::vector<ops::Op>& steps,
                                                  dialect::RevisionFrame& frame) {
  const auto dialect = dialect::sqlite::make_sqlite_dialect();
  frame = dialect->revision_frame(steps);
  const schema::Schema before = dialect->introspect(connection, {});
  std::vector<dialect::Statement> statements;
  for (const ops::Op& op : steps)
    for (auto& statement : dialect->render(op, dialect::RenderContext{&before, &frame}))
      statements.push_back(std::move(statement));
  return statements;
}

void run_framed(dialect::Connection& connection, const std::vector<ops::Op>& steps) {
  dialect::RevisionFrame frame;
  const auto statements = framed_statements(connection, steps, frame);
  runtime::ConnectionSink sink(connection);
  for (const auto& statement : frame.before_begin) sink.execute(statement);
  connection.begin();
  try {
    for (const auto& statement : statements) sink.execute(statement);
    for (const auto& statement : frame.before_commit) sink.execute(statement);
    connection.commit();
  } catch (...) {
    connection.rollback();
    for (const auto& statement : frame.after_end) sink.execute(statement);
    throw;
  }
  for (const auto& statement : frame.after_end) sink.execute(statement);
}

std::string foreign_keys_setting(dialect::Connection& connection) { return rows_of(connection, "PRAGMA foreign_keys"); }

std::string all_sql(const std::vector<dialect::Statement>& statements) {
  std::string text;
  for (const auto& statement : statements) text += statement.sql + ";\n";
  return text;
}

}  // namespace

TEST_CASE("sqlite rebuild, foreign keys off: only the changed table is copied, its referrers are checked") {
  test::TempDatabase file;
  SqliteConnection connection(file.path());
  connection.execute({test::kRebuildFixture, {}});
  connection.execute({"UPDATE users SET name = 'Bob' WHERE id = 2", {}});
  connection.execute({"DELETE FROM audit", {}});
  const std::string posts = rows_of(connection, "SELECT * FROM posts ORDER BY id");

  dialect::RevisionFrame frame;
  const std::string sql = all_sql(framed_statements(connection, {name_required(connection)}, frame));
  CHECK(dialect::sqlite::foreign_keys_off(dialect::RenderContext{nullptr, &frame}));
  REQUIRE(frame.before_begin.size() == 1);
  CHECK(frame.before_begin[0].sql == "PRAGMA foreign_keys = OFF");
  REQUIRE(frame.after_end.size() == 1);
  CHECK(frame.after_end[0].sql == "PRAGMA foreign_keys = ON");
  CHECK(frame.before_commit.empty());  // the rebuild checks every key it can break itself
  CHECK(sql.find("FROM pragma_foreign_keys WHERE foreign_keys") < sql.find("SAVEPOINT"));
  CHECK(sql.find("INSERT INTO \"users\"") != std::string::npos);
  CHECK(sql.find("INSERT INTO \"posts\"") == std::string::npos);  // not copied
  CHECK(sql.find("RENAME TO \"_dbmig_old_posts\"") == std::string::npos);
  CHECK(sql.find("pragma_foreign_key_check('posts')") != std::string::npos);
  CHECK(sql.find("defer_foreign_keys") == std::string::npos);

  run_framed(connection, {name_required(connection)});
  CHECK(foreign_keys_setting(connection) == "1\n");
  CHECK(rows_of(connection, "SELECT \"notnull\" FROM pragma_table_info('users') WHERE name = 'name'") == "1\n");
  CHECK(rows_of(connection, "SELECT * FROM posts ORDER BY id") == posts);
  CHECK(rows_of(connection, "SELECT sql FROM sqlite_schema WHERE name = 'posts'").find("REFERENCES users") !=
        std::string::npos);
  CHECK(rows_of(connection, "SELECT name FROM sqlite_schema WHERE name LIKE '\\_dbmig%' ESCAPE '\\'").empty());
  CHECK(rows_of(connection, "PRAGMA integrity_check") == "ok\n");
  // The foreign key into the new users table is enforced and still cascades.
  CHECK(error_from([&] { connection.execute({"INSERT INTO posts (user_id, title) VALUES (999, 'x')", {}}); }));
  connection.execute({"DELETE FROM users WHERE id = 1", {}});
  CHECK(rows_of(connection, "SELECT id FROM posts ORDER BY id") == "3\n");
}

TEST_CASE("sqlite rebuild, foreign keys off: a referring row left without its parent rolls everything back") {
  test::TempDatabase file;
  SqliteConnection connection(file.path());
  connection.execute({test::kRebuildFixture, {}});
  connection.execute({"UPDATE users SET name = 'Bob' WHERE id = 2", {}});
  connection.execute({"PRAGMA foreign_keys = OFF", {}});
  connection.execute({"INSERT INTO posts (id, user_id, title) VALUES (9, 42, 'orphan')", {}});
  connection.execute({"PRAGMA foreign_keys = ON", {}});
  const std::string before = test::dump_database(connection);

  const auto error = error_from([&] { run_framed(connection, {name_required(connection)}); });
  REQUIRE(error);
  CHECK(error->code() == ExitCode::database);
  CHECK(error->message() ==
        "foreign key of table \"posts\" violated after rebuilding table \"users\": row 9 refers to a missing row of "
        "\"users\"");
  CHECK(test::dump_database(connection) == before);
  CHECK_FALSE(connection.in_transaction());
  CHECK(foreign_keys_setting(connection) == "1\n");
}

TEST_CASE("sqlite rebuild, foreign keys off: other steps that may break a key get a full check before COMMIT") {
  test::TempDatabase file;
  SqliteConnection connection(file.path());
  connection.execute({test::kRebuildFixture, {}});
  connection.execute({"UPDATE users SET name = 'Bob' WHERE id = 2", {}});
  const std::string before = test::dump_database(connection);

  // With foreign keys off, deleting a user does not cascade to its posts: the check must see it.
  const std::vector<ops::Op> steps = {name_required(connection), ops::Sql{"DELETE FROM users WHERE id = 1", {}}};
  dialect::RevisionFrame frame;
  framed_statements(connection, steps, frame);
  REQUIRE(frame.before_commit.size() == 1);
  CHECK(frame.before_commit[0].sql.find("FROM pragma_foreign_key_check LIMIT 1") != std::string::npos);

  const auto error = error_from([&] { run_framed(connection, steps); });
  REQUIRE(error);
  CHECK(error->message().find("a foreign key is violated at the end of the revision") == 0);
  CHECK(error->message().find("of \"posts\" refers to a missing row of \"users\"") != std::string::npos);
  CHECK(test::dump_database(connection) == before);
  CHECK(foreign_keys_setting(connection) == "1\n");

  // A revision without a rebuild has no frame: foreign keys stay on, ON DELETE acts.
  CHECK(dialect::sqlite::rebuild_frame({ops::Sql{"DELETE FROM users WHERE id = 1", {}}}).empty());
}

TEST_CASE("sqlite rebuild, foreign keys off: rendered so but run with them on, it stops before changing anything") {
  test::TempDatabase file;
  SqliteConnection connection(file.path());
  connection.execute({test::kRebuildFixture, {}});
  connection.execute({"UPDATE users SET name = 'Bob' WHERE id = 2", {}});
  const std::string before = test::dump_database(connection);
  const auto dialect = dialect::sqlite::make_sqlite_dialect();
  const schema::Schema schema = dialect->introspect(connection, {});
  const dialect::RevisionFrame frame = dialect::sqlite::foreign_keys_off_frame();
  const auto statements = dialect->render(name_required(connection), dialect::RenderContext{&schema, &frame});
  runtime::ConnectionSink sink(connection);
  connection.begin();
  const auto error = error_from([&] {
    for (const auto& statement : statements) sink.execute(statement);
  });
  connection.rollback();
  REQUIRE(error);
  CHECK(error->message().find("expects foreign keys off") != std::string::npos);
  CHECK(test::dump_database(connection) == before);
}

// One rebuild per table per revision: a step gathered into a rebuild (here an add_column, which
// alone would call for the full check) is checked by that rebuild, so the revision needs no full
// foreign_key_check of every table before COMMIT (bench scenario 5, five changes).
TEST_CASE("sqlite rebuild, foreign keys off: steps carried out by a rebuild need no full check") {
  test::TempDatabase file;
  SqliteConnection connection(file.path());
  connection.execute({test::kRebuildFixture, {}});
  connection.execute({"UPDATE users SET name = 'Bob' WHERE id = 2", {}});
  schema::Column nickname;
  nickname.name = "nickname";
  nickname.type = schema::parse_type("text");
  const ops::Op add_nickname = ops::AddColumn{{"users", ""}, nickname};
  CHECK(dialect::sqlite::rebuild_frame({name_required(connection), add_nickname}).before_commit.empty());
  // Alone, or before the rebuild, the same step still gets the full check.
  CHECK(dialect::sqlite::rebuild_frame({add_nickname, name_required(connection)}).before_commit.size() == 1);
}
