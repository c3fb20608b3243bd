#pragma once
// The MySQL/MariaDB dialect (mysql:// and mariadb:// URLs).
#include <memory>

#include "dialect/dialect.hpp"

namespace dbmig::dialect::mysql {

std::unique_ptr<Dialect> make_mysql_dialect();

}  // namespace dbmig::dialect::mysql
