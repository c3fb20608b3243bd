#include "lint/volatile_default.hpp"

#include <algorithm>
#include <array>

#include "dialect/common/sql_tokens.hpp"

namespace dbmig::lint {

namespace {

// Built-in and extension functions marked VOLATILE that people use as defaults. now(),
// current_timestamp and friends are STABLE (one value per transaction) and need no rewrite.
constexpr std::array volatile_functions{
    "random",          "gen_random_uuid",    "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
    "clock_timestamp", "statement_timestamp", "timeofday",        "nextval",            "txid_current",
};

}  // namespace

bool calls_volatile_function(std::string_view default_sql) {
  const auto tokens = dialect::tokenize(default_sql, dialect::Brackets::punctuation);
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (!tokens[i + 1].is('(')) continue;
    const bool is_volatile = std::any_of(volatile_functions.begin(), volatile_functions.end(),
                                         [&](const char* name) { return tokens[i].is_keyword(name); });
    if (is_volatile) return true;
  }
  return false;
}

}  // namespace dbmig::lint
