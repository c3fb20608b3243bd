#pragma once
// Autogenerate's core: desired Schema x live Schema -> ordered ops, both directions.
// Pure: no SQL, no database. Both schemas must already be normalised by the target dialect
// (Dialect::normalize) so that equal things compare equal.
#include <string>
#include <vector>

#include "ops/op.hpp"
#include "schema/schema.hpp"

namespace dbmig::diff {

struct Result {
  std::vector<ops::Op> upgrade;    // in an order the database accepts (FK dependencies respected)
  std::vector<ops::Op> downgrade;  // the exact inverse: reverse(op) of each upgrade op, last first
  std::vector<std::string> warnings;  // data-loss warnings, one line each, for stderr and the file
  bool empty() const { return upgrade.empty(); }
};

Result compare(const schema::Schema& desired, const schema::Schema& live);

}  // namespace dbmig::diff
