#pragma once
// Column defaults on SQLite. A model writes a default as SQL text ("0", "'user'",
// "CURRENT_TIMESTAMP", "1 + 2"); SQLite accepts literals bare after DEFAULT but needs any other
// expression in parentheses, and reports the text back (pragma dflt_value) without them.
#include <optional>
#include <string>
#include <string_view>

namespace dbmig::dialect::sqlite {

// A default SQLite accepts without parentheses: a string or blob literal, a number with an
// optional sign, NULL, TRUE, FALSE, CURRENT_TIME, CURRENT_DATE or CURRENT_TIMESTAMP (parentheses
// wrapping the whole text are looked through: "(0)" is the literal 0).
bool is_literal_default(std::string_view default_sql);

// A default ALTER TABLE ADD COLUMN accepts: a literal other than CURRENT_TIME/DATE/TIMESTAMP.
bool is_constant_default(std::string_view default_sql);

// The comparable form of a default: expression spacing normalised, wrapping parentheses removed,
// the keywords NULL, TRUE, FALSE and CURRENT_* upper-cased; numbers and strings kept as written
// ("0" and "0.0" stay different). A NULL default is no default: nullopt.
std::optional<std::string> normalize_default(std::string_view default_sql);

}  // namespace dbmig::dialect::sqlite
