#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "error_capture.hpp"
#include "model/model.hpp"

using namespace dbmig;
using namespace dbmig::schema;
namespace fs = std::filesystem;

namespace {

using dbmig::test::error_of;

const fs::path models_data = fs::path(DBMIG_TEST_DATA) / "models";

std::string emit(const YAML::Node& node) {
  YAML::Emitter out;
  out << node;
  return out.c_str();
}

// Writes the table as text and reads it back, as a revision file would be.
Table through_text(const Table& table, const NamingConvention& naming = {}) {
  return model::read_table(YAML::Load(emit(model::table_to_yaml(table))), table.name, "rev.yaml", naming);
}

Column column(std::string name, std::string type, bool nullable = true) {
  Column out;
  out.name = std::move(name);
  out.type = parse_type(type);
  out.nullable = nullable;
  return out;
}

// The loader lists column-flag constraints before table-level ones; a schema written with flags
// reads back with its constraints in another order. Sorting by name compares the content.
Schema sorted_constraints(Schema schema) {
  const auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
  for (auto& table : schema.tables) {
    std::sort(table.indexes.begin(), table.indexes.end(), by_name);
    std::sort(table.uniques.begin(), table.uniques.end(), by_name);
    std::sort(table.foreign_keys.begin(), table.foreign_keys.end(), by_name);
    std::sort(table.checks.begin(), table.checks.end(), by_name);
  }
  return schema;
}

// Tables that exercise every part of the format, loaded the way a user writes them.
const char* const varied_models = R"yaml(tables:
  accounts:
    schema: billing
    comment: "Accounts: one per customer\nsecond line"
    renamed_from: customers
    columns:
      id: {type: bigint, primary_key: true, autoincrement: false}
      code: {type: string(12), nullable: false, comment: ""}
      kind: {type: "enum('a b', \"it's\", plain)", default: "'plain'"}
      balance: {type: "numeric(12, 2)", nullable: false, default: "0"}
      tags: {type: "text[]", default: "'{}'"}
      weird_default: {type: text, default: "null"}
      tilde_default: {type: text, default: "~"}
      colon_default: {type: text, default: "'a: b'"}
      hash_default: {type: text, default: "'#x'"}
      created: {type: "timestamp(3) with time zone", default: now()}
    unique:
      - [code, kind]
      - {name: accounts_code_key, columns: [code]}
    indexes:
      - {name: ix_partial, columns: [balance], where: "balance > 0", unique: true}
      - {name: ix_mixed, columns: [kind], expressions: ["lower(code)", "upper(code)"]}
    checks:
      - {name: positive, expr: "balance >= 0"}
      - {name: ck_accounts_code_len, expr: "length(code) = 12"}
  entries:
    schema: billing
    columns:
      id: {type: integer, primary_key: true}
      account_id: {type: bigint, nullable: false}
      account_code: {type: string(12)}
      account_kind: {type: "enum('a b', \"it's\", plain)"}
      flag: {type: boolean, default: false}
    foreign_keys:
      - {columns: [account_id], references: "billing.accounts(id)", on_delete: cascade, on_update: set null}
      - {name: entries_account_fk, columns: [account_code, account_kind], references: "accounts(code, kind)",
         on_delete: set default, on_update: restrict}
  links:
    columns:
      entry_id: {type: integer, primary_key: true, autoincrement: true}
      note: {type: text, renamed_from: comment}
    foreign_keys: [{columns: [entry_id], references: "billing.entries(id)"}]
)yaml";

}  // namespace

TEST_CASE("model writer: a column is written in flow style without its defaults") {
  CHECK(emit(model::column_to_yaml(column("name", "string(80)"))) == "{type: string(80)}");
  Column full = column("role", "enum(user, admin)", false);
  full.default_sql = "'user'";
  full.comment = "Who: the role";
  full.renamed_from = "kind";
  CHECK(emit(model::column_to_yaml(full)) ==
        "{type: \"enum(user, admin)\", nullable: false, default: \"'user'\", comment: \"Who: the role\", "
        "renamed_from: kind}");
  Column counter = column("id", "bigint", false);
  counter.autoincrement = true;
  CHECK(emit(model::column_to_yaml(counter)) == "{type: bigint, nullable: false, autoincrement: true}");
  counter.autoincrement_kind = schema::AutoincrementKind::serial;
  CHECK(emit(model::column_to_yaml(counter)) == "{type: bigint, nullable: false, autoincrement: serial}");
  counter.autoincrement_kind = schema::AutoincrementKind::always;
  CHECK(emit(model::column_to_yaml(counter)) == "{type: bigint, nullable: false, autoincrement: always}");
}

