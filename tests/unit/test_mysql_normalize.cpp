// MySQL/MariaDB canonical expressions and normalize: a model and what MariaDB 10.11 reports for
// it (the texts below are as the server printed them) compare equal.
#include <doctest/doctest.h>

#include "dialect/mysql/mysql_expression.hpp"
#include "dialect/mysql/mysql_normalize.hpp"
#include "dialect/mysql/mysql_string_literal.hpp"
#include "dialect/mysql/mysql_types.hpp"
#include "test_sqlite_support.hpp"  // schema builders and describe(), shared by the dialect tests

using namespace dbmig;
using dialect::mysql::canonical_default;
using dialect::mysql::canonical_expression;
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

schema::Type read_type_of(std::string_view spelling) { return dialect::mysql::read_type(spelling); }

schema::Schema normalized(schema::Schema schema) {
  dialect::mysql::normalize_schema(schema);
  return schema;
}

}  // namespace

TEST_CASE("mysql string literals: MariaDB's escapes read and written back") {
  using dialect::mysql::quote_string;
  using dialect::mysql::string_content;
  CHECK(string_content("'it''s'") == "it's");
  CHECK(string_content("'it\\'s'") == "it's");
  CHECK(string_content("'a\\\\b\\n'") == "a\\b\n");
  CHECK(string_content("'50\\%'") == "50\\%");  // LIKE's escape stays
  CHECK(string_content("\"dq\"") == "dq");
  CHECK(quote_string("it's a\\b\n") == "'it''s a\\\\b\\n'");
  CHECK(quote_string("x\ty") == "'x\ty'");  // as MariaDB prints a tab: as is
}

TEST_CASE("mysql canonical_expression: a model's check and MariaDB's CHECK_CLAUSE") {
  auto same = [](std::string_view model, std::string_view server) {
    CAPTURE(model);
    CHECK(canonical_expression(model) == canonical_expression(server));
  };
  same("x > 0", "`x` > 0");
  same("(price >= 0 AND price < 1000000)", "`price` >= 0 and `price` < 1000000");
  same("b IN ('x', 'y')", "`b` in ('x','y')");
  same("a BETWEEN 1 AND 5", "`a` between 1 and 5");
  same("`order` > 0 AND Mixed < 1", "`order` > 0 and `Mixed` < 1");
  same("b LIKE 'a%' OR b NOT IN ('q')", "`b` like 'a%' or `b` <> 'q'");
  same("(a + c) * 2 > 0 && a != 0 || c = 1", "(`a` + `c`) * 2 > 0 and `a` <> 0 or `c` = 1");
  same("b = \"dq\" AND a = TRUE", "`b` = 'dq' and `a` = 1");
  same("lower(b) <> upper(b) AND length(b) > character_length(b)",
       "lcase(`b`) <> ucase(`b`) and octet_length(`b`) > char_length(`b`)");
  same("n % 3 = 0 AND substring(b, 1, 2) <> ''", "`n` MOD 3 = 0 and substr(`b`,1,2) <> ''");
  same("b <> 'it\\'s'", "`b` <> 'it''s'");
  CHECK(canonical_expression("`x` > 0") == "x > 0");
  CHECK(canonical_expression("`order` > 0") == "`order` > 0");  // a reserved word keeps its quotes
  CHECK(canonical_expression("`a b` > 0") == "`a b` > 0");
  CHECK(canonical_expression("concat(`name`,' ',`email`)") == "concat(name, ' ', email)");
  CHECK(canonical_expression("(`a` + 1) * 2") == "(a + 1) * 2");
}

TEST_CASE("mysql canonical_default: as MariaDB converts and prints defaults") {
  const schema::Type integer = type_of(TypeKind::integer);
  const schema::Type text = type_of(TypeKind::text);
  CHECK(canonical_default("NULL", text) == std::nullopt);
  CHECK(canonical_default("null", integer) == std::nullopt);
  CHECK(canonical_default("'NULL'", text) == "'NULL'");
  CHECK(canonical_default("'7'", integer) == "7");
  CHECK(canonical_default("-5", type_of(TypeKind::bigint)) == "-5");
  CHECK(canonical_default("TRUE", type_of(TypeKind::boolean)) == "1");
  CHECK(canonical_default("false", type_of(TypeKind::boolean)) == "0");
  schema::Type decimal = type_of(TypeKind::numeric);
  decimal.precision = 10;
  decimal.scale = 2;
  CHECK(canonical_default("1.5", decimal) == "1.50");
  CHECK(canonical_default("'2'", decimal) == "2.00");
  CHECK(canonical_default("1.50", decimal) == "1.50");
  CHECK(canonical_default("1e3", type_of(TypeKind::double_)) == "1000");
  CHECK(canonical_default("-0.5", type_of(TypeKind::float_)) == "-0.5");
  CHECK(canonical_default("7", native("int unsigned")) == "7");
  CHECK(canonical_default("'it''s \\\\ x'", text) == canonical_default("'it\\'s \\\\ x'", text));
  CHECK(canonical_default("'user'", text) == "'user'");
  for (const char* now : {"current_timestamp()", "CURRENT_TIMESTAMP", "now()", "localtimestamp", "NOW(0)"})
    CHECK(canonical_default(now, type_of(TypeKind::datetime)) == "CURRENT_TIMESTAMP");
  CHECK(canonical_default("current_timestamp(6)", native("datetime(6)")) == "CURRENT_TIMESTAMP(6)");
  CHECK(canonical_default("CURRENT_TIMESTAMP(6)", native("datetime(6)")) == "CURRENT_TIMESTAMP(6)");
  CHECK(canonical_default("(1 + 2)", integer) == "1 + 2");
  CHECK(canonical_default("(abs(-3))", integer) == "abs(-3)");
  CHECK(canonical_default("curdate()", type_of(TypeKind::date)) == canonical_default("CURRENT_DATE", type_of(TypeKind::date)));
  CHECK(canonical_default("b'1'", native("bit(1)")) == "b'1'");
}

