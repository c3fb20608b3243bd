#include "dialect/mysql/mysql_quoting.hpp"

namespace dbmig::dialect::mysql {

std::string quote_identifier(std::string_view identifier) {
  std::string out = "`";
  for (const char c : identifier) {
    out += c;
    if (c == '`') out += '`';
  }
  return out + "`";
}

std::string quote_string(std::string_view value) {
  std::string out = "'";
  for (const char c : value) {
    out += c;
    if (c == '\'' || c == '\\') out += c;
  }
  return out + "'";
}

}  // namespace dbmig::dialect::mysql
