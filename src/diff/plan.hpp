#pragma once
// The diff's working state: the ops found so far, kept per phase so that the upgrade runs them
// in an order the database accepts, and the warnings for the user.
#include <array>
#include <string>
#include <vector>

#include "diff/diff.hpp"

namespace dbmig::diff::detail {

// The phases of an upgrade, in the order they run. Downgrade runs the inverses backwards, so it
// passes through the same states and is valid whenever the upgrade is.
enum class Phase {
  rename_tables,      // renames first: everything after names things by their new names
  rename_columns,
  create_enums,       // named enum types, before the columns and tables that use them
  alter_enums,        // their values, before a default or column needs a new one
  drop_foreign_keys,  // before dropping what a foreign key points at
  drop_tables,        // referencing tables before the tables they refer to
  drop_indexes,
  drop_constraints,   // primary keys, unique and check constraints
  rename_constraints, // indexes and constraints whose name alone changed, once dropped names are free
  drop_columns,       // after the indexes and constraints built on them
  alter_tables,       // table comments
  add_columns,
  alter_columns,      // after add_columns, and before the constraints that need the new shape
  add_constraints,
  create_indexes,
  create_tables,      // after existing tables changed: a new table may refer to a key added above
  add_foreign_keys,   // every table, column and key a foreign key needs exists by now
  drop_enums,         // last: no column uses the type any more
  count
};

class Plan {
 public:
  void add(Phase phase, ops::Op op) { phases_[static_cast<std::size_t>(phase)].push_back(std::move(op)); }
  void warn(std::string warning) { warnings_.push_back(std::move(warning)); }
  const std::vector<ops::Op>& in(Phase phase) const { return phases_[static_cast<std::size_t>(phase)]; }

  // The upgrade in phase order; the downgrade is the inverse of each step, last step first.
  Result finish() &&;

 private:
  std::array<std::vector<ops::Op>, static_cast<std::size_t>(Phase::count)> phases_;
  std::vector<std::string> warnings_;
};

}  // namespace dbmig::diff::detail
