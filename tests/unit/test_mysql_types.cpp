// MySQL/MariaDB read_type: COLUMN_TYPE spellings (as MariaDB 10.11 prints them) and a model's
// native spellings to generic or canonical native types.
#include <doctest/doctest.h>

#include "dialect/mysql/mysql_types.hpp"
#include "schema/type.hpp"

using namespace dbmig;
using dialect::mysql::read_type;
using schema::TypeKind;

namespace {

std::string native_of(std::string_view spelling) {
  const schema::Type type = read_type(spelling);
  return type.kind == TypeKind::native ? type.native : "(generic " + schema::to_string(type) + ")";
}

}  // namespace

TEST_CASE("mysql read_type: spellings of generic types") {
  CHECK(read_type("int(11)").kind == TypeKind::integer);
  CHECK(read_type("int").kind == TypeKind::integer);
  CHECK(read_type("INTEGER").kind == TypeKind::integer);
  CHECK(read_type("bigint(20)").kind == TypeKind::bigint);
  CHECK(read_type("smallint(6)").kind == TypeKind::smallint);
  CHECK(read_type("tinyint(1)").kind == TypeKind::boolean);
  CHECK(read_type("bool").kind == TypeKind::boolean);
  CHECK(read_type("BOOLEAN").kind == TypeKind::boolean);
  CHECK(read_type("text").kind == TypeKind::text);
  CHECK(read_type("float").kind == TypeKind::float_);
  CHECK(read_type("float(10)").kind == TypeKind::float_);
  CHECK(read_type("float(30)").kind == TypeKind::double_);
  CHECK(read_type("double").kind == TypeKind::double_);
  CHECK(read_type("double precision").kind == TypeKind::double_);
  CHECK(read_type("real").kind == TypeKind::double_);
  CHECK(read_type("date").kind == TypeKind::date);
  CHECK(read_type("time").kind == TypeKind::time);
  CHECK(read_type("datetime").kind == TypeKind::datetime);
  CHECK(read_type("datetime(0)").kind == TypeKind::datetime);
  CHECK(read_type("timestamp").kind == TypeKind::timestamptz);
  CHECK(read_type("json").kind == TypeKind::json);
  CHECK(read_type("uuid").kind == TypeKind::uuid);
  CHECK(read_type("longblob").kind == TypeKind::binary);

  const schema::Type string = read_type("varchar(80)");
  CHECK(string.kind == TypeKind::string);
  CHECK(string.length == 80);
  CHECK(read_type("character varying(20)").length == 20);

  for (const char* spelling : {"decimal(10,2)", "numeric(10, 2)", "DEC(10,2)"}) {
    const schema::Type numeric = read_type(spelling);
    CHECK(numeric.kind == TypeKind::numeric);
    CHECK(numeric.precision == 10);
    CHECK(numeric.scale == 2);
  }
  CHECK(read_type("decimal(10)").scale == 0);
  CHECK(read_type("decimal").precision == 10);  // MariaDB's default precision
}

TEST_CASE("mysql read_type: enum values with MySQL's quoting") {
  const schema::Type type = read_type("enum('user','admin','it''s','back\\\\slash','a\\'b', 'with space')");
  REQUIRE(type.kind == TypeKind::enumeration);
  CHECK(type.enum_values == std::vector<std::string>{"user", "admin", "it's", "back\\slash", "a'b", "with space"});
  CHECK(type.enum_name.empty());
  CHECK(read_type("ENUM('a')").enum_values == std::vector<std::string>{"a"});
}

TEST_CASE("mysql read_type: native types in COLUMN_TYPE's spelling") {
  CHECK(native_of("int(10) unsigned") == "int unsigned");
  CHECK(native_of("INT UNSIGNED") == "int unsigned");
  CHECK(native_of("integer unsigned") == "int unsigned");
  CHECK(native_of("bigint(20) unsigned") == "bigint unsigned");
  CHECK(native_of("tinyint(4)") == "tinyint");
  CHECK(native_of("tinyint") == "tinyint");
  CHECK(native_of("tinyint(1) unsigned") == "tinyint(1) unsigned");
  CHECK(native_of("mediumint(9)") == "mediumint");
  CHECK(native_of("int(5) unsigned zerofill") == "int(5) unsigned zerofill");  // the width pads
  CHECK(native_of("int signed") == "(generic integer)");
  CHECK(native_of("datetime(6)") == "datetime(6)");
  CHECK(native_of("timestamp(3)") == "timestamp(3)");
  CHECK(native_of("set('r','w','x')") == "set('r','w','x')");
  CHECK(native_of("SET('r', 'w')") == "set('r','w')");
  CHECK(native_of("char(36)") == "char(36)");
  CHECK(native_of("char") == "char(1)");
  CHECK(native_of("varbinary(16)") == "varbinary(16)");
  CHECK(native_of("longtext") == "longtext");
  CHECK(native_of("mediumtext") == "mediumtext");
  CHECK(native_of("blob") == "blob");
  CHECK(native_of("point") == "point");
  CHECK(native_of("bit") == "bit(1)");
  CHECK(native_of("float(7,3)") == "float(7,3)");
  CHECK(native_of("decimal(10,2) unsigned") == "decimal(10,2) unsigned");
  CHECK(native_of("year(4)") == "year(4)");
}
