#include "dialect/mysql/mysql_quoting.hpp"

#include "dialect/sql_renderer.hpp"

namespace dbmig::dialect::mysql {

std::string quote_identifier(std::string_view identifier) { return quoted_with(identifier, '`'); }

}  // namespace dbmig::dialect::mysql
