#include "dialect/keywords.hpp"

#include "dialect/common/identifier_quoting.hpp"
#include "dialect/postgres/postgres_keywords.hpp"
#include "dialect/sqlite/sqlite_keywords.hpp"

namespace dbmig::dialect {

bool needs_quotes_in_any_dialect(std::string_view name) {
  return !reads_same_bare(name, sqlite::needs_quoting) || !reads_same_bare(name, postgres::needs_quoting);
}

}  // namespace dbmig::dialect
