#pragma once
// How MySQL/MariaDB quote names and text, shared by the renderer and type_sql (ENUM values).
#include <string>
#include <string_view>

#include "dialect/mysql/mysql_string_literal.hpp"

namespace dbmig::dialect::mysql {

// `name`, embedded backticks doubled. Backticks work whatever the sql_mode; double quotes quote
// names only under ANSI_QUOTES, and are strings otherwise.
std::string quote_identifier(std::string_view identifier);

// Text as a string literal: quote_string in mysql_string_literal.hpp (the form MariaDB prints).

}  // namespace dbmig::dialect::mysql
