// The SQLite table rebuild on real database files: every op that needs it, on a table with rows,
// two indexes, a unique constraint, a check, a trigger, a view over it and a table referring to it.
// Afterwards the rows are all there, indexes, triggers and the view work, and the foreign key
// pointing at the rebuilt table is still enforced (and still cascades). Failures roll back whole.
#include <doctest/doctest.h>

#include <algorithm>

#include "test_sqlite_rebuild_support.hpp"

using namespace dbmig;
using dialect::sqlite::SqliteConnection;
using schema::TypeKind;
using test::column;
using test::error_from;
using test::rows_of;
using test::run_op;
using test::type_of;

namespace {

const ops::TableName kUsers{"users", ""};
const char* const kUserRows = "SELECT id, email, name, score, team_id FROM users ORDER BY id";
const char* const kPostRows = "SELECT id, user_id, title FROM posts ORDER BY id";

struct FixtureDatabase {
  FixtureDatabase() : connection(file.path()) { connection.execute({test::kRebuildFixture, {}}); }
  schema::Schema introspect() { return dialect::sqlite::make_sqlite_dialect()->introspect(connection, {}); }
  test::TempDatabase file;
  SqliteConnection connection;
};

ops::AlterColumn alter(FixtureDatabase& database, const std::string& name) {
  ops::AlterColumn op;
  op.table = kUsers;
  op.column = name;
  op.existing = *database.introspect().find_table("users")->find_column(name);
  return op;
}

std::vector<std::string> index_names(const schema::Table& table) {
  std::vector<std::string> names;
  for (const schema::Index& index : table.indexes) names.push_back(index.name);
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> trigger_names(const schema::Table& table) {
  std::vector<std::string> names;
  for (const schema::Trigger& trigger : table.triggers) names.push_back(trigger.name);
  return names;
}

// What every rebuild of users must leave as it found it. `user_rows` is the expected users
// content (defaults to the fixture's, for ops that change no value).
void check_everything_kept(FixtureDatabase& database, const std::string& user_rows) {
  SqliteConnection& connection = database.connection;
  CHECK(rows_of(connection, kUserRows) == user_rows);
  CHECK(rows_of(connection, kPostRows) == "1|1|hello\n2|1|again\n3|2|from bob\n");
  CHECK(rows_of(connection, "SELECT id, name FROM teams ORDER BY id") == "1|red\n2|blue\n");
  CHECK(rows_of(connection, "SELECT name FROM sqlite_schema WHERE name LIKE '\\_dbmig%' ESCAPE '\\'").empty());
  CHECK(rows_of(connection, "PRAGMA foreign_key_check").empty());
  CHECK(rows_of(connection, "PRAGMA integrity_check") == "ok\n");

  const schema::Schema live = database.introspect();
  const schema::Table* users = live.find_table("users");
  const schema::Table* posts = live.find_table("posts");
  REQUIRE(users);
  REQUIRE(posts);
  CHECK(trigger_names(*users) == std::vector<std::string>{"trg_users_audit"});
  CHECK(trigger_names(*posts) == std::vector<std::string>{"trg_posts_title"});
  CHECK(index_names(*posts) == std::vector<std::string>{"ix_posts_user_id"});
  REQUIRE(posts->foreign_keys.size() == 1);
  CHECK(posts->foreign_keys[0].referred_table == "users");

  // The view over both tables reads the new ones.
  CHECK(rows_of(connection, "SELECT count(*) FROM user_posts") == "3\n");
  // Both triggers fire.
  connection.execute({"UPDATE users SET email = email WHERE id = 3", {}});
  CHECK(rows_of(connection, "SELECT user_id, action FROM audit") == "3|update\n");
  CHECK(error_from([&] { connection.execute({"INSERT INTO posts (user_id, title) VALUES (1, '')", {}}); }));
  // The foreign key pointing at users is enforced, and still cascades.
  const auto orphan = error_from([&] { connection.execute({"INSERT INTO posts (user_id, title) VALUES (999, 'x')", {}}); });
  REQUIRE(orphan);
  CHECK(orphan->message().find("FOREIGN KEY constraint failed") != std::string::npos);
  connection.execute({"DELETE FROM users WHERE id = 2", {}});
  CHECK(rows_of(connection, "SELECT count(*) FROM posts") == "2\n");
}

const std::string kFixtureUsers =
    "1|ann@example.org|Ann|10|1\n2|bob@example.org|NULL|0|2\n3|cy@example.org|Cy|7|NULL\n";

}  // namespace

TEST_CASE("sqlite rebuild data: alter_column type, nullability and default keep every row") {
  SUBCASE("type: integer to text converts each value to text") {
    FixtureDatabase database;
    ops::AlterColumn op = alter(database, "score");
    op.type = type_of(TypeKind::text);
    run_op(database.connection, op);
    CHECK(database.introspect().find_table("users")->find_column("score")->type.kind == TypeKind::text);
    CHECK(rows_of(database.connection, "SELECT DISTINCT typeof(score) FROM users") == "text\n");
    CHECK(index_names(*database.introspect().find_table("users")) ==
          std::vector<std::string>{"ix_users_email", "ix_users_name"});
    check_everything_kept(database, kFixtureUsers);
  }
  SUBCASE("nullability: dropping NOT NULL, and setting it where no row holds NULL") {
    FixtureDatabase database;
    ops::AlterColumn nullable = alter(database, "email");
    nullable.nullable = true;
    run_op(database.connection, nullable);
    CHECK(database.introspect().find_table("users")->find_column("email")->nullable);
    ops::AlterColumn required = alter(database, "score");
    required.nullable = false;
    run_op(database.connection, required);
    CHECK_FALSE(database.introspect().find_table("users")->find_column("score")->nullable);
    check_everything_kept(database, kFixtureUsers);
  }
  SUBCASE("default: changed for new rows, old values kept") {
    FixtureDatabase database;
    ops::AlterColumn op = alter(database, "score");
    op.default_sql = std::optional<std::string>("5");
    run_op(database.connection, op);
    CHECK(database.introspect().find_table("users")->find_column("score")->default_sql == "5");
    check_everything_kept(database, kFixtureUsers);
    database.connection.execute({"INSERT INTO users (id, email) VALUES (9, 'new@example.org')", {}});
    CHECK(rows_of(database.connection, "SELECT score FROM users WHERE id = 9") == "5\n");
  }
}

TEST_CASE("sqlite rebuild data: unique constraints, foreign keys and checks added and dropped") {
  SUBCASE("unique") {
    FixtureDatabase database;
    run_op(database.connection, ops::AddUnique{kUsers, {"uq_users_email_score", {"email", "score"}}});
    CHECK(database.introspect().find_table("users")->uniques.size() == 2);
    run_op(database.connection, ops::DropUnique{kUsers, {"uq_users_name_team_id", {"name", "team_id"}}});
    const schema::Table users = *database.introspect().find_table("users");
    REQUIRE(users.uniques.size() == 1);
    CHECK(users.uniques[0].name == "uq_users_email_score");
    check_everything_kept(database, kFixtureUsers);
  }
  SUBCASE("foreign key") {
    FixtureDatabase database;
    const schema::ForeignKey to_teams{"fk_users_team_id_teams", {"team_id"}, "teams", "", {"id"}, {}, {}};
    run_op(database.connection, ops::AddForeignKey{kUsers, to_teams});
    CHECK(database.introspect().find_table("users")->foreign_keys.size() == 1);
    CHECK(error_from([&] { database.connection.execute({"UPDATE users SET team_id = 42 WHERE id = 1", {}}); }));
    run_op(database.connection, ops::DropForeignKey{kUsers, to_teams});
    CHECK(database.introspect().find_table("users")->foreign_keys.empty());
    check_everything_kept(database, kFixtureUsers);
  }
  SUBCASE("check") {
    FixtureDatabase database;
    run_op(database.connection, ops::AddCheck{kUsers, {"ck_users_email", "length(email) > 3"}});
    CHECK(error_from([&] { database.connection.execute({"UPDATE users SET email = 'x' WHERE id = 1", {}}); }));
    run_op(database.connection, ops::DropCheck{kUsers, {"ck_users_score", "score >= 0"}});
    const schema::Table users = *database.introspect().find_table("users");
    REQUIRE(users.checks.size() == 1);
    CHECK(users.checks[0].name == "ck_users_email");
    check_everything_kept(database, kFixtureUsers);
  }
}

TEST_CASE("sqlite rebuild data: dropping a column in an index once the index is dropped") {
  FixtureDatabase database;
  const auto refused = error_from([&] { run_op(database.connection, ops::DropColumn{kUsers, column("name", {})}); });
  REQUIRE(refused);
  CHECK(refused->message().find("index \"ix_users_name\" uses it") != std::string::npos);

  run_op(database.connection, ops::DropIndex{kUsers, {"ix_users_name", {}, false, std::nullopt}});
  run_op(database.connection, ops::DropColumn{kUsers, column("name", {})});
  const schema::Table users = *database.introspect().find_table("users");
  CHECK(users.find_column("name") == nullptr);
  CHECK(users.uniques.empty());  // (name, team_id) went with the column
  CHECK(index_names(users) == std::vector<std::string>{"ix_users_email"});
  CHECK(rows_of(database.connection, "SELECT id, email, score, team_id FROM users ORDER BY id") ==
        "1|ann@example.org|10|1\n2|bob@example.org|0|2\n3|cy@example.org|7|NULL\n");
  // The rest of the checks read users.name: put a column of that name back, empty.
  database.connection.execute({"ALTER TABLE users ADD COLUMN name TEXT", {}});
  check_everything_kept(database, "1|ann@example.org|NULL|10|1\n2|bob@example.org|NULL|0|2\n3|cy@example.org|NULL|7|NULL\n");
}

TEST_CASE("sqlite rebuild data: adding a column ALTER TABLE cannot add") {
  FixtureDatabase database;
  run_op(database.connection,
         ops::AddColumn{kUsers, column("joined", type_of(TypeKind::datetime), false, "CURRENT_TIMESTAMP")});
  CHECK(rows_of(database.connection, "SELECT count(*) FROM users WHERE joined IS NOT NULL") == "3\n");
  check_everything_kept(database, kFixtureUsers);

  FixtureDatabase required;
  const std::string before = test::dump_database(required.connection);
  const auto error = error_from(
      [&] { run_op(required.connection, ops::AddColumn{kUsers, column("level", type_of(TypeKind::integer), false)}); });
  REQUIRE(error);
  CHECK(error->message() ==
        "cannot add NOT NULL column \"level\" without a default to table \"users\"; rows it would leave without a value: 3");
  CHECK(test::dump_database(required.connection) == before);
}

TEST_CASE("sqlite rebuild data: a foreign key violation fails the rebuild and leaves the database as it was") {
  FixtureDatabase database;
  database.connection.execute({"UPDATE users SET team_id = 99 WHERE id = 3", {}});
  const std::string before = test::dump_database(database.connection);
  const auto error = error_from([&] {
    run_op(database.connection, ops::AddForeignKey{kUsers, {"fk_users_team_id_teams", {"team_id"}, "teams", "", {"id"}, {}, {}}});
  });
  REQUIRE(error);
  CHECK(error->code() == ExitCode::database);
  CHECK(error->message() ==
        "foreign key of table \"users\" violated after rebuilding table \"users\": row 3 refers to a missing row of \"teams\"");
  CHECK(test::dump_database(database.connection) == before);
  CHECK_FALSE(database.connection.in_transaction());
}

TEST_CASE("sqlite rebuild data: NOT NULL on a column holding NULLs fails cleanly and rolls back") {
  FixtureDatabase database;
  const std::string before = test::dump_database(database.connection);
  ops::AlterColumn op = alter(database, "name");
  op.nullable = false;
  const auto error = error_from([&] { run_op(database.connection, op); });
  REQUIRE(error);
  CHECK(error->code() == ExitCode::database);
  CHECK(error->message() == "column \"name\" of table \"users\" cannot be made NOT NULL; rows holding NULL: 1");
  CHECK(error->hint().find("correct those rows") != std::string::npos);
  CHECK(test::dump_database(database.connection) == before);
}

TEST_CASE("sqlite rebuild data: a chain and a self reference survive a rebuild of the table at the top") {
  test::TempDatabase file;
  SqliteConnection connection(file.path());
  connection.execute({R"(
    CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, manager_id INTEGER REFERENCES users (id) ON DELETE RESTRICT);
    CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id) ON DELETE CASCADE);
    CREATE TABLE comments (id INTEGER PRIMARY KEY, post_id INTEGER REFERENCES posts (id) ON DELETE SET NULL);
    INSERT INTO users VALUES (1, 'boss', NULL), (2, 'ann', 1);
    INSERT INTO posts VALUES (1, 1), (2, 2);
    INSERT INTO comments VALUES (1, 1), (2, 2);
  )", {}});
  ops::AlterColumn op;
  op.table = kUsers;
  op.column = "name";
  op.existing = column("name", type_of(TypeKind::text));
  op.nullable = false;
  run_op(connection, op);
  CHECK(rows_of(connection, "SELECT * FROM users ORDER BY id") == "1|boss|NULL\n2|ann|1\n");
  CHECK(rows_of(connection, "SELECT * FROM posts ORDER BY id") == "1|1\n2|2\n");
  CHECK(rows_of(connection, "SELECT * FROM comments ORDER BY id") == "1|1\n2|2\n");
  CHECK(rows_of(connection, "SELECT sql FROM sqlite_schema WHERE name = 'comments'").find("REFERENCES \"posts\"") !=
        std::string::npos);
  CHECK(error_from([&] { connection.execute({"DELETE FROM users WHERE id = 1", {}}); }));  // RESTRICT still holds
  connection.execute({"DELETE FROM posts WHERE id = 2", {}});
  CHECK(rows_of(connection, "SELECT * FROM comments ORDER BY id") == "1|1\n2|NULL\n");  // SET NULL still acts
}

