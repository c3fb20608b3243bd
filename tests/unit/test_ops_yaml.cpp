// The revision-file form of ops: every kind reads back to an equal op, the forms a user sees are
// the documented ones, and mistakes are reported at file:line:column.
#include <doctest/doctest.h>

#include "model/model.hpp"
#include "ops/yaml.hpp"
#include "util/error.hpp"
#include "yaml_emit.hpp"

namespace {

using namespace dbmig;
using namespace dbmig::ops;

const schema::NamingConvention naming;

using dbmig::test::emit;

Op read_step(const std::string& text) { return from_yaml(YAML::Load(text), "steps.yaml", naming); }

schema::Table posts_table() {
  return model::load_string(R"yaml(
tables:
  users:
    columns:
      id: {type: integer, primary_key: true}
  posts:
    comment: Blog posts
    columns:
      id:      {type: integer, primary_key: true}
      title:   {type: string(120), nullable: false}
      user_id: {type: integer, nullable: false, references: users.id, on_delete: cascade}
    indexes:
      - {columns: [user_id, title], unique: true}
      - {name: ix_posts_title_lower, expressions: ["lower(title)"]}
    checks: [{name: title_not_empty, expr: "length(title) > 0"}]
)yaml", "models.yaml", naming).tables.at(1);
}

schema::Table table(std::string name, std::string schema_name = {}) {
  schema::Table made;
  made.name = std::move(name);
  made.schema = std::move(schema_name);
  return made;
}

schema::Column column(std::string name, std::string type, bool nullable = true) {
  schema::Column c;
  c.name = std::move(name);
  c.type = schema::parse_type(type);
  c.nullable = nullable;
  return c;
}

// What a drop step read from a file knows: the name.
template <class Item>
Item named(std::string name) {
  Item item;
  item.name = std::move(name);
  return item;
}

// One op of every kind, with exactly what the file form keeps (drops name their object only).
std::vector<Op> one_of_each_kind() {
  const TableName users{"users", ""};
  const TableName accounts{"accounts", "billing"};
  const schema::Table dropped = table("old_posts");
  schema::Column age;
  age.name = "age";
  schema::Index index;
  index.name = "ix_users_email";
  index.terms = schema::column_terms({"email"});
  index.unique = true;
  index.where = "email IS NOT NULL";
  schema::Index expression_index;
  expression_index.name = "ix_users_lower_email";
  expression_index.terms = {schema::IndexTerm::of_expression("lower(email)")};
  schema::ForeignKey key{"fk_accounts_owner_users", {"owner"}, "users", "public", {"id"},
                         schema::ReferentialAction::cascade, schema::ReferentialAction::set_null};
  schema::ForeignKey deferred_key = key;  // Django's form
  deferred_key.name = "fk_accounts_owner_users_deferred";
  deferred_key.deferrable = true;
  deferred_key.initially_deferred = true;

  AlterColumn alter;
  alter.table = users;
  alter.column = "email";
  alter.existing = column("email", "string(80)", true);
  alter.existing.default_sql = "''";
  alter.existing.comment = "Where we write";
  alter.type = schema::parse_type("string(120)");
  alter.nullable = false;
  alter.default_sql = std::optional<std::string>{};  // drop it
  alter.comment = std::optional<std::string>{"Contact address"};
  alter.autoincrement = false;
  alter.existing.collation = "C";
  alter.collation = std::optional<std::string>{};  // back to the type's default
  AlterColumn collate;
  collate.table = users;
  collate.column = "email";
  collate.existing = column("email", "text", true);
  collate.collation = std::optional<std::string>{"NOCASE"};
  schema::Column generated = column("area", "integer");
  generated.generated = schema::Generated{"w * h", true};
  generated.collation = "BINARY";

  AlterColumn to_serial;  // identity -> serial: both kinds written by name
  to_serial.table = users;
  to_serial.column = "id";
  to_serial.existing = column("id", "integer", false);
  to_serial.existing.autoincrement = true;
  to_serial.existing.autoincrement_kind = schema::AutoincrementKind::always;
  to_serial.autoincrement = true;
  to_serial.autoincrement_kind = schema::AutoincrementKind::serial;

  return {
      CreateTable{posts_table()},
      DropTable{dropped},
      RenameTable{users, "members"},
      SetTableComment{users, "Registered users", std::nullopt},
      AddColumn{users, column("age", "integer")},
      AddColumn{accounts, column("note", "text", false)},
      DropColumn{users, age},
      RenameColumn{users, "name", "full_name"},
      alter,
      to_serial,
      collate,
      AddColumn{users, generated},
      CreateIndex{users, index},
      CreateIndex{users, expression_index},
      DropIndex{users, named<schema::Index>("ix_users_email")},
      AddPrimaryKey{users, {"pk_users", {"id"}}},
      DropPrimaryKey{users, named<schema::PrimaryKey>("pk_users")},
      AddUnique{accounts, {"uq_accounts_owner", {"owner", "name"}}},
      DropUnique{accounts, named<schema::UniqueConstraint>("uq_accounts_owner")},
      AddForeignKey{accounts, key},
      AddForeignKey{accounts, deferred_key},
      DropForeignKey{accounts, named<schema::ForeignKey>("fk_accounts_owner_users")},
      AddCheck{users, {"ck_users_age", "age >= 0"}},
      DropCheck{users, named<schema::CheckConstraint>("ck_users_age")},
      RenameIndex{users, "users_email_idx", "ix_users_email"},
      RenameConstraint{accounts, "accounts_owner_fkey", "fk_accounts_owner_users"},
      Sql{"UPDATE users SET age = 0", {}},
      Sql{std::nullopt, {{"postgresql", "SELECT 1"}, {"sqlite", "SELECT 2"}}},
      Sql{"SELECT 3", {{"sqlite", "SELECT 2"}}},
      Fail{"write the downgrade"},
  };
}

}  // namespace

