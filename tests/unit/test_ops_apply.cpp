// ops::apply evolves a schema as the database would; ops::reverse undoes each op exactly.
#include <doctest/doctest.h>

#include "model/model.hpp"
#include "ops/op.hpp"
#include "util/error.hpp"

namespace {

using namespace dbmig;
using namespace dbmig::ops;

const schema::NamingConvention naming;

schema::Schema blog() {
  return model::load_string(R"yaml(
tables:
  users:
    columns:
      id:    {type: integer, primary_key: true}
      email: {type: string(120), nullable: false, unique: true}
      name:  {type: string(80)}
      bio:   {type: text, comment: About them}
    indexes:
      - {columns: [name]}
  posts:
    columns:
      id:      {type: integer, primary_key: true}
      user_id: {type: integer, nullable: false, references: users.id}
      title:   {type: string(120), nullable: false}
    checks: [{name: title_not_empty, expr: "length(title) > 0"}]
)yaml",
                            "models.yaml", naming);
}

const TableName users{"users", ""};
const TableName posts{"posts", ""};

schema::Column column(std::string name, std::string type) {
  schema::Column c;
  c.name = std::move(name);
  c.type = schema::parse_type(type);
  return c;
}

schema::Index index(std::string name, std::vector<std::string> columns) {
  schema::Index made;
  made.name = std::move(name);
  made.terms = schema::column_terms(columns);
  return made;
}

// Ops with the full definitions autogenerate gives them, each valid on blog().
std::vector<Op> ops_on_blog() {
  const schema::Schema schema = blog();
  const schema::Table& user_table = *schema.find_table("users");
  AlterColumn alter;
  alter.table = users;
  alter.column = "name";
  alter.existing = *user_table.find_column("name");
  alter.type = schema::parse_type("text");
  alter.nullable = false;
  alter.default_sql = std::optional<std::string>{"'anonymous'"};
  const schema::Index title_index = index("ix_posts_title", {"title"});
  return {
      CreateTable{[] {
        schema::Table tags;
        tags.name = "tags";
        tags.columns = {column("id", "integer")};
        return tags;
      }()},
      DropTable{*schema.find_table("posts")},
      RenameTable{users, "members"},
      SetTableComment{users, "People", std::nullopt},
      AddColumn{users, column("age", "integer")},
      DropColumn{users, *user_table.find_column("bio")},
      RenameColumn{users, "id", "user_id"},
      alter,
      CreateIndex{posts, title_index},
      DropIndex{users, user_table.indexes.at(0)},
      DropPrimaryKey{users, *user_table.primary_key},
      DropUnique{users, user_table.uniques.at(0)},
      AddUnique{posts, {"uq_posts_title", {"title"}}},
      DropForeignKey{posts, schema.find_table("posts")->foreign_keys.at(0)},
      AddCheck{users, {"ck_users_email", "email <> ''"}},
      DropCheck{posts, schema.find_table("posts")->checks.at(0)},
  };
}

Error apply_error(schema::Schema schema, const Op& op) {
  try {
    ops::apply(schema, op);
  } catch (const Error& error) {
    return error;
  }
  FAIL("no error from " << kind_name(op));
  return usage_error("unreachable");
}

}  // namespace

TEST_CASE("ops: kind names") {
  CHECK(kind_name(AddPrimaryKey{}) == "create_primary_key");
  CHECK(kind_name(DropForeignKey{}) == "drop_foreign_key");
  CHECK(kind_name(SetTableComment{}) == "set_table_comment");
  CHECK(kind_name(Sql{}) == "sql");
  CHECK(is_destructive(DropColumn{}));
  CHECK(is_destructive(DropTable{}));
  CHECK(!is_destructive(AlterColumn{}));
}

TEST_CASE("ops: applying an op and then its inverse gives back the schema") {
  for (const Op& op : ops_on_blog()) {
    CAPTURE(kind_name(op));
    schema::Schema schema = blog();
    ops::apply(schema, op);
    CHECK(schema != blog());
    ops::apply(schema, reverse(op));
    CHECK(schema == blog());
    CHECK(reverse(reverse(op)) == op);
  }
}

