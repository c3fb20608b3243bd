#pragma once
// Generic column types <-> PostgreSQL types.
//
// Written (type_sql) and read back (read_type, from format_type() or a model's native spelling):
//
//   integer     integer            <- int, int4            bigint   bigint   <- int8
//   smallint    smallint           <- int2                 text     text
//   string(n)   varchar(n)         <- character varying(n), char varying(n)
//   boolean     boolean            <- bool
//   float       real               <- float4, float(1..24)
//   double      double precision   <- float8, float, float(25..53)
//   numeric     numeric(p, s)      <- decimal(p, s); numeric(p) is numeric(p, 0), as PostgreSQL keeps it
//   date        date               time        time        <- time without time zone
//   datetime    timestamp          <- timestamp without time zone
//   timestamptz timestamptz        <- timestamp with time zone
//   json        json               uuid        uuid
//   binary      bytea
//   enum(a, b)  a native enum type of its own, see enum_types.hpp
//   native      as written; read back in format_type()'s spelling, so that a model may write the
//               short forms: char(10) is character(10), timestamp(3) is "timestamp(3) without time
//               zone", int[] is integer[], timetz is "time with time zone", varbit is "bit varying".
//
// serial, bigserial and smallserial (and serial2/4/8) read as integer, bigint and smallint with
// autoincrement: serial: PostgreSQL keeps no serial type, only a column default taking the next
// value of a sequence the column owns, and dbmig models that as autoincrement: serial.
// The one-byte "char", which format_type() prints quoted, reads as pg_catalog.char.
#include <string>
#include <string_view>

#include "schema/type.hpp"

namespace dbmig::dialect::postgres {

// The PostgreSQL type for a generic or native type. An enumeration has no spelling of its own
// here: its type is named after its table and column (enum_types.hpp).
std::string type_sql(const schema::Type& type);

struct ReadType {
  schema::Type type;
  bool serial = false;  // the spelling was one of the serial pseudo-types
};

// The type a PostgreSQL type name stands for (case-insensitive, as format_type() prints it or as
// a model writes a native type): a generic type where it is a spelling of one, else a native type
// in format_type()'s canonical spelling. Never an enumeration: that needs the catalog (pg_enum).
ReadType read_type(std::string_view spelling);

}  // namespace dbmig::dialect::postgres
