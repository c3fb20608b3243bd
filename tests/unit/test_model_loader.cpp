#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "error_capture.hpp"
#include "model/model.hpp"
#include "model/plain_yaml.hpp"

using namespace dbmig;
using namespace dbmig::schema;
using dbmig::test::contains;
using dbmig::test::error_of;
namespace fs = std::filesystem;

namespace {

const fs::path models_data = fs::path(DBMIG_TEST_DATA) / "models";

Schema load(std::string_view yaml, const NamingConvention& naming = {}) {
  return model::load_string(yaml, "m.yaml", naming);
}

const Table& table_named(const Schema& schema, std::string_view name) {
  const Table* table = schema.find_table(name);
  REQUIRE(table != nullptr);
  return *table;
}

const Column& column_named(const Table& table, std::string_view name) {
  const Column* column = table.find_column(name);
  REQUIRE(column != nullptr);
  return *column;
}

std::vector<std::string> column_names(const Table& table) {
  std::vector<std::string> names;
  for (const auto& column : table.columns) names.push_back(column.name);
  return names;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("model loader: the PRODUCT.md example loads with flags folded into named constraints") {
  const Schema schema = model::load_files({models_data / "blog.yaml"}, NamingConvention{});
  REQUIRE(schema.tables.size() == 3);
  CHECK(schema.tables[0].name == "users");
  CHECK(schema.tables[1].name == "posts");
  CHECK(schema.tables[2].name == "tags");

  const Table& users = table_named(schema, "users");
  CHECK(users.comment == "Registered users");
  CHECK(column_names(users) == Strings{"id", "username", "email", "created_at", "role"});
  REQUIRE(users.primary_key);
  CHECK(*users.primary_key == PrimaryKey{"pk_users", {"id"}});
  const Column& id = column_named(users, "id");
  CHECK(id.type.kind == TypeKind::integer);
  CHECK_FALSE(id.nullable);
  CHECK(id.autoincrement);
  const Column& username = column_named(users, "username");
  CHECK(username.type == parse_type("string(80)"));
  CHECK_FALSE(username.nullable);
  CHECK_FALSE(username.autoincrement);
  CHECK(users.uniques == std::vector<UniqueConstraint>{{"uq_users_username", {"username"}}});
  CHECK(users.indexes == std::vector<Index>{{"ix_users_email", dbmig::schema::column_terms({"email"}), false, std::nullopt}});
  CHECK(column_named(users, "created_at").default_sql == "CURRENT_TIMESTAMP");
  const Column& role = column_named(users, "role");
  CHECK(role.type.enum_values == Strings{"user", "admin"});
  CHECK(role.default_sql == "'user'");
  CHECK(users.foreign_keys.empty());
  CHECK(users.checks.empty());

  const Table& posts = table_named(schema, "posts");
  CHECK(column_named(posts, "body").renamed_from == "content");
  CHECK(column_named(posts, "title").nullable == false);
  REQUIRE(posts.foreign_keys.size() == 1);
  CHECK(posts.foreign_keys[0] == ForeignKey{"fk_posts_user_id_users", {"user_id"}, "users", "", {"id"},
                                            ReferentialAction::cascade, ReferentialAction::no_action});
  CHECK(posts.indexes == std::vector<Index>{{"ix_posts_user_id_title", dbmig::schema::column_terms({"user_id", "title"}), true, std::nullopt},
                                            {"ix_posts_title_lower", {dbmig::schema::IndexTerm::of_expression("lower(title)")}, false, std::nullopt}});
  CHECK(posts.uniques == std::vector<UniqueConstraint>{{"uq_posts_user_id_title", {"user_id", "title"}}});
  CHECK(posts.checks == std::vector<CheckConstraint>{{"ck_posts_title_not_empty", "length(title) > 0"}});

  const Table& tags = table_named(schema, "tags");
  CHECK(*tags.primary_key == PrimaryKey{"pk_tags", {"post_id", "name"}});
  CHECK_FALSE(column_named(tags, "post_id").nullable);
  CHECK_FALSE(column_named(tags, "post_id").autoincrement);  // part of a composite key
  CHECK(column_named(tags, "weight").nullable);
  CHECK(column_named(tags, "weight").default_sql == "0");
  REQUIRE(tags.foreign_keys.size() == 1);
  CHECK(tags.foreign_keys[0].name == "fk_tags_post_id_posts");
  CHECK(tags.foreign_keys[0].on_delete == ReferentialAction::restrict);
}

TEST_CASE("model loader: several files merge, and references may cross files") {
  const Schema schema =
      model::load_files({models_data / "split" / "users.yaml", models_data / "split" / "posts.yaml"}, NamingConvention{});
  REQUIRE(schema.tables.size() == 2);
  const Table& posts = table_named(schema, "posts");
  REQUIRE(posts.foreign_keys.size() == 1);
  CHECK(posts.foreign_keys[0].referred_table == "users");
  CHECK(posts.foreign_keys[0].on_delete == ReferentialAction::set_null);
  CHECK(column_named(table_named(schema, "users"), "id").autoincrement);  // a bigint key too
}

TEST_CASE("model loader: the naming convention names what the user did not name") {
  NamingConvention naming;
  naming.pk = "%(table)s_pkey";
  naming.uq = "%(table)s_%(column_0)s_key";
  naming.ix = "idx_%(columns)s";
  naming.fk = "%(table)s_%(columns)s_fkey";
  naming.ck = "%(table)s_%(name)s_check";
  const Schema schema = load(R"yaml(tables:
  users:
    columns:
      id: {type: integer, primary_key: true}
      email: {type: text, unique: true, index: true}
  posts:
    columns:
      id: {type: integer, primary_key: true}
      user_id: {type: integer, references: users.id}
    unique: [{name: posts_custom_unique, columns: [id, user_id]}]
    checks: [{name: positive, expr: id > 0}]
)yaml",
                             naming);
  const Table& users = table_named(schema, "users");
  CHECK(users.primary_key->name == "users_pkey");
  CHECK(users.uniques[0].name == "users_email_key");
  CHECK(users.indexes[0].name == "idx_email");
  const Table& posts = table_named(schema, "posts");
  CHECK(posts.foreign_keys[0].name == "posts_user_id_fkey");
  CHECK(posts.uniques[0].name == "posts_custom_unique");  // a given name is used as it is
  CHECK(posts.checks[0].name == "posts_positive_check");  // a check's name fills %(name)s
}

TEST_CASE("model loader: defaults, nullability and autoincrement follow the documented rules") {
  const Schema schema = load(R"yaml(tables:
  a:
    columns:
      id: {type: integer, primary_key: true, autoincrement: false}
      flag: {type: boolean, default: true}
      count: {type: integer, default: 0, nullable: false}
      note: {type: text, default: null, comment: "Free text: anything"}
      price: {type: "numeric(10, 2)", default: 0.50}
  b:
    comment:
    columns:
      user_id: {type: integer, primary_key: true, references: a.id}
  c:
    columns:
      id: {type: bigint, primary_key: true, default: "nextval('c_seq')"}
  d:
    columns:
      code: {type: string(3), primary_key: true}
  e:
    schema: audit
    columns:
      id: {type: smallint, nullable: false}
      other: {type: integer}
    primary_key: {name: e_key, columns: [id]}
    foreign_keys: [{columns: [other], references: "audit.e(id)", on_update: set_default}]
)yaml");
  const Table& a = table_named(schema, "a");
  CHECK_FALSE(column_named(a, "id").autoincrement);  // switched off explicitly
  CHECK(column_named(a, "flag").default_sql == "true");
  CHECK(column_named(a, "count").default_sql == "0");
  CHECK_FALSE(column_named(a, "count").nullable);
  CHECK_FALSE(column_named(a, "note").default_sql.has_value());
  CHECK(column_named(a, "note").comment == "Free text: anything");
  CHECK(column_named(a, "price").default_sql == "0.50");
  // A key column that refers to another table, or has a default, is not autoincrement.
  CHECK_FALSE(table_named(schema, "b").comment.has_value());
  CHECK_FALSE(column_named(table_named(schema, "b"), "user_id").autoincrement);
  CHECK_FALSE(column_named(table_named(schema, "c"), "id").autoincrement);
  CHECK_FALSE(column_named(table_named(schema, "d"), "code").autoincrement);  // not an integer
  const Table* e = schema.find_table("e", "audit");
  REQUIRE(e != nullptr);
  CHECK(e->primary_key == PrimaryKey{"e_key", {"id"}});
  CHECK(column_named(*e, "id").autoincrement);  // smallint whole key via the table-level list
  CHECK(e->foreign_keys[0].referred_schema == "audit");
  CHECK(e->foreign_keys[0].on_update == ReferentialAction::set_default);
}

TEST_CASE("model loader: autoincrement serial, identity and always are allowed on any integer column") {
  const Schema schema = load(R"yaml(tables:
  orders:
    columns:
      id: {type: bigint, autoincrement: serial}
      customer_id: {type: integer, nullable: false}
      seq: {type: integer, autoincrement: always}
      n: {type: smallint, autoincrement: identity}
    primary_key: [id, customer_id]
  tickets:
    columns:
      id: {type: integer, primary_key: true, autoincrement: serial}
)yaml");
  const Table& orders = table_named(schema, "orders");
  CHECK(column_named(orders, "id").autoincrement);
  CHECK(column_named(orders, "id").autoincrement_kind == schema::AutoincrementKind::serial);
  CHECK(column_named(orders, "seq").autoincrement_kind == schema::AutoincrementKind::always);
  CHECK(column_named(orders, "n").autoincrement_kind == schema::AutoincrementKind::identity);
  CHECK(column_named(orders, "n").autoincrement);
  CHECK_FALSE(column_named(orders, "customer_id").autoincrement);
  CHECK(column_named(table_named(schema, "tickets"), "id").autoincrement_kind == schema::AutoincrementKind::serial);
}

TEST_CASE("schema: schema_names lists the named schemas; fold_schema clears the default one") {
  Schema schema = load(R"yaml(
tables:
  users:
    schema: public
    columns: {id: {type: integer, primary_key: true}}
  events:
    schema: archive
    columns:
      id: {type: integer, primary_key: true}
      user_id: {type: integer, references: public.users.id}
  notes:
    columns: {id: {type: integer, primary_key: true}}
)yaml");
  CHECK(schema.schema_names() == std::vector<std::string>{"archive", "public"});
  schema.fold_schema("public");
  CHECK(schema.find_table("users") != nullptr);
  REQUIRE(schema.find_table("events", "archive") != nullptr);
  // A key from another schema keeps the name: empty would mean its own schema, archive.
  CHECK(schema.find_table("events", "archive")->foreign_keys.at(0).referred_schema == "public");
  CHECK(schema.schema_names() == std::vector<std::string>{"archive"});
  schema.fold_schema("");  // a dialect without schemas: nothing changes
  CHECK(schema.schema_names() == std::vector<std::string>{"archive"});
}

TEST_CASE("model loader: a file the quick reader reads still gets file:line:column on a mistake") {
  const char* yaml = "tables:\n  users:\n    columns:\n      name: {type: string}\n";
  REQUIRE(model::read_plain_yaml(yaml).has_value());  // the quick path is taken first
  const auto error = error_of([&] { load(yaml); });
  REQUIRE(error);
  CHECK(error->where().has_value());
  CHECK(error->where()->to_string() == "m.yaml:4:20");
}

TEST_CASE("model loader: only `tables: {}` declares no table; an empty, null or keyless file is an error") {
  CHECK(load("tables: {}\n").tables.empty());
  struct Case {
    const char* yaml;
    const char* position;
    const char* message;
  };
  for (const Case& each : {Case{"", "m.yaml:1:1", "the models file is empty"},
                           Case{"# nothing yet\n# really\n", "m.yaml:1:1", "the models file is empty"},
                           Case{"tables:\n", "m.yaml:1", "`tables:` is empty (null)"},
                           Case{"tables: ~\n", "m.yaml:1", "`tables:` is empty (null)"},
                           Case{"{}\n", "m.yaml:1:1", "has no `tables:` key"}}) {
    INFO(each.yaml);
    const auto error = error_of([&] { load(each.yaml); });
    REQUIRE(error);
    CHECK(error->code() == ExitCode::usage);
    CHECK(contains(error->message(), each.message));
    REQUIRE(error->where());
    CHECK(contains(error->where()->to_string(), each.position));
    CHECK(contains(error->hint(), "tables: {}"));
  }
}

TEST_CASE("model loader: a second YAML document is an error at its start, not silently ignored") {
  const auto error = error_of([] {
    load("tables: {}\n---\ntables:\n  users:\n    columns: {id: {type: integer}}\n");
  });
  REQUIRE(error);
  CHECK(contains(error->message(), "a second YAML document"));
  REQUIRE(error->where());
  CHECK(error->where()->to_string() == "m.yaml:2:1");  // the `---` line
}

TEST_CASE("model loader: names equal but for case are refused where the database folds case") {
  const model::NameRules folding{true};
  const char* tables = "tables:\n  Mixed:\n    columns: {id: {type: integer}}\n  mixed:\n    columns: {id: {type: integer}}\n";
  CHECK(load(tables).tables.size() == 2);  // PostgreSQL tells them apart
  auto error = error_of([&] { model::load_string(tables, "m.yaml", {}, folding); });
  REQUIRE(error);
  CHECK(contains(error->message(), "table 'mixed' differs only in case from table 'Mixed' declared at m.yaml:2:3"));
  CHECK(error->where()->to_string() == "m.yaml:4:3");

  const char* columns = "tables:\n  t:\n    columns:\n      Foo: {type: integer}\n      foo: {type: text}\n";
  CHECK(load(columns).tables.at(0).columns.size() == 2);
  error = error_of([&] { model::load_string(columns, "m.yaml", {}, folding); });
  REQUIRE(error);
  CHECK(contains(error->message(), "column 'foo' of table 't' differs only in case from column 'Foo' declared at m.yaml:4:7"));
  CHECK(error->where()->to_string() == "m.yaml:5:7");

  const char* indexes =
      "tables:\n  t:\n    columns: {a: {type: integer}, b: {type: integer}}\n"
      "    indexes: [{name: IX_A, columns: [a]}, {name: ix_a, columns: [b]}]\n";
  error = error_of([&] { model::load_string(indexes, "m.yaml", {}, folding); });
  REQUIRE(error);
  CHECK(contains(error->message(), "is already used by the index"));
}

// PostgreSQL scopes constraint names by table: Django and Alembic databases reuse a foreign key's
// or check's name on several tables, and inspect wrote such models, which the loader refused.
TEST_CASE("model loader: foreign key and check names are per table, index-backed names per schema") {
  const char* shared = R"yaml(tables:
  users:
    columns: {id: {type: integer, primary_key: true}}
  posts:
    columns: {id: {type: integer, primary_key: true}, owner: {type: integer}}
    foreign_keys: [{name: owner_fk, columns: [owner], references: "users(id)"}]
    checks: [{name: positive, expr: "id > 0"}]
  comments:
    columns: {id: {type: integer, primary_key: true}, owner: {type: integer}}
    foreign_keys: [{name: owner_fk, columns: [owner], references: "users(id)"}]
    checks: [{name: positive, expr: "id > 0"}]
)yaml";
  const auto schema = load(shared);
  CHECK(schema.tables.at(1).foreign_keys.at(0).name == "owner_fk");
  CHECK(schema.tables.at(2).foreign_keys.at(0).name == "owner_fk");

