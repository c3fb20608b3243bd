// Fuzz target: the raw SQL rules of `dbmig lint` (lint/sql_rules.hpp), which read hand-written,
// possibly half-finished SQL of `sql:` steps statement by statement, dollar-quoted bodies
// included. Checks what the report relies on: every finding names a rule of the catalog with its
// severity, and says what it is, why and what to write instead.
#include "fuzz_support.hpp"
#include "lint/rule_catalog.hpp"
#include "lint/sql_rules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dbmig;
  using dbmig::fuzz::require;
  lint::NewTables new_tables;
  for (const lint::Finding& finding :
       lint::sql_findings(fuzz::text_of(data, size), new_tables, Location{"fuzz.yaml", 1, 1}, "")) {
    const lint::Rule* rule = lint::find_rule(finding.rule);
    require(rule != nullptr && rule->severity == finding.severity, "a finding names a catalog rule, with its severity");
    require(!finding.statement.empty() && !finding.why.empty() && !finding.safe_form.empty(),
            "a finding has its statement, why and safe form");
  }
  return 0;
}