TEST_CASE("model writer: read_column reads column_to_yaml back unchanged") {
  Column with_everything = column("c", "numeric(10, 2)", false);
  with_everything.default_sql = "null";
  with_everything.comment = "line 1\nline 2";
  with_everything.renamed_from = "old_c";
  Column counter = column("id", "integer", false);
  counter.autoincrement = true;
  Column serial = counter;
  serial.autoincrement_kind = schema::AutoincrementKind::serial;
  for (const Column& original : {column("a", "text"), column("b", "jsonb", false), with_everything, counter, serial}) {
    CAPTURE(original.name);
    const YAML::Node text_form = YAML::Load(emit(model::column_to_yaml(original)));
    CHECK(model::read_column(text_form, original.name, "rev.yaml") == original);
  }
}

TEST_CASE("model writer: a table's explicit form names every constraint at table level") {
  const Schema schema = model::load_files({models_data / "blog.yaml"}, NamingConvention{});
  CHECK(emit(model::table_to_yaml(*schema.find_table("posts"))) == R"yaml(columns:
  id: {type: integer}
  title: {type: string(120), nullable: false}
  body: {type: text, nullable: false, renamed_from: content}
  user_id: {type: integer, nullable: false}
primary_key: {name: pk_posts, columns: [id]}
indexes:
  - {name: ix_posts_user_id_title, columns: [user_id, title], unique: true}
  - {name: ix_posts_title_lower, expressions: [lower(title)]}
unique:
  - {name: uq_posts_user_id_title, columns: [user_id, title]}
foreign_keys:
  - {name: fk_posts_user_id_users, columns: [user_id], references: users(id), on_delete: cascade}
checks:
  - {name: ck_posts_title_not_empty, expr: length(title) > 0})yaml");
}

TEST_CASE("model writer: read_table reads table_to_yaml back to an equal table") {
  std::vector<Table> tables = model::load_files({models_data / "blog.yaml"}, NamingConvention{}).tables;
  for (const auto& table : model::load_string(varied_models, "varied.yaml", NamingConvention{}).tables)
    tables.push_back(table);
  REQUIRE(tables.size() == 6);
  for (const Table& table : tables) {
    CAPTURE(table.name);
    CHECK(model::read_table(model::table_to_yaml(table), table.name, "rev.yaml", NamingConvention{}) == table);
    CHECK(through_text(table) == table);
  }
}

TEST_CASE("model writer: introspected tables with names of their own round-trip too") {
  Table table;
  table.name = "orders";
  table.columns = {column("id", "integer", false), column("customer", "integer", false), column("total", "float")};
  table.columns[0].autoincrement = true;
  table.primary_key = PrimaryKey{"orders_pkey", {"id"}};
  table.indexes = {Index{"orders_total_idx", schema::column_terms({"total"}), false, std::nullopt}};
  table.uniques = {UniqueConstraint{"orders_customer_total_key", {"customer", "total"}}};
  table.foreign_keys = {ForeignKey{"orders_customer_fkey", {"customer"}, "customers", "", {"id"},
                                   ReferentialAction::no_action, ReferentialAction::cascade}};
  table.checks = {CheckConstraint{"ck_orders_total_positive", "total > 0"}};
  CHECK(through_text(table) == table);

  // A custom convention reads the same explicit form the same way: every name is written.
  NamingConvention postgres_style;
  postgres_style.pk = "%(table)s_pkey";
  postgres_style.ck = "%(table)s_%(name)s_check";
  Table other_checks = table;
  other_checks.checks = {CheckConstraint{"orders_total_check", "total > 0"}};
  CHECK(through_text(other_checks, postgres_style) == other_checks);
}

