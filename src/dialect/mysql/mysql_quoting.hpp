#pragma once
// How MySQL/MariaDB quote names and text, shared by the renderer and type_sql (ENUM values).
#include <string>
#include <string_view>

namespace dbmig::dialect::mysql {

// `name`, embedded backticks doubled. Backticks work whatever the sql_mode; double quotes quote
// names only under ANSI_QUOTES, and are strings otherwise.
std::string quote_identifier(std::string_view identifier);

// 'text', embedded single quotes and backslashes doubled: in the default sql_mode (no
// NO_BACKSLASH_ESCAPES) a backslash starts an escape inside a string literal, so 'C:\new' would
// hold a newline. Under NO_BACKSLASH_ESCAPES a doubled backslash would stay two: that sql_mode
// is not supported.
std::string quote_string(std::string_view value);

}  // namespace dbmig::dialect::mysql
