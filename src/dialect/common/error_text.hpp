#pragma once
// Text for database errors, the same in every dialect.
#include <string>
#include <string_view>

namespace dbmig::dialect {

// Whitespace runs (newlines included) as one space, none at the ends: an error is one line.
std::string one_line(std::string_view text);

// The SQL as an error shows it: on one line and cut short, since the full text is in the
// revision file the error names.
std::string sql_for_message(std::string_view sql);

}  // namespace dbmig::dialect
