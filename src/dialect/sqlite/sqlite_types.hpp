#pragma once
// Generic column types <-> SQLite declared types.
//
// SQLite stores a column's declared type as written and derives only an affinity from it, so the
// declared type is the one place the generic type survives: each generic type gets a distinct
// declared spelling that maps back to it. The table, both ways (reading is case-insensitive and
// also accepts the synonyms listed after the arrow; sizes are kept where the type has them):
//
//   integer     INTEGER       <- INT                  (only INTEGER makes a rowid alias)
//   bigint      BIGINT        <- INT8
//   smallint    SMALLINT      <- INT2
//   string(n)   VARCHAR(n)    <- CHARACTER VARYING(n), VARYING CHARACTER(n), NVARCHAR(n)
//   text        TEXT          <- CLOB
//   boolean     BOOLEAN       <- BOOL
//   float       FLOAT         <- REAL, FLOAT4         (REAL is single precision in SQL/PostgreSQL)
//   double      DOUBLE        <- DOUBLE PRECISION, FLOAT8
//   numeric     NUMERIC(p, s) <- DECIMAL(p, s)
//   date        DATE
//   time        TIME
//   datetime    DATETIME      <- TIMESTAMP, TIMESTAMP WITHOUT TIME ZONE
//   timestamptz TIMESTAMPTZ   <- TIMESTAMP WITH TIME ZONE
//   json        JSON
//   uuid        UUID          (not CHAR(36): UUID reads back unambiguously; a hyphenated UUID is never
//                              taken for a number by the NUMERIC affinity it gets)
//   binary      BLOB
//   enum(a, b)  VARCHAR(longest value) plus a column CHECK ("col" IN ('a', 'b')), see enum_check.hpp
//   native      as written (lower-cased); anything unrecognised reads back as native
#include <string>
#include <string_view>

#include "schema/type.hpp"

namespace dbmig::dialect::sqlite {

// The declared type to write for `type`; "" for a native type with no name (a typeless column).
std::string declared_type(const schema::Type& type);

// The type a declared type stands for. Never an enumeration: that needs the column's CHECK.
schema::Type type_from_declared(std::string_view declared);

}  // namespace dbmig::dialect::sqlite
