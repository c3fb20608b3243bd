#pragma once
// Linting one revision: its upgrade steps, in order, through the op rules and the raw SQL rules,
// each step's findings filtered by the ignore comments written at it. Pure: no database, no
// files; the caller hands the file's text (for the comments and the steps' own text).
#include <string_view>
#include <vector>

#include "lint/finding.hpp"
#include "revision/revision.hpp"

namespace dbmig::lint {

// Findings in step order. Only the upgrade steps are linted: a downgrade undoes a revision on
// purpose (dropping what the upgrade added), and is run when the application is rolled back.
// `online`: the project runs online (op_findings).
std::vector<Finding> lint_revision(const revision::Revision& revision, std::string_view file_text, bool online);

}  // namespace dbmig::lint
