#pragma once
// What a SQLite table rebuild re-creates, worked out from the op and the schema just before it.
// No SQL here: rebuild_statements.cpp renders the plan.
//
// The table the op changes is re-created in its new shape (ops::apply on a copy of it). With
// foreign keys enforced (a revision without a transaction of its own, or a --single-transaction
// run: PRAGMA foreign_keys cannot change inside a transaction) so is, unchanged, every table whose
// foreign keys lead to it, directly or through other such tables: a referenced table cannot be
// dropped without SQLite first deleting its rows and running the referring tables' ON DELETE
// actions (CASCADE, SET NULL) on theirs. Re-creating the referring tables as well means every old
// table is dropped only after all tables referring to it. With foreign keys off (the revision's
// RevisionFrame, revision_frame.hpp) dropping does nothing to other tables, so the changed table
// is re-created alone and the tables referring to it directly are only checked afterwards.
#include <string>
#include <vector>

#include "ops/op.hpp"
#include "schema/schema.hpp"

namespace dbmig::dialect::sqlite {

// A column of a re-created table filled from the old table: the column of the same name.
struct CopiedColumn {
  std::string name;
  // NULL was allowed in the old column and is not in the new one: the rows are checked first, so
  // that a NULL is reported as such rather than as a failed copy.
  bool becomes_not_null = false;
};

struct RebuiltTable {
  schema::Table definition;          // as it is re-created: constraints, indexes and triggers
  std::string holding_name;          // the old table's name while its rows are copied out of it
  std::vector<CopiedColumn> copied;  // in the new column order; other columns take their default
  // NOT NULL columns with neither a default nor an old column to copy: only an empty table can
  // take them.
  std::vector<std::string> required_without_values;
};

struct RebuildPlan {
  // The table the op changes first, then (foreign keys on) the tables referring to it, each after
  // the tables it refers to (where foreign keys form a cycle, in the order they were found).
  std::vector<RebuiltTable> tables;
  // Foreign keys off: the tables referring directly to the changed one, left as they are, whose
  // foreign keys are checked once it has been re-created (its key columns may have changed).
  std::vector<std::string> checked_referrers;
  bool foreign_keys_off = false;
};

// Throws dbmig::Error (usage) when the op names a table or column `before` lacks, and when it
// drops a column that an index, check, trigger or another table's foreign key still uses (the
// revision must drop those first, so that nothing is dropped silently).
RebuildPlan plan_rebuild(const ops::Op& op, const schema::Schema& before, bool foreign_keys_off = false);
// One rebuild carrying out several steps on the same table, in order (rebuild_groups.hpp): the
// table goes from its shape in `before` to its shape after the last step, its rows copied once.
RebuildPlan plan_rebuild(const std::vector<const ops::Op*>& steps, const schema::Schema& before,
                         bool foreign_keys_off = false);

// "_dbmig_old_<table>": the name the old table is moved to during a rebuild.
std::string holding_name_for(std::string_view table);

}  // namespace dbmig::dialect::sqlite
