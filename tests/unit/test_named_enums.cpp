// Named enum types (models.yaml `enums:`, PostgreSQL CREATE TYPE ... AS ENUM) through every
// layer that knows them: the type text, the models loader and writer, the three steps, the diff,
// PostgreSQL's SQL and normalisation, SQLite's normalisation. Issue 13.
#include <doctest/doctest.h>

#include <yaml-cpp/yaml.h>

#include "diff/diff.hpp"
#include "dialect/postgres/enum_types.hpp"
#include "dialect/postgres/postgres_dialect.hpp"
#include "dialect/sqlite/sqlite_dialect.hpp"
#include "error_capture.hpp"
#include "model/model.hpp"
#include "ops/yaml.hpp"
#include "schema/type.hpp"
#include "yaml_emit.hpp"

using namespace dbmig;
using dbmig::test::contains;
using dbmig::test::error_of;

namespace {

using Strings = std::vector<std::string>;

schema::Schema load(std::string_view yaml) { return model::load_string(yaml, "m.yaml", schema::NamingConvention{}); }

schema::Type named_enum(std::string name, Strings values, std::string schema_name = {}) {
  schema::Type type;
  type.kind = schema::TypeKind::enumeration;
  type.enum_name = std::move(name);
  type.enum_schema = std::move(schema_name);
  type.enum_values = std::move(values);
  return type;
}

schema::Column column_of(std::string name, schema::Type type) {
  schema::Column column;
  column.name = std::move(name);
  column.type = std::move(type);
  return column;
}

schema::Table table_of(std::string name, std::vector<schema::Column> columns) {
  schema::Table table;
  table.name = std::move(name);
  table.columns = std::move(columns);
  return table;
}

std::string postgres_sql(const ops::Op& op, const schema::Schema* before = nullptr) {
  static const auto postgres = dialect::postgres::make_postgres_dialect();
  std::string out;
  for (const auto& statement : postgres->render(op, dialect::RenderContext{before})) out += statement.sql + ";\n";
  return out;
}

const char* const shared_enum_models = R"y(
enums:
  order_status: [pending, shipped]
tables:
  orders:
    columns:
      id: {type: integer, primary_key: true}
      status: {type: order_status, nullable: false, default: "'pending'"}
  returns:
    columns:
      id: {type: integer, primary_key: true}
      status: {type: order_status}
)y";

}  // namespace

