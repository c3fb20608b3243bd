// The SQLite table rebuild as SQL: which ops need it, the statements it renders (golden), the
// tables it re-creates, and what it refuses.
#include <doctest/doctest.h>

#include "dialect/sqlite/needs_rebuild.hpp"
#include "dialect/sqlite/rebuild_plan.hpp"
#include "dialect/sqlite/rebuild_referrers.hpp"
#include "test_sqlite_rebuild_support.hpp"

using namespace dbmig;
using dialect::Statement;
using dialect::sqlite::SqliteConnection;
using schema::TypeKind;
using test::column;
using test::error_from;
using test::type_of;

namespace {

const ops::TableName kUsers{"users", ""};

// The fixture database, read back the way the migrator reads it before a run.
schema::Schema fixture_schema() {
  SqliteConnection connection(":memory:");
  connection.execute({test::kRebuildFixture, {}});
  return dialect::sqlite::make_sqlite_dialect()->introspect(connection, {});
}

std::string script_of(const ops::Op& op, const schema::Schema& before) {
  std::string out;
  for (const Statement& statement : dialect::sqlite::make_sqlite_dialect()->render(op, dialect::RenderContext{&before})) {
    out += statement.fail_if_rows ? "-- fails if rows: " + *statement.fail_if_rows + "\n" : "";
    out += statement.sql + ";\n";
  }
  return out;
}

ops::AlterColumn alter(const schema::Schema& before, const std::string& name) {
  ops::AlterColumn op;
  op.table = kUsers;
  op.column = name;
  op.existing = *before.find_table("users")->find_column(name);
  return op;
}

}  // namespace

TEST_CASE("sqlite rebuild: which ops ALTER TABLE cannot do, and why") {
  const schema::Schema before = fixture_schema();
  using dialect::sqlite::rebuild_reason;
  ops::AlterColumn retype = alter(before, "name");
  retype.type = type_of(TypeKind::text);
  retype.nullable = false;
  CHECK(rebuild_reason(retype, &before) ==
        "change the type and the nullability of column \"name\" of table \"users\"");
  ops::AlterColumn comment_only = alter(before, "name");
  comment_only.comment = std::optional<std::string>("shown nowhere");
  CHECK_FALSE(rebuild_reason(comment_only, &before));
  CHECK(rebuild_reason(ops::AddUnique{kUsers, {"uq_x", {"email"}}}, &before) == "add a unique constraint to table \"users\"");
  CHECK(rebuild_reason(ops::DropCheck{kUsers, {"ck_users_score", "score >= 0"}}, &before) ==
        "drop a check constraint (\"ck_users_score\") from table \"users\"");
  CHECK(rebuild_reason(ops::DropColumn{kUsers, column("name", type_of(TypeKind::string))}, &before) ==
        "drop column \"name\" of table \"users\" (unique constraint \"uq_users_name_team_id\" uses it)");
  CHECK_FALSE(rebuild_reason(ops::DropColumn{kUsers, column("name", type_of(TypeKind::string))}, nullptr));
  CHECK(rebuild_reason(ops::AddColumn{kUsers, column("n", type_of(TypeKind::integer), false)}, &before) ==
        "add NOT NULL column \"n\" without a default to table \"users\"");
  CHECK(rebuild_reason(ops::AddColumn{kUsers, column("at", type_of(TypeKind::datetime), true, "CURRENT_TIMESTAMP")},
                       &before) == "add column \"at\" with the non-constant default CURRENT_TIMESTAMP to table \"users\"");
  CHECK_FALSE(rebuild_reason(ops::AddColumn{kUsers, column("n", type_of(TypeKind::integer), false, "0")}, &before));
}