  const auto in_one_table = error_of([] {
    load("tables:\n  t:\n    columns: {id: {type: integer, primary_key: true}}\n"
         "    checks: [{name: c, expr: \"id > 0\"}, {name: c, expr: \"id < 9\"}]\n");
  });
  REQUIRE(in_one_table);
  CHECK(contains(in_one_table->message(), "the name 'ck_t_c' is used twice in table 't'"));

  const auto index_and_key = error_of([] {
    load("tables:\n  a:\n    columns: {id: {type: integer}}\n    indexes: [{name: k, columns: [id]}]\n"
         "  b:\n    columns: {id: {type: integer}}\n    unique: [{name: k, columns: [id]}]\n");
  });
  REQUIRE(index_and_key);
  CHECK(contains(index_and_key->message(), "already used by the index"));
  CHECK(contains(index_and_key->hint(), "unique in a schema"));
}

TEST_CASE("model loader: bad models are usage errors at file:line:column with a hint") {
  struct Case {
    const char* yaml;
    const char* position;  // line:column in m.yaml
    const char* message;   // part of the message
    const char* hint;      // part of the hint
  };
  const Case cases[] = {
      {"table:\n  users: {}\n", "1:1", "unknown key 'table' in the models file", "did you mean 'tables'? valid keys: enums, tables"},
      {"- users\n", "1:1", "expected a mapping for the models file, got a list", "valid keys: enums, tables"},
      {"tables: [users]\n", "1:9", "expected a mapping for 'tables' of the models file, got a list", "tables: {users:"},
      {"tables:\n  users: yes\n", "2:10", "expected a mapping for table 'users', got 'yes'", "valid keys: columns"},
      {"tables:\n  users:\n    comment: x\n", "3:5", "missing 'columns' in table 'users'", "write columns:"},
      {"tables:\n  users:\n    columns: {}\n", "3:14", "table 'users' has no columns", "write columns:"},
      {"tables:\n  users:\n    columns:\n", "3:5", "table 'users' has no columns", ""},
      {"tables:\n  users:\n    colums: {}\n", "3:5", "unknown key 'colums' in table 'users'", "did you mean 'columns'?"},
      {"tables:\n  auth.users:\n    columns: {id: {type: integer}}\n", "2:3", "table name 'auth.users' contains a '.'",
       "schema: <name>"},
      {"tables:\n  users:\n    columns:\n      id: integer\n", "4:11", "expected a mapping for column 'users.id', got 'integer'",
       "valid keys: type, nullable"},
      {"tables:\n  users:\n    columns:\n      id: {nullable: false}\n", "4:11", "missing 'type' in column 'users.id'",
       "{type: integer}"},
      {"tables:\n  users:\n    columns:\n      name: {type: string}\n", "4:20",
       "bad type 'string': type string needs a length", "string(n)"},
      {"tables:\n  users:\n    columns:\n      name: {type: \"string(\"}\n", "4:20", "unbalanced parentheses",
       "generic types are integer, bigint"},
      {"tables:\n  users:\n    columns:\n      name: {type: text, nulable: false}\n", "4:26",
       "unknown key 'nulable' in column 'users.name'", "did you mean 'nullable'?"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer, nullable: maybe}\n", "4:37",
       "expected true or false for 'nullable' of column 'users.id', got 'maybe'", "true or false"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer, default: [1]}\n", "4:36",
       "expected a single value for 'default' of column 'users.id', got a list", ""},
      {"tables:\n  users:\n    columns:\n      id: {type: text, default: \"\"}\n", "4:33", "empty default", "\"''\""},
      {"tables:\n  users:\n    columns:\n      id: {type: integer, on_delete: cascade}\n", "4:38",
       "on_delete without references", "add references: table.column"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer, references: users.id, on_delete: explode}\n", "4:60",
       "unknown action 'explode' for 'on_delete' of column 'users.id'", "cascade, set null"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer, references: users}\n", "4:39", "bad reference 'users'",
       "table.column"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer, references: \"users(id)\"}\n", "4:39",
       "names one column as table.column", "foreign_keys"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer, references: '\"users.id'}\n", "4:39",
       "bad reference '\"users.id': a double quote is not closed or not alone", "goes in double quotes"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer, references: 'users.\"i\"d'}\n", "4:39",
       "a double quote is not closed or not alone", "\"v1.2\".id"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer, collate: '\"C\"'}\n", "4:36",
       "bad collation '\"C\"'", "without quotes"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer, generated: {stored: true}}\n", "4:38",
       "missing 'expr' in generated", "generated: {expr:"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer, generated: {expr: a, virtual: true}}\n", "4:48",
       "unknown key 'virtual'", "expr, stored"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer, default: 1, generated: {expr: a}}\n", "4:50",
       "a generated column cannot have a default", "remove default"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer}\n    sqlite: {strict: yes_please}\n", "5:22",
       "expected true or false", "true or false"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer}\n    sqlite: {without_rowid: true}\n", "5:29",
       "a WITHOUT ROWID table needs a primary key", "primary key"},
      {"tables:\n  users:\n    columns:\n      id: {type: text, primary_key: true}\n    sqlite: {autoincrement: true}\n",
       "5:29", "sqlite autoincrement needs a rowid table whose primary key is one integer column", "INTEGER PRIMARY KEY"},
      {"tables:\n  users:\n    columns:\n      id: {type: untyped(1)}\n", "4:18", "type untyped takes no arguments", ""},
      {"tables:\n  users:\n    columns:\n      id: {type: integer, primary_key: true}\n    primary_key: [id]\n", "5:18",
       "the primary key is given twice", "keep one"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer}\n    primary_key: [idd]\n", "5:18",
       "primary key 'pk_users' names unknown column 'idd' of table 'users'", "did you mean 'id'? columns: id"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer}\n    primary_key: id\n", "5:18",
       "expected a list of columns for 'primary_key' of table 'users'", "primary_key: [a, b]"},
      {"tables:\n  users:\n    columns:\n      id: {type: text, autoincrement: true}\n", "4:39",
       "autoincrement needs an integer column, not text", "integer, bigint or smallint"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer, autoincrement: true}\n", "4:42",
       "autoincrement needs the column to be the table's whole primary key", "primary_key: true"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer, autoincrement: serials}\n", "4:42",
       "expected true, false, identity, always or serial for autoincrement, got 'serials'", "GENERATED ALWAYS"},
      {"tables:\n  users:\n    columns:\n      id: {type: text, autoincrement: serial}\n", "4:39",
       "autoincrement needs an integer column, not text", "integer, bigint or smallint"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer}\n      id: {type: text}\n", "5:7",
       "duplicate key 'id' in 'columns' of table 'users'", "already given at line 4"},
      {"tables:\n  users:\n    columns: {id: {type: integer}}\n  users:\n    columns: {id: {type: integer}}\n", "4:3",
       "duplicate key 'users' in 'tables' of the models file", "already given at line 2"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer}\n      name: {type: text}\n    indexes: [{columns: [nme]}]\n",
       "6:15", "index 'ix_users_nme' names unknown column 'nme' of table 'users'", "did you mean 'name'?"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer}\n    indexes: [{unique: true}]\n", "5:15",
       "an index needs columns or expressions", "expressions"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer}\n    indexes:\n      - expressions: [\"lower(x)\"]\n",
       "6:9", "an expression index needs a name", "add name:"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer}\n    indexes: [{colums: [id]}]\n", "5:16",
       "unknown key 'colums' in index item 1 of 'indexes' of table 'users'", "did you mean 'columns'?"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer}\n    unique: [id]\n", "5:14",
       "expected a list of columns for item 1 of 'unique' of table 'users'", "unique: [[a, b]]"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer}\n    unique: [[id, id]]\n", "5:14",
       "column 'id' is listed twice", "once"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer}\n    checks: [{expr: id > 0}]\n", "5:14",
       "this check needs a name", "add name:"},
      {"tables:\n  users:\n    columns:\n      id: {type: integer}\n    checks: [{name: positive}]\n", "5:14",
       "missing 'expr' in check item 1 of 'checks' of table 'users'", "expr: \"amount > 0\""},
      // Issue 17: a misspelt generic type passed as a native one (SQLite made a column `interger`).
      {"tables:\n  users:\n    columns:\n      id: {type: interger}\n", "4:18",
       "unknown type 'interger' of column users.id", "did you mean 'integer'? If it is a type of your database spelled so, write native(interger)"},
      {"tables:\n  users:\n    columns:\n      name: {type: strng(80)}\n", "4:20", "unknown type 'strng(80)'",
       "did you mean 'string'?"},
      {"tables:\n  users:\n    columns:\n      flag: {type: Boolen}\n", "4:20", "unknown type 'boolen'", "did you mean 'boolean'?"},
      {"tables:\n  users:\n    columns:\n      at: {type: timestampz}\n", "4:18", "unknown type 'timestampz'",
       "did you mean 'timestamptz'?"},
      {"tables:\n  users:\n    columns:\n      id: {type: uid}\n", "4:18", "unknown type 'uid'", "did you mean 'uuid'?"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.yaml);
    const auto error = error_of([&] { load(c.yaml); });
    REQUIRE(error);
    CHECK(error->code() == ExitCode::usage);
    REQUIRE(error->where());
    CHECK(error->where()->to_string() == std::string("m.yaml:") + c.position);
    CHECK(contains(error->message(), c.message));
    CHECK(contains(error->hint(), c.hint));
  }
}

