#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "schema/naming.hpp"
#include "schema/schema.hpp"
#include "schema/type.hpp"

using namespace dbmig::schema;

namespace {

std::string error_text(std::string_view type_text) {
  try {
    parse_type(type_text);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("type: generic names parse to their kind and print canonically") {
  struct Case {
    const char* text;
    TypeKind kind;
    const char* canonical;
  };
  const Case cases[] = {
      {"integer", TypeKind::integer, "integer"},         {"INT", TypeKind::integer, "integer"},
      {"bigint", TypeKind::bigint, "bigint"},            {"smallint", TypeKind::smallint, "smallint"},
      {"text", TypeKind::text, "text"},                  {"Boolean", TypeKind::boolean, "boolean"},
      {"bool", TypeKind::boolean, "boolean"},            {"float", TypeKind::float_, "float"},
      {"double", TypeKind::double_, "double"},           {"date", TypeKind::date, "date"},
      {"time", TypeKind::time, "time"},                  {"datetime", TypeKind::datetime, "datetime"},
      {"timestamptz", TypeKind::timestamptz, "timestamptz"}, {"json", TypeKind::json, "json"},
      {"uuid", TypeKind::uuid, "uuid"},                  {"binary", TypeKind::binary, "binary"},
      {"string(80)", TypeKind::string, "string(80)"},    {" String ( 80 ) ", TypeKind::string, "string(80)"},
      {"numeric", TypeKind::numeric, "numeric"},         {"numeric(10)", TypeKind::numeric, "numeric(10)"},
      {"numeric(10,2)", TypeKind::numeric, "numeric(10, 2)"},
      {"enum(user, admin)", TypeKind::enumeration, "enum(user, admin)"},
      {"ENUM('user',\"admin\")", TypeKind::enumeration, "enum(user, admin)"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const Type type = parse_type(c.text);
    CHECK(type.kind == c.kind);
    CHECK(to_string(type) == c.canonical);
    CHECK(parse_type(to_string(type)) == type);
  }
}

TEST_CASE("type: arguments are read into the type") {
  const Type string = parse_type("string(120)");
  CHECK(string.length == 120);
  const Type numeric = parse_type("numeric(12, 3)");
  CHECK(numeric.precision == 12);
  CHECK(numeric.scale == 3);
  const Type precision_only = parse_type("numeric(7)");
  CHECK(precision_only.precision == 7);
  CHECK_FALSE(precision_only.scale.has_value());
  const Type enumeration = parse_type("enum('new york', \"it's\", 'a,b', 'x''y', Mixed_Case)");
  CHECK(enumeration.enum_values == std::vector<std::string>{"new york", "it's", "a,b", "x'y", "Mixed_Case"});
  // Values that are not plain words are quoted so that they read back the same.
  CHECK(to_string(enumeration) == "enum('new york', 'it''s', 'a,b', 'x''y', Mixed_Case)");
  CHECK(parse_type(to_string(enumeration)) == enumeration);
}

TEST_CASE("type: other names are dialect-native, lower-cased with white space made canonical") {
  struct Case {
    const char* text;
    const char* native;
  };
  const Case cases[] = {
      {"jsonb", "jsonb"},
      {"INET", "inet"},
      {"varchar(20)", "varchar(20)"},
      {"double  precision", "double precision"},
      {"Timestamp (3)  WITH time zone", "timestamp(3) with time zone"},
      {"timestamp with time zone", "timestamp with time zone"},
      {"geometry( Point ,4326 )", "geometry(point, 4326)"},
      {"text[]", "text[]"},
      {"integer [ ]", "integer[]"},
      {"public.my_type", "public.my_type"},
      {"decimal(10,2)", "decimal(10, 2)"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const Type type = parse_type(c.text);
    CHECK(type.kind == TypeKind::native);
    CHECK(type.native == c.native);
    CHECK(to_string(type) == c.native);
    CHECK(parse_type(to_string(type)) == type);
  }
}

TEST_CASE("type: a native name one or two edits from a generic one is a misspelling, a database's own type is not") {
  const std::pair<const char*, const char*> misspelt[] = {
      {"interger", "integer"}, {"itneger", "integer"}, {"strng(80)", "string"}, {"booleen", "boolean"},
      {"bol", "bool"},         {"txt", "text"},         {"jsn", "json"},        {"datetim", "datetime"},
      {"timestampz", "timestamptz"}, {"dobule", "double"}, {"numerci(10, 2)", "numeric"}, {"uid", "uuid"},
      {"enun(a, b)", "enum"},  {"bigint8", "bigint"},  {"binery", "binary"},   {"smalint", "smallint"}};
  for (const auto& [text, generic] : misspelt) {
    CAPTURE(text);
    const Type type = parse_type(text);
    REQUIRE(type.kind == TypeKind::native);
    CHECK(misspelt_generic_type(type) == std::optional<std::string>(generic));
    // Written so that a models file loads it back as the same native type.
    CHECK(to_string(type) == "native(" + type.native + ")");
    CHECK(parse_type(to_string(type)) == type);
  }
  const char* natives[] = {"int2",  "int4",    "int8",     "float4",  "float8",      "jsonb",  "inet",
                           "timestamp", "timestamp(3)", "timetz", "citext", "text[]", "integer[]", "native(time(3))",
                           "tsvector", "int unsigned", "mediumtext", "double precision", "bit", "name",
                           "tinyint", "varchar", "real", "blob", "money", "interval", "date_kind", "hstore"};
  for (const char* text : natives) {
    CAPTURE(text);
    const Type type = parse_type(text);
    CHECK_FALSE(misspelt_generic_type(type));
  }
  CHECK_FALSE(misspelt_generic_type(parse_type("integer")));
  CHECK_FALSE(misspelt_generic_type(parse_type("untyped")));
}

TEST_CASE("type: bad type text is an error saying what is wrong") {
  struct Case {
    const char* text;
    const char* message_part;
  };
  const Case cases[] = {
      {"", "empty type"},
      {"   ", "empty type"},
      {"string", "string needs a length"},
      {"string()", "the length of string(n) must be a whole number"},
      {"string(0)", "at least 1, not '0'"},
      {"string(-5)", "not '-5'"},
      {"string(abc)", "not 'abc'"},
      {"string(99999999999)", "not '99999999999'"},
      {"string(10, 2)", "string takes one length"},
      {"numeric(1.5)", "not '1.5'"},
      {"numeric(2, 5)", "scale of numeric(2, 5) is larger than its precision"},
      {"numeric(1, 2, 3)", "at most a precision and a scale"},
      {"enum", "enum needs its values"},
      {"enum()", "empty enum value"},
      {"enum(a, , b)", "empty enum value"},
      {"enum(a, b, a)", "duplicate enum value 'a'"},
      // Issue 12: PostgreSQL refused it at upgrade ("Labels must be 63 bytes or less").
      {"enum(a, vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv)", "is 64 bytes long"},
      {"enum('a', 'b)", "unterminated quote"},
      {"enum('a'x)", "unexpected text after the quoted enum value"},
      {"integer(11)", "integer takes no arguments"},
      {"string(80", "unbalanced parentheses"},
      {"varchar(20))", "unbalanced parentheses"},
      {"varchar()", "empty argument"},
      {"varchar(20,)", "empty argument"},
      {"1nt", "does not start with a letter"},
      {"int;drop table x", "unexpected character ';'"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const std::string message = error_text(c.text);
    CHECK(message.find(c.message_part) != std::string::npos);
  }
}

TEST_CASE("type: malformed and empty types list the generic types") {
  for (const char* text : {"", "string(", "x@y"}) {
    CAPTURE(text);
    try {
      parse_type(text);
      FAIL("expected an error");
    } catch (const TypeError& error) {
      CHECK(error.advice().find("integer, bigint, smallint, string(n), text") != std::string::npos);
      CHECK(std::string(error.what()).find(error.problem()) == 0);
    }
  }
  try {
    parse_type("string");
    FAIL("expected an error");
  } catch (const TypeError& error) {
    CHECK(error.advice().find("or text") != std::string::npos);
  }
}

TEST_CASE("schema: referential actions parse in any spelling and print for models and SQL") {
  CHECK(parse_referential_action("cascade") == ReferentialAction::cascade);
  CHECK(parse_referential_action("SET NULL") == ReferentialAction::set_null);
  CHECK(parse_referential_action("set_null") == ReferentialAction::set_null);
  CHECK(parse_referential_action("Set  Default") == ReferentialAction::set_default);
  CHECK(parse_referential_action("no action") == ReferentialAction::no_action);
  CHECK(parse_referential_action("NO_ACTION") == ReferentialAction::no_action);
  CHECK(parse_referential_action("restrict") == ReferentialAction::restrict);
  CHECK_THROWS_AS(parse_referential_action("delete"), std::invalid_argument);
  CHECK(to_string(ReferentialAction::set_null) == "set null");
  CHECK(to_sql(ReferentialAction::set_null) == "SET NULL");
  CHECK(to_sql(ReferentialAction::no_action) == "NO ACTION");
  for (auto action : {ReferentialAction::no_action, ReferentialAction::restrict, ReferentialAction::cascade,
                      ReferentialAction::set_null, ReferentialAction::set_default})
    CHECK(parse_referential_action(to_string(action)) == action);
}

TEST_CASE("schema: tables and columns are found by name and schema") {
  Schema schema;
  Table users;
  users.name = "users";
  users.columns.push_back(Column{"id", parse_type("integer"), false, {}, {}, true, AutoincrementKind::identity, {}, {}, {}});
  Table audit_users = users;
  audit_users.schema = "audit";
  schema.tables = {users, audit_users};
  REQUIRE(schema.find_table("users") != nullptr);
  CHECK(schema.find_table("users")->schema.empty());
  REQUIRE(schema.find_table("users", "audit") != nullptr);
  CHECK(schema.find_table("users", "audit")->schema == "audit");
  CHECK(schema.find_table("posts") == nullptr);
  CHECK(schema.find_table("users", "public") == nullptr);
  Table* table = schema.find_table("users");
  REQUIRE(table->find_column("id") != nullptr);
  table->find_column("id")->nullable = true;
  CHECK(schema.tables[0].columns[0].nullable);
  CHECK(table->find_column("missing") == nullptr);
}

TEST_CASE("schema: naming convention placeholders expand") {
  using NC = NamingConvention;
  CHECK(NC::expand("ix_%(table)s_%(columns)s", "posts", {"user_id", "title"}) == "ix_posts_user_id_title");
  CHECK(NC::expand("fk_%(table)s_%(column_0)s_%(referred_table)s", "posts", {"user_id", "x"}, "users") ==
        "fk_posts_user_id_users");
  CHECK(NC::expand("ck_%(table)s_%(name)s", "posts", {}, {}, "title_not_empty") == "ck_posts_title_not_empty");
  CHECK(NC::expand("pk_%(table)s", "users", {}) == "pk_users");
  CHECK(NC::expand("x_%(unknown)s_%(table)s", "t", {}) == "x_%(unknown)s_t");
  CHECK(NC::expand("no placeholders", "t", {"a"}) == "no placeholders");
}

TEST_CASE("schema: naming convention patterns are checked for typos") {
  using NC = NamingConvention;
  CHECK_NOTHROW(NC::check_pattern("fk_%(table)s_%(columns)s_%(referred_table)s_%(column_0)s_%(name)s"));
  CHECK_THROWS_WITH_AS(NC::check_pattern("ix_%(tabel)s"), doctest::Contains("%(tabel)s"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(NC::check_pattern("ix_%(table"), doctest::Contains("unterminated"), std::invalid_argument);
}

TEST_CASE("schema: constraint names resolve like SQLAlchemy naming conventions") {
  using NC = NamingConvention;
  const std::string ck = "ck_%(table)s_%(name)s";
  // A given name fills %(name)s, once: a name already in the convention's form is kept.
  CHECK(NC::resolve(ck, std::string("title_not_empty"), "posts", {}) == "ck_posts_title_not_empty");
  CHECK(NC::resolve(ck, std::string("ck_posts_title_not_empty"), "posts", {}) == "ck_posts_title_not_empty");
  CHECK(NC::resolve(ck, std::nullopt, "posts", {}) == std::nullopt);
  // Without %(name)s in the pattern a given name is used as it is.
  CHECK(NC::resolve("uq_%(table)s_%(columns)s", std::string("my_unique"), "t", {"a"}) == "my_unique");
  CHECK(NC::resolve("uq_%(table)s_%(columns)s", std::nullopt, "t", {"a", "b"}) == "uq_t_a_b");
  // %(name)s used twice must stand for the same text both times.
  CHECK(NC::resolve("%(name)s_%(table)s_%(name)s", std::string("x_t_x"), "t", {}) == "x_t_x");
  CHECK(NC::resolve("%(name)s_%(table)s_%(name)s", std::string("x_t_y"), "t", {}) == "x_t_y_t_x_t_y");
}

TEST_CASE("schema: convention names longer than PostgreSQL allows are shortened stably") {
  using NC = NamingConvention;
  const std::vector<std::string> columns = {"a_rather_long_column_name", "another_rather_long_column_name"};
  const auto name = NC::resolve("ix_%(table)s_%(columns)s", std::nullopt, "some_table", columns);
  REQUIRE(name.has_value());
  CHECK(name->size() == max_identifier_length);
  CHECK(name->starts_with("ix_some_table_a_rather_long_column_name_another"));
  CHECK(NC::resolve("ix_%(table)s_%(columns)s", std::nullopt, "some_table", columns) == name);
  const auto other = NC::resolve("ix_%(table)s_%(columns)s", std::nullopt, "some_table",
                                 {"a_rather_long_column_name", "another_rather_long_column_nam2"});
  CHECK(other != name);
  CHECK(other->size() == max_identifier_length);
}

// Issue 12: the cut fell inside a two-byte character of a unicode table name, and PostgreSQL
// rejected the name: invalid byte sequence for encoding "UTF8".
TEST_CASE("schema: a shortened name never cuts a UTF-8 character in two") {
  using NC = NamingConvention;
  std::string table = "x";
  for (int i = 0; i < 31; ++i) table += "\xc3\xa9";  // é: 63 bytes in all
  const auto name = NC::resolve("pk_%(table)s", std::nullopt, table, {});
  REQUIRE(name.has_value());
  CHECK(name->size() <= max_identifier_length);
  CHECK(name->starts_with("pk_x\xc3\xa9"));
  const auto index = NC::resolve("ix_%(table)s_%(columns)s", std::nullopt, "t" + table, {"c"});
  REQUIRE(index.has_value());
  CHECK(index->size() == max_identifier_length - 1);  // one byte short rather than half a character
  // Before its hash suffix the name ends in a whole character.
  const std::string kept = index->substr(0, index->size() - 9);
  CHECK(kept.ends_with("\xc3\xa9"));
}

TEST_CASE("type: integer types for autoincrement, MySQL's native ones with their attributes included") {
  using dbmig::schema::is_integer_type;
  using dbmig::schema::parse_type;
  CHECK(is_integer_type(parse_type("integer")));
  CHECK(is_integer_type(parse_type("bigint")));
  CHECK(is_integer_type(parse_type("int unsigned")));
  CHECK(is_integer_type(parse_type("bigint unsigned zerofill")));
  CHECK(is_integer_type(parse_type("tinyint")));
  CHECK(is_integer_type(parse_type("mediumint unsigned")));
  CHECK_FALSE(is_integer_type(parse_type("text")));
  CHECK_FALSE(is_integer_type(parse_type("numeric(10, 0)")));
  CHECK_FALSE(is_integer_type(parse_type("interval")));
  CHECK_FALSE(is_integer_type(parse_type("int unsigned primary")));
  CHECK_FALSE(is_integer_type(parse_type("unsigned")));
}
