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

}  // namespace dbmig::dialect::mysql
