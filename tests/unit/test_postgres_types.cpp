// PostgreSQL type spellings -> the schema model's types, both format_type() output and the short
// forms a model may write.
#include <doctest/doctest.h>

#include "dialect/postgres/postgres_types.hpp"
#include "schema/type.hpp"

using namespace dbmig;
using dialect::postgres::read_type;
using schema::TypeKind;

namespace {

// The model spelling of what a PostgreSQL spelling reads as.
std::string generic(std::string_view spelling) { return schema::to_string(read_type(spelling).type); }

std::string native(std::string_view spelling) {
  const schema::Type type = read_type(spelling).type;
  return type.kind == TypeKind::native ? type.native : "(generic " + schema::to_string(type) + ")";
}

}  // namespace

TEST_CASE("postgres types: format_type() spellings read as generic types") {
  CHECK(generic("integer") == "integer");
  CHECK(generic("bigint") == "bigint");
  CHECK(generic("smallint") == "smallint");
  CHECK(generic("character varying(80)") == "string(80)");
  // Without a length it is no string(n) (it was read as one and written string(0), which no
  // models file may say): the native type, spelled as format_type() does, `varchar` included.
  CHECK(read_type("character varying").type.kind == TypeKind::native);
  CHECK(native("character varying") == "character varying");
  CHECK(native("varchar") == "character varying");
  CHECK(generic("text") == "text");
  CHECK(generic("boolean") == "boolean");
  CHECK(generic("real") == "float");
  CHECK(generic("double precision") == "double");
  CHECK(generic("numeric(10,2)") == "numeric(10, 2)");
  CHECK(generic("numeric") == "numeric");
  CHECK(generic("date") == "date");
  CHECK(generic("time without time zone") == "time");
  CHECK(generic("timestamp without time zone") == "datetime");
  CHECK(generic("timestamp with time zone") == "timestamptz");
  CHECK(generic("json") == "json");
  CHECK(generic("uuid") == "uuid");
  CHECK(generic("bytea") == "binary");
}

TEST_CASE("postgres types: the short spellings a model may write") {
  CHECK(generic("int4") == "integer");
  CHECK(generic("INT") == "integer");
  CHECK(generic("int8") == "bigint");
  CHECK(generic("int2") == "smallint");
  CHECK(generic("varchar(20)") == "string(20)");
  CHECK(generic("Character  Varying ( 20 )") == "string(20)");
  CHECK(generic("bool") == "boolean");
  CHECK(generic("float4") == "float");
  CHECK(generic("float(10)") == "float");
  CHECK(generic("float8") == "double");
  CHECK(generic("float") == "double");
  CHECK(generic("decimal(8, 3)") == "numeric(8, 3)");
  CHECK(generic("numeric(8)") == "numeric(8, 0)");  // PostgreSQL keeps numeric(8) as numeric(8,0)
  CHECK(generic("timestamp") == "datetime");
  CHECK(generic("timestamptz") == "timestamptz");
  CHECK(generic("time") == "time");
}

TEST_CASE("postgres types: serial pseudo-types are integers that autoincrement") {
  CHECK(read_type("serial").serial);
  CHECK(generic("serial") == "integer");
  CHECK(generic("bigserial") == "bigint");
  CHECK(generic("serial8") == "bigint");
  CHECK(generic("smallserial") == "smallint");
  CHECK_FALSE(read_type("integer").serial);
}

TEST_CASE("postgres types: native types take format_type()'s spelling") {
  CHECK(native("jsonb") == "jsonb");
  CHECK(native("INET") == "inet");
  CHECK(native("char(10)") == "character(10)");
  CHECK(native("character(10)") == "character(10)");
  CHECK(native("char") == "character(1)");
  CHECK(native("timestamp(3)") == "timestamp(3) without time zone");
  CHECK(native("timestamp(3) without time zone") == "timestamp(3) without time zone");
  CHECK(native("timestamptz(6)") == "timestamp(6) with time zone");
  CHECK(native("timetz") == "time with time zone");
  CHECK(native("int[]") == "integer[]");
  CHECK(native("varchar(20)[][]") == "character varying(20)[][]");
  CHECK(native("integer[3]") == "integer[]");
  CHECK(native("varbit(4)") == "bit varying(4)");
  CHECK(native("tsvector") == "tsvector");
  CHECK(native("public.citext") == "public.citext");  // qualified: the user's own, kept as written
}

TEST_CASE("postgres types: the quoted one-byte \"char\" reads as pg_catalog.char, a name models can hold") {
  CHECK(native("\"char\"") == "pg_catalog.char");
  CHECK(native("\"char\"[]") == "pg_catalog.char[]");
  CHECK(native("pg_catalog.char") == "pg_catalog.char");  // the model's spelling compares equal
  CHECK(schema::parse_type("pg_catalog.char").native == "pg_catalog.char");
  CHECK(native("character") == "character(1)");  // bare char stays character(1)
}