TEST_CASE("model loader: native types load, misspelling-like ones through native(...) or as a declared enum") {
  const Schema schema = load(
      "enums:\n  intger: [a, b]\n"
      "tables:\n  t:\n    columns:\n"
      "      a: {type: native(interger)}\n"
      "      b: {type: intger}\n"
      "      c: {type: citext}\n"
      "      d: {type: int4}\n"
      "      e: {type: float8}\n"
      "      f: {type: jsonb}\n"
      "      g: {type: inet}\n"
      "      h: {type: tsvector}\n"
      "      i: {type: int unsigned}\n"
      "      j: {type: mediumtext}\n"
      "      k: {type: \"timestamp(3)\"}\n"
      "      l: {type: \"text[]\"}\n"
      "      m: {type: double precision}\n"
      "      n: {type: \"NATIVE ( uid )\"}\n"
      "      o: {type: untyped}\n");
  const Table& t = table_named(schema, "t");
  CHECK(column_named(t, "a").type.native == "interger");
  CHECK(column_named(t, "b").type.enum_name == "intger");
  const std::pair<const char*, const char*> natives[] = {{"c", "citext"}, {"d", "int4"}, {"e", "float8"},
      {"f", "jsonb"}, {"g", "inet"}, {"h", "tsvector"}, {"i", "int unsigned"}, {"j", "mediumtext"},
      {"k", "timestamp(3)"}, {"l", "text[]"}, {"m", "double precision"}, {"n", "uid"}, {"o", ""}};
  for (const auto& [column, native] : natives) {
    CAPTURE(column);
    CHECK(column_named(t, column).type.kind == TypeKind::native);
    CHECK(column_named(t, column).type.native == native);
  }
}

