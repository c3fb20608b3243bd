#pragma once
// Bringing a schema into the form SQLite stores and reports back, so that a model and its own
// introspection compare equal (Dialect::normalize for SQLite).
#include "schema/schema.hpp"

namespace dbmig::dialect::sqlite {

// Applied to the desired and the live schema alike. The rules, each because SQLite...
//  - ...has one schema per database: table and referred-table schema names are cleared.
//  - ...cannot store comments: table and column comments are dropped.
//  - ...keeps declared types as text: a native type that is a spelling of a generic one
//    ("varchar(20)", "int") becomes that generic type; other native names are lower-cased with
//    spacing normalised (see sqlite_types.hpp for the table).
//  - ...makes primary key columns NOT NULL in effect: they are marked not nullable.
//  - ...assigns a single INTEGER primary key itself (the rowid alias) and nothing else:
//    autoincrement is true exactly for that column.
//  - ...reports defaults as text without wrapping parentheses: defaults are normalised by
//    default_value.hpp (spacing, outer parentheses, keyword case; DEFAULT NULL is no default).
//  - ...lets REFERENCES omit the columns, meaning the referred table's primary key: omitted
//    referred columns are filled in from that key when the referred table is in the schema.
//  - ...returns CHECK, index and partial-index expressions as written: their spacing and wrapping
//    parentheses are normalised (sqlite_expression.hpp).
//  - ...reports constraints in catalog order, not declared order: indexes, uniques, foreign keys
//    and checks are sorted (by name, then content) so that order never makes a difference.
// Table and column order and `renamed_from` hints are kept.
void normalize_schema(schema::Schema& schema);

}  // namespace dbmig::dialect::sqlite