TEST_CASE("ops yaml: every op kind reads back to an equal op") {
  for (const Op& op : one_of_each_kind()) {
    CAPTURE(emit(to_yaml(op)));
    const Op back = from_yaml(YAML::Load(emit(to_yaml(op))), "steps.yaml", naming);
    CHECK(back == op);
  }
}

// Found by adopting a hand-made SQLite database (inspect, then dropping an unnamed UNIQUE): the
// drop was written without a name and the revision file did not read back.
TEST_CASE("ops yaml: a drop of an unnamed constraint is written and read by its definition") {
  const TableName users{"users", ""};
  const schema::ForeignKey key{"", {"owner"}, "users", "", {"id"}, schema::ReferentialAction::cascade,
                               schema::ReferentialAction::no_action};
  const std::vector<Op> drops = {DropUnique{users, {"", {"email"}}}, DropForeignKey{users, key},
                                 DropCheck{users, {"", "age >= 0"}}, AddCheck{users, {"", "age >= 0"}}};
  for (const Op& op : drops) {
    CAPTURE(emit(to_yaml(op)));
    CHECK(from_yaml(YAML::Load(emit(to_yaml(op))), "steps.yaml", naming) == op);
  }
  CHECK(emit(to_yaml(drops[0])) == "drop_unique: {table: users, columns: [email]}");
  CHECK(emit(to_yaml(drops[2])) == "drop_check: {table: users, expr: age >= 0}");
}

// Found by the round-trip cases: dropping a SQLite table whose constraints have no name wrote
// `primary_key: {name: "", ...}` into the downgrade's create_table, which did not read back.
TEST_CASE("ops yaml: create_table of a table with unnamed constraints reads back, with the default convention's names") {
  schema::Table legacy = table("legacy_log");
  legacy.columns = {column("id", "integer", false), column("owner", "integer"), column("code", "string(10)")};
  legacy.primary_key = schema::PrimaryKey{"", {"id"}};
  legacy.uniques = {{"", {"code"}}};
  legacy.foreign_keys = {schema::ForeignKey{"", {"owner"}, "users", "", {"id"}, schema::ReferentialAction::no_action,
                                            schema::ReferentialAction::no_action}};
  legacy.checks = {{"", "id > 0"}};
  const std::string text = emit(to_yaml(CreateTable{legacy}));
  CAPTURE(text);
  CHECK(text.find("name: \"\"") == std::string::npos);
  const auto back = std::get<CreateTable>(from_yaml(YAML::Load(text), "steps.yaml", naming));
  REQUIRE(back.table.primary_key);
  CHECK(back.table.primary_key->name == "pk_legacy_log");
  CHECK(back.table.primary_key->columns == std::vector<std::string>{"id"});
  REQUIRE(back.table.uniques.size() == 1);
  CHECK(back.table.uniques[0].name == "uq_legacy_log_code");
  REQUIRE(back.table.foreign_keys.size() == 1);
  CHECK(back.table.foreign_keys[0].name == "fk_legacy_log_owner_users");
  REQUIRE(back.table.checks.size() == 1);
  CHECK_FALSE(back.table.checks[0].name.empty());
  CHECK(back.table.checks[0].expression == "id > 0");
}

