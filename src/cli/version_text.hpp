#pragma once
// What `dbmig --version` and `dbmig version` print: dbmig's version, the commit it was built from,
// and the version of each dialect's client library (or that it is not installed).
#include <string>

#include "util/json.hpp"

namespace dbmig::cli {

std::string version_text();
util::Json version_json();

}  // namespace dbmig::cli
