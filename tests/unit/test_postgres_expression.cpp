// Canonical expressions: what a model writes and what PostgreSQL prints back compare equal.
#include <doctest/doctest.h>

#include "dialect/postgres/postgres_expression.hpp"

using dbmig::dialect::postgres::canonical_default;
using dbmig::dialect::postgres::canonical_expression;
using dbmig::dialect::postgres::is_sequence_default;

namespace {

// Both spellings reach the same canonical text, which is `expected`.
void check_same(std::string_view model, std::string_view catalog, std::string_view expected) {
  CAPTURE(model);
  CAPTURE(catalog);
  CHECK(canonical_expression(model) == expected);
  CHECK(canonical_expression(catalog) == expected);
}

}  // namespace

TEST_CASE("postgres expressions: defaults as PostgreSQL prints them (pg_get_expr, pretty)") {
  CHECK(canonical_default("'x'::character varying") == "'x'");
  CHECK(canonical_default("'user'::posts_role") == "'user'");
  CHECK(canonical_default("'-1'::integer") == "-1");
  CHECK(canonical_default("-1") == "-1");
  CHECK(canonical_default("- 1") == "-1");
  CHECK(canonical_default("'-1.5'::numeric") == "-1.5");
  CHECK(canonical_default("0") == "0");
  CHECK(canonical_default("0.0") == "0.0");  // written values are kept: 0 and 0.0 stay different
  CHECK(canonical_default("'2020-01-01'::date") == "'2020-01-01'");
  CHECK(canonical_default("'{}'::jsonb") == "'{}'");
  CHECK(canonical_default("false") == "false");
  CHECK(canonical_default("FALSE") == "false");
  CHECK(canonical_default("1 + 2") == "1 + 2");
  CHECK(canonical_default("(1+2)") == "1 + 2");
  CHECK(canonical_default("(0)") == "0");
  CHECK(canonical_default("'it''s'::text") == "'it''s'");
  CHECK(canonical_default("'1 day'::interval") == "'1 day'");
  CHECK(canonical_default("interval '1 day'") == "'1 day'");
  CHECK(canonical_default("gen_random_uuid()") == "gen_random_uuid()");
}

TEST_CASE("postgres expressions: now() is CURRENT_TIMESTAMP; NULL is no default") {
  CHECK(canonical_default("CURRENT_TIMESTAMP") == "CURRENT_TIMESTAMP");
  CHECK(canonical_default("current_timestamp") == "CURRENT_TIMESTAMP");
  CHECK(canonical_default("now()") == "CURRENT_TIMESTAMP");
  CHECK(canonical_default("NOW( )") == "CURRENT_TIMESTAMP");
  CHECK(canonical_default("transaction_timestamp()") == "CURRENT_TIMESTAMP");
  CHECK(canonical_default("now() + '1 day'::interval") == "CURRENT_TIMESTAMP + '1 day'");
  CHECK(canonical_default("statement_timestamp()") == "statement_timestamp()");  // a different value
  CHECK(canonical_default("NULL") == std::nullopt);
  CHECK(canonical_default("NULL::character varying") == std::nullopt);
  CHECK(canonical_default("(null)") == std::nullopt);
}