TEST_CASE("mysql normalize: a model and what MariaDB reports for it become equal") {
  // As a model declares it.
  schema::Table model;
  model.name = "users";
  model.schema = "app";
  model.comment = "the users";
  model.columns = {column("id", native("int unsigned")),
                   column("email", type_of(TypeKind::string), false),
                   column("active", type_of(TypeKind::boolean), false, "true"),
                   column("role", type_of(TypeKind::enumeration), false, "'user'"),
                   column("price", type_of(TypeKind::numeric), true, "1.5"),
                   column("created", native("DATETIME(6)"), false, "CURRENT_TIMESTAMP(6)"),
                   column("doc", type_of(TypeKind::json)),
                   column("note", type_of(TypeKind::text), true, "NULL"),
                   column("owner_id", type_of(TypeKind::integer))};
  model.columns[0].autoincrement = true;
  model.columns[1].type.length = 255;
  model.columns[1].collation = "UTF8MB4_BIN";
  model.columns[1].comment = "";
  model.columns[3].type.enum_values = {"user", "admin"};
  model.columns[3].type.enum_name = "user_role";  // a named enum: MySQL has none
  model.columns[4].type.precision = 10;
  model.columns[4].type.scale = 2;
  model.primary_key = schema::PrimaryKey{"pk_users", {"id"}};
  model.uniques = {{"uq_email", {"email"}}};
  model.indexes = {{"ix_role", schema::column_terms({"role"}), false, std::nullopt},
                   {"uq_role_price", schema::column_terms({"role", "price"}), true, std::nullopt}};
  model.checks = {{"ck_price", "price >= 0 AND price < 1000000"}};
  model.foreign_keys = {{"fk_owner", {"owner_id"}, "owners", "app", {}, {}, schema::ReferentialAction::restrict}};
  schema::Table owners;
  owners.name = "owners";
  owners.columns = {column("id", type_of(TypeKind::integer), false)};
  owners.primary_key = schema::PrimaryKey{"", {"id"}};
  schema::Schema desired{{model, owners}};
  desired.enums = {{"user_role", "", {"user", "admin"}}};
  desired.unqualified_schema = "app";

  // As introspection reads it back (texts as MariaDB 10.11 printed them).
  schema::Table live;
  live.name = "users";
  live.comment = "the users";
  live.columns = {column("id", native("int unsigned"), false),
                  column("email", read_type_of("varchar(255)"), false),
                  column("active", read_type_of("tinyint(1)"), false, "1"),
                  column("role", read_type_of("enum('user','admin')"), false, "'user'"),
                  column("price", read_type_of("decimal(10,2)"), true, "1.50"),
                  column("created", read_type_of("datetime(6)"), false, "current_timestamp(6)"),
                  column("doc", type_of(TypeKind::json)),
                  column("note", type_of(TypeKind::text)),
                  column("owner_id", read_type_of("int(11)"))};
  live.columns[0].autoincrement = true;
  live.columns[1].collation = "utf8mb4_bin";
  live.primary_key = schema::PrimaryKey{"", {"id"}};
  live.uniques = {{"uq_role_price", {"role", "price"}}, {"uq_email", {"email"}}};
  live.indexes = {{"ix_role", schema::column_terms({"role"}), false, std::nullopt}};
  live.checks = {{"ck_price", "`price` >= 0 and `price` < 1000000"}};
  live.foreign_keys = {{"fk_owner", {"owner_id"}, "owners", "", {"id"}, {}, {}}};
  schema::Schema actual{{live, owners}};
  actual.unqualified_schema = "app";

  const schema::Schema a = normalized(desired);
  const schema::Schema b = normalized(actual);
  CHECK(describe(a) == describe(b));
  CHECK(a == b);
  CHECK(a.enums.empty());
  CHECK(a.tables[0].schema.empty());
  CHECK(a.tables[0].columns[3].type.enum_name.empty());
  CHECK(a.tables[0].primary_key->name.empty());
  CHECK(a.tables[0].indexes.size() == 1);  // the unique one is a unique constraint
}

TEST_CASE("mysql normalize: autoincrement, generated columns, numeric defaults") {
  schema::Table table;
  table.name = "t";
  table.columns = {column("id", type_of(TypeKind::bigint), true, "0"),
                   column("n", type_of(TypeKind::numeric)),
                   column("g", type_of(TypeKind::integer), true, "1")};
  table.columns[0].autoincrement = true;
  table.columns[0].autoincrement_kind = schema::AutoincrementKind::serial;
  table.columns[2].generated = schema::Generated{"(`a`+1)*2", true};
  const schema::Schema result = normalized(schema::Schema{{table}});
  const schema::Table& out = result.tables[0];
  CHECK_FALSE(out.columns[0].nullable);
  CHECK_FALSE(out.columns[0].default_sql);
  CHECK(out.columns[0].autoincrement_kind == schema::AutoincrementKind::identity);
  // numeric without a precision: the widest DECIMAL, as the renderer writes it.
  CHECK(out.columns[1].type.precision == 65);
  CHECK(out.columns[1].type.scale == 30);
  CHECK_FALSE(out.columns[2].default_sql);
  CHECK(out.columns[2].generated->expression == "(a + 1) * 2");

  table.columns[0].autoincrement_kind = schema::AutoincrementKind::always;
  CHECK_THROWS(normalized(schema::Schema{{table}}));
}
