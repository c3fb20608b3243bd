#pragma once
// Reading a MySQL/MariaDB database's tables into the schema model.
#include <string>
#include <vector>

#include "dialect/connection.hpp"
#include "schema/schema.hpp"

namespace dbmig::dialect::mysql {

// Every base table of the connection's current database (the URL's), reported with an empty
// Table::schema (Schema::unqualified_schema is the database's name); tables named in `ignore`
// (the version tables) are left out. Read in five information_schema queries whatever the number
// of tables (mysql_catalog_queries.hpp).
//
// What each MySQL feature becomes:
//  - COLUMN_TYPE through read_type (mysql_types.hpp); MariaDB's JSON (longtext with a
//    json_valid(`col`) check named after the column) reads as json, without that check or the
//    utf8mb4_bin collation it forces;
//  - AUTO_INCREMENT is autoincrement (kind identity: MySQL has one way); VIRTUAL / STORED
//    generated columns are Column::generated;
//  - COLUMN_DEFAULT as printed ('abc', 0, current_timestamp()); NULL, which MariaDB prints for a
//    nullable column without a default, is no default;
//  - a column's collation when it is not its table's default; comments, an empty one as none;
//  - the PRIMARY index is the primary key (unnamed: MySQL calls every one PRIMARY);
//  - a unique BTREE index on whole columns in ascending order is a unique constraint (MySQL
//    makes UNIQUE constraints exactly so); any other index is an Index: FULLTEXT and SPATIAL
//    as method "fulltext" / "spatial", HASH as "hash", descending columns as descending terms;
//  - the index InnoDB adds for a foreign key that has none, named after the key and on its
//    columns, is left out: the foreign key stands for it;
//  - foreign keys with their actions; a referred table in another database names it
//    (referred_schema);
//  - check constraints, column-level ones named after their column as MariaDB names them.
// Lost, for the model has no place for them: index prefix lengths (name(10) reads as name, so a
// prefix index compares equal to one on the whole column, and a unique one is a unique Index
// rather than a constraint), ON UPDATE CURRENT_TIMESTAMP, INVISIBLE, character sets (collations
// are kept), table engines, collations and options, partitions, views, triggers.
// The result is as read, not normalised (normalize_schema).
schema::Schema introspect_database(Connection& connection, const std::vector<std::string>& ignore);

}  // namespace dbmig::dialect::mysql
