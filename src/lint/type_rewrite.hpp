#pragma once
// Whether PostgreSQL rewrites a table to change a column's type. ALTER COLUMN ... TYPE always
// takes ACCESS EXCLUSIVE; it is over in a moment only when the old and new types are
// binary-compatible, so that no row has to be read or written again: a varchar made longer or
// unbounded, varchar to text, a numeric given more precision at the same scale. Everything else
// (integer -> bigint, text -> integer, a shorter varchar) reads every row and writes the table
// and its indexes anew while readers and writers wait.
#include "schema/type.hpp"

namespace dbmig::lint {

bool type_change_rewrites_table(const schema::Type& from, const schema::Type& to);

}  // namespace dbmig::lint
