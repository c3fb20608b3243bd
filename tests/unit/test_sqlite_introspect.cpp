// Introspection of real SQLite files: round trips through render, hand-written SQL, query counts.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "dialect/sqlite/sqlite_connection.hpp"
#include "dialect/sqlite/sqlite_dialect.hpp"
#include "test_sqlite_support.hpp"

using namespace dbmig;
using dialect::Row;
using dialect::Statement;
using dialect::sqlite::SqliteConnection;
using schema::ReferentialAction;
using schema::TypeKind;
using test::column;
using test::describe;
using test::TempDatabase;
using test::type_of;

namespace {

schema::Type sized(TypeKind kind, std::optional<int> first = std::nullopt, std::optional<int> second = std::nullopt) {
  schema::Type type = type_of(kind);
  if (kind == TypeKind::string) type.length = first;
  if (kind == TypeKind::numeric) {
    type.precision = first;
    type.scale = second;
  }
  return type;
}

schema::Type enumeration(std::vector<std::string> values) {
  schema::Type type = type_of(TypeKind::enumeration);
  type.enum_values = std::move(values);
  return type;
}

schema::Type native(std::string name) {
  schema::Type type = type_of(TypeKind::native);
  type.native = std::move(name);
  return type;
}

void create(SqliteConnection& connection, const dialect::Dialect& dialect, const schema::Schema& model) {
  for (const schema::Table& table : model.tables) {
    for (const Statement& statement : dialect.render(ops::CreateTable{table}, {})) connection.execute(statement);
  }
}

// Renders `model` into a fresh database, reads it back, and checks that the model and the database
// agree once both are normalised (tables compared in name order, the order introspection reports).
void check_round_trip(const schema::Schema& model) {
  const auto dialect = dialect::sqlite::make_sqlite_dialect();
  TempDatabase file;
  SqliteConnection connection(file.path());
  create(connection, *dialect, model);

  schema::Schema live = dialect->introspect(connection, {});
  dialect->normalize(live);
  schema::Schema expected = model;
  dialect->normalize(expected);
  std::sort(expected.tables.begin(), expected.tables.end(),
            [](const schema::Table& a, const schema::Table& b) { return a.name < b.name; });
  CHECK(describe(live) == describe(expected));
  CHECK(live == expected);
}

schema::Table users_table() {
  schema::Table users;
  users.name = "users";
  users.columns = {column("id", type_of(TypeKind::integer), false), column("email", sized(TypeKind::string, 120), false)};
  users.primary_key = schema::PrimaryKey{"pk_users", {"id"}};
  return users;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("sqlite introspect: every generic type round-trips") {
  schema::Table table;
  table.name = "everything";
  table.comment = "dropped by normalize on both sides";
  table.columns = {
      column("id", type_of(TypeKind::integer), false),
      column("big", type_of(TypeKind::bigint)),
      column("small", type_of(TypeKind::smallint)),
      column("name", sized(TypeKind::string, 80)),
      column("code", sized(TypeKind::string, 1)),
      column("body", type_of(TypeKind::text)),
      column("flag", type_of(TypeKind::boolean)),
      column("ratio", type_of(TypeKind::float_)),
      column("precise", type_of(TypeKind::double_)),
      column("price", sized(TypeKind::numeric, 10, 2)),
      column("amount", sized(TypeKind::numeric, 12)),
      column("day", type_of(TypeKind::date)),
      column("at", type_of(TypeKind::time)),
      column("happened", type_of(TypeKind::datetime)),
      column("happened_tz", type_of(TypeKind::timestamptz)),
      column("payload", type_of(TypeKind::json)),
      column("token", type_of(TypeKind::uuid)),
      column("data", type_of(TypeKind::binary)),
      column("role", enumeration({"user", "admin", "it's"}), false, "'user'"),
      column("doc", native("jsonb")),
      column("short", native("VARCHAR(20)")),  // a native spelling of string(20)
  };
  table.columns[0].comment = "also dropped";
  table.primary_key = schema::PrimaryKey{"pk_everything", {"id"}};
  check_round_trip(schema::Schema{{table}});
}

TEST_CASE("sqlite introspect: keys, uniques, indexes, foreign keys and checks round-trip with their names") {
  schema::Table memberships;
  memberships.name = "memberships";
  memberships.columns = {column("user_id", type_of(TypeKind::integer), false),
                         column("group_name", sized(TypeKind::string, 40), false),
                         column("sponsor_id", type_of(TypeKind::integer)),
                         column("rank", type_of(TypeKind::integer), false, "0"),
                         column("joined", type_of(TypeKind::datetime), false, "CURRENT_TIMESTAMP"),
                         column("title", type_of(TypeKind::text), true, "'x'"),
                         column("weight", type_of(TypeKind::integer), true, "(1+2)"),
                         column("expires", type_of(TypeKind::date), true, "current_date"),
                         column("delta", type_of(TypeKind::integer), true, "-1")};
  memberships.primary_key = schema::PrimaryKey{"pk_memberships", {"user_id", "group_name"}};
  memberships.uniques = {{"uq_memberships_title", {"title"}}, {"uq_memberships_rank_joined", {"rank", "joined"}}};
  memberships.indexes = {
      {"ix_memberships_rank", dbmig::schema::column_terms({"rank"}), false, std::nullopt},
      {"ix_memberships_sponsor_rank", dbmig::schema::column_terms({"sponsor_id", "rank"}), true, std::nullopt},
      {"ix_memberships_title_lower", {dbmig::schema::IndexTerm::of_expression("lower(title)"), dbmig::schema::IndexTerm::of_expression("weight + 1")}, false, std::nullopt},
      {"ix_memberships_active", dbmig::schema::column_terms({"joined"}), false, "expires IS NULL OR expires > '2000-01-01'"},
  };
  memberships.foreign_keys = {
      {"fk_memberships_user_id_users", {"user_id"}, "users", "", {"id"}, ReferentialAction::cascade,
       ReferentialAction::set_null},
      {"fk_memberships_sponsor_id_users", {"sponsor_id"}, "users", "", {}, ReferentialAction::set_default,
       ReferentialAction::restrict},  // no referred columns: the referred table's primary key
  };
  memberships.checks = {{"ck_memberships_rank_positive", "rank >= 0"},
                        {"ck_memberships_title", "( length( title )  <  200 )"}};
  check_round_trip(schema::Schema{{memberships, users_table()}});
}

TEST_CASE("sqlite introspect: a single INTEGER primary key stays a rowid alias that SQLite assigns") {
  const auto dialect = dialect::sqlite::make_sqlite_dialect();
  SqliteConnection connection(":memory:");
  create(connection, *dialect, schema::Schema{{users_table()}});
  connection.execute({"INSERT INTO users (id, email) VALUES (NULL, 'a@example.com')", {}});
  connection.execute({"INSERT INTO users (email) VALUES ('b@example.com')", {}});
  CHECK(connection.query({"SELECT id, rowid FROM users ORDER BY id", {}}) == std::vector<Row>{{"1", "1"}, {"2", "2"}});

  const schema::Schema live = dialect->introspect(connection, {});
  REQUIRE(live.tables.size() == 1);
  CHECK(live.tables[0].columns[0].autoincrement);
  CHECK_FALSE(live.tables[0].columns[1].autoincrement);
}

TEST_CASE("sqlite introspect: hand-written SQL yields its names, expressions and enum checks") {
  const auto dialect = dialect::sqlite::make_sqlite_dialect();
  SqliteConnection connection(":memory:");
  connection.execute({read_text(DBMIG_TEST_DATA "/sqlite/handwritten.sql"), {}});
  const schema::Schema raw = dialect->introspect(connection, {});
  REQUIRE(raw.tables.size() == 2);
  for (const schema::ForeignKey& foreign_key : raw.tables[1].foreign_keys) {
    CHECK(foreign_key.referred_columns == std::vector<std::string>{"id"});  // filled in before normalize
  }
  schema::Schema live = raw;
  dialect->normalize(live);

  const schema::Table& authors = live.tables[0];
  CHECK(authors.name == "authors");
  REQUIRE(authors.columns.size() == 5);
  CHECK(authors.columns[0].autoincrement);
  CHECK(authors.columns[0].nullable);  // declared without NOT NULL: an INSERT may give NULL for a new rowid
  CHECK(authors.columns[1].type == sized(TypeKind::string, 120));
  CHECK(authors.columns[2].type == enumeration({"active", "banned"}));
  CHECK(authors.columns[2].default_sql == "'active'");
  CHECK(authors.columns[4].default_sql == "CURRENT_DATE");
  REQUIRE(authors.primary_key);
  CHECK(authors.primary_key->name.empty());  // the SQL names none
  REQUIRE(authors.uniques.size() == 2);
  CHECK(authors.uniques[0] == schema::UniqueConstraint{"", {"email"}});
  CHECK(authors.uniques[1] == schema::UniqueConstraint{"uq_authors_display", {"display, name", "born"}});
  REQUIRE(authors.checks.size() == 1);
  CHECK(authors.checks[0] == schema::CheckConstraint{"display_name_set", "length(\"display, name\") > 0"});
  REQUIRE(authors.indexes.size() == 1);
  CHECK(authors.indexes[0] == schema::Index{"authors_email_lower", {schema::IndexTerm::of_expression("lower(email)")}, true, std::nullopt});

  const schema::Table& books = live.tables[1];
  CHECK(books.name == "books");
  CHECK(books.columns[0].type == native("int"));  // as declared: only INTEGER is dbmig's spelling
  CHECK(books.columns[1].type == native("char(13)"));
  CHECK(books.columns[2].type == native("decimal(8, 2)"));
  CHECK(books.columns[2].default_sql == "0");
  CHECK_FALSE(books.columns[0].autoincrement);  // part of a composite key
  REQUIRE(books.primary_key);
  CHECK(*books.primary_key == schema::PrimaryKey{"pk_books", {"author_id", "isbn"}});
  REQUIRE(books.foreign_keys.size() == 2);
  for (const schema::ForeignKey& foreign_key : books.foreign_keys) {
    CHECK(foreign_key.referred_table == "authors");
    CHECK(foreign_key.referred_columns == std::vector<std::string>{"id"});
  }
  const bool has_cascade = std::any_of(books.foreign_keys.begin(), books.foreign_keys.end(), [](const auto& fk) {
    return fk.on_delete == ReferentialAction::cascade && fk.on_update == ReferentialAction::no_action;
  });
  const bool has_restrict = std::any_of(books.foreign_keys.begin(), books.foreign_keys.end(), [](const auto& fk) {
    return fk.on_update == ReferentialAction::restrict && fk.on_delete == ReferentialAction::no_action;
  });
  CHECK(has_cascade);
  CHECK(has_restrict);
  CHECK(books.checks == std::vector<schema::CheckConstraint>{{"", "pages > 0"}, {"", "price >= 0"}});
  REQUIRE(books.indexes.size() == 1);
  schema::IndexTerm price_descending = schema::IndexTerm::of_column("price");  // `price desc`
  price_descending.descending = true;
  CHECK(books.indexes[0] == schema::Index{"books_by_price", {price_descending}, false, "price > 0"});
}

TEST_CASE("sqlite introspect: ignored tables, sqlite_* tables and views are left out") {
  const auto dialect = dialect::sqlite::make_sqlite_dialect();
  SqliteConnection connection(":memory:");
  for (const Statement& statement : dialect->create_version_table("dbmig_version")) connection.execute(statement);
  connection.execute({"CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT); CREATE VIEW v AS SELECT 1", {}});
  const schema::Schema live = dialect->introspect(connection, {"dbmig_version"});
  REQUIRE(live.tables.size() == 1);  // not sqlite_sequence, not the view, not the version table
  CHECK(live.tables[0].name == "t");
}

TEST_CASE("sqlite introspect: the number of catalog queries does not depend on the number of tables") {
  const auto dialect = dialect::sqlite::make_sqlite_dialect();
  auto queries_for = [&](int table_count) {
    SqliteConnection connection(":memory:");
    schema::Schema model{{users_table()}};
    for (int i = 0; i < table_count - 1; ++i) {
      schema::Table table;
      table.name = "t" + std::to_string(i);
      table.columns = {column("id", type_of(TypeKind::integer), false), column("user_id", type_of(TypeKind::integer)),
                       column("label", type_of(TypeKind::text))};
      table.primary_key = schema::PrimaryKey{"pk_" + table.name, {"id"}};
      table.uniques = {{"uq_" + table.name + "_label", {"label"}}};
      table.indexes = {{"ix_" + table.name + "_user_id", schema::column_terms({"user_id"}), false, std::nullopt}};
      table.foreign_keys = {{"fk_" + table.name, {"user_id"}, "users", "", {"id"}, {}, {}}};
      table.checks = {{"ck_" + table.name, "length(label) < 10"}};
      model.tables.push_back(table);
    }
    create(connection, *dialect, model);
    const std::size_t before = connection.statement_count();
    const schema::Schema live = dialect->introspect(connection, {});
    CHECK(live.tables.size() == static_cast<std::size_t>(table_count));
    return connection.statement_count() - before;
  };
  const std::size_t one_table = queries_for(1);
  CHECK(one_table == 4);
  CHECK(queries_for(50) == one_table);
}

TEST_CASE("sqlite introspect: collations, generated columns, untyped columns and table options") {
  const auto dialect = dialect::sqlite::make_sqlite_dialect();
  SqliteConnection connection(":memory:");
  connection.execute({"CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT COLLATE NoCase NOT NULL, "
                      "w INT, h INT, area INT AS (w * h), total INT GENERATED ALWAYS AS (w + h) STORED, v ANY) STRICT",
                      {}});
  connection.execute({"CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB, extra) WITHOUT ROWID", {}});
  schema::Schema live = dialect->introspect(connection, {});
  REQUIRE(live.tables.size() == 2);
  const schema::Table& t = *live.find_table("t");
  CHECK(t.sqlite == schema::SqliteTableOptions{true, false, true});
  REQUIRE(t.columns.size() == 7);
  CHECK(t.columns[0].nullable);
  CHECK(t.columns[0].autoincrement);
  CHECK(t.columns[1].collation == "NoCase");
  CHECK(t.columns[2].type == native("int"));
  CHECK(t.columns[4].generated == schema::Generated{"w * h", false});
  CHECK(t.columns[5].generated == schema::Generated{"w + h", true});
  CHECK(t.columns[6].type == native("any"));
  const schema::Table& kv = *live.find_table("kv");
  CHECK(kv.sqlite == schema::SqliteTableOptions{false, true, false});
  CHECK_FALSE(kv.columns[0].nullable);  // SQLite reports a WITHOUT ROWID key NOT NULL, declared or not
  CHECK(kv.columns[2].type == native(""));  // declared without a type

  // Rendered again, the tables declare the same: what a rebuild relies on.
  dialect->normalize(live);
  SqliteConnection again(":memory:");
  create(again, *dialect, live);
  schema::Schema reread = dialect->introspect(again, {});
  dialect->normalize(reread);
  CHECK(describe(reread) == describe(live));
  CHECK(reread == live);
}