TEST_CASE("postgres expressions: check constraints and index expressions") {
  check_same("length(title) > 0", "length(title::text) > 0", "length(title) > 0");
  check_same("( LENGTH( Title )  >  0 )", "length((title)::text) > 0", "length(title) > 0");
  check_same("st in ('a', 'b')", "st::text = ANY (ARRAY['a'::character varying, 'b'::character varying]::text[])",
             "st IN ('a', 'b')");
  check_same("st NOT IN ('a','b')", "st::text <> ALL (ARRAY['a'::text, 'b'::text])", "st NOT IN ('a', 'b')");
  check_same("i > 0 and (e < 5 or e > 10)", "i > 0 AND (e < 5 OR e > 10)", "i > 0 AND (e < 5 OR e > 10)");
  check_same("title like 'a%'", "title::text ~~ 'a%'::text", "title LIKE 'a%'");
  check_same("title not ilike 'a%'", "title::text !~~* 'a%'::text", "title NOT ILIKE 'a%'");
  check_same("a != b", "a <> b", "a <> b");
  check_same("discount BETWEEN 0 AND 100", "discount >= 0 AND discount <= 100", "discount >= 0 AND discount <= 100");
  check_same("a OR d between -1 and (5)", "a OR d >= '-1'::integer AND d <= 5", "a OR d >= -1 AND d <= 5");
  check_same("price >= 0", "price >= 0::numeric", "price >= 0");
  check_same("lower(title)", "lower(title::text)", "lower(title)");
  check_same("title IS NOT NULL and i > 0", "title IS NOT NULL AND i > 0", "title IS NOT NULL AND i > 0");
  check_same("\"Title\" <> ''", "\"Title\"::text <> ''::text", "\"Title\" <> ''");
  check_same("\"title\" <> ''", "title::text <> ''::text", "title <> ''");
  check_same("\"user\" > 0", "\"user\" > 0", "\"user\" > 0");
  // Literals are not reinterpreted: a model compares equal when it writes them as PostgreSQL does.
  CHECK(canonical_expression("created_at > '2020-01-01'") !=
        canonical_expression("created_at > '2020-01-01 00:00:00'::timestamp without time zone"));
  check_same("coalesce(a, 0) > -1", "COALESCE(a, 0) > '-1'::integer", "coalesce(a, 0) > -1");
  check_same("a = any (array[1, 2] || b)", "a = ANY (ARRAY[1, 2] || b)", "a = ANY (ARRAY[1, 2] || b)");
}

// Issue 12: normalisation dropped the quotes of any lower-case name outside a short list of
// reserved words, so a check on "left" or a partial index on "cast" was written into revisions
// bare (left > 0: a syntax error). Now the quotes go exactly when PostgreSQL prints the name bare.
TEST_CASE("postgres expressions: a quoted name keeps its quotes when PostgreSQL prints them") {
  check_same("\"order\" > 0", "\"order\" > 0", "\"order\" > 0");
  check_same("\"left\" > 0", "\"left\" > 0", "\"left\" > 0");          // can be a function name
  check_same("\"cast\" IS NOT NULL", "\"cast\" IS NOT NULL", "\"cast\" IS NOT NULL");
  check_same("\"between\" > 0", "\"between\" > 0", "\"between\" > 0");  // cannot be a function name
  check_same("lower(\"limit\")", "lower(\"limit\"::text)", "lower(\"limit\")");
  check_same("\"system_user\" <> ''", "\"system_user\" <> ''::text", "\"system_user\" <> ''");  // reserved in 16
  // Unreserved keywords are printed bare, so a quoted one compares as the bare word.
  check_same("\"key\" > 0", "key > 0", "key > 0");
  check_same("\"at\" > 0", "at > 0", "AT > 0");
  // Not plain: kept quoted, doubled quotes and all.
  check_same("\"na\xc3\xafve\" > 0", "\"na\xc3\xafve\" > 0", "\"na\xc3\xafve\" > 0");
  check_same("\"a\"\"b\" > 0", "\"a\"\"b\" > 0", "\"a\"\"b\" > 0");
}

TEST_CASE("postgres expressions: serial defaults") {
  CHECK(is_sequence_default("nextval('users_id_seq'::regclass)"));
  CHECK(is_sequence_default("nextval('\"Odd\".\"users_id_seq\"'::regclass)"));
  CHECK_FALSE(is_sequence_default("0"));
  CHECK_FALSE(is_sequence_default("nextval('a') + 1"));
}

TEST_CASE("postgres expressions: a quoted constant default takes its column's type") {
  using dbmig::dialect::postgres::typed_default;
  dbmig::schema::Type integer;
  integer.kind = dbmig::schema::TypeKind::integer;
  dbmig::schema::Type boolean;
  boolean.kind = dbmig::schema::TypeKind::boolean;
  dbmig::schema::Type text;
  text.kind = dbmig::schema::TypeKind::text;
  CHECK(typed_default("'0'", integer) == "0");
  CHECK(typed_default("'-3'", integer) == "-3");
  CHECK(typed_default("'abc'", integer) == "'abc'");
  CHECK(typed_default("'yes'", boolean) == "true");
  CHECK(typed_default("'F'", boolean) == "false");
  CHECK(typed_default("'0'", text) == "'0'");
  CHECK(typed_default("1 + 2", integer) == "1 + 2");
}
