// The scanners over SQLite's stored CREATE TABLE / CREATE INDEX text, and expression normalisation.
#include <doctest/doctest.h>

#include "dialect/sqlite/create_index_parser.hpp"
#include "dialect/sqlite/create_table_parser.hpp"
#include "dialect/sqlite/enum_check.hpp"
#include "dialect/sqlite/sqlite_expression.hpp"
#include "dialect/common/sql_tokens.hpp"

using namespace dbmig::dialect;
using namespace dbmig::dialect::sqlite;

namespace {

ParsedConstraint constraint(ConstraintKind kind, std::string name, std::vector<std::string> columns,
                            std::string column = {}) {
  ParsedConstraint result;
  result.kind = kind;
  result.name = std::move(name);
  result.columns = std::move(columns);
  result.column = std::move(column);
  return result;
}

ParsedConstraint check(std::string name, std::string expression, std::string column = {}) {
  ParsedConstraint result;
  result.name = std::move(name);
  result.expression = std::move(expression);
  result.column = std::move(column);
  return result;
}

ParsedConstraint foreign_key(std::string name, std::vector<std::string> columns, std::string referred,
                             std::string column = {}) {
  ParsedConstraint result = constraint(ConstraintKind::foreign_key, std::move(name), std::move(columns), std::move(column));
  result.referred_table = std::move(referred);
  return result;
}

}  // namespace

TEST_CASE("sqlite tokens: strings, quoted identifiers and comments are single tokens or dropped") {
  const auto tokens = tokenize("SELECT 'it''s', \"a \"\"b\"\", c\", [x y], `z` -- comment (\n /* ( */ 1.5e3");
  REQUIRE(tokens.size() == 9);
  CHECK(tokens[1].kind == TokenKind::string);
  CHECK(tokens[1].value() == "it's");
  CHECK(tokens[3].kind == TokenKind::quoted_identifier);
  CHECK(tokens[3].value() == "a \"b\", c");
  CHECK(tokens[5].value() == "x y");
  CHECK(tokens[7].value() == "z");
  CHECK(tokens[6].is(','));
  CHECK(tokens[8].kind == TokenKind::number);
  CHECK(tokens[8].text == "1.5e3");
}

TEST_CASE("sqlite tokens: unterminated strings and comments run to the end instead of failing") {
  CHECK(tokenize("'abc").size() == 1);
  CHECK(tokenize("\"abc").front().value() == "abc");
  CHECK(tokenize("a /* never closed").size() == 1);
}

TEST_CASE("sqlite create table parser: names and checks at table and column level") {
  const ParsedCreateTable parsed = parse_create_table(R"(CREATE TABLE "posts" (
  "id" INTEGER NOT NULL,
  "title" VARCHAR(120) NOT NULL CONSTRAINT "title_set" CHECK (length("title") > 0),
  "user_id" INTEGER NOT NULL CONSTRAINT fk_inline REFERENCES users (id) ON DELETE SET NULL ON UPDATE CASCADE,
  "role" VARCHAR(5) DEFAULT 'user' CHECK ("role" IN ('user', 'admin')),
  CONSTRAINT "pk_posts" PRIMARY KEY ("id"),
  CONSTRAINT "uq_posts_user_id_title" UNIQUE ("user_id", "title"),
  CONSTRAINT "fk_posts_user_id_users" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
  CONSTRAINT "ck_posts_title_not_empty" CHECK (length(title) > 0)
))");
  CHECK(parsed.table == "posts");
  CHECK(parsed.columns == std::vector<std::string>{"id", "title", "user_id", "role"});
  const std::vector<ParsedConstraint> expected{
      check("title_set", "length(\"title\") > 0", "title"),
      foreign_key("fk_inline", {"user_id"}, "users", "user_id"),
      check("", "\"role\" IN ('user', 'admin')", "role"),
      constraint(ConstraintKind::primary_key, "pk_posts", {"id"}),
      constraint(ConstraintKind::unique, "uq_posts_user_id_title", {"user_id", "title"}),
      foreign_key("fk_posts_user_id_users", {"user_id"}, "users"),
      check("ck_posts_title_not_empty", "length(title) > 0"),
  };
  REQUIRE(parsed.constraints.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(parsed.constraints[i] == expected[i]);
  }
}