TEST_CASE("ops: reverse of an alter_column sets back only what changed") {
  AlterColumn alter;
  alter.table = users;
  alter.column = "name";
  alter.existing = column("name", "string(80)");
  alter.nullable = false;
  const auto back = std::get<AlterColumn>(reverse(alter));
  CHECK(back.nullable == std::optional<bool>(true));
  CHECK(!back.type);
  CHECK(!back.default_sql);
  CHECK(back.existing.nullable == false);
  CHECK(back.existing.type == alter.existing.type);
}

TEST_CASE("ops: raw SQL cannot be reversed; the inverse is a step that fails") {
  const Op back = reverse(Sql{"UPDATE users SET age = 0", {}});
  REQUIRE(std::holds_alternative<Fail>(back));
  CHECK(std::get<Fail>(back).message.find("cannot be derived") != std::string::npos);
  CHECK(reverse(back) == back);
}

TEST_CASE("ops: renames carry over to what names the renamed thing") {
  schema::Schema schema = blog();
  ops::apply(schema, RenameTable{users, "members"});
  CHECK(schema.find_table("posts")->foreign_keys.at(0).referred_table == "members");

  ops::apply(schema, RenameColumn{{"members", ""}, "id", "member_id"});
  const schema::Table& members = *schema.find_table("members");
  CHECK(members.primary_key->columns == std::vector<std::string>{"member_id"});
  CHECK(schema.find_table("posts")->foreign_keys.at(0).referred_columns == std::vector<std::string>{"member_id"});

  ops::apply(schema, RenameColumn{posts, "user_id", "author_id"});
  CHECK(schema.find_table("posts")->foreign_keys.at(0).columns == std::vector<std::string>{"author_id"});
}

// Found by the autogenerate suite (columns: a column used by an expression index, a partial index
// and a check is renamed): the expressions kept the old name, so the diff dropped and re-created
// them, and the downgrade re-created them naming a column that was not back yet.
TEST_CASE("ops: renaming a column renames it in index expressions, predicates and checks") {
  schema::Schema schema = blog();
  schema::Table& table = *schema.find_table("posts");
  table.indexes.push_back(schema::Index{"ix_posts_title_lower", {schema::IndexTerm::of_expression("lower(title)"), schema::IndexTerm::of_expression("title || 'title'")}, false,
                                        "\"title\" <> '' AND Title IS NOT NULL -- title"});
  ops::apply(schema, RenameColumn{posts, "title", "headline"});
  const schema::Table& renamed = *schema.find_table("posts");
  CHECK(renamed.checks.at(0).expression == "length(headline) > 0");
  CHECK(renamed.indexes.back().terms ==
        std::vector<schema::IndexTerm>{schema::IndexTerm::of_expression("lower(headline)"),
                                       schema::IndexTerm::of_expression("headline || 'title'")});
  CHECK(renamed.indexes.back().where == "headline <> '' AND headline IS NOT NULL -- title");

  ops::apply(schema, RenameColumn{posts, "headline", "Head Line"});
  CHECK(schema.find_table("posts")->checks.at(0).expression == "length(\"Head Line\") > 0");
  // A function of the same name is not the column.
  schema::Schema calls = blog();
  calls.find_table("posts")->checks.at(0).expression = "title(title) > 0";
  ops::apply(calls, RenameColumn{posts, "title", "name"});
  CHECK(calls.find_table("posts")->checks.at(0).expression == "title(name) > 0");
}

