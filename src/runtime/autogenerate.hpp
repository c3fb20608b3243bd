#pragma once
// Autogenerate: the declared schema against the live one, both first normalised by the dialect
// so that spellings the database changes (types, defaults) do not show up as differences.
#include "diff/diff.hpp"
#include "dialect/dialect.hpp"

namespace dbmig::runtime {

diff::Result autogenerate(const dialect::Dialect& dialect, schema::Schema desired, schema::Schema live);

}  // namespace dbmig::runtime
