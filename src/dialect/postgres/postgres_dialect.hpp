#pragma once
// The PostgreSQL dialect (postgresql:// and postgres:// URLs).
#include <memory>

#include "dialect/dialect.hpp"

namespace dbmig::dialect::postgres {

std::unique_ptr<Dialect> make_postgres_dialect();

}  // namespace dbmig::dialect::postgres
