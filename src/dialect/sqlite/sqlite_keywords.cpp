#include "dialect/sqlite/sqlite_keywords.hpp"

#include <sqlite3.h>

#include "dialect/common/sql_tokens.hpp"

namespace dbmig::dialect::sqlite {

bool needs_quoting(std::string_view word) {
  if (equals_ignoring_case(word, "true") || equals_ignoring_case(word, "false")) return true;
  // The longest SQLite keyword (CURRENT_TIMESTAMP) has 17 characters.
  if (word.empty() || word.size() > 32) return false;
  return sqlite3_keyword_check(word.data(), static_cast<int>(word.size())) != 0;
}

}  // namespace dbmig::dialect::sqlite
