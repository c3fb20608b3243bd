#pragma once
// One rebuild per table per revision. A revision that changes a SQLite table in several ways
// (autogenerate spreads them over its phases: drop a check, drop a column, alter another, add a
// check, ...) would rebuild the table once per step that ALTER TABLE cannot do, copying every row
// each time. The steps on such a table are gathered into the group of the first one that needs a
// rebuild, and carried out by one rebuild into the table's final shape.
//
// A later step joins the group only where moving it earlier cannot change what it does: the
// steps it moves past must be on other tables and must not involve the rebuilt table (a foreign
// key to it, a raw sql step, creating, dropping or renaming a table), and a foreign key it adds
// must not refer to a table those steps change. A step on the table that a rebuild cannot carry
// (renaming the table or one of its columns) ends the group; later steps start their own.
#include <cstddef>
#include <vector>

#include "ops/op.hpp"

namespace dbmig::dialect::sqlite {

// The steps' indexes in the groups they run in, in the order they run.
std::vector<std::vector<std::size_t>> group_rebuild_steps(const std::vector<ops::Op>& steps);

}  // namespace dbmig::dialect::sqlite
