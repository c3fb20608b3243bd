// Generic types <-> SQLite declared types, both ways.
#include <doctest/doctest.h>

#include "dialect/sqlite/sqlite_types.hpp"
#include "test_sqlite_support.hpp"

using dbmig::dialect::sqlite::declared_type;
using dbmig::dialect::sqlite::type_from_declared;
using dbmig::schema::Type;
using dbmig::schema::TypeKind;
using dbmig::test::describe;
using dbmig::test::type_of;

namespace {

Type string_type(std::optional<int> length) {
  Type type = type_of(TypeKind::string);
  type.length = length;
  return type;
}

Type numeric_type(std::optional<int> precision, std::optional<int> scale) {
  Type type = type_of(TypeKind::numeric);
  type.precision = precision;
  type.scale = scale;
  return type;
}

Type native_type(std::string name) {
  Type type = type_of(TypeKind::native);
  type.native = std::move(name);
  return type;
}

struct Mapping {
  Type type;
  const char* declared;
};

}  // namespace

TEST_CASE("sqlite types: each generic type renders to its declared type and reads back equal") {
  const Mapping mappings[] = {
      {type_of(TypeKind::integer), "INTEGER"},
      {type_of(TypeKind::bigint), "BIGINT"},
      {type_of(TypeKind::smallint), "SMALLINT"},
      {string_type(80), "VARCHAR(80)"},
      {type_of(TypeKind::text), "TEXT"},
      {type_of(TypeKind::boolean), "BOOLEAN"},
      {type_of(TypeKind::float_), "FLOAT"},
      {type_of(TypeKind::double_), "DOUBLE"},
      {numeric_type(10, 2), "NUMERIC(10, 2)"},
      {numeric_type(12, std::nullopt), "NUMERIC(12)"},
      {numeric_type(std::nullopt, std::nullopt), "NUMERIC"},
      {type_of(TypeKind::date), "DATE"},
      {type_of(TypeKind::time), "TIME"},
      {type_of(TypeKind::datetime), "DATETIME"},
      {type_of(TypeKind::timestamptz), "TIMESTAMPTZ"},
      {type_of(TypeKind::json), "JSON"},
      {type_of(TypeKind::uuid), "UUID"},
      {type_of(TypeKind::binary), "BLOB"},
      {native_type("jsonb"), "jsonb"},
      {native_type("char(2)"), "char(2)"},
  };
  for (const Mapping& mapping : mappings) {
    CAPTURE(mapping.declared);
    CHECK(declared_type(mapping.type) == mapping.declared);
    CHECK(describe(type_from_declared(mapping.declared)) == describe(mapping.type));
    CHECK(type_from_declared(mapping.declared) == mapping.type);
  }
}

TEST_CASE("sqlite types: an enum is stored as VARCHAR as long as its longest value") {
  Type role = type_of(TypeKind::enumeration);
  role.enum_values = {"user", "admin", "owner"};
  CHECK(declared_type(role) == "VARCHAR(5)");
  role.enum_values = {"é", "ü"};  // characters, not bytes
  CHECK(declared_type(role) == "VARCHAR(1)");
}

TEST_CASE("sqlite types: reading is case-insensitive, and sizes are read whatever their spacing") {
  const Mapping spellings[] = {
      {type_of(TypeKind::integer), "Integer"},
      {string_type(20), "varchar(20)"},
      {string_type(20), "VARCHAR( 20 )"},
      {numeric_type(10, 2), "numeric( 10 ,2 )"},
      {type_of(TypeKind::datetime), "datetime"},
      {type_of(TypeKind::binary), "blob"},
  };
  for (const Mapping& mapping : spellings) {
    CAPTURE(mapping.declared);
    CHECK(describe(type_from_declared(mapping.declared)) == describe(mapping.type));
  }
}

// Found by the round-trip cases: TIMESTAMP came back as DATETIME, REAL as FLOAT, INT as INTEGER
// (which made INT PRIMARY KEY a rowid alias), so a rebuild or an inspected model changed them.
TEST_CASE("sqlite types: a synonym of a generic type stays the native type it was declared as") {
  const Mapping natives[] = {
      {native_type("int"), "INT"},
      {native_type("int8"), "INT8"},
      {native_type("nvarchar(20)"), "nvarchar( 20 )"},
      {native_type("character varying(20)"), "CHARACTER VARYING(20)"},
      {native_type("clob"), "clob"},
      {native_type("bool"), "bool"},
      {native_type("real"), "REAL"},
      {native_type("double precision"), "double precision"},
      {native_type("decimal(10, 2)"), "decimal(10,2)"},
      {native_type("timestamp"), "TIMESTAMP"},
      {native_type("timestamp with time zone"), "timestamp with time zone"},
      {native_type("varchar(0)"), "VARCHAR(0)"},         // string(0) is no model type
      {native_type("numeric(2, 5)"), "NUMERIC(2, 5)"},   // nor a scale above the precision
  };
  for (const Mapping& mapping : natives) {
    CAPTURE(mapping.declared);
    CHECK(describe(type_from_declared(mapping.declared)) == describe(mapping.type));
  }
}

TEST_CASE("sqlite types: anything else is a native type, lower-cased with spacing normalised") {
  CHECK(type_from_declared("TINYINT") == native_type("tinyint"));
  CHECK(type_from_declared("CHARACTER(10)") == native_type("character(10)"));
  CHECK(type_from_declared("VARCHAR(10) BINARY") == native_type("varchar(10) binary"));
  CHECK(type_from_declared("Geometry( Point )") == native_type("geometry(point)"));
  CHECK(type_from_declared("INTEGER(11)") == native_type("integer(11)"));  // integers take no size
  CHECK(type_from_declared("VARCHAR(1, 2)") == native_type("varchar(1, 2)"));
  CHECK(type_from_declared("varchar") == native_type("varchar"));  // no length: no string(n) (was string(0))
  CHECK(type_from_declared("NVARCHAR") == native_type("nvarchar"));
  CHECK(type_from_declared("") == native_type(""));  // a column declared without a type
  CHECK(declared_type(native_type("")).empty());
}
