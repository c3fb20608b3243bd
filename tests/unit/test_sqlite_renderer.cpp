// Golden SQL for every op kind on SQLite, and the standard forms of the shared SqlRenderer.
#include <doctest/doctest.h>

#include "dialect/sql_renderer.hpp"
#include "dialect/sqlite/sqlite_dialect.hpp"
#include "dialect/sqlite/sqlite_types.hpp"
#include "test_sqlite_support.hpp"

using namespace dbmig;
using dialect::Statement;
using schema::TypeKind;
using test::column;
using test::error_from;
using test::type_of;

namespace {

std::unique_ptr<dialect::Dialect> sqlite_dialect() { return dialect::sqlite::make_sqlite_dialect(); }

// Statements joined into one script, so that a failed comparison prints them.
std::string script(const std::vector<std::string>& statements) {
  std::string out;
  for (const std::string& statement : statements) out += statement + ";\n";
  return out;
}

std::string sql_of(const dialect::Dialect& dialect, const ops::Op& op, const schema::Schema* before = nullptr) {
  std::vector<std::string> sql;
  for (const Statement& statement : dialect.render(op, dialect::RenderContext{before})) sql.push_back(statement.sql);
  return script(sql);
}

schema::Type string_type(int length) {
  schema::Type type = type_of(TypeKind::string);
  type.length = length;
  return type;
}

schema::Table posts_table() {
  schema::Table table;
  table.name = "posts";
  table.comment = "Blog posts";  // SQLite keeps no comments: renders to nothing
  schema::Type role = type_of(TypeKind::enumeration);
  role.enum_values = {"user", "admin"};
  table.columns = {
      column("id", type_of(TypeKind::integer), false),
      column("title", string_type(120), false),
      column("role", role, false, "'user'"),
      column("created_at", type_of(TypeKind::datetime), false, "CURRENT_TIMESTAMP"),
      column("score", type_of(TypeKind::integer), true, "1 + 2"),
      column("user_id", type_of(TypeKind::integer), false),
  };
  table.columns[0].comment = "ignored";
  table.primary_key = schema::PrimaryKey{"pk_posts", {"id"}};
  table.uniques = {{"uq_posts_user_id_title", {"user_id", "title"}}};
  table.foreign_keys = {{"fk_posts_user_id_users", {"user_id"}, "users", "", {"id"},
                         schema::ReferentialAction::cascade, schema::ReferentialAction::set_null}};
  table.checks = {{"ck_posts_title_not_empty", "length(title) > 0"}};
  table.indexes = {{"ix_posts_title_lower", {schema::IndexTerm::of_expression("lower(title)")}, false, std::nullopt},
                   {"ix_posts_user_title", schema::column_terms({"user_id", "title"}), true, "title IS NOT NULL"}};
  return table;
}

const ops::TableName kPosts{"posts", ""};

}  // namespace

TEST_CASE("sqlite render: create table states every constraint, then its indexes") {
  const auto dialect = sqlite_dialect();
  CHECK(sql_of(*dialect, ops::CreateTable{posts_table()}) ==
        script({
            R"(CREATE TABLE "posts" (
  "id" INTEGER NOT NULL,
  "title" VARCHAR(120) NOT NULL,
  "role" VARCHAR(5) NOT NULL DEFAULT 'user' CHECK ("role" IN ('user', 'admin')),
  "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "score" INTEGER DEFAULT (1 + 2),
  "user_id" INTEGER NOT NULL,
  CONSTRAINT "pk_posts" PRIMARY KEY ("id"),
  CONSTRAINT "uq_posts_user_id_title" UNIQUE ("user_id", "title"),
  CONSTRAINT "fk_posts_user_id_users" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE SET NULL,
  CONSTRAINT "ck_posts_title_not_empty" CHECK (length(title) > 0)
))",
            R"(CREATE INDEX "ix_posts_title_lower" ON "posts" (lower(title)))",
            R"(CREATE UNIQUE INDEX "ix_posts_user_title" ON "posts" ("user_id", "title") WHERE title IS NOT NULL)",
        }));
}

