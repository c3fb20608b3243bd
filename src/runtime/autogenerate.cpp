#include "runtime/autogenerate.hpp"

namespace dbmig::runtime {

diff::Result autogenerate(const dialect::Dialect& dialect, schema::Schema desired, schema::Schema live) {
  dialect.normalize(desired);
  dialect.normalize(live);
  return diff::compare(desired, live, [&dialect](schema::Schema& schema) { dialect.normalize(schema); });
}

}  // namespace dbmig::runtime
