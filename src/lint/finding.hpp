#pragma once
// What `dbmig lint` reports: one finding per dangerous step (or statement of a raw sql step).
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace dbmig::lint {

// An error makes `dbmig lint` exit 1; a warning is reported and the exit stays 0.
enum class Severity { warning, error };

std::string_view severity_name(Severity severity);  // "warning" / "error"

struct Finding {
  std::string rule;       // a rule id of rule_catalog.hpp, e.g. "index-not-concurrent"
  Severity severity = Severity::error;
  Location where;         // the step in the revision file
  std::string statement;  // the step as written, or the SQL statement of a raw sql step
  std::string why;        // what goes wrong on a live PostgreSQL database, with the lock it takes
  std::string safe_form;  // what to write instead
};

}  // namespace dbmig::lint