TEST_CASE("sqlite create table parser: DEFERRABLE and INITIALLY DEFERRED on foreign keys") {
  const ParsedCreateTable parsed = parse_create_table(R"(CREATE TABLE c (
  a INTEGER REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED,
  b INTEGER REFERENCES p (id) ON DELETE CASCADE DEFERRABLE,
  d INTEGER REFERENCES p (id) NOT DEFERRABLE INITIALLY DEFERRED,
  e INTEGER,
  CONSTRAINT fk_e FOREIGN KEY (e) REFERENCES p (id) DEFERRABLE INITIALLY IMMEDIATE
))");
  REQUIRE(parsed.constraints.size() == 4);
  CHECK(parsed.constraints[0].deferrable);
  CHECK(parsed.constraints[0].initially_deferred);
  CHECK(parsed.constraints[1].deferrable);
  CHECK_FALSE(parsed.constraints[1].initially_deferred);
  CHECK_FALSE(parsed.constraints[2].deferrable);
  CHECK_FALSE(parsed.constraints[2].initially_deferred);
  CHECK(parsed.constraints[3].name == "fk_e");
  CHECK(parsed.constraints[3].deferrable);
  CHECK_FALSE(parsed.constraints[3].initially_deferred);
}

TEST_CASE("sqlite create table parser: commas and parentheses inside names, strings, defaults and comments") {
  const ParsedCreateTable parsed = parse_create_table(R"(CREATE TABLE IF NOT EXISTS [odd, table] (
  "a, b" TEXT DEFAULT 'x, (y' NOT NULL, -- a comment with a comma, and a ( paren
  `c)` INTEGER DEFAULT (1 + (2 * 3)) /* CONSTRAINT fake CHECK (0) */,
  'd' NUMERIC(10, 2) CONSTRAINT "weird ""name""" CHECK (d > 0 AND 'a,b' <> ')'),
  CONSTRAINT pk PRIMARY KEY ("a, b" COLLATE nocase DESC, `c)`)
) WITHOUT ROWID)");
  CHECK(parsed.table == "odd, table");
  CHECK(parsed.columns == std::vector<std::string>{"a, b", "c)", "d"});
  REQUIRE(parsed.constraints.size() == 2);
  CHECK(parsed.constraints[0] == check("weird \"name\"", "d > 0 AND 'a,b' <> ')'", "d"));
  CHECK(parsed.constraints[1] == constraint(ConstraintKind::primary_key, "pk", {"a, b", "c)"}));
}

TEST_CASE("sqlite create table parser: a constraint name applies only to the clause right after it") {
  const ParsedCreateTable parsed = parse_create_table(
      "CREATE TABLE t (x INT CONSTRAINT nn NOT NULL UNIQUE CONSTRAINT ck CHECK (x > 1) "
      "REFERENCES p ON DELETE SET DEFAULT MATCH SIMPLE DEFERRABLE INITIALLY DEFERRED CONSTRAINT pk PRIMARY KEY)");
  ParsedConstraint deferred_key = foreign_key("", {"x"}, "p", "x");
  deferred_key.deferrable = true;
  deferred_key.initially_deferred = true;
  const std::vector<ParsedConstraint> expected{
      constraint(ConstraintKind::unique, "", {"x"}, "x"),
      check("ck", "x > 1", "x"),
      deferred_key,
      constraint(ConstraintKind::primary_key, "pk", {"x"}, "x"),
  };
  REQUIRE(parsed.constraints.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(parsed.constraints[i] == expected[i]);
  }
}

TEST_CASE("sqlite create table parser: unnamed table constraints and a table without a body") {
  const ParsedCreateTable parsed =
      parse_create_table("create table t(a, b, primary key(a), unique(b, a), check(a<>b), foreign key(b) references u)");
  REQUIRE(parsed.constraints.size() == 4);
  CHECK(parsed.constraints[0] == constraint(ConstraintKind::primary_key, "", {"a"}));
  CHECK(parsed.constraints[1] == constraint(ConstraintKind::unique, "", {"b", "a"}));
  CHECK(parsed.constraints[2] == check("", "a<>b"));
  CHECK(parsed.constraints[3] == foreign_key("", {"b"}, "u"));

  CHECK(parse_create_table("CREATE TABLE copy AS SELECT 1").constraints.empty());
  CHECK(parse_create_table("").columns.empty());
}

