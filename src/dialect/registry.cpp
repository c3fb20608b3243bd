// The one place that knows every dialect: adding a dialect is one entry here plus its folder.
#include "dialect/registry.hpp"

#include "dialect/dialect.hpp"
#include "dialect/postgres/postgres_dialect.hpp"
#include "dialect/sqlite/sqlite_dialect.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace dbmig::dialect {

const std::vector<DialectEntry>& registered_dialects() {
  static const std::vector<DialectEntry> entries = {
      {"sqlite", {"sqlite"}, [] { return sqlite::make_sqlite_dialect(); }},
      {"postgresql", {"postgresql"}, [] { return postgres::make_postgres_dialect(); }},
  };
  return entries;
}

std::vector<std::string> dialect_names() {
  std::vector<std::string> names;
  for (const DialectEntry& entry : registered_dialects()) names.emplace_back(entry.name);
  return names;
}

std::unique_ptr<Dialect> make_dialect(const config::DatabaseUrl& url) {
  std::vector<std::string> schemes;
  for (const DialectEntry& entry : registered_dialects()) {
    for (std::string_view scheme : entry.schemes) {
      if (scheme == url.scheme) return entry.make();
      schemes.emplace_back(std::string(scheme) + "://");
    }
  }
  throw usage_error("unknown database URL scheme \"" + url.scheme + "\"", std::nullopt,
                    "use one of " + util::join(schemes, ", ") + ", e.g. sqlite:///path.db or postgresql://user@host/db");
}

}  // namespace dbmig::dialect
