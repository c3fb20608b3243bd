#pragma once
// The SQLite dialect (sqlite:///path.db URLs).
#include <memory>

#include "dialect/dialect.hpp"

namespace dbmig::dialect::sqlite {

std::unique_ptr<Dialect> make_sqlite_dialect();

}  // namespace dbmig::dialect::sqlite