TEST_CASE("model loader: references and names are checked across the whole schema") {
  // Every case adds a posts table to this users table (lines 1-5).
  const std::string users = "tables:\n  users:\n    columns:\n      id: {type: integer, primary_key: true}\n"
                            "      name: {type: text}\n";
  const std::string posts = "  posts:\n    columns:\n      id: {type: integer, primary_key: true}\n";
  struct Case {
    const char* posts_rest;  // from line 9
    const char* position;
    const char* message;
    const char* hint;
  };
  const Case cases[] = {
      {"      user_id: {type: integer, references: user.id}\n", "9:44",
       "foreign key 'fk_posts_user_id_user' references unknown table 'user'", "did you mean 'users'? tables: posts, users"},
      {"      user_id: {type: integer, references: users.uid}\n", "9:44",
       "foreign key 'fk_posts_user_id_users' references unknown column 'uid' of table 'users'",
       "did you mean 'id'? its columns: id, name"},
      {"      user_name: {type: text, references: users.name}\n", "9:43",
       "references users(name), which is neither its primary key nor unique", "make those columns unique"},
      {"      a: {type: integer}\n      b: {type: integer}\n"
       "    foreign_keys: [{columns: [a, b], references: \"users(id)\"}]\n",
       "11:50", "the foreign key has 2 column(s) but references 1", "as many referred columns as columns"},
      {"      a: {type: integer}\n    foreign_keys: [{columns: [a], references: users.id}]\n", "10:47",
       "bad reference 'users.id'", "table(column, ...)"},
      {"      a: {type: integer}\n    foreign_keys: [{columns: [b], references: \"users(id)\"}]\n", "10:20",
       "foreign key 'fk_posts_b_users' names unknown column 'b' of table 'posts'", "did you mean 'a'?"},
      {"      a: {type: integer}\n    foreign_keys: [{columns: [a], references: \"users(id)\", on_delete: nothing}]\n",
       "10:71", "unknown action 'nothing' for 'on_delete' of foreign key item 1", "set null"},
      {"    indexes: [{name: pk_users, columns: [id]}]\n", "9:15",
       "the name 'pk_users' of this index is already used by the primary key at m.yaml:4:11", "unique in a schema"},
      {"    unique: [{name: x, columns: [id]}]\n    indexes: [{name: x, columns: [id]}]\n", "10:15",
       "the name 'x' is used twice in table 'posts'", "the unique constraint at m.yaml:9:14 has it already"},
      {"      u: {type: integer, references: users.id}\n    schema: other\n", "9:38",
       "foreign key 'fk_posts_u_users' references unknown table 'other.users'",
       "write e.g. `references: public.users.<column>` and give 'users' `schema: public`"},
      {"      u: {type: integer, references: public.users.id}\n    schema: other\n", "9:38",
       "foreign key 'fk_posts_u_users' references unknown table 'public.users'",
       "'users' is declared without a schema: if it is in the default schema, give it `schema: public` too"},
      {"      u: {type: integer, references: elsewhere.things.id}\n    schema: other\n", "9:38",
       "foreign key 'fk_posts_u_things' references unknown table 'elsewhere.things'", "tables: none"},
      {"      a_column_name_that_is_far_too_long_for_postgresql_identifiers_xx: {type: integer}\n", "9:7",
       "column name 'a_column_name_that_is_far_too_long_for_postgresql_identifiers_xx' is 64 bytes long",
       "PostgreSQL cuts names to 63 bytes"},
      // Bytes, not characters, as PostgreSQL counts: 32 two-byte characters are too many.
      {"      \"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
       "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
       "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\": {type: integer}\n",
       "9:7", "is 64 bytes long", "a character outside ASCII takes 2 to 4"},
      // SQL text ends at a NUL byte in both databases: refused, not cut short in the statement.
      {"      \"a\\0\\\"); DROP TABLE users; --\": {type: integer}\n", "9:7", "column name contains a NUL character",
       "remove it"},
      {"      u: {type: integer, references: \"users.id\", index: true}\n    indexes: [{columns: [u]}]\n", "10:15",
       "the name 'ix_posts_u' is used twice in table 'posts'", "the index at m.yaml:9:10"},
  };
  for (const auto& c : cases) {
    const std::string yaml = users + posts + c.posts_rest;
    CAPTURE(yaml);
    const auto error = error_of([&] { load(yaml); });
    REQUIRE(error);
    CHECK(error->code() == ExitCode::usage);
    REQUIRE(error->where());
    CHECK(error->where()->to_string() == std::string("m.yaml:") + c.position);
    CHECK(contains(error->message(), c.message));
    CHECK(contains(error->hint(), c.hint));
  }
}