TEST_CASE("sqlite render: unnamed constraints, referred primary key, schema names and odd identifiers") {
  schema::Table table;
  table.name = "we\"ird";
  table.schema = "ignored_on_sqlite";
  table.columns = {column("a", type_of(TypeKind::text)), column("b", type_of(TypeKind::integer))};
  table.primary_key = schema::PrimaryKey{"", {"a", "b"}};
  table.foreign_keys = {{"", {"b"}, "other", "elsewhere", {}, schema::ReferentialAction::no_action,
                         schema::ReferentialAction::no_action}};
  CHECK(sql_of(*sqlite_dialect(), ops::CreateTable{table}) == script({R"(CREATE TABLE "we""ird" (
  "a" TEXT,
  "b" INTEGER,
  PRIMARY KEY ("a", "b"),
  FOREIGN KEY ("b") REFERENCES "other"
))"}));
}

// Issue 17: BIGINT PRIMARY KEY is no rowid alias, so an insert without an id failed.
TEST_CASE("sqlite render: an autoincrementing bigint key is declared INTEGER, the rowid alias") {
  schema::Table table;
  table.name = "t";
  table.columns = {column("id", type_of(TypeKind::bigint), false), column("n", type_of(TypeKind::bigint))};
  table.primary_key = schema::PrimaryKey{"pk_t", {"id"}};
  table.columns[0].autoincrement = true;
  CHECK(sql_of(*sqlite_dialect(), ops::CreateTable{table}) == script({R"(CREATE TABLE "t" (
  "id" INTEGER NOT NULL,
  "n" BIGINT,
  CONSTRAINT "pk_t" PRIMARY KEY ("id")
))"}));
  table.columns[0].autoincrement = false;
  CHECK(sql_of(*sqlite_dialect(), ops::CreateTable{table}).find(R"("id" BIGINT NOT NULL)") != std::string::npos);
}

TEST_CASE("sqlite render: defaults are bare literals or parenthesised expressions") {
  const auto dialect = sqlite_dialect();
  auto add = [&](std::string default_sql) {
    return sql_of(*dialect, ops::AddColumn{kPosts, column("x", type_of(TypeKind::text), true, default_sql)});
  };
  CHECK(add("'it''s'") == script({R"(ALTER TABLE "posts" ADD COLUMN "x" TEXT DEFAULT 'it''s')"}));
  CHECK(add("-1.5") == script({R"(ALTER TABLE "posts" ADD COLUMN "x" TEXT DEFAULT -1.5)"}));
  CHECK(add("(0)") == script({R"(ALTER TABLE "posts" ADD COLUMN "x" TEXT DEFAULT 0)"}));
  CHECK(add("NULL") == script({R"(ALTER TABLE "posts" ADD COLUMN "x" TEXT DEFAULT NULL)"}));
  CHECK(error_from([&] { add("lower('A')"); }));  // non-constant: ADD COLUMN refuses it
}

TEST_CASE("sqlite render: the ops ALTER TABLE can do in place") {
  const auto dialect = sqlite_dialect();
  schema::Table posts = posts_table();
  CHECK(sql_of(*dialect, ops::DropTable{posts}) == script({R"(DROP TABLE "posts")"}));
  CHECK(sql_of(*dialect, ops::RenameTable{kPosts, "articles"}) == script({R"(ALTER TABLE "posts" RENAME TO "articles")"}));
  CHECK(sql_of(*dialect, ops::SetTableComment{kPosts, "text", std::nullopt}).empty());
  CHECK(sql_of(*dialect, ops::AddColumn{kPosts, column("age", type_of(TypeKind::smallint), false, "0")}) ==
        script({R"(ALTER TABLE "posts" ADD COLUMN "age" SMALLINT NOT NULL DEFAULT 0)"}));
  CHECK(sql_of(*dialect, ops::DropColumn{kPosts, column("score", type_of(TypeKind::integer))}) ==
        script({R"(ALTER TABLE "posts" DROP COLUMN "score")"}));
  CHECK(sql_of(*dialect, ops::RenameColumn{kPosts, "title", "headline"}) ==
        script({R"(ALTER TABLE "posts" RENAME COLUMN "title" TO "headline")"}));
  CHECK(sql_of(*dialect, ops::CreateIndex{kPosts, posts.indexes[1]}) ==
        script({R"(CREATE UNIQUE INDEX "ix_posts_user_title" ON "posts" ("user_id", "title") WHERE title IS NOT NULL)"}));
  CHECK(sql_of(*dialect, ops::DropIndex{kPosts, posts.indexes[0]}) == script({R"(DROP INDEX "ix_posts_title_lower")"}));

  ops::AlterColumn comment_only{kPosts, "title", posts.columns[1], {}, {}, {}, {}, {}, {}, {}};
  comment_only.comment = std::optional<std::string>("Headline");
  CHECK(sql_of(*dialect, comment_only).empty());
}

TEST_CASE("sqlite render: raw sql steps and fail steps") {
  const auto dialect = sqlite_dialect();
  ops::Sql shared{"UPDATE users SET age = 0; UPDATE users SET age = 1", {}};
  CHECK(sql_of(*dialect, shared) == script({"UPDATE users SET age = 0; UPDATE users SET age = 1"}));

  ops::Sql per_dialect{"SELECT 'any'", {{"sqlite", "SELECT 'sqlite'"}, {"postgresql", "SELECT 'pg'"}}};
  CHECK(sql_of(*dialect, per_dialect) == script({"SELECT 'sqlite'"}));

  const auto missing = error_from([&] { sql_of(*dialect, ops::Sql{std::nullopt, {{"postgresql", "SELECT 1"}}}); });
  REQUIRE(missing);
  CHECK(missing->code() == ExitCode::usage);
  CHECK(missing->message().find("no SQL for sqlite") != std::string::npos);

  const auto failed = error_from([&] { sql_of(*dialect, ops::Fail{"write the downgrade of step 2 by hand"}); });
  REQUIRE(failed);
  CHECK(failed->code() == ExitCode::usage);
  CHECK(failed->message() == "write the downgrade of step 2 by hand");
}

TEST_CASE("sqlite render: literals, inlined parameters and the version table") {
  const auto dialect = sqlite_dialect();
  CHECK(dialect->quote_identifier("a\"b") == "\"a\"\"b\"");
  CHECK(dialect->quote_literal("it's") == "'it''s'");
  CHECK(dialect->inline_parameters({"INSERT INTO t VALUES (?, '?', \"?\", ?) -- ?", {"it's", std::nullopt}}) ==
        "INSERT INTO t VALUES ('it''s', '?', \"?\", NULL) -- ?");
  CHECK(dialect->inline_parameters({"SELECT ?", {}}) == "SELECT ?");
  // No placeholder inside SQLite's other identifier quotes or a block comment: the scan uses the
  // shared lexer (the hand-written scan before it knew neither backticks nor brackets).
  CHECK(dialect->inline_parameters({"SELECT `?`, [?], /* ? */ ?", {"x"}}) == "SELECT `?`, [?], /* ? */ 'x'");

  const std::vector<Statement> create = dialect->create_version_table("dbmig_version");
  REQUIRE(create.size() == 1);
  CHECK(create[0].sql ==
        R"(CREATE TABLE IF NOT EXISTS "dbmig_version" ("version_num" VARCHAR(32) NOT NULL, CONSTRAINT "dbmig_version_pkc" PRIMARY KEY ("version_num")))");
  CHECK(dialect->select_versions("dbmig_version").sql ==
        R"(SELECT "version_num" FROM "dbmig_version" ORDER BY "version_num")");
  const Statement insert = dialect->insert_version("dbmig_version", "3f2a9c1d7b4e");
  CHECK(insert.sql == R"(INSERT INTO "dbmig_version" ("version_num") VALUES (?))");
  CHECK(insert.params == std::vector<std::optional<std::string>>{"3f2a9c1d7b4e"});
  CHECK(dialect->delete_version("dbmig_version", "3f2a").sql ==
        R"(DELETE FROM "dbmig_version" WHERE "version_num" = ?)");
  const Statement exists = dialect->version_table_exists("dbmig_version");
  CHECK(exists.sql == "SELECT 1 FROM pragma_table_info(?, 'main') LIMIT 1");  // a lookup, not a scan
  CHECK(exists.params == std::vector<std::optional<std::string>>{"dbmig_version"});

  // One row when the table is in the main database; none before, nor for a temporary table.
  test::TempDatabase file;
  dialect::sqlite::SqliteConnection connection(file.path());
  CHECK(connection.query(exists).empty());
  connection.execute({"CREATE TEMP TABLE dbmig_version (version_num text)", {}});
  CHECK(connection.query(exists).empty());
  for (const Statement& statement : create) connection.execute(statement);
  CHECK(connection.query(exists).size() == 1);
}

TEST_CASE("sqlite render: a revision's version move and history row stay separate statements") {
  // In-process, a statement costs no round trip; the version change is a DELETE and an INSERT.
  const auto sqlite = sqlite_dialect();
  const auto statements = sqlite->record_revision("dbmig_version", "dbmig_history", {"r1"}, {"r2"},
                                                  dialect::HistoryEntry{"r2", "upgrade", "abc", std::nullopt, "ann"});
  REQUIRE(statements.size() == 3);
  CHECK(statements[0].sql == R"(DELETE FROM "dbmig_version" WHERE "version_num" = ?)");
  CHECK(statements[1].sql == R"(INSERT INTO "dbmig_version" ("version_num") VALUES (?))");
  CHECK(statements[2].sql.starts_with(R"(INSERT INTO "dbmig_history")"));
  CHECK(statements[2].params == std::vector<std::optional<std::string>>{"r2", "upgrade", "abc", std::nullopt, "ann"});
}

namespace {

// The shared renderer with nothing overridden but what it requires: its standard-SQL defaults,
// which dialects other than SQLite build on.
class StandardRenderer final : public dialect::SqlRenderer {
 protected:
  std::string_view dialect_name() const override { return "standard"; }
  std::string type_sql(const schema::Type& type) const override { return dialect::sqlite::declared_type(type); }
};

std::string standard_sql(const ops::Op& op) {
  std::vector<std::string> sql;
  for (const Statement& statement : StandardRenderer().render(op, {})) sql.push_back(statement.sql);
  return script(sql);
}

}  // namespace

TEST_CASE("sqlite render (shared base): standard forms for what SQLite overrides") {
  const ops::TableName table{"t", "app"};
  ops::AlterColumn alter{table, "c", column("c", type_of(TypeKind::integer)), type_of(TypeKind::bigint), false,
                         std::optional<std::string>("0"), std::optional<std::string>("note"), {}, {}, {}};
  CHECK(standard_sql(alter) == script({R"(ALTER TABLE "app"."t" ALTER COLUMN "c" SET DATA TYPE BIGINT)",
                                    R"(ALTER TABLE "app"."t" ALTER COLUMN "c" SET NOT NULL)",
                                    R"(ALTER TABLE "app"."t" ALTER COLUMN "c" SET DEFAULT 0)",
                                    R"(COMMENT ON COLUMN "app"."t"."c" IS 'note')"}));
  alter = ops::AlterColumn{table, "c", {}, {}, true, std::optional<std::string>(), {}, {}, {}, {}};
  CHECK(standard_sql(alter) == script({R"(ALTER TABLE "app"."t" ALTER COLUMN "c" DROP NOT NULL)",
                                    R"(ALTER TABLE "app"."t" ALTER COLUMN "c" DROP DEFAULT)"}));
  CHECK(standard_sql(ops::AddUnique{table, {"uq_t_a", {"a"}}}) ==
        script({R"(ALTER TABLE "app"."t" ADD CONSTRAINT "uq_t_a" UNIQUE ("a"))"}));
  CHECK(standard_sql(ops::AddCheck{table, {"ck_t_a", "a > 0"}}) ==
        script({R"(ALTER TABLE "app"."t" ADD CONSTRAINT "ck_t_a" CHECK (a > 0))"}));
  CHECK(standard_sql(ops::DropForeignKey{table, {"fk_t_a_u", {"a"}, "u", "", {}, {}, {}}}) ==
        script({R"(ALTER TABLE "app"."t" DROP CONSTRAINT "fk_t_a_u")"}));
  CHECK(standard_sql(ops::SetTableComment{table, std::nullopt, "old"}) == script({R"(COMMENT ON TABLE "app"."t" IS NULL)"}));
  CHECK(standard_sql(ops::CreateIndex{table, {"ix", {schema::IndexTerm::of_column("a"), schema::IndexTerm::of_expression("a + b")}, false, std::nullopt}}) ==
        script({R"(CREATE INDEX "ix" ON "app"."t" ("a", (a + b)))"}));
  CHECK(standard_sql(ops::DropIndex{table, {"ix", {}, false, std::nullopt}}) == script({R"(DROP INDEX "app"."ix")"}));

  const auto unnamed = error_from([&] { standard_sql(ops::DropUnique{table, {"", {"a"}}}); });
  REQUIRE(unnamed);
  CHECK(unnamed->code() == ExitCode::usage);
}

TEST_CASE("sqlite render: table options, AUTOINCREMENT, collations, generated and untyped columns") {
  const auto sqlite = sqlite_dialect();
  schema::Table events;
  events.name = "events";
  events.columns = {column("id", type_of(TypeKind::integer), false), column("email", type_of(TypeKind::text)),
                    column("area", type_of(TypeKind::integer)), column("blob_of_anything", type_of(TypeKind::native))};
  events.columns[1].collation = "NOCASE";
  events.columns[2].generated = schema::Generated{"w * h", false};
  events.primary_key = schema::PrimaryKey{"pk_events", {"id"}};
  events.sqlite = schema::SqliteTableOptions{true, false, true};
  CHECK(sql_of(*sqlite, ops::CreateTable{events}) == script({"CREATE TABLE \"events\" (\n"
                                                             "  \"id\" INTEGER NOT NULL CONSTRAINT \"pk_events\" PRIMARY KEY AUTOINCREMENT,\n"
                                                             "  \"email\" TEXT COLLATE \"NOCASE\",\n"
                                                             "  \"area\" INTEGER GENERATED ALWAYS AS (w * h) VIRTUAL,\n"
                                                             "  \"blob_of_anything\"\n"
                                                             ") STRICT"}));
  events.sqlite = schema::SqliteTableOptions{false, true, false};
  CHECK(sql_of(*sqlite, ops::CreateTable{events}).find("CONSTRAINT \"pk_events\" PRIMARY KEY (\"id\")\n) WITHOUT ROWID") !=
        std::string::npos);
}