// Django declares every foreign key DEFERRABLE INITIALLY DEFERRED; inspect must keep it.
TEST_CASE("model writer: deferrable foreign keys are written at table level and read back") {
  const char* models = R"yaml(tables:
  users:
    columns:
      id: {type: integer, primary_key: true}
  posts:
    columns:
      id: {type: integer, primary_key: true}
      author_id: {type: integer}
      editor_id: {type: integer}
    foreign_keys:
      - {columns: [author_id], references: users(id), deferrable: true, initially: deferred}
      - {columns: [editor_id], references: users(id), deferrable: true, initially: immediate}
)yaml";
  const Schema schema = model::load_string(models, "m.yaml", NamingConvention{});
  const auto& keys = schema.tables.at(1).foreign_keys;
  REQUIRE(keys.size() == 2);
  CHECK(keys[0].deferrable);
  CHECK(keys[0].initially_deferred);
  CHECK(keys[1].deferrable);
  CHECK_FALSE(keys[1].initially_deferred);
  const std::string written = model::schema_to_yaml(schema);
  CHECK(written.find("deferrable: true, initially: deferred") != std::string::npos);
  CHECK(written.find("references: users.id") == std::string::npos);  // not folded into a column flag
  CHECK(sorted_constraints(model::load_string(written, "again.yaml", NamingConvention{})) == sorted_constraints(schema));

  const auto needs_deferrable = error_of([] {
    model::load_string("tables:\n  users:\n    columns: {id: {type: integer, primary_key: true}}\n  p:\n"
                       "    columns: {u: {type: integer}}\n"
                       "    foreign_keys: [{columns: [u], references: users(id), initially: deferred}]\n",
                       "m.yaml", NamingConvention{});
  });
  REQUIRE(needs_deferrable);
  CHECK(needs_deferrable->message().find("needs deferrable: true") != std::string::npos);
  REQUIRE(needs_deferrable->where());
  CHECK(needs_deferrable->where()->to_string() == "m.yaml:6:69");  // at `deferred`
}

TEST_CASE("model writer: schema_to_yaml writes what a person would") {
  const Schema schema = model::load_files({models_data / "blog.yaml"}, NamingConvention{});
  CHECK(model::schema_to_yaml(schema) == R"yaml(tables:
  users:
    comment: Registered users
    columns:
      id: {type: integer, primary_key: true}
      username: {type: string(80), nullable: false, unique: true}
      email: {type: string(120), nullable: false, index: true}
      created_at: {type: datetime, nullable: false, default: CURRENT_TIMESTAMP}
      role: {type: "enum(user, admin)", nullable: false, default: "'user'"}
  posts:
    columns:
      id: {type: integer, primary_key: true}
      title: {type: string(120), nullable: false}
      body: {type: text, nullable: false, renamed_from: content}
      user_id: {type: integer, nullable: false, references: users.id, on_delete: cascade}
    indexes:
      - {name: ix_posts_title_lower, expressions: [lower(title)]}
      - {columns: [user_id, title], unique: true}
    unique:
      - [user_id, title]
    checks:
      - {name: title_not_empty, expr: length(title) > 0}
  tags:
    columns:
      post_id: {type: integer, references: posts.id, on_delete: restrict}
      name: {type: string(40)}
      weight: {type: "numeric(5, 2)", default: 0}
    primary_key: [post_id, name]
)yaml");
}

TEST_CASE("model writer: schema_to_yaml reads back to the same schema") {
  for (const Schema& schema : {model::load_files({models_data / "blog.yaml"}, NamingConvention{}),
                               model::load_string(varied_models, "varied.yaml", NamingConvention{})}) {
    const std::string document = model::schema_to_yaml(schema);
    CAPTURE(document);
    const Schema back = model::load_string(document, "inspected.yaml", NamingConvention{});
    CHECK(sorted_constraints(back) == sorted_constraints(schema));
    CHECK(model::schema_to_yaml(back) == document);  // stable: inspect twice, same text
  }
}