TEST_CASE("sqlite create index parser: columns, expressions and the partial-index predicate") {
  const ParsedIndex parsed =
      parse_create_index("CREATE UNIQUE INDEX \"ix on\" ON \"t\" (\"a\" COLLATE nocase DESC, lower(b), (c + 1) ASC) "
                         "WHERE b IS NOT NULL AND c > 0;");
  CHECK(parsed.terms == std::vector<std::string>{"\"a\"", "lower(b)", "(c + 1)"});
  CHECK(parsed.collations == std::vector<std::optional<std::string>>{"nocase", std::nullopt, std::nullopt});
  CHECK(parse_create_index("CREATE INDEX i ON t (lower(a) COLLATE \"NOCASE\")").collations ==
        std::vector<std::optional<std::string>>{"NOCASE"});  // quotes removed
  REQUIRE(parsed.where);
  CHECK(*parsed.where == "b IS NOT NULL AND c > 0");

  CHECK_FALSE(parse_create_index("CREATE INDEX i ON t (a)").where);
  CHECK(parse_create_index("").terms.empty());
}

TEST_CASE("sqlite sql expressions: spacing and wrapping parentheses normalised, literals untouched") {
  CHECK(normalize_expression("( length( title )  >  0 )") == "length(title) > 0");
  CHECK(normalize_expression("((1 + 2))") == "1 + 2");
  CHECK(normalize_expression("(a) + (b)") == "(a) + (b)");
  CHECK(normalize_expression("f(a , b)") == "f(a, b)");
  CHECK(normalize_expression("x IN ('a  b',\n  'c')") == "x IN ('a  b', 'c')");
  CHECK(normalize_expression("a /* note */ > -- why\n 1") == "a > 1");
  CHECK(strip_outer_parentheses(" (('x')) ") == "'x'");
}

TEST_CASE("sqlite enum checks: written and recognised, and only that exact form") {
  CHECK(enum_check_expression("role", {"user", "it's"}) == "\"role\" IN ('user', 'it''s')");
  CHECK(enum_values_from_check("role", "\"role\" IN ('user', 'it''s')") == std::vector<std::string>{"user", "it's"});
  CHECK(enum_values_from_check("Role", "(role in ('a','b'))") == std::vector<std::string>{"a", "b"});
  CHECK_FALSE(enum_values_from_check("role", "\"other\" IN ('a')"));
  CHECK_FALSE(enum_values_from_check("role", "role IN ('a', 1)"));
  CHECK_FALSE(enum_values_from_check("role", "role IN ('a') OR role IS NULL"));
  CHECK_FALSE(enum_values_from_check("role", "role NOT IN ('a')"));
}

TEST_CASE("sqlite create table: COLLATE, AUTOINCREMENT and generated columns per column") {
  const ParsedCreateTable parsed = parse_create_table(R"(CREATE TABLE "t" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_t" PRIMARY KEY AUTOINCREMENT,
    email TEXT COLLATE "NOCASE" NOT NULL,
    nick TEXT NOT NULL collate rtrim,
    area REAL AS (w * h),
    total INTEGER GENERATED ALWAYS AS (price * (qty + 1)) STORED NOT NULL,
    virt GENERATED ALWAYS AS ('a' || "as") VIRTUAL,
    note TEXT DEFAULT ('as (x)') CHECK (note <> 'COLLATE')
  ))");
  REQUIRE(parsed.clauses.size() == 7);
  CHECK(parsed.clauses[0].autoincrement);
  CHECK(parsed.clauses[0].collation.empty());
  CHECK(parsed.clauses[1].collation == "NOCASE");
  CHECK(parsed.clauses[2].collation == "rtrim");
  CHECK(parsed.clauses[3].generated);
  CHECK(parsed.clauses[3].generated_expression == "w * h");
  CHECK_FALSE(parsed.clauses[3].stored);
  CHECK(parsed.clauses[4].generated);
  CHECK(parsed.clauses[4].generated_expression == "price * (qty + 1)");
  CHECK(parsed.clauses[4].stored);
  CHECK(parsed.clauses[5].generated_expression == "'a' || \"as\"");
  CHECK_FALSE(parsed.clauses[5].stored);
  // A default or check holding the words is neither a generated column nor a collation.
  CHECK(parsed.clauses[6] == ParsedColumnClauses{});
  CHECK_FALSE(parsed.strict);
  CHECK_FALSE(parsed.without_rowid);
}

TEST_CASE("sqlite create table: STRICT and WITHOUT ROWID after the body, in any order and case") {
  CHECK(parse_create_table("CREATE TABLE t (a INTEGER PRIMARY KEY) STRICT").strict);
  const ParsedCreateTable both = parse_create_table("create table t (a text primary key) without rowid, strict");
  CHECK(both.strict);
  CHECK(both.without_rowid);
  // Names inside the body are not options.
  const ParsedCreateTable names = parse_create_table("CREATE TABLE strict (\"strict\" INTEGER, without TEXT, rowid_x TEXT)");
  CHECK_FALSE(names.strict);
  CHECK_FALSE(names.without_rowid);
}
