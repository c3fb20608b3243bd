// PostgreSQL's normalize: a model and its own introspection compare equal.
#include <doctest/doctest.h>

#include "dialect/postgres/postgres_dialect.hpp"
#include "test_sqlite_support.hpp"  // schema builders and describe(), shared by the dialect tests

using namespace dbmig;
using schema::TypeKind;
using test::column;
using test::describe;
using test::type_of;

namespace {

schema::Type native(std::string name) {
  schema::Type type = type_of(TypeKind::native);
  type.native = std::move(name);
  return type;
}

schema::Schema normalized(schema::Schema schema) {
  dialect::postgres::make_postgres_dialect()->normalize(schema);
  return schema;
}

}  // namespace

TEST_CASE("postgres normalize: a model and what PostgreSQL reports for it become equal") {
  // As a model declares it.
  schema::Table model;
  model.name = "items";
  model.comment = "Things";
  model.columns = {column("id", native("serial")),
                   column("code", native("varchar(20)"), false, "'x'"),
                   column("price", native("decimal(10)"), true, "0"),
                   column("seen", native("timestamp"), true, "now()"),
                   column("owner_id", type_of(TypeKind::integer)),
                   column("note", type_of(TypeKind::text), true, "NULL")};
  model.columns[1].comment = "Stock code";
  model.primary_key = schema::PrimaryKey{"pk_items", {"id"}};
  model.foreign_keys = {{"fk_b", {"owner_id"}, "owners", "", {}, {}, {}}};
  model.checks = {{"ck_b", "price >= 0"}, {"ck_a", "length(code) > 0"}};
  model.indexes = {{"ix_b", {schema::IndexTerm::of_expression("lower(code)")}, false, "price > 0"},
                   {"ix_a", schema::column_terms({"code"}), false, std::nullopt}};
  schema::Table owners;
  owners.name = "owners";
  owners.columns = {column("id", type_of(TypeKind::integer), false)};
  owners.primary_key = schema::PrimaryKey{"pk_owners", {"id"}};

  // As introspection reads it back.
  schema::Table live = model;
  live.columns = {column("id", type_of(TypeKind::integer), false),
                  column("code", native("character varying(20)"), false, "'x'::character varying"),
                  column("price", native("numeric(10,0)"), true, "0"),
                  column("seen", native("timestamp without time zone"), true, "CURRENT_TIMESTAMP"),
                  column("owner_id", type_of(TypeKind::integer)),
                  column("note", type_of(TypeKind::text))};
  live.columns[0].autoincrement = true;  // as introspection reads a serial column: its sequence's owner
  live.columns[0].autoincrement_kind = schema::AutoincrementKind::serial;
  live.columns[1].comment = "Stock code";
  live.foreign_keys = {{"fk_b", {"owner_id"}, "owners", "", {"id"}, {}, {}}};
  live.checks = {{"ck_a", "length(code::text) > 0"}, {"ck_b", "price >= 0::numeric"}};
  live.indexes = {{"ix_a", schema::column_terms({"code"}), false, std::nullopt},
                  {"ix_b", {schema::IndexTerm::of_expression("lower(code::text)")}, false, "price > 0::numeric"}};

  const schema::Schema desired = normalized(schema::Schema{{model, owners}});
  const schema::Schema read_back = normalized(schema::Schema{{live, owners}});
  CHECK(describe(desired) == describe(read_back));
  CHECK(desired == read_back);

  const schema::Table& items = desired.tables[0];
  CHECK(items.comment == "Things");  // PostgreSQL keeps comments
  CHECK(items.columns[0].autoincrement);
  CHECK_FALSE(items.columns[0].nullable);
  CHECK(items.columns[0].type.kind == TypeKind::integer);
  CHECK(items.columns[2].type.scale == 0);
  CHECK(items.columns[3].default_sql == "CURRENT_TIMESTAMP");
  CHECK(items.columns[5].default_sql == std::nullopt);
  CHECK(items.checks[0].name == "ck_a");  // sorted by name
  CHECK(items.indexes[1].terms[0].expression == "lower(code)");
}

TEST_CASE("postgres normalize: autoincrement belongs to integer columns without a default") {
  schema::Table table;
  table.name = "t";
  table.columns = {column("a", type_of(TypeKind::text)), column("b", type_of(TypeKind::bigint), false, "0")};
  table.columns[0].autoincrement = true;
  table.columns[1].autoincrement = true;
  const schema::Schema result = normalized(schema::Schema{{table}});
  CHECK_FALSE(result.tables[0].columns[0].autoincrement);
  CHECK(result.tables[0].columns[1].autoincrement);
  CHECK(result.tables[0].columns[1].default_sql == std::nullopt);
}

TEST_CASE("postgres normalize: type serial is autoincrement serial; identity and serial columns are NOT NULL") {
  schema::Table table;
  table.name = "t";
  table.columns = {column("a", native("bigserial")), column("b", type_of(TypeKind::integer))};
  table.columns[1].autoincrement = true;
  table.columns[1].autoincrement_kind = schema::AutoincrementKind::always;
  const schema::Schema result = normalized(schema::Schema{{table}});
  const schema::Column& a = result.tables[0].columns[0];
  CHECK(a.type.kind == TypeKind::bigint);
  CHECK(a.autoincrement);
  CHECK(a.autoincrement_kind == schema::AutoincrementKind::serial);
  CHECK_FALSE(a.nullable);
  CHECK_FALSE(result.tables[0].columns[1].nullable);

  table.columns[1].autoincrement = false;  // a kind without autoincrement means nothing
  CHECK(normalized(schema::Schema{{table}}).tables[0].columns[1].autoincrement_kind == schema::AutoincrementKind::identity);
}

TEST_CASE("postgres normalize: schemas stay, enum values keep their order") {
  schema::Table table;
  table.name = "t";
  table.schema = "billing";
  schema::Type state = type_of(TypeKind::enumeration);
  state.enum_values = {"open", "paid", "cancelled"};
  table.columns = {column("state", state, true, "'open'::billing.t_state")};
  const schema::Schema result = normalized(schema::Schema{{table}});
  CHECK(result.tables[0].schema == "billing");
  CHECK(result.tables[0].columns[0].type == state);
  CHECK(result.tables[0].columns[0].default_sql == "'open'");
}

TEST_CASE("postgres normalize: an integer cast to numeric by hand keeps its cast, as the server stores it") {
  schema::Table table;
  table.name = "t";
  table.columns = {column("a", type_of(TypeKind::numeric), true, "(1)::numeric"),
                   column("b", type_of(TypeKind::numeric), true, "1::numeric"),
                   column("c", type_of(TypeKind::numeric), true, "1"),
                   column("d", type_of(TypeKind::numeric), true, "'1'::numeric"),
                   column("e", type_of(TypeKind::numeric), true, "(-1)::numeric")};
  const schema::Schema result = normalized(schema::Schema{{table}});
  CHECK(result.tables[0].columns[0].default_sql == "1::numeric");
  CHECK(result.tables[0].columns[1].default_sql == "1::numeric");
  CHECK(result.tables[0].columns[2].default_sql == "1");
  CHECK(result.tables[0].columns[3].default_sql == "1");  // a quoted constant takes the column's type
  CHECK(result.tables[0].columns[4].default_sql == "-1");
}