// Issue 12 (hostile identifiers): a referred column named with a dot, a comma or parentheses was
// written as `parent.id.x` or `parent(a,b)`, which reads back as other names or not at all; the
// same text goes into revision files.
TEST_CASE("model writer: references to names holding . ( ) , or quotes read back the same") {
  const char* const models = R"yaml(tables:
  parent:
    columns:
      "id.x, (y)": {type: integer, primary_key: true}
      "say \"hi\"": {type: integer, nullable: false, unique: true}
      " padded ": {type: integer, nullable: false}
    unique: [[" padded ", "say \"hi\""]]
  child:
    columns:
      id: {type: integer, primary_key: true}
      a: {type: integer, references: '"parent"."id.x, (y)"'}
      b: {type: integer, references: 'parent."say ""hi"""'}
      c: {type: integer}
    foreign_keys:
      - {columns: [c, b], references: 'parent(" padded ", "say ""hi""")'}
)yaml";
  const Schema schema = model::load_string(models, "m.yaml", NamingConvention{});
  const Table& child = *schema.find_table("child");
  REQUIRE(child.foreign_keys.size() == 3);
  CHECK(child.foreign_keys[0].referred_columns == std::vector<std::string>{"id.x, (y)"});
  CHECK(child.foreign_keys[1].referred_columns == std::vector<std::string>{"say \"hi\""});
  CHECK(child.foreign_keys[2].referred_columns == std::vector<std::string>{" padded ", "say \"hi\""});
  const std::string document = model::schema_to_yaml(schema);
  CAPTURE(document);
  CHECK(document.find("references: \"parent.\\\"id.x, (y)\\\"\"") != std::string::npos);
  const Schema back = model::load_string(document, "inspected.yaml", NamingConvention{});
  CHECK(sorted_constraints(back) == sorted_constraints(schema));
  CHECK(through_text(child) == child);  // the table form, as revision files write it
}

TEST_CASE("model writer: schema_to_yaml folds only what the convention would name the same way") {
  NamingConvention naming;
  naming.pk = "%(table)s_pkey";
  naming.uq = "%(table)s_%(column_0)s_key";
  naming.ix = "%(table)s_%(column_0)s_idx";
  naming.fk = "%(table)s_%(column_0)s_fkey";
  naming.ck = "%(table)s_%(name)s_check";
  Table users;
  users.name = "users";
  users.columns = {column("id", "integer", false), column("email", "text"), column("team", "integer"),
                   column("manager", "integer")};
  users.columns[0].autoincrement = true;
  users.primary_key = PrimaryKey{"users_pkey", {"id"}};
  users.uniques = {UniqueConstraint{"users_email_key", {"email"}}, UniqueConstraint{"email_unique", {"email"}}};
  users.indexes = {Index{"users_team_idx", schema::column_terms({"team"}), false, std::nullopt}};
  users.foreign_keys = {ForeignKey{"users_team_fkey", {"team"}, "teams", "", {"id"}, ReferentialAction::set_null,
                                   ReferentialAction::no_action},
                        ForeignKey{"users_manager_fkey", {"manager"}, "users", "", {"id"},
                                   ReferentialAction::no_action, ReferentialAction::no_action},
                        ForeignKey{"users_manager_fkey_2", {"manager"}, "users", "", {"id"},
                                   ReferentialAction::no_action, ReferentialAction::no_action}};
  users.checks = {CheckConstraint{"users_id_positive_check", "id > 0"}};
  Table teams;
  teams.name = "teams";
  teams.columns = {column("id", "integer", false)};
  teams.columns[0].autoincrement = true;  // implied: not written
  teams.primary_key = PrimaryKey{"teams_primary", {"id"}};  // not the convention's name
  const Schema schema{{users, teams}};

  const std::string document = model::schema_to_yaml(schema, naming);
  CHECK(document == R"yaml(tables:
  users:
    columns:
      id: {type: integer, primary_key: true}
      email: {type: text, unique: true}
      team: {type: integer, index: true, references: teams.id, on_delete: set null}
      manager: {type: integer, references: users.id}
    unique:
      - {name: email_unique, columns: [email]}
    foreign_keys:
      - {name: users_manager_fkey_2, columns: [manager], references: users(id)}
    checks:
      - {name: id_positive, expr: id > 0}
  teams:
    columns:
      id: {type: integer}
    primary_key: {name: teams_primary, columns: [id]}
)yaml");
  const Schema back = model::load_string(document, "inspected.yaml", naming);
  CHECK(sorted_constraints(back) == sorted_constraints(schema));
}

