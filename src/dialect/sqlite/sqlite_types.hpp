#pragma once
// Generic column types <-> SQLite declared types.
//
// SQLite stores a column's declared type as written and derives only an affinity from it, so the
// declared type is the one place the generic type survives: each generic type gets a distinct
// declared spelling that maps back to it, and only that spelling does (case-insensitively, sizes
// kept where the type has them). Any other declared type stays the native type it was declared
// as, so that a table read back and re-created (inspect, a rebuild) declares what it declared:
//
//   integer     INTEGER       (INT stays native `int`: only INTEGER PRIMARY KEY is a rowid alias)
//   bigint      BIGINT
//   smallint    SMALLINT
//   string(n)   VARCHAR(n)    (VARCHAR without a length stays native `varchar`)
//   text        TEXT
//   boolean     BOOLEAN       (bool stays native `bool`, as Django declares it)
//   float       FLOAT         (REAL stays native `real`)
//   double      DOUBLE        (DOUBLE PRECISION stays native)
//   numeric     NUMERIC(p, s) (DECIMAL(p, s) stays native)
//   date        DATE
//   time        TIME
//   datetime    DATETIME      (TIMESTAMP stays native `timestamp`)
//   timestamptz TIMESTAMPTZ
//   json        JSON
//   uuid        UUID          (not CHAR(36): UUID reads back unambiguously; a hyphenated UUID is never
//                              taken for a number by the NUMERIC affinity it gets)
//   binary      BLOB
//   enum(a, b)  VARCHAR(longest value) plus a column CHECK ("col" IN ('a', 'b')), see enum_check.hpp
//   native      as written (lower-cased); a column declared without a type is the native type
//               with no name (models.yaml: `untyped`)
#include <string>
#include <string_view>

#include "schema/schema.hpp"
#include "schema/type.hpp"

namespace dbmig::dialect::sqlite {

// The declared type to write for `type`; "" for a native type with no name (a typeless column).
std::string declared_type(const schema::Type& type);

// Whether the column is the table's rowid alias, which SQLite numbers by itself: the single
// primary key column of a rowid table, declared INTEGER. An `integer` key always is one; a
// `bigint` or `smallint` key that autoincrements is declared INTEGER to be one (SQLite numbers
// only INTEGER PRIMARY KEY: under BIGINT an insert without an id would fail), and so reads back
// as `integer` (normalize maps it so on both sides of a comparison).
bool is_rowid_alias(const schema::Table& table, const schema::Column& column);

// The type a declared type stands for. Never an enumeration: that needs the column's CHECK.
schema::Type type_from_declared(std::string_view declared);

}  // namespace dbmig::dialect::sqlite
