#pragma once
// Generic column types <-> MySQL/MariaDB types.
//
// Written (type_sql) and read back (read_type, from information_schema.COLUMNS.COLUMN_TYPE or a
// model's native spelling):
//
//   integer     int                <- int(11), integer, mediumint is native
//   bigint      bigint             <- bigint(20)          smallint  smallint <- smallint(6)
//   string(n)   varchar(n)         text      text
//   boolean     tinyint(1)         <- bool, boolean (MariaDB stores both as tinyint(1))
//   float       float              double    double       <- double precision, real
//   numeric     decimal(p, s)      <- numeric(p, s), decimal(p) is decimal(p, 0)
//   date        date               time      time
//   datetime    datetime           timestamptz  timestamp (MySQL's TIMESTAMP is stored in UTC)
//   json        json (MariaDB: longtext with a json_valid check, read back as json)
//   uuid        uuid on MariaDB 10.7+, else char(36)
//   binary      longblob
//   enum(a, b)  enum('a','b'), inline: MySQL's ENUM is a column type, not a named type
//   native      as written, in COLUMN_TYPE's spelling (int(10) unsigned is "int unsigned",
//               datetime(6), set('a','b'), mediumtext, varbinary(16), ...)
#include <string>
#include <string_view>

#include "schema/type.hpp"

namespace dbmig::dialect::mysql {

// The MySQL/MariaDB type for a generic or native type (an enumeration as ENUM('a','b')).
std::string type_sql(const schema::Type& type);

// The type a MySQL/MariaDB type name stands for (case-insensitive, as COLUMN_TYPE prints it or as
// a model writes a native type): a generic type where it is a spelling of one, else a native type
// in COLUMN_TYPE's canonical spelling (display widths of integer types dropped).
schema::Type read_type(std::string_view spelling);

}  // namespace dbmig::dialect::mysql
