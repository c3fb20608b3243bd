// The one place that knows every dialect: a URL scheme -> its Dialect. Adding a dialect is one
// line here plus its folder.
#include "dialect/dialect.hpp"
#include "dialect/postgres/postgres_dialect.hpp"
#include "dialect/sqlite/sqlite_dialect.hpp"
#include "util/error.hpp"

namespace dbmig::dialect {

std::unique_ptr<Dialect> make_dialect(const config::DatabaseUrl& url) {
  if (url.scheme == "sqlite") return sqlite::make_sqlite_dialect();
  if (url.scheme == "postgresql") return postgres::make_postgres_dialect();
  throw usage_error("unknown database URL scheme \"" + url.scheme + "\"", std::nullopt,
                    "use sqlite:///path.db or postgresql://user@host/db");
}

}  // namespace dbmig::dialect
