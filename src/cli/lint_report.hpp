#pragma once
// Linting revision files and showing the findings: what `dbmig lint` does, and what `dbmig check
// --lint` adds to its verdict for the pending revisions.
#include <vector>

#include "cli/context.hpp"
#include "lint/finding.hpp"
#include "revision/revision.hpp"
#include "util/json.hpp"

namespace dbmig::cli {

struct RevisionFindings {
  const revision::Revision* revision;
  std::vector<lint::Finding> findings;
};

struct LintReport {
  std::vector<RevisionFindings> revisions;  // in the order given
  int errors = 0;
  int warnings = 0;
};

// Reads each revision's file and lints its upgrade steps (lint::lint_revision) as the project
// runs them (dbmig.yaml `online`).
LintReport lint_revisions(Context& context, const std::vector<const revision::Revision*>& revisions);

// [{"rule", "severity", "revision", "file", "line", "column", "statement", "why", "safe_form"}]
util::Json::Array findings_json(const LintReport& report);

// Each finding as "file:line:col: error [rule] statement", then its why and safe form.
void print_findings(Context& context, const LintReport& report);

}  // namespace dbmig::cli
