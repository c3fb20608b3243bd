#pragma once
// Autogenerate's core: desired Schema x live Schema -> ordered ops, both directions.
// Pure: no SQL, no database. Both schemas must already be normalised by the target dialect
// (Dialect::normalize) so that equal things compare equal.
// - Tables match by (schema, name), columns by name; a rename only ever comes from a
//   `renamed_from` hint (the old name present live, the new one not, and not kept in the model).
// - Indexes and constraints match by name where both sides have one, then by definition. Where
//   only the name differs, both sides are named, and the models' name is not merely the naming
//   convention's, it is renamed; otherwise a name-only difference is no change (SQLite reports no
//   constraint names; a table or column rename keeps the conventional names built on the old
//   ones). A changed index or constraint is dropped and created again.
// - Column order is not compared.
// - Upgrade order (diff/plan.hpp): renames, drop foreign keys, drop tables (referencing first;
//   a cycle is broken by dropping one of its keys first), drop indexes, constraints, columns,
//   then table comments, add and alter columns, add constraints, indexes, create tables
//   (referenced first; a cycle is closed by adding one of its keys afterwards), add foreign keys.
#include <functional>
#include <string>
#include <vector>

#include "ops/op.hpp"
#include "schema/naming.hpp"
#include "schema/schema.hpp"

namespace dbmig::diff {

struct Result {
  std::vector<ops::Op> upgrade;    // in an order the database accepts (FK dependencies respected)
  std::vector<ops::Op> downgrade;  // the exact inverse: reverse(op) of each upgrade op, last first
  std::vector<std::string> warnings;  // data-loss warnings, one line each, for stderr and the file
  bool empty() const { return upgrade.empty(); }
};

// `normalize` is the dialect's normalisation (Dialect::normalize), run again on the live schema
// once the renames are applied to it: a renamed column is spelt in double quotes inside
// expressions (see ops::detail::rename_column_in_expression), which the dialect may drop.
// `naming` is the convention the models were named by (dbmig.yaml), to tell the names it gives
// from the names the user wrote.
using Normalize = std::function<void(schema::Schema&)>;
Result compare(const schema::Schema& desired, const schema::Schema& live, const Normalize& normalize = {},
               const schema::NamingConvention& naming = {});

}  // namespace dbmig::diff