TEST_CASE("named enums: the type text names the type and reads back, quoting where it must") {
  const schema::Type type = schema::parse_type("enum order_status(pending, 'on hold')");
  CHECK(type.is_named_enum());
  CHECK(type.enum_name == "order_status");
  CHECK(type.enum_schema.empty());
  CHECK(type.enum_values == Strings{"pending", "on hold"});
  CHECK(schema::to_string(type) == "enum order_status(pending, 'on hold')");

  const schema::Type odd = named_enum("Order \"Status\"", {"a"}, "billing");
  CHECK(schema::to_string(odd) == "enum billing.\"Order \"\"Status\"\"\"(a)");
  CHECK(schema::parse_type(schema::to_string(odd)) == odd);
  // A type created without values (values come later) is a named type too.
  CHECK(schema::parse_type("enum mood()").enum_values.empty());
  CHECK(schema::parse_type("ENUM Mood ()").enum_name == "Mood");  // the name keeps its case

  // An inline enum is unchanged.
  CHECK(!schema::parse_type("enum(a, b)").is_named_enum());

  for (const char* bad : {"enum (a)x", "enum order_status", "enum 9lives(a)", "enum \"unterminated(a)", "enum a.(b)"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(schema::parse_type(bad), schema::TypeError);
  }
  CHECK_THROWS_AS(schema::parse_type("enum x(a, a)"), schema::TypeError);  // duplicate value
}

TEST_CASE("named enums: references parse back to schema and name") {
  CHECK(schema::parse_enum_reference("order_status")->name == "order_status");
  const auto qualified = schema::parse_enum_reference("billing.\"Order Status\"");
  REQUIRE(qualified);
  CHECK(qualified->schema == "billing");
  CHECK(qualified->name == "Order Status");
  CHECK(!schema::parse_enum_reference("a b"));
  CHECK(!schema::parse_enum_reference("a.b.c"));
  CHECK(schema::enum_reference("", "Order Status") == "\"Order Status\"");
}

// Reading a schema reads its tables, which the models would then drop: an enum type's schema
// alone must not make introspection read it.
TEST_CASE("named enums: a type's schema is not one whose tables introspection reads") {
  const schema::Schema schema = load("enums:\n  billing.currency: [eur]\ntables:\n  t: {columns: {c: {type: billing.currency}}}\n");
  REQUIRE(schema.enums.size() == 1);
  CHECK(schema.enums[0].schema == "billing");
  CHECK(schema.tables[0].columns[0].type.enum_schema == "billing");
  CHECK(schema.schema_names().empty());
}

TEST_CASE("named enums: models declare a type once and columns share it by name") {
  const schema::Schema schema = load(shared_enum_models);
  REQUIRE(schema.enums.size() == 1);
  CHECK(schema.enums[0] == schema::EnumType{"order_status", "", {"pending", "shipped"}});
  for (const char* table : {"orders", "returns"}) {
    const schema::Column* status = schema.find_table(table)->find_column("status");
    REQUIRE(status);
    CHECK(status->type == named_enum("order_status", {"pending", "shipped"}));
  }
}

TEST_CASE("named enums: a column's whole named type declares it, and must agree with `enums:`") {
  const schema::Schema implicit = load(R"y(
tables:
  t:
    columns:
      s: {type: "enum mood(happy, sad)"}
)y");
  REQUIRE(implicit.enums.size() == 1);
  CHECK(implicit.enums[0].values == Strings{"happy", "sad"});

  const auto error = error_of([] {
    load(R"y(
enums:
  mood: [happy, sad]
tables:
  t:
    columns:
      s: {type: "enum mood(happy)"}
)y");
  });
  REQUIRE(error);
  CHECK(contains(error->what(), "other values than its declaration"));
  REQUIRE(error->where());
  CHECK(error->where()->line == 7);
}

TEST_CASE("named enums: bad declarations name their place") {
  struct Case {
    const char* yaml;
    const char* message;
    int line;
  };
  const Case cases[] = {
      {"enums:\n  mood: [happy, happy]\ntables: {}\n", "duplicate value 'happy'", 2},
      {"enums:\n  mood: happy\ntables: {}\n", "as a list", 2},
      {"enums:\n  mood: [\"\"]\ntables: {}\n", "empty value", 2},
      {"enums:\n  mood: [a]\n  mood: [b]\ntables: {}\n", "mood", 3},
      {"enums:\n  t: [a]\ntables:\n  t: {columns: {c: {type: t}}}\n", "has the name of table t", 2},
  };
  for (const Case& one : cases) {
    CAPTURE(one.yaml);
    const auto error = error_of([&] { load(one.yaml); });
    REQUIRE(error);
    CHECK(contains(error->what(), one.message));
    REQUIRE(error->where());
    CHECK(error->where()->line == one.line);
  }
}

TEST_CASE("named enums: inspect's form writes `enums:` and names, and reads back equal") {
  schema::Schema schema = load(shared_enum_models);
  schema.enums.push_back(schema::EnumType{"Odd Name", "", {"a", "b c"}});
  schema.enums.push_back(schema::EnumType{"text", "", {"x"}});  // a generic type's name
  schema.enums.push_back(schema::EnumType{"a.b", "", {"y"}});   // a dot in the name, no schema
  schema.tables[0].columns.push_back(column_of("odd", named_enum("Odd Name", {"a", "b c"})));
  schema.tables[0].columns.push_back(column_of("word", named_enum("text", {"x"})));
  const std::string yaml = model::schema_to_yaml(schema, schema::NamingConvention{});
  CAPTURE(yaml);
  CHECK(contains(yaml, "order_status: [pending, shipped]"));
  CHECK(contains(yaml, "Odd Name: [a, b c]"));  // a key that reads back as the name needs no quotes
  CHECK(contains(yaml, "status: {type: order_status"));
  // A name that is no plain word, or that is a generic type's, is written whole.
  CHECK(contains(yaml, "enum \\\"Odd Name\\\"(a, 'b c')"));
  CHECK(contains(yaml, "enum text(x)"));
  CHECK(load(yaml) == schema);
}

TEST_CASE("named enums: create_enum, drop_enum and alter_enum read back and reverse") {
  const schema::EnumType status{"order_status", "billing", {"pending", "shipped"}};
  const std::vector<ops::Op> steps = {ops::CreateEnum{status}, ops::DropEnum{status},
                                      ops::AlterEnum{status, {"pending"}}};
  for (const ops::Op& op : steps) {
    const std::string text = test::emit(ops::to_yaml(op));
    CAPTURE(text);
    CHECK(ops::from_yaml(YAML::Load(text), "steps.yaml", schema::NamingConvention{}) == op);
    CHECK(ops::reverse(ops::reverse(op)) == op);
  }
  CHECK(test::emit(ops::to_yaml(steps[2])) ==
        "alter_enum: {name: order_status, schema: billing, values: [pending, shipped], existing_values: [pending]}");
  CHECK(ops::reverse(steps[2]) == ops::Op{ops::AlterEnum{{"order_status", "billing", {"pending"}}, {"pending", "shipped"}}});
  // A hand-written drop may name only the type; create needs its values.
  CHECK(ops::from_yaml(YAML::Load("drop_enum: {name: mood}"), "s.yaml", schema::NamingConvention{}) ==
        ops::Op{ops::DropEnum{{"mood", "", {}}}});
  CHECK(error_of([] { ops::from_yaml(YAML::Load("create_enum: {name: mood}"), "s.yaml", schema::NamingConvention{}); }));
}

TEST_CASE("named enums: alter_enum gives every column of the type its new values") {
  schema::Schema schema = load(shared_enum_models);
  ops::apply(schema, ops::AlterEnum{{"order_status", "", {"pending", "shipped", "lost"}}, {"pending", "shipped"}});
  CHECK(schema.enums[0].values == Strings{"pending", "shipped", "lost"});
  CHECK(schema.find_table("returns")->find_column("status")->type.enum_values == Strings{"pending", "shipped", "lost"});
  ops::apply(schema, ops::DropEnum{{"order_status", "", {}}});
  CHECK(schema.enums.empty());
  ops::apply(schema, ops::CreateEnum{{"mood", "", {"a"}}});
  CHECK(error_of([&] { ops::apply(schema, ops::CreateEnum{{"mood", "", {"b"}}}); }));
}

TEST_CASE("named enums: the diff creates, changes and drops types, not the columns that use them") {
  const schema::Schema live = load(shared_enum_models);
  schema::Schema desired = live;
  desired.enums[0].values = {"pending", "shipped", "lost"};
  for (auto& table : desired.tables) table.find_column("status")->type.enum_values = desired.enums[0].values;
  desired.enums.push_back(schema::EnumType{"mood", "", {"happy"}});

  diff::Result result = diff::compare(desired, live);
  REQUIRE(result.upgrade.size() == 2);
  CHECK(result.upgrade[0] == ops::Op{ops::CreateEnum{desired.enums[1]}});
  CHECK(result.upgrade[1] == ops::Op{ops::AlterEnum{desired.enums[0], {"pending", "shipped"}}});
  CHECK(result.warnings.empty());

  // Removed values are warned about.
  schema::Schema fewer = live;
  fewer.enums[0].values = {"pending"};
  result = diff::compare(fewer, live);
  REQUIRE(result.warnings.size() == 1);
  CHECK(contains(result.warnings[0], "loses value 'shipped'"));

  // Dropped last, after the columns that used it; the downgrade creates it first.
  schema::Schema none = live;
  none.enums.clear();
  none.tables.pop_back();
  none.tables[0].columns.pop_back();
  result = diff::compare(none, live);
  REQUIRE(result.upgrade.size() == 3);  // drop_table returns, drop_column orders.status, drop_enum
  CHECK(std::holds_alternative<ops::DropEnum>(result.upgrade.back()));
  CHECK(std::holds_alternative<ops::CreateEnum>(result.downgrade.front()));
}

TEST_CASE("named enums: PostgreSQL SQL for the type's steps and for the columns that use it") {
  const schema::EnumType status{"order_status", "billing", {"pending", "shipped"}};
  CHECK(postgres_sql(ops::CreateEnum{status}) == "CREATE TYPE \"billing\".\"order_status\" AS ENUM ('pending', 'shipped');\n");
  CHECK(postgres_sql(ops::DropEnum{status}) == "DROP TYPE \"billing\".\"order_status\";\n");
  CHECK(postgres_sql(ops::AlterEnum{{"s", "", {"a", "b", "c"}}, {"b"}}) ==
        "ALTER TYPE \"s\" ADD VALUE 'a' BEFORE 'b';\nALTER TYPE \"s\" ADD VALUE 'c' AFTER 'b';\n");

  // A table using a named type creates no type of its own, and dropping it drops none.
  const schema::Table orders = table_of("orders", {column_of("status", named_enum("order_status", {"a"}, "billing"))});
  CHECK(postgres_sql(ops::CreateTable{orders}) == "CREATE TABLE \"orders\" (\n  \"status\" \"billing\".\"order_status\"\n);\n");
  CHECK(postgres_sql(ops::DropTable{orders}) == "DROP TABLE \"orders\";\n");

  // Values removed: the type is built again and each of its columns converted, default set aside.
  schema::Schema before;
  schema::Column with_default = column_of("status", named_enum("s", {"a", "b"}));
  with_default.default_sql = "'a'";
  before.tables.push_back(table_of("orders", {with_default}));
  before.tables.push_back(table_of("other", {column_of("x", schema::parse_type("enum(a, b)"))}));
  CHECK(postgres_sql(ops::AlterEnum{{"s", "", {"a"}}, {"a", "b"}}, &before) ==
        "ALTER TYPE \"s\" RENAME TO \"s_old\";\n"
        "CREATE TYPE \"s\" AS ENUM ('a');\n"
        "ALTER TABLE \"orders\" ALTER COLUMN \"status\" DROP DEFAULT;\n"
        "ALTER TABLE \"orders\" ALTER COLUMN \"status\" TYPE \"s\" USING \"status\"::text::\"s\";\n"
        "ALTER TABLE \"orders\" ALTER COLUMN \"status\" SET DEFAULT 'a';\n"
        "DROP TYPE \"s_old\";\n");
}

TEST_CASE("named enums: PostgreSQL folds a type that is a column's own into an inline enum") {
  schema::Schema schema;
  schema.tables.push_back(table_of("orders", {column_of("status", named_enum("orders_status", {"a"})),
                                              column_of("shared", named_enum("shared", {"x"}))}));
  schema.tables.push_back(table_of("items", {column_of("shared", named_enum("shared", {"x"}))}));
  schema.enums = {{"shared", "", {"x"}}, {"orders_status", "", {"a"}}, {"free", "", {}}};
  dialect::postgres::fold_own_enum_types(schema);
  CHECK(!schema.tables[0].columns[0].type.is_named_enum());
  CHECK(schema.tables[0].columns[0].type.enum_values == Strings{"a"});
  CHECK(schema.tables[0].columns[1].type.is_named_enum());  // shared by two columns
  REQUIRE(schema.enums.size() == 2);
  CHECK(schema.enums[0].name == "free");  // sorted by name
  CHECK(schema.enums[1].name == "shared");
}

TEST_CASE("named enums: SQLite keeps a named type's columns as inline enums and no types") {
  schema::Schema schema = load(shared_enum_models);
  dialect::sqlite::make_sqlite_dialect()->normalize(schema);
  CHECK(schema.enums.empty());
  const schema::Type& type = schema.find_table("orders")->find_column("status")->type;
  CHECK(type.kind == schema::TypeKind::enumeration);
  CHECK(!type.is_named_enum());
  CHECK(type.enum_values == Strings{"pending", "shipped"});
}
