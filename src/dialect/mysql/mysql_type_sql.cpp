// Generic types as MySQL/MariaDB spell them (the mapping is in mysql_types.hpp). Upper-case, as
// the other dialects write types; the server reports them lower-case, which read_type accepts.
#include <string>

#include "dialect/mysql/mysql_quoting.hpp"
#include "dialect/mysql/mysql_types.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace dbmig::dialect::mysql {

namespace {

using schema::TypeKind;

// ENUM('a','b'): MySQL's ENUM is a column type with its values in it, so a named enum type
// (which MySQL has no notion of) is written the same way as an inline one.
std::string enum_sql(const std::vector<std::string>& values) {
  std::vector<std::string> literals;
  literals.reserve(values.size());
  for (const std::string& value : values) literals.push_back(quote_string(value));
  return "ENUM(" + util::join(literals, ",") + ")";
}

}  // namespace

std::string type_sql(const schema::Type& type) {
  switch (type.kind) {
    case TypeKind::integer: return "INT";
    case TypeKind::bigint: return "BIGINT";
    case TypeKind::smallint: return "SMALLINT";
    case TypeKind::string:
      if (!type.length)
        throw usage_error("MySQL has no VARCHAR without a length", std::nullopt,
                          "give the column a length (string(n)), or use text");
      return "VARCHAR(" + std::to_string(*type.length) + ")";
    case TypeKind::text: return "TEXT";
    // BOOLEAN is only an alias the server stores and reports as TINYINT(1): write what reads back.
    case TypeKind::boolean: return "TINYINT(1)";
    case TypeKind::float_: return "FLOAT";
    case TypeKind::double_: return "DOUBLE";
    case TypeKind::numeric:
      // A bare DECIMAL is DECIMAL(10,0) in MySQL: fractions would be rounded away and large
      // values refused. numeric without a precision means "any number", so the widest there is.
      if (!type.precision) return "DECIMAL(65,30)";
      return "DECIMAL(" + std::to_string(*type.precision) + "," + std::to_string(type.scale.value_or(0)) + ")";
    case TypeKind::date: return "DATE";
    case TypeKind::time: return "TIME";
    case TypeKind::datetime: return "DATETIME";
    // TIMESTAMP is kept in UTC and shown in the session's time zone: MySQL's timestamptz.
    case TypeKind::timestamptz: return "TIMESTAMP";
    // On MariaDB an alias of LONGTEXT with a json_valid() check; a real type on MySQL.
    case TypeKind::json: return "JSON";
    // MariaDB 10.7+ only (MySQL has no UUID type): older servers refuse the column.
    case TypeKind::uuid: return "UUID";
    case TypeKind::binary: return "LONGBLOB";
    case TypeKind::enumeration: return enum_sql(type.enum_values);
    case TypeKind::native:
      if (type.native.empty())
        throw usage_error("MySQL has no untyped columns", std::nullopt,
                          "give the column a type: `untyped` is for SQLite columns declared without one");
      return type.native;
  }
  throw std::logic_error("unknown type kind");
}

}  // namespace dbmig::dialect::mysql