TEST_CASE("model loader: a convention that needs %(name)s cannot name a column flag's constraint") {
  NamingConvention naming;
  naming.uq = "uq_%(name)s";
  const auto error = error_of([&] {
    load("tables:\n  users:\n    columns:\n      email: {type: text, unique: true}\n", naming);
  });
  REQUIRE(error);
  CHECK(error->where()->to_string() == "m.yaml:4:14");
  CHECK(contains(error->message(), "the naming convention 'uq_%(name)s' needs a name for this unique constraint"));
  CHECK(contains(error->hint(), "the table's unique list"));
  // Named at table level, the name fills the convention.
  const Schema schema =
      load("tables:\n  users:\n    columns:\n      email: {type: text}\n    unique: [{name: email, columns: [email]}]\n", naming);
  CHECK(schema.tables[0].uniques[0].name == "uq_email");
}

TEST_CASE("model loader: file errors name the file") {
  SUBCASE("an unknown key in a file") {
    const fs::path file = models_data / "unknown_key.yaml";
    const auto error = error_of([&] { model::load_files({file}, NamingConvention{}); });
    REQUIRE(error);
    CHECK(error->where()->to_string() == file.string() + ":5:34");
    CHECK(error->message() == "unknown key 'nulable' in column 'users.email'");
    CHECK(error->hint() ==
          "did you mean 'nullable'? valid keys: type, nullable, primary_key, unique, index, default, references, "
          "on_delete, on_update, comment, renamed_from, autoincrement, collate, generated");
    CHECK(error->describe() == file.string() + ":5:34: unknown key 'nulable' in column 'users.email'\n  hint: " +
                                   error->hint());
  }
  SUBCASE("a YAML syntax error") {
    const fs::path file = models_data / "syntax_error.yaml";
    const auto error = error_of([&] { model::load_files({file}, NamingConvention{}); });
    REQUIRE(error);
    CHECK(error->code() == ExitCode::usage);
    CHECK(error->where()->to_string() == file.string() + ":5:12");
    CHECK(contains(error->message(), "YAML syntax error: end of map flow not found"));
    CHECK(contains(error->hint(), "indentation and quoting"));
  }
  SUBCASE("a table declared in two files") {
    const fs::path first = models_data / "duplicate_table" / "a.yaml";
    const fs::path second = models_data / "duplicate_table" / "b.yaml";
    const auto error = error_of([&] { model::load_files({first, second}, NamingConvention{}); });
    REQUIRE(error);
    CHECK(error->where()->to_string() == second.string() + ":6:3");
    CHECK(error->message() == "table 'users' is declared twice");
    CHECK(error->hint() == "it is first declared at " + first.string() + ":2:3; keep one declaration");
  }
  SUBCASE("a missing file") {
    const fs::path file = models_data / "no_such_file.yaml";
    const auto error = error_of([&] { model::load_files({file}, NamingConvention{}); });
    REQUIRE(error);
    CHECK(error->code() == ExitCode::usage);
    CHECK(error->message() == "cannot read models file '" + file.string() + "'");
  }
}