// Found by the inspect tests: an empty database was written as "tables:\n  {}".
TEST_CASE("model writer: schema_to_yaml writes an empty schema on one line that reads back") {
  CHECK(model::schema_to_yaml(Schema{}) == "tables: {}\n");
  CHECK(model::load_string("tables: {}\n", "models.yaml", NamingConvention{}).tables.empty());
}

// Found by inspecting a SQLite database made by hand: its unnamed constraints were written as
// `name: ""`, which models.yaml rejects ("empty constraint name").
TEST_CASE("model writer: unnamed constraints are written the way loading names them") {
  Table books;
  books.name = "books";
  books.columns = {column("id", "integer", false), column("author_id", "integer"), column("price", "float")};
  books.columns[0].autoincrement = true;
  books.primary_key = PrimaryKey{"", {"id"}};
  books.uniques = {UniqueConstraint{"", {"author_id", "price"}}};
  books.foreign_keys = {
      ForeignKey{"", {"author_id"}, "authors", "", {"id"}, ReferentialAction::cascade, ReferentialAction::no_action},
      ForeignKey{"", {"author_id"}, "authors", "", {"id"}, ReferentialAction::no_action, ReferentialAction::restrict}};
  books.checks = {CheckConstraint{"", "price > 0"}, CheckConstraint{"ck_books_check_1", "price < 100"}};
  Table authors;
  authors.name = "authors";
  authors.columns = {column("id", "integer", false)};
  authors.columns[0].autoincrement = true;
  authors.primary_key = PrimaryKey{"pk_authors", {"id"}};
  Schema schema;
  schema.tables = {authors, books};

  const std::string document = model::schema_to_yaml(schema);
  CHECK(document == R"yaml(tables:
  authors:
    columns:
      id: {type: integer, primary_key: true}
  books:
    columns:
      id: {type: integer, primary_key: true}
      author_id: {type: integer, references: authors.id, on_delete: cascade}
      price: {type: float}
    unique:
      - [author_id, price]
    foreign_keys:
      - {name: fk_books_author_id_authors_2, columns: [author_id], references: authors(id), on_update: restrict}
    checks:
      - {name: check_1, expr: price < 100}
      - {name: check_2, expr: price > 0}
)yaml");
  const Schema back = model::load_string(document, "models.yaml", NamingConvention{});
  const Table& loaded = *back.find_table("books");
  CHECK(loaded.primary_key->name == "pk_books");
  CHECK(loaded.uniques.at(0).name == "uq_books_author_id_price");
  CHECK(loaded.foreign_keys.size() == 2);
  CHECK(loaded.checks.at(1) == CheckConstraint{"ck_books_check_2", "price > 0"});
}

