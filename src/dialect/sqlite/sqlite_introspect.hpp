#pragma once
// Reading a SQLite database's tables into the schema model.
#include <string>
#include <vector>

#include "dialect/connection.hpp"
#include "schema/schema.hpp"

namespace dbmig::dialect::sqlite {

// Every user table of the database (not SQLite's own sqlite_* tables, not virtual tables, not
// those named in `ignore`), in name order, read in four catalog queries whatever the number of
// tables: tables (and their triggers), columns, indexes and foreign keys, each across all tables
// at once through SQLite's table-valued pragma functions joined with sqlite_schema.
//
// What the pragmas do not report is recovered from the stored CREATE TABLE / CREATE INDEX text
// (create_table_parser.hpp, create_index_parser.hpp): constraint names, CHECK expressions, index
// expressions and partial-index predicates. A constraint the SQL does not name (a table created by
// hand) gets an empty name; the diff matches primary keys, uniques and foreign keys by their
// columns, so an unnamed one still compares equal to the named one in the model.
//
// Triggers are kept as their CREATE TRIGGER text (schema::Trigger), for the table rebuild only.
// Not modelled, so not reported: generated (and hidden) columns, DESC/COLLATE in indexes, views. The result is as read, not normalised (see Dialect::normalize).
schema::Schema introspect_database(Connection& connection, const std::vector<std::string>& ignore);

}  // namespace dbmig::dialect::sqlite
