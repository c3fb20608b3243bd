#pragma once
// The frame of a SQLite revision that rebuilds a table (Dialect::revision_frame): foreign keys
// off around its transaction, as SQLite's documented rebuild procedure has it, so that only the
// changed table is copied and not every table referring to it (rebuild_plan.hpp).
#include <vector>

#include "dialect/dialect.hpp"
#include "ops/op.hpp"

namespace dbmig::dialect::sqlite {

// Empty for a revision without a rebuild. Otherwise
//
//   PRAGMA foreign_keys = OFF        before BEGIN (inside a transaction it does nothing)
//   ... the steps, rebuilds rendered knowing foreign keys are off (foreign_keys_off) ...
//   SELECT ... FROM pragma_foreign_key_check LIMIT 1   before COMMIT, when a step may break a
//                                                       foreign key it does not check itself
//   PRAGMA foreign_keys = ON         after COMMIT or ROLLBACK
//
// A rebuild checks the keys it may break (the rebuilt table's and those referring to it), naming
// its step. Other steps run unenforced too (an ON DELETE action does not fire, a row may refer to
// nothing): unless every step is a rebuild or cannot break a key (create_table, create_index,
// drop_index, rename_column, set_table_comment), every key of the database is checked before
// COMMIT, and a violation rolls the revision back.
RevisionFrame rebuild_frame(const std::vector<ops::Op>& steps);

// Just the PRAGMAs turning foreign keys off and on again, with the session state that says so.
RevisionFrame foreign_keys_off_frame();

// Whether the op being rendered runs in a frame that turned foreign keys off.
bool foreign_keys_off(const RenderContext& context);

}  // namespace dbmig::dialect::sqlite
