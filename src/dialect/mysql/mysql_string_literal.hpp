#pragma once
// MySQL/MariaDB string literals. Unlike standard SQL, a backslash escapes the next character
// inside '...' (unless the server runs with NO_BACKSLASH_ESCAPES, which dbmig does not support),
// and the server prints literals back with both escapes: 'it''s', 'a\\b'. ENUM and SET values
// in COLUMN_TYPE, defaults in COLUMN_DEFAULT and strings in CHECK_CLAUSE are all written so.
#include <string>
#include <string_view>

namespace dbmig::dialect::mysql {

// The characters a quoted literal stands for: 'it''s' and 'it\'s' -> it's, 'a\\b' -> a\b,
// '\n' -> a newline. `quoted` includes its quotes (' or "); an unterminated literal reads to its
// end.
std::string string_content(std::string_view quoted);

// The literal MariaDB prints for these characters: in single quotes, a quote doubled, a
// backslash doubled, NUL, newline, carriage return and Ctrl-Z as \0, \n, \r, \Z.
std::string quote_string(std::string_view content);

}  // namespace dbmig::dialect::mysql
