#pragma once
// Which words MySQL/MariaDB reads as something other than a name when written bare.
#include <string_view>

namespace dbmig::dialect::mysql {

// True for MariaDB's (and MySQL's) reserved words, which must be quoted (`order`) to name a
// column. Compared in lower case: MySQL keywords and column names ignore case.
bool needs_quoting(std::string_view lower_case_word);

}  // namespace dbmig::dialect::mysql
