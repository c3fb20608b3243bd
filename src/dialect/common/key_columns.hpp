#pragma once
// Key-column facts both normalizers need: whether a column is part of its table's primary key
// (such columns are NOT NULL on PostgreSQL and in a SQLite WITHOUT ROWID table), and the columns
// a foreign key written without them refers to (the referred table's primary key, as the
// database fills them in).
#include <string_view>

#include "schema/schema.hpp"

namespace dbmig::dialect {

bool in_primary_key(const schema::Table& table, std::string_view column);

// Gives each foreign key without referred columns its referred table's primary-key columns. The
// referred table is looked up in the foreign key's referred schema, else its own table's schema.
void fill_referred_columns(schema::Schema& schema);

}  // namespace dbmig::dialect
