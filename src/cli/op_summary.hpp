#pragma once
// One human line per op, for `migrate` and `check` output: "create table posts",
// "alter column users.email (type string(120) -> string(200))".
#include <string>

#include "ops/op.hpp"

namespace dbmig::cli {

std::string summarize(const ops::Op& op);

}  // namespace dbmig::cli
