#pragma once
// The catalog queries that introspection runs: five, whatever the number of tables, each reading
// one kind of object for every table at once. All take one parameter, $1: a text[] of schemas to
// read besides the connection's current_schema() (the first schema on its search_path).
//
// Tables are ordinary and partitioned tables (relkind r, p), not partitions, views, foreign or
// system tables. Result columns are listed with each query; booleans read as "t"/"f".
#include <string>
#include <vector>

#include "dialect/connection.hpp"

namespace dbmig::dialect::postgres::catalog {

// oid, schema, name, in current schema, comment, unlogged; ordered by schema (current first) and name.
Statement tables(const std::vector<std::string>& schemas);
// table oid, name, format_type(), NOT NULL, default (pg_get_expr), identity (attidentity),
// serial (a sequence owned by the column), enum type oid (or NULL), comment; in column order.
// Dropped and generated columns are left out.
Statement columns(const std::vector<std::string>& schemas);
// Enum types: oid, schema, name, in the current schema, label (NULL for a type without values),
// each type's labels in its order. The types the tables' columns use, and every other enum type
// of the schemas read that no extension owns.
Statement enum_types(const std::vector<std::string>& schemas);
// One row per constraint column: table oid, name, type (p, u, f, c), column, referred column,
// referred schema, referred table, referred schema is the table's own, on delete, on update
// (confdeltype / confupdtype codes), check expression, deferrable, initially deferred, nulls not
// distinct (unique, PostgreSQL 15+), no inherit (check); ordered by table, name, column position.
// A check without columns has one row with NULL columns.
Statement constraints(const std::vector<std::string>& schemas);
// One row per index column: table oid, index name, unique, column (NULL for an expression),
// expression (pg_get_indexdef of the key), predicate, is an INCLUDE column, access method,
// indoption (1 DESC, 2 NULLS FIRST), collation if not the default, operator class if not the
// default, nulls not distinct (PostgreSQL 15+); ordered by table, index name, position.
// Indexes that implement a primary key, unique or exclusion constraint are left out: they are
// reported as those constraints.
Statement indexes(const std::vector<std::string>& schemas);

}  // namespace dbmig::dialect::postgres::catalog
