#pragma once
// Autogenerate: the declared schema against the live one, both first normalised by the dialect
// so that spellings the database changes (types, defaults) do not show up as differences.
#include "diff/diff.hpp"
#include "dialect/dialect.hpp"

namespace dbmig::runtime {

struct AutogenerateOptions {
  // The models declare no table on purpose (`tables: {}`): a revision dropping every table of the
  // database is what the user wants. Without it such a comparison is refused.
  bool allow_empty_models = false;
  // The naming convention the models were read with (dbmig.yaml): a name it gives is not worth a
  // rename (diff::compare).
  schema::NamingConvention naming;
};

// Throws a usage error when `desired` has no table while `live` has some, unless allowed: an
// emptied or truncated models file must not turn into a revision that drops everything.
void refuse_dropping_every_table(const schema::Schema& desired, const schema::Schema& live,
                                 const AutogenerateOptions& options);

diff::Result autogenerate(const dialect::Dialect& dialect, schema::Schema desired, schema::Schema live,
                          const AutogenerateOptions& options = {});

}  // namespace dbmig::runtime