// Issue 13: a check called `positive` in a database made by another tool was inspected as
// `name: positive`, which the default ck convention loads as ck_orders_positive: migrate then
// dropped and re-created the check under the other name.
TEST_CASE("model writer: a name the naming convention would rewrite is written as exact_name") {
  Table orders;
  orders.name = "orders";
  orders.columns = {column("id", "integer", false), column("total", "integer")};
  orders.columns[0].autoincrement = true;
  orders.primary_key = PrimaryKey{"pk_orders", {"id"}};
  orders.checks = {CheckConstraint{"positive", "total > 0"}, CheckConstraint{"ck_orders_small", "total < 100"}};
  Schema schema;
  schema.tables = {orders};

  const std::string document = model::schema_to_yaml(schema, NamingConvention{});
  CAPTURE(document);
  CHECK(document.find("{exact_name: positive, expr: total > 0}") != std::string::npos);
  CHECK(document.find("{name: small, expr: total < 100}") != std::string::npos);
  CHECK(sorted_constraints(model::load_string(document, "inspected.yaml", NamingConvention{})) ==
        sorted_constraints(schema));

  // A convention of the user's with %(name)s for indexes: the same for an index name.
  NamingConvention named_indexes;
  named_indexes.ix = "idx_%(name)s";
  Schema indexed = schema;
  indexed.tables[0].indexes = {Index{"orders_total_idx", schema::column_terms({"total"}), false, std::nullopt}};
  const std::string with_index = model::schema_to_yaml(indexed, named_indexes);
  CAPTURE(with_index);
  CHECK(with_index.find("exact_name: orders_total_idx") != std::string::npos);
  CHECK(sorted_constraints(model::load_string(with_index, "inspected.yaml", named_indexes)) ==
        sorted_constraints(indexed));
}

TEST_CASE("model writer: collations, generated columns, untyped and native(...) types read back") {
  Column email = column("email", "text", false);
  email.collation = "NOCASE";
  Column area = column("area", "integer");
  area.generated = Generated{"w * h", true};
  Column virtual_area = column("virtual_area", "float");
  virtual_area.generated = Generated{"w * h", false};
  Column untyped = column("v", "untyped");
  Column int_native = column("n", "native(int)");
  CHECK(untyped.type.kind == TypeKind::native);
  CHECK(untyped.type.native.empty());
  CHECK(int_native.type.kind == TypeKind::native);
  CHECK(int_native.type.native == "int");
  CHECK(emit(model::column_to_yaml(email)) == "{type: text, nullable: false, collate: NOCASE}");
  CHECK(emit(model::column_to_yaml(area)) == "{type: integer, generated: {expr: w * h, stored: true}}");
  CHECK(emit(model::column_to_yaml(untyped)) == "{type: untyped}");
  CHECK(emit(model::column_to_yaml(int_native)) == "{type: native(int)}");
  // Found by the Rails round-trip case: DATETIME(6) was written datetime(6), which does not load.
  Column rails_datetime = column("at", "native(datetime(6))");
  CHECK(emit(model::column_to_yaml(rails_datetime)) == "{type: native(datetime(6))}");
  for (const Column& original :
       {email, area, virtual_area, untyped, int_native, column("b", "native(bool)"), rails_datetime}) {
    CAPTURE(original.name);
    const YAML::Node text_form = YAML::Load(emit(model::column_to_yaml(original)));
    CHECK(model::read_column(text_form, original.name, "rev.yaml") == original);
  }
}

TEST_CASE("model writer: sqlite table options and a nullable primary key column read back") {
  const char* models = R"yaml(tables:
  events:
    columns:
      id: {type: integer, primary_key: true}
      body: {type: text}
    sqlite: {strict: true, autoincrement: true}
  codes:
    columns:
      code: {type: text, primary_key: true, nullable: true}
    sqlite: {without_rowid: false}
  pairs:
    columns:
      a: {type: text}
      b: {type: text}
    primary_key: [a, b]
    sqlite: {without_rowid: true}
)yaml";
  const Schema schema = model::load_string(models, "m.yaml", NamingConvention{});
  CHECK(schema.tables.at(0).sqlite == SqliteTableOptions{true, false, true});
  CHECK(schema.tables.at(1).sqlite == SqliteTableOptions{});
  CHECK(schema.tables.at(1).columns.at(0).nullable);
  CHECK_FALSE(schema.tables.at(0).columns.at(0).nullable);  // a key column says nothing: NOT NULL
  CHECK(schema.tables.at(2).sqlite.without_rowid);
  const std::string written = model::schema_to_yaml(schema);
  CHECK(written.find("sqlite: {strict: true, autoincrement: true}") != std::string::npos);
  CHECK(written.find("code: {type: text, nullable: true, primary_key: true}") != std::string::npos);
  CHECK(model::load_string(written, "again.yaml", NamingConvention{}) == schema);
  CHECK(through_text(schema.tables.at(0)) == schema.tables.at(0));
}