TEST_CASE("sqlite rebuild data: tables in a foreign key cycle are rebuilt together") {
  test::TempDatabase file;
  SqliteConnection connection(file.path());
  connection.execute({R"(
    CREATE TABLE departments (id INTEGER PRIMARY KEY, head_id INTEGER REFERENCES employees (id) ON DELETE SET NULL);
    CREATE TABLE employees (id INTEGER PRIMARY KEY, department_id INTEGER REFERENCES departments (id), name TEXT);
    INSERT INTO departments VALUES (1, NULL), (2, NULL);
    INSERT INTO employees VALUES (1, 1, 'ann'), (2, 2, 'bob'), (3, 1, NULL);
    UPDATE departments SET head_id = id;
  )", {}});
  ops::AlterColumn op;
  op.table = {"employees", ""};
  op.column = "name";
  op.existing = column("name", type_of(TypeKind::text));
  op.default_sql = std::optional<std::string>("'nobody'");
  run_op(connection, op);
  CHECK(rows_of(connection, "SELECT * FROM departments ORDER BY id") == "1|1\n2|2\n");
  CHECK(rows_of(connection, "SELECT * FROM employees ORDER BY id") == "1|1|ann\n2|2|bob\n3|1|NULL\n");
  CHECK(rows_of(connection, "PRAGMA foreign_key_check").empty());
  CHECK(error_from([&] { connection.execute({"INSERT INTO employees VALUES (4, 9, 'x')", {}}); }));
  connection.execute({"DELETE FROM employees WHERE id = 3", {}});
  connection.execute({"UPDATE employees SET department_id = NULL WHERE id = 2", {}});
  connection.execute({"DELETE FROM employees WHERE id = 2", {}});
  CHECK(rows_of(connection, "SELECT * FROM departments ORDER BY id") == "1|1\n2|NULL\n");  // SET NULL acts
}