TEST_CASE("ops yaml: one-line forms a reviewer reads") {
  CHECK(emit(to_yaml(AddColumn{{"users", ""}, column("age", "integer")})) ==
        "add_column: {table: users, name: age, type: integer}");
  CHECK(emit(to_yaml(DropTable{table("posts")})) == "drop_table: posts");
  CHECK(emit(to_yaml(DropTable{table("posts", "blog")})) ==
        "drop_table: {name: posts, schema: blog}");
  CHECK(emit(to_yaml(Fail{"write it"})) == "fail: write it");

  AlterColumn alter;
  alter.table = {"users", ""};
  alter.column = "email";
  alter.existing = column("email", "string(80)", true);
  alter.nullable = false;
  CHECK(emit(to_yaml(alter)) ==
        "alter_column: {table: users, name: email, nullable: false, existing_type: string(80), existing_nullable: true}");
}

TEST_CASE("ops yaml: create_table lists one column per line") {
  const std::string text = emit(to_yaml(CreateTable{posts_table()}));
  CHECK(text.starts_with("create_table:\n  name: posts\n"));
  CHECK(text.find("\n  columns:\n    id: {type: integer}\n    title: {type: string(120), nullable: false}\n") !=
        std::string::npos);
  CHECK(text.find("\n  indexes:\n    - {name: ix_posts_user_id_title, columns: [user_id, title], unique: true}\n") !=
        std::string::npos);
}

TEST_CASE("ops yaml: hand-written forms") {
  SUBCASE("drop_table as a mapping with a schema") {
    CHECK(read_step("drop_table: {name: posts, schema: blog}") == Op{DropTable{table("posts", "blog")}});
  }
  SUBCASE("an index, unique and foreign key without a name get the convention's name") {
    const auto index = std::get<CreateIndex>(read_step("create_index: {table: users, columns: [email]}"));
    CHECK(index.index.name == "ix_users_email");
    const auto unique = std::get<AddUnique>(read_step("create_unique: {table: users, columns: [a, b]}"));
    CHECK(unique.constraint.name == "uq_users_a_b");
    const auto key = std::get<AddForeignKey>(
        read_step("create_foreign_key: {table: posts, columns: [user_id], references: users(id), on_delete: cascade}"));
    CHECK(key.constraint.name == "fk_posts_user_id_users");
    CHECK(key.constraint.referred_columns == std::vector<std::string>{"id"});
    CHECK(key.constraint.on_delete == schema::ReferentialAction::cascade);
  }
  SUBCASE("alter_column default: null drops the default; a missing default leaves it alone") {
    const auto dropped = std::get<AlterColumn>(read_step("alter_column: {table: t, name: c, default: null}"));
    REQUIRE(dropped.default_sql.has_value());
    CHECK(!dropped.default_sql->has_value());
    const auto untouched = std::get<AlterColumn>(read_step("alter_column: {table: t, name: c, nullable: false}"));
    CHECK(!untouched.default_sql.has_value());
  }
  SUBCASE("sql per dialect") {
    const auto sql = std::get<Sql>(read_step("sql: {postgresql: SELECT 1, sqlite: SELECT 2}"));
    CHECK(!sql.any_dialect);
    CHECK(sql.per_dialect.at("sqlite") == "SELECT 2");
  }
}

