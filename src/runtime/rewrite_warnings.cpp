#include "runtime/rewrite_warnings.hpp"

#include "lint/new_tables.hpp"
#include "lint/op_rules.hpp"

namespace dbmig::runtime {

namespace {

// 2000000 -> "2,000,000".
std::string with_thousands(long long value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
  return value < 0 ? "-" + digits : digits;
}

std::string size_of(const std::optional<long long>& rows) {
  if (!rows) return "its row count is unknown (never analysed)";
  return "about " + with_thousands(*rows) + " row" + (*rows == 1 ? "" : "s") + " by the planner's estimate";
}

}  // namespace

std::vector<std::string> table_rewrite_warnings(const std::vector<ops::Op>& upgrade, const EstimateRows& estimate_rows) {
  std::vector<std::string> warnings;
  lint::NewTables new_tables;
  // online: the forms dbmig writes online anyway are not what this warns of; rewrites have none.
  constexpr bool online = true;
  for (std::size_t step = 0; step < upgrade.size(); ++step) {
    const ops::Op& op = upgrade[step];
    const auto findings = lint::op_findings(op, new_tables, Location{}, std::string(), online);
    for (const auto& finding : findings) {
      if (finding.rule != "table-rewrite") continue;
      const auto table = ops::table_of(op);
      std::string warning = "step " + std::to_string(step + 1) + " (" + ops::kind_name(op) + "): " + finding.why;
      if (table) {
        std::optional<long long> rows;
        if (estimate_rows) rows = estimate_rows(*table);
        warning += " (" + lint::shown_table(*table) + ": " + size_of(rows) + ")";
      }
      warnings.push_back(warning + "; to keep it available instead: " + finding.safe_form);
    }
  }
  return warnings;
}

}  // namespace dbmig::runtime
