#pragma once
// Every rule `dbmig lint` knows, with its severity, in one table: op rules and raw SQL rules share
// ids (a CREATE INDEX in a sql step is the same danger as a create_index step), ignore comments
// are checked against it, and docs/online-migrations.md has one section per entry.
#include <span>
#include <string>
#include <string_view>

#include "lint/finding.hpp"

namespace dbmig::lint {

struct Rule {
  std::string_view id;  // stable, kebab-case: ignore comments and scripts name it
  Severity severity;
  std::string_view catches;  // one line, for messages
};

std::span<const Rule> all_rules();
// The rule with this id; nullptr for none.
const Rule* find_rule(std::string_view id);

// A finding of the rule `rule_id` (which must be in the table), its severity taken from there.
Finding make_finding(std::string_view rule_id, Location where, std::string statement, std::string why,
                     std::string safe_form);

}  // namespace dbmig::lint