// Issue 12: a column renamed to a keyword was written bare into the expressions that use it
// (`select > 0`), which the downgrade's create_check then ran, and failed on.
TEST_CASE("ops: a column renamed to a keyword stays quoted in the expressions that use it") {
  schema::Schema schema = blog();
  ops::apply(schema, RenameColumn{posts, "title", "order"});
  CHECK(schema.find_table("posts")->checks.at(0).expression == "length(\"order\") > 0");
  ops::apply(schema, RenameColumn{posts, "order", "key"});  // a keyword in SQLite only
  CHECK(schema.find_table("posts")->checks.at(0).expression == "length(\"key\") > 0");
  ops::apply(schema, RenameColumn{posts, "key", "left"});  // in PostgreSQL only
  CHECK(schema.find_table("posts")->checks.at(0).expression == "length(\"left\") > 0");
  ops::apply(schema, RenameColumn{posts, "left", "x\"; DROP TABLE canary; --"});
  CHECK(schema.find_table("posts")->checks.at(0).expression == "length(\"x\"\"; DROP TABLE canary; --\") > 0");
}

TEST_CASE("ops: dropping a column drops the indexes and constraints built on it") {
  schema::Schema schema = blog();
  ops::apply(schema, DropColumn{users, column("email", "text")});
  CHECK(schema.find_table("users")->uniques.empty());
  ops::apply(schema, DropColumn{users, column("name", "text")});
  CHECK(schema.find_table("users")->indexes.empty());
}

TEST_CASE("ops: a hand-written drop without a name finds the constraint by definition") {
  schema::Schema schema = blog();
  ops::apply(schema, DropUnique{users, {"", {"email"}}});
  CHECK(schema.find_table("users")->uniques.empty());
}

// Found by adopting a hand-made SQLite database: the drop of its unnamed CHECK, written from the
// normalised model ("length(email) > 3"), did not find the check as SQLite spells it back.
TEST_CASE("ops: an unnamed check is found by its expression whatever its spacing and case") {
  schema::Schema schema = blog();
  schema.find_table("users")->checks.push_back({"", "LENGTH(email)>3 AND name <> 'A  b'"});
  CHECK_THROWS_AS(ops::apply(schema, DropCheck{users, {"", "length(email) > 3 AND name <> 'a b'"}}), Error);
  ops::apply(schema, DropCheck{users, {"", "length(email) > 3 AND name <> 'A  b'"}});
  CHECK(schema.find_table("users")->checks.empty());
  // SQLite keeps an expression as written, quotes and all; the step is written from the
  // normalised model, without the quotes it does not need.
  schema.find_table("users")->checks.push_back({"", "length(\"email\") > 3"});
  ops::apply(schema, DropCheck{users, {"", "length(email) > 3"}});
  CHECK(schema.find_table("users")->checks.empty());
}

TEST_CASE("ops: applying an op to something that is not there is a usage error") {
  const Error no_table = apply_error(blog(), AddColumn{{"comments", ""}, column("a", "text")});
  CHECK(no_table.code() == ExitCode::usage);
  CHECK(no_table.message() == "add_column: table 'comments' does not exist");

  const Error no_column = apply_error(blog(), RenameColumn{users, "nickname", "alias"});
  CHECK(no_column.message() == "rename_column: table 'users' has no column 'nickname'");

  const Error no_index = apply_error(blog(), DropIndex{users, index("ix_nope", {})});
  CHECK(no_index.message() == "drop_index: table 'users' has no index 'ix_nope'");

  const Error index_on_missing_column =
      apply_error(blog(), CreateIndex{users, index("ix_users_age", {"age"})});
  CHECK(index_on_missing_column.message() == "create_index: table 'users' has no column 'age'");

  const Error twice = apply_error(blog(), AddColumn{users, column("email", "text")});
  CHECK(twice.message() == "add_column: table 'users' already has a column 'email'");

  const Error exists = apply_error(blog(), RenameTable{users, "posts"});
  CHECK(exists.message() == "rename_table: cannot rename 'users': table 'posts' already exists");
}

TEST_CASE("ops: raw SQL and fail steps change nothing in the model") {
  schema::Schema schema = blog();
  ops::apply(schema, Sql{"DROP TABLE users", {}});
  ops::apply(schema, Fail{"not yet"});
  CHECK(schema == blog());
}
