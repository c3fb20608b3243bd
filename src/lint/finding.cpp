#include "lint/finding.hpp"

namespace dbmig::lint {

std::string_view severity_name(Severity severity) { return severity == Severity::error ? "error" : "warning"; }

}  // namespace dbmig::lint
