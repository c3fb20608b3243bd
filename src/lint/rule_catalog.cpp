#include "lint/rule_catalog.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace dbmig::lint {

namespace {

// Severities: an error blocks reads or writes of a table that already has rows for longer than a
// moment, loses data, or breaks the application code running while the revision is applied (a
// renamed or dropped column is gone for every old process at once). A warning is a problem with
// the lint comments themselves.
constexpr std::array rules{
    Rule{"index-not-concurrent", Severity::error, "an index built without CONCURRENTLY on an existing table"},
    Rule{"drop-index-not-concurrent", Severity::error, "an index dropped without CONCURRENTLY"},
    Rule{"constraint-not-not-valid", Severity::error,
         "a foreign key or check added to an existing table without NOT VALID"},
    Rule{"unique-not-using-index", Severity::error,
         "a unique constraint or primary key added to an existing table without USING INDEX"},
    Rule{"table-rewrite", Severity::error,
         "a change that rewrites an existing table (a type change that is not binary-compatible, a column "
         "with a volatile default, identity or stored generated value)"},
    Rule{"set-not-null", Severity::error, "SET NOT NULL on a column of an existing table"},
    Rule{"type-narrowing", Severity::error, "a column type that holds less than before"},
    Rule{"enum-value-removed", Severity::error, "an enum type losing values"},
    Rule{"drop-table", Severity::error, "a table dropped"},
    Rule{"drop-column", Severity::error, "a column dropped"},
    Rule{"truncate", Severity::error, "TRUNCATE"},
    Rule{"rename-table", Severity::error, "a table renamed"},
    Rule{"rename-column", Severity::error, "a column renamed"},
    Rule{"lock-table", Severity::error, "an explicit LOCK TABLE"},
    Rule{"vacuum-full", Severity::error, "VACUUM FULL"},
    Rule{"cluster", Severity::error, "CLUSTER"},
    Rule{"reindex-not-concurrent", Severity::error, "REINDEX without CONCURRENTLY"},
    Rule{"ignore-without-reason", Severity::warning, "a dbmig-lint ignore comment that gives no reason"},
    Rule{"ignore-unknown-rule", Severity::warning, "a dbmig-lint ignore comment naming no known rule"},
};

}  // namespace

std::span<const Rule> all_rules() { return rules; }

const Rule* find_rule(std::string_view id) {
  const auto found = std::find_if(rules.begin(), rules.end(), [&](const Rule& rule) { return rule.id == id; });
  return found == rules.end() ? nullptr : &*found;
}

Finding make_finding(std::string_view rule_id, Location where, std::string statement, std::string why,
                     std::string safe_form) {
  const Rule* rule = find_rule(rule_id);
  // A misspelt id in our own code, not in user input: fail loudly in tests.
  if (!rule) throw std::logic_error("lint rule '" + std::string(rule_id) + "' is not in the rule catalog");
  return Finding{std::string(rule->id), rule->severity, std::move(where), std::move(statement), std::move(why),
                 std::move(safe_form)};
}

}  // namespace dbmig::lint
