#pragma once
// Bringing a schema into the form MySQL/MariaDB stores and reports back, so that a model and its
// own introspection compare equal (Dialect::normalize for MySQL).
#include "schema/schema.hpp"

namespace dbmig::dialect::mysql {

// Applied to the desired and the live schema alike. The rules, each because MySQL...
//  - ...has databases, not schemas: a table or referred schema equal to the current database
//    (Schema::unqualified_schema, when known) is cleared;
//  - ...reports types in COLUMN_TYPE's spelling: a native type that spells a generic one
//    (int(11), varchar(20), bool, decimal(10)) becomes that generic type, others take that
//    spelling (mysql_types.hpp); numeric without precision is decimal(10, 0);
//  - ...has no named types: a named enum's column is an inline enum, Schema::enums is cleared;
//  - ...names every primary key PRIMARY: primary key names are cleared; its columns NOT NULL;
//  - ...has one kind of autoincrement (AUTO_INCREMENT, which implies NOT NULL and no default):
//    serial and identity are it; `always` (inserts may not give a value) is refused;
//  - ...converts defaults to the column's type and prints expressions its own way: defaults,
//    checks and generated columns are in canonical form (mysql_expression.hpp); DEFAULT NULL is
//    no default; a generated column has none;
//  - ...cannot store an empty comment apart from none, and ignores case in collation names;
//    JSON forces utf8mb4_bin, so a json column has no collation of its own;
//  - ...makes a UNIQUE constraint a unique index: a unique BTREE index on plain columns is a
//    unique constraint (as introspection reports it);
//  - ...treats NO ACTION as RESTRICT (InnoDB checks both at once) and reports RESTRICT for a
//    foreign key written without an action: both are no_action;
//  - ...lets REFERENCES omit the columns, meaning the referred table's primary key: omitted
//    referred columns are filled in from that key when the referred table is in the schema;
//  - ...reports constraints in name order: indexes, uniques, foreign keys and checks are sorted
//    by name.
// PostgreSQL-only settings (partial indexes, INCLUDE, NULLS NOT DISTINCT, DEFERRABLE) are kept,
// so that a model asking for them differs from any MySQL database rather than passing silently.
void normalize_schema(schema::Schema& schema);

}  // namespace dbmig::dialect::mysql
