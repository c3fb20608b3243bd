#pragma once
// Which words SQLite reads as something other than a name when written bare.
#include <string_view>

namespace dbmig::dialect::sqlite {

// True for every SQLite keyword (https://www.sqlite.org/lang_keywords.html), asked of the linked
// SQLite library itself (sqlite3_keyword_check), so the list is always the one the database
// parses with; and for TRUE and FALSE, which SQLite reads bare as the values 1 and 0 when no
// column has that name. Case does not matter.
bool needs_quoting(std::string_view word);

}  // namespace dbmig::dialect::sqlite