TEST_CASE("sqlite rebuild: golden SQL of a type and nullability change on a referenced table") {
  const schema::Schema before = fixture_schema();
  ops::AlterColumn op = alter(before, "name");
  op.type = type_of(TypeKind::text);
  op.nullable = false;
  // users is re-created in its new shape, posts (which refers to it) as it was; audit, which
  // users' trigger writes to, and the view over both are left alone.
  CHECK(script_of(op, before) == R"(-- fails if rows: column "name" of table "users" cannot be made NOT NULL; rows holding NULL
SELECT count(*) FROM "users" WHERE "name" IS NULL HAVING count(*) > 0;
SAVEPOINT "dbmig_rebuild";
PRAGMA defer_foreign_keys = ON;
PRAGMA legacy_alter_table = ON;
ALTER TABLE "users" RENAME TO "_dbmig_old_users";
ALTER TABLE "posts" RENAME TO "_dbmig_old_posts";
PRAGMA legacy_alter_table = OFF;
CREATE TABLE "users" (
  "id" INTEGER NOT NULL,
  "email" VARCHAR(120) NOT NULL,
  "name" TEXT NOT NULL,
  "score" INTEGER DEFAULT 0,
  "team_id" INTEGER,
  CONSTRAINT "pk_users" PRIMARY KEY ("id"),
  CONSTRAINT "uq_users_name_team_id" UNIQUE ("name", "team_id"),
  CONSTRAINT "ck_users_score" CHECK (score >= 0)
);
CREATE TABLE "posts" (
  "id" INTEGER NOT NULL,
  "user_id" INTEGER NOT NULL,
  "title" TEXT,
  CONSTRAINT "pk_posts" PRIMARY KEY ("id"),
  CONSTRAINT "fk_posts_user_id_users" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
INSERT INTO "users" ("id", "email", "name", "score", "team_id") SELECT "id", "email", "name", "score", "team_id" FROM "_dbmig_old_users";
INSERT INTO "posts" ("id", "user_id", "title") SELECT "id", "user_id", "title" FROM "_dbmig_old_posts";
DROP TABLE "_dbmig_old_posts";
DROP TABLE "_dbmig_old_users";
CREATE UNIQUE INDEX "ix_users_email" ON "users" ("email");
CREATE INDEX "ix_users_name" ON "users" ("name");
CREATE TRIGGER trg_users_audit AFTER UPDATE ON users BEGIN INSERT INTO audit (user_id, action) VALUES (new.id, 'update'); END;
CREATE INDEX "ix_posts_user_id" ON "posts" ("user_id");
CREATE TRIGGER trg_posts_title BEFORE INSERT ON posts WHEN new.title = '' BEGIN SELECT RAISE(ABORT, 'empty title'); END;
-- fails if rows: foreign key of table "posts" violated after rebuilding table "users"
SELECT 'row ' || coalesce(rowid, '?') || ' refers to a missing row of "' || parent || '"' FROM pragma_foreign_key_check('posts') LIMIT 1;
PRAGMA defer_foreign_keys = OFF;
RELEASE "dbmig_rebuild";
)");
}

TEST_CASE("sqlite rebuild: a table nothing refers to is rebuilt alone, and its own foreign keys are checked") {
  schema::Schema before = fixture_schema();
  ops::AddForeignKey op{kUsers, {"fk_users_team_id_teams", {"team_id"}, "teams", "", {"id"}, {}, {}}};
  const dialect::sqlite::RebuildPlan plan = dialect::sqlite::plan_rebuild(op, before);
  REQUIRE(plan.tables.size() == 2);  // users, and posts which refers to it; not teams
  CHECK(plan.tables[0].definition.foreign_keys.size() == 1);
  CHECK(plan.tables[1].definition.name == "posts");

  ops::AddCheck on_posts{{"posts", ""}, {"ck_posts_title", "length(title) > 0"}};
  const std::string script = script_of(on_posts, before);
  CHECK(script.find("ALTER TABLE \"posts\" RENAME TO \"_dbmig_old_posts\"") != std::string::npos);
  CHECK(script.find("_dbmig_old_users") == std::string::npos);
  CHECK(script.find("pragma_foreign_key_check('posts')") != std::string::npos);
  CHECK(script.find("CONSTRAINT \"ck_posts_title\" CHECK (length(title) > 0)") != std::string::npos);
}

TEST_CASE("sqlite rebuild: column mapping: added columns take their default, dropped ones are not copied") {
  const schema::Schema before = fixture_schema();
  const auto added = dialect::sqlite::plan_rebuild(
      ops::AddColumn{kUsers, column("joined", type_of(TypeKind::datetime), false, "CURRENT_TIMESTAMP")}, before);
  REQUIRE(added.tables[0].copied.size() == 5);
  CHECK(added.tables[0].definition.columns.back().name == "joined");
  CHECK(added.tables[0].required_without_values.empty());

  const auto required = dialect::sqlite::plan_rebuild(
      ops::AddColumn{kUsers, column("level", type_of(TypeKind::integer), false)}, before);
  CHECK(required.tables[0].required_without_values == std::vector<std::string>{"level"});
  CHECK(script_of(ops::AddColumn{kUsers, column("level", type_of(TypeKind::integer), false)}, before)
            .find("SELECT count(*) FROM \"users\" HAVING count(*) > 0") != std::string::npos);

  schema::Schema without_index = before;
  ops::apply(without_index, ops::DropIndex{kUsers, {"ix_users_name", {}, false, std::nullopt}});
  const auto dropped = dialect::sqlite::plan_rebuild(ops::DropColumn{kUsers, column("name", {})}, without_index);
  std::vector<std::string> copied;
  for (const auto& copy : dropped.tables[0].copied) copied.push_back(copy.name);
  CHECK(copied == std::vector<std::string>{"id", "email", "score", "team_id"});
  CHECK(dropped.tables[0].definition.uniques.empty());  // built on the dropped column: gone with it
  CHECK(dropped.tables[0].definition.indexes.size() == 1);

  ops::AlterColumn retype = alter(before, "score");
  retype.type = type_of(TypeKind::text);
  const auto retyped = dialect::sqlite::plan_rebuild(retype, before);
  CHECK_FALSE(retyped.tables[0].copied[3].becomes_not_null);
  // No CAST: the new column's affinity converts what converts without loss.
  CHECK(script_of(retype, before).find("CAST") == std::string::npos);
}

TEST_CASE("sqlite rebuild: dropping a column still used elsewhere is refused, naming the user and the fix") {
  const schema::Schema before = fixture_schema();
  auto refusal = [&](const schema::Schema& schema, const std::string& column_name) {
    const auto error = error_from([&] { script_of(ops::DropColumn{kUsers, column(column_name, {})}, schema); });
    REQUIRE(error);
    CHECK(error->code() == ExitCode::usage);
    return error->message() + " | " + error->hint();
  };
  CHECK(refusal(before, "name") ==
        "cannot drop column \"name\" of table \"users\": index \"ix_users_name\" uses it | "
        "drop the index first: a drop_index step before this one");
  CHECK(refusal(before, "score").find("check constraint \"ck_users_score\" uses it") != std::string::npos);
  CHECK(refusal(before, "id").find("trigger \"trg_users_audit\" uses it") != std::string::npos);  // new.id
  schema::Schema without_triggers = before;
  without_triggers.find_table("users")->triggers.clear();
  CHECK(refusal(without_triggers, "id") ==
        "cannot drop column \"id\" of table \"users\": foreign key \"fk_posts_user_id_users\" of table \"posts\" uses "
        "it | drop that foreign key first: a drop_foreign_key step before this one");

  schema::Schema with_trigger = before;
  with_trigger.find_table("users")->triggers.push_back(
      {"trg_team", "CREATE TRIGGER trg_team AFTER INSERT ON users BEGIN SELECT new.team_id; END"});
  CHECK(refusal(with_trigger, "team_id").find("trigger \"trg_team\" uses it | drop the trigger first") !=
        std::string::npos);
}

TEST_CASE("sqlite rebuild: without the schema before the op it is a usage error, not a guess") {
  const auto dialect = dialect::sqlite::make_sqlite_dialect();
  ops::AddUnique op{kUsers, {"uq_users_email", {"email"}}};
  const auto error = error_from([&] { dialect->render(op, dialect::RenderContext{nullptr}); });
  REQUIRE(error);
  CHECK(error->code() == ExitCode::usage);
  CHECK(error->message().find("SQLite cannot add a unique constraint to table \"users\" in place") != std::string::npos);

  const schema::Schema empty;
  const auto missing = error_from([&] { dialect->render(op, dialect::RenderContext{&empty}); });
  REQUIRE(missing);
  CHECK(missing->message().find("table \"users\" does not exist") != std::string::npos);
}

TEST_CASE("sqlite rebuild: referring tables come after the tables they refer to, cycles included") {
  auto table = [](std::string name, std::vector<std::string> parents) {
    schema::Table result;
    result.name = std::move(name);
    for (std::string& parent : parents) result.foreign_keys.push_back({"", {"x"}, std::move(parent), "", {"id"}, {}, {}});
    return result;
  };
  // likes refers to posts and users; it is found through users first but must follow posts.
  schema::Schema schema{{table("likes", {"users", "posts"}), table("users", {"users"}), table("posts", {"Users"}),
                         table("tags", {}), table("a", {"b", "users"}), table("b", {"a"})}};
  std::vector<std::string> names;
  for (const schema::Table* referrer : dialect::sqlite::referring_tables(schema, schema.tables[1])) {
    names.push_back(referrer->name);
  }
  CHECK(names == std::vector<std::string>{"posts", "likes", "a", "b"});
}

TEST_CASE("sqlite rebuild: the op may spell the table in another case, as SQLite allows") {
  const schema::Schema before = fixture_schema();
  const auto plan = dialect::sqlite::plan_rebuild(ops::AddUnique{{"USERS", ""}, {"uq_users_email", {"email"}}}, before);
  CHECK(plan.tables[0].definition.name == "users");
  CHECK(plan.tables[0].definition.uniques.size() == 2);
}
