#include "runtime/autogenerate.hpp"

#include "util/error.hpp"

namespace dbmig::runtime {

void refuse_dropping_every_table(const schema::Schema& desired, const schema::Schema& live,
                                 const AutogenerateOptions& options) {
  if (options.allow_empty_models || !desired.tables.empty() || live.tables.empty()) return;
  throw usage_error("the models declare no table while the database has " + std::to_string(live.tables.size()) +
                        ": the revision would drop every table and its rows",
                    std::nullopt,
                    "check that the models files are the ones you meant (`models:` in dbmig.yaml); if the database "
                    "really is to lose every table, run again with --allow-empty-models");
}

diff::Result autogenerate(const dialect::Dialect& dialect, schema::Schema desired, schema::Schema live,
                          const AutogenerateOptions& options) {
  refuse_dropping_every_table(desired, live, options);
  dialect.normalize(desired);
  dialect.normalize(live);
  return diff::compare(
      desired, live, [&dialect](schema::Schema& schema) { dialect.normalize(schema); }, options.naming);
}

}  // namespace dbmig::runtime
