#pragma once
// Bringing a schema into the form PostgreSQL stores and reports back, so that a model and its own
// introspection compare equal (Dialect::normalize for PostgreSQL).
#include "schema/schema.hpp"

namespace dbmig::dialect::postgres {

// Applied to the desired and the live schema alike. The rules, each because PostgreSQL...
//  - ...reports types in its own spelling: a native type that spells a generic one (int4,
//    character varying(20), timestamp without time zone, float8...) becomes that generic type;
//    other native types take format_type()'s spelling (postgres_types.hpp). numeric(p) is
//    numeric(p, 0).
//  - ...has no serial type: serial, bigserial and smallserial become integer, bigint and smallint
//    with autoincrement: serial. Autoincrement applies to integer types only, and makes the
//    column NOT NULL (identity and serial columns both are).
//  - ...prints defaults and expressions its own way: defaults, CHECK bodies, index expressions
//    and predicates are put in canonical form (postgres_expression.hpp); a quoted constant
//    default takes its column's type ('0' on an integer column is 0); DEFAULT NULL is no
//    default; an autoincrement column has no default. An integer constant cast to numeric by
//    hand ((1)::numeric) keeps its cast (1::numeric): the server stores it apart from 1.
//  - ...makes primary key columns NOT NULL: they are marked not nullable.
//  - ...lets REFERENCES omit the columns, meaning the referred table's primary key: omitted
//    referred columns are filled in from that key when the referred table is in the schema.
//  - ...reports constraints in catalog order: indexes, uniques, foreign keys and checks are
//    sorted by name, so that order never makes a difference.
// Comments and schemas are kept: PostgreSQL stores both.
void normalize_schema(schema::Schema& schema);

}  // namespace dbmig::dialect::postgres