TEST_CASE("model loader: read_table and read_column read one revision-file body") {
  const YAML::Node step = YAML::Load(R"yaml(
name: posts
columns:
  id: {type: integer, primary_key: true}
  title: {type: string(200), nullable: false, index: true}
checks: [{name: title_not_empty, expr: "title <> ''"}]
)yaml");
  const Table table = model::read_table(step, "posts", "rev.yaml", NamingConvention{}, {"name"});
  CHECK(table.name == "posts");
  CHECK(table.primary_key == PrimaryKey{"pk_posts", {"id"}});
  CHECK(table.indexes.at(0).name == "ix_posts_title");
  CHECK(table.checks.at(0).name == "ck_posts_title_not_empty");
  // Without the caller's key, `name` is unknown.
  const auto unknown = error_of([&] { model::read_table(step, "posts", "rev.yaml", NamingConvention{}); });
  REQUIRE(unknown);
  CHECK(unknown->where()->to_string() == "rev.yaml:2:1");
  CHECK(unknown->message() == "unknown key 'name' in table 'posts'");

  const YAML::Node add_column = YAML::Load("{table: users, name: age, type: integer, nullable: false, default: 0}");
  const Column column = model::read_column(add_column, "age", "rev.yaml", {"table", "name"});
  CHECK(column.name == "age");
  CHECK(column.type.kind == TypeKind::integer);
  CHECK_FALSE(column.nullable);
  CHECK(column.default_sql == "0");
  CHECK_FALSE(column.autoincrement);

  const YAML::Node flagged = YAML::Load("{type: integer, unique: true}");
  const auto flag_error = error_of([&] { model::read_column(flagged, "age", "rev.yaml"); });
  REQUIRE(flag_error);
  CHECK(flag_error->where()->to_string() == "rev.yaml:1:17");
  CHECK(flag_error->message() == "'unique' is only allowed on a column inside a table's columns");
  CHECK(contains(flag_error->hint(), "add_unique"));
}

TEST_CASE("model loader: exact_name is kept as written; name and exact_name together are an error") {
  const Schema schema = model::load_string(R"yaml(
tables:
  orders:
    columns: {id: {type: integer, primary_key: true}, total: {type: integer}}
    checks:
      - {exact_name: positive, expr: total > 0}
      - {name: small, expr: total < 100}
)yaml", "models.yaml", NamingConvention{});
  const Table& orders = schema.tables.at(0);
  CHECK(orders.checks.at(0).name == "positive");
  CHECK(orders.checks.at(1).name == "ck_orders_small");

  const auto both = error_of([] {
    model::load_string(R"yaml(
tables:
  orders:
    columns: {id: {type: integer, primary_key: true}}
    checks: [{name: a, exact_name: b, expr: id > 0}]
)yaml", "models.yaml", NamingConvention{});
  });
  REQUIRE(both);
  CHECK(both->where()->to_string() == "models.yaml:5:36");
  CHECK(both->message() == "both name and exact_name are given");
}
