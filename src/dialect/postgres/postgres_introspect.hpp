#pragma once
// Reading a PostgreSQL database's tables into the schema model.
#include <string>
#include <vector>

#include "dialect/connection.hpp"
#include "schema/schema.hpp"

namespace dbmig::dialect::postgres {

// Every table of the connection's current schema (the first on its search_path: "public" unless
// the URL or the role says otherwise), reported with an empty Table::schema, and of each schema in
// `schemas`, reported with its name; tables named in `ignore` (the version tables) are left out of
// the current schema. Read in five catalog queries whatever the number of tables
// (catalog_queries.hpp).
//
// What is read: columns with their types (enum columns as enum(...) with the type's values in
// order), NOT NULL, defaults, comments; identity and serial columns as autoincrement of their
// kind (identity, always, serial: a nextval() default of a sequence the column owns, which is
// then not reported as a default); primary key, unique, foreign key and check
// constraints with their names; indexes other than those of constraints, with expressions and
// predicates. Not modelled, so not reported: generated columns, exclusion constraints, index
// methods, sort orders and INCLUDE columns, partitions, views, triggers. The result is as read,
// not normalised (see Dialect::normalize).
schema::Schema introspect_database(Connection& connection, const std::vector<std::string>& ignore,
                                   const std::vector<std::string>& schemas = {});

}  // namespace dbmig::dialect::postgres