namespace {

// The error for the first step of `steps:` in a small document.
Error step_error(const std::string& document) {
  const YAML::Node root = YAML::Load(document);
  try {
    from_yaml(root["steps"][0], "rev.yaml", naming);
  } catch (const Error& error) {
    return error;
  }
  FAIL("no error for " << document);
  return usage_error("unreachable");
}

}  // namespace

TEST_CASE("ops yaml: mistakes are reported where they are, with a hint") {
  SUBCASE("unknown step kind") {
    const Error error = step_error("steps:\n  - create_tabel: {name: x}\n");
    CHECK(error.code() == ExitCode::usage);
    CHECK(error.where()->to_string() == "rev.yaml:2:5");
    CHECK(error.message().find("create_tabel") != std::string::npos);
    CHECK(error.hint().find("create_table") != std::string::npos);
  }
  SUBCASE("unknown key") {
    const Error error = step_error("steps:\n  - drop_column: {table: users, nam: age}\n");
    CHECK(error.where()->to_string() == "rev.yaml:2:33");
    CHECK(error.message().find("nam") != std::string::npos);
    CHECK(error.hint().find("'name'") != std::string::npos);
  }
  SUBCASE("unknown column key in add_column") {
    const Error error = step_error("steps:\n  - add_column: {table: users, name: age, type: integer, nulable: true}\n");
    CHECK(error.where()->to_string() == "rev.yaml:2:58");
    CHECK(error.hint().find("nullable") != std::string::npos);
  }
  SUBCASE("missing key") {
    const Error error = step_error("steps:\n  - drop_column: {name: age}\n");
    CHECK(error.where()->line == 2);
    CHECK(error.message().find("'table'") != std::string::npos);
  }
  SUBCASE("bad type") {
    const Error error = step_error("steps:\n  - alter_column: {table: t, name: c, type: \"string(x)\"}\n");
    CHECK(error.where()->to_string() == "rev.yaml:2:45");
    CHECK(error.message().find("type") != std::string::npos);
  }
  SUBCASE("an alter_column that changes nothing") {
    const Error error = step_error("steps:\n  - alter_column: {table: t, name: c, existing_type: integer}\n");
    CHECK(error.message().find("changes nothing") != std::string::npos);
  }
  SUBCASE("bad references") {
    const Error error =
        step_error("steps:\n  - create_foreign_key: {table: t, columns: [a], references: users.id}\n");
    CHECK(error.where()->to_string() == "rev.yaml:2:62");
    CHECK(error.hint().find("table(column, ...)") != std::string::npos);
  }
  SUBCASE("two kinds in one step") {
    const Error error = step_error("steps:\n  - {drop_table: a, fail: b}\n");
    CHECK(error.where()->to_string() == "rev.yaml:2:5");
  }
  SUBCASE("an unknown key in a create_table body") {
    const Error error = step_error("steps:\n  - create_table:\n      name: t\n      colums: {id: {type: integer}}\n");
    CHECK(error.where()->to_string() == "rev.yaml:4:7");
    CHECK(error.hint().find("columns") != std::string::npos);
  }
}

// Issue 13: a revision records the database's names. A create_table whose check is called
// `positive` (a database another tool made) read back as ck_<table>_positive, so the upgrade
// created a check of another name than the one the revision shows and migrate then renamed it.
TEST_CASE("ops yaml: create_table takes constraint names as written, whatever the naming convention") {
  schema::Table orders = table("orders");
  orders.columns = {column("id", "integer", false), column("total", "integer")};
  orders.primary_key = schema::PrimaryKey{"orders_pkey", {"id"}};
  orders.checks = {schema::CheckConstraint{"positive", "total > 0"}};
  orders.indexes = {schema::Index{"orders_total_idx", schema::column_terms({"total"}), false, std::nullopt}};
  const Op op = CreateTable{orders};
  const std::string text = emit(to_yaml(op));
  CAPTURE(text);
  CHECK(from_yaml(YAML::Load(text), "steps.yaml", naming) == op);

  const auto hand_written = std::get<CreateTable>(read_step(R"yaml(
create_table:
  name: orders
  columns: {id: {type: integer, primary_key: true}, total: {type: integer}}
  checks: [{name: positive, expr: "total > 0"}]
)yaml"));
  CHECK(hand_written.table.checks.at(0).name == "positive");
}
